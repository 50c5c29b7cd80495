/**
 * Ownership of training-job log folders (logs/training/{jobId}/): the first user to ask for a
 * job's log upload URL becomes its owner (conditional create), everyone else is refused.
 *
 * Owners are recorded and compared as user *segments* (`userSegment(userId)` from paths.ts), like
 * the owner folder of dataset/model paths: settlement charges a log to the usage row keyed by the
 * recorded segment, and no raw id (email, `auth0|…`) is stored.
 */
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { updateRow } from './cas.ts';
import { userSegment } from './paths.ts';
import type { JobOwnerRow, RowStore } from './rows.ts';

export interface JobOwners {
  /** The owner segment of `jobId`, claiming it for `ownerSegment` when nobody owns it yet. */
  claim(jobId: string, ownerSegment: string): Promise<string>;
  /** The owner segment of `jobId`, if anyone claimed it. */
  owner(jobId: string): Promise<string | undefined>;
}

export function createJobOwners(jobs: RowStore<JobOwnerRow>, now: () => number = Date.now): JobOwners {
  return {
    async claim(jobId, ownerSegment) {
      // first writer wins; a write of unknown outcome is resolved by re-reading the owner (cas.ts)
      return updateRow(
        jobs,
        jobId,
        'job owner claim',
        (cur) =>
          cur
            ? { result: cur.value.userId }
            : { write: { jobId, userId: ownerSegment, createdAt: now() }, result: ownerSegment },
        { maxAttempts: 5 },
      );
    },
    async owner(jobId) {
      return (await jobs.get(jobId))?.value.userId;
    },
  };
}

/**
 * Throws FORBIDDEN unless the caller (by `userSegment(caller.userId)`) owns the job's logs (admins
 * pass); NOT_FOUND when nobody does. Returns the owner segment.
 */
export async function requireJobAccess(
  owners: JobOwners,
  jobId: string,
  caller: { userId: string; isAdmin: boolean },
): Promise<string> {
  const owner = await owners.owner(jobId);
  if (owner === undefined) {
    if (caller.isAdmin) throw new NotFoundError(`training job ${jobId} has no logs`);
    throw new ForbiddenError(`training job ${jobId} logs belong to another user`);
  }
  if (!caller.isAdmin && owner !== userSegment(caller.userId))
    throw new ForbiddenError(`training job ${jobId} logs belong to another user`);
  return owner;
}
