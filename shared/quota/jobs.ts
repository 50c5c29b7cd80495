/**
 * Ownership of training-job log folders (logs/training/{jobId}/): the first user to ask for a
 * job's log upload URL becomes its owner (conditional create), everyone else is refused.
 */
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { JobOwnerRow, RowStore } from './rows.ts';

export interface JobOwners {
  /** The owner of `jobId`, claiming it for `userId` when nobody owns it yet. */
  claim(jobId: string, userId: string): Promise<string>;
  owner(jobId: string): Promise<string | undefined>;
}

export function createJobOwners(jobs: RowStore<JobOwnerRow>, now: () => number = Date.now): JobOwners {
  return {
    async claim(jobId, userId) {
      for (let i = 0; i < 5; i++) {
        const cur = await jobs.get(jobId);
        if (cur) return cur.value.userId;
        if (await jobs.putIf(jobId, { jobId, userId, createdAt: now() }, null)) return userId;
      }
      const cur = await jobs.get(jobId);
      if (!cur) throw new Error(`job owner record of ${jobId} could not be written`);
      return cur.value.userId;
    },
    async owner(jobId) {
      return (await jobs.get(jobId))?.value.userId;
    },
  };
}

/** Throws FORBIDDEN unless `userId` owns the job's logs (admins pass); NOT_FOUND when nobody does. */
export async function requireJobAccess(owners: JobOwners, jobId: string, caller: { userId: string; isAdmin: boolean }): Promise<string> {
  const owner = await owners.owner(jobId);
  if (owner === undefined) {
    if (caller.isAdmin) throw new NotFoundError(`training job ${jobId} has no logs`);
    throw new ForbiddenError(`training job ${jobId} logs belong to another user`);
  }
  if (owner !== caller.userId && !caller.isAdmin) throw new ForbiddenError(`training job ${jobId} logs belong to another user`);
  return owner;
}
