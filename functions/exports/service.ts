/**
 * The exports domain as the resolvers and the event handler use it: start, read, list, cancel,
 * download URL, reconcile, and the event entry point. Depends only on the ports.
 */
import { ConflictError, ForbiddenError, NotFoundError, errorMessage } from '#shared/errors.ts';
import {
  CANCELABLE_STATES,
  IMAGEABLE_INSTANCE_STATES,
  defaultImageName,
  defaultPrefix,
  isJobId,
  needsWork,
  newJobId,
  objectNameOf,
  objectUriOf,
  overallPercent,
  requireBucketName,
  requireImageName,
  requireJobId,
  requirePrefix,
  type ExportFormat,
  type ExportJob,
  type ExportState,
} from './model.ts';
import { createMachine, type MachineDeps } from './machine.ts';
import { createReconciler } from './reconcile.ts';
import { mapLimit } from '#shared/limit.ts';
import { ocidType } from '#shared/ocid.ts';
import { badInput, requireInt } from '#shared/validate.ts';
import type { JobPage } from './ports.ts';

export interface ExportServiceOptions extends MachineDeps {
  /** the bucket when the input names none (env EXPORTS_BUCKET) */
  defaultBucket: string;
  /**
   * the only buckets an export may write to (env EXPORT_BUCKETS, comma separated) @default [defaultBucket].
   * Never the user-files bucket: an export there would land in someone's dataset paths and quota.
   */
  allowedBuckets?: readonly string[];
  /**
   * the compartment the temporary images are made in (env EXPORT_IMAGES_COMPARTMENT_ID): the
   * deployment's own, so the function's image grants (create/read/delete) cover its images only
   * @default the instance's compartment
   */
  imageCompartmentId?: string;
  /** a job not updated for this long is advanced when read (a lost event) @default 60000 */
  staleAfterMs?: number;
}

/** What `start` takes (the schema's ExportInstanceInput; GraphQL has checked the types and the format). */
export interface StartInput {
  instanceId: string;
  format?: ExportFormat | null;
  imageName?: string | null;
  bucket?: string | null;
  objectNamePrefix?: string | null;
  deleteImageAfterExport?: boolean | null;
}

/** Who asks: the job's creator or an admin may cancel it or download its file. */
import type { Actor } from '#shared/graphql/roles.ts';

export type { Actor };

export type { EventHint, ReconcileExportsOptions, ReconcileReport } from './reconcile.ts';

/** Stale jobs one `exportJobs` call advances (each may wait up to EXPORTS_CLEANUP_WAIT_MS). */
const LIST_ADVANCES = 4;

export function createExportService(o: ExportServiceOptions) {
  const now = o.now ?? Date.now;
  const machine = createMachine(o);
  const { jobs, compute, storage, workRequests, log } = o;

  /** What a start needs, every input rule checked (BAD_USER_INPUT naming the field) before anything is written. */
  async function planStart(input: StartInput) {
    if (ocidType(input.instanceId) !== 'instance') throw badInput('instanceId', 'instanceId must be an instance OCID');
    const format = input.format ?? 'QCOW2';
    const bucket = requireBucketName(input.bucket ?? o.defaultBucket, 'bucket');
    const allowed = o.allowedBuckets ?? [o.defaultBucket];
    if (!allowed.includes(bucket))
      throw badInput('bucket', `bucket ${bucket} is not an export bucket; use ${allowed.join(' or ')}`);
    const prefix = requirePrefix(input.objectNamePrefix ?? defaultPrefix(now()), 'objectNamePrefix');
    const imageName = input.imageName == null ? undefined : requireImageName(input.imageName, 'imageName');
    const inst = await compute.getInstance(input.instanceId);
    if (!inst) throw badInput('instanceId', `instance ${input.instanceId} does not exist`);
    if (!(IMAGEABLE_INSTANCE_STATES as readonly string[]).includes(inst.lifecycleState)) {
      const allowedStates = IMAGEABLE_INSTANCE_STATES.join(' or ');
      throw badInput(
        'instanceId',
        `instance ${inst.id} is ${inst.lifecycleState}; an image can be made only while it is ${allowedStates}`,
      );
    }
    try {
      await storage.list({ bucket, prefix, limit: 1 });
    } catch (e) {
      if (e instanceof NotFoundError) throw badInput('bucket', `bucket ${bucket} does not exist`);
      throw e;
    }
    return { inst, format, bucket, prefix, imageName: imageName ?? defaultImageName(inst.displayName, now()) };
  }

  /** Validate, record the job (PENDING) and create the image (CREATING_IMAGE). Bad input: an error, no job. */
  async function start(input: StartInput, createdBy: string): Promise<ExportJob> {
    const v = await planStart(input);
    const t = now();
    const id = newJobId(t);
    const job: ExportJob = {
      id,
      state: 'PENDING',
      percentComplete: 0,
      instanceId: v.inst.id,
      instanceName: v.inst.displayName,
      compartmentId: v.inst.compartmentId,
      ...(o.imageCompartmentId ? { imageCompartmentId: o.imageCompartmentId } : {}),
      imageName: v.imageName,
      format: v.format,
      namespace: await storage.namespace(),
      bucket: v.bucket,
      objectName: objectNameOf({ prefix: v.prefix, imageName: v.imageName, jobId: id, format: v.format }),
      deleteImageAfterExport: input.deleteImageAfterExport ?? true,
      createdBy,
      startedAt: t,
      updatedAt: t,
    };
    if (!(await jobs.create(job))) throw new ConflictError(`export job ${id} exists already`);
    log.info('export started', {
      jobId: id,
      instanceId: job.instanceId,
      format: job.format,
      bucket: job.bucket,
      objectName: job.objectName,
      by: createdBy,
    });
    try {
      return await machine.advance(id);
    } catch (e) {
      // transient: the job stays PENDING and reconcile creates the image (same retry token)
      log.warn('export start: creating the image failed for now; reconcile will retry', {
        jobId: id,
        error: errorMessage(e),
      });
      return (await jobs.get(id))?.job ?? job;
    }
  }

  /** The job; a stale active job is advanced first, and an active step shows its work request's live progress. */
  async function get(id: string): Promise<ExportJob> {
    const cur = await jobs.get(requireJobId(id, 'id'));
    if (!cur) throw new NotFoundError(`export job ${id} does not exist`);
    return refreshed(cur.job);
  }

  const isStale = (job: ExportJob) => now() - job.updatedAt > (o.staleAfterMs ?? 60_000);

  /** A job as read: advanced first when it is active and stale, then with its live progress. */
  async function refreshed(job: ExportJob): Promise<ExportJob> {
    if (needsWork(job) && isStale(job)) {
      try {
        job = await machine.advance(job.id);
      } catch (e) {
        log.warn('advancing a stale export job failed', { jobId: job.id, error: errorMessage(e) });
      }
    }
    return live(job);
  }

  async function live(job: ExportJob): Promise<ExportJob> {
    const wrId =
      job.state === 'CREATING_IMAGE'
        ? job.createImageWorkRequestId
        : job.state === 'EXPORTING'
          ? job.exportWorkRequestId
          : undefined;
    if (!wrId) return job;
    try {
      const wr = await workRequests.get(wrId);
      return { ...job, percentComplete: Math.max(job.percentComplete, overallPercent(job.state, wr?.percentComplete)) };
    } catch {
      return job;
    }
  }

  async function list(a: {
    state?: ExportState | null;
    instanceId?: string | null;
    first?: number | null;
    after?: string | null;
  }): Promise<JobPage> {
    const first = requireInt(a.first ?? 20, 'first', 1, 100);
    let before: string | undefined;
    if (a.after) {
      const decoded = Buffer.from(a.after, 'base64url').toString('utf8');
      if (!isJobId(decoded)) throw badInput('after', 'after is not a cursor from this list');
      before = decoded;
    }
    const page = await jobs.list({
      first,
      ...(a.state ? { state: a.state } : {}),
      ...(a.instanceId ? { instanceId: a.instanceId } : {}),
      ...(before ? { before } : {}),
    });
    // a listed job is a read like `exportJob`: a stale one is moved on (a lost event strands no job
    // for a client that only lists), an active one shows live progress. At most LIST_ADVANCES stale
    // jobs are advanced per list, at once, so a page of slow cleanups cannot outlast the call; the
    // others are moved on by the next list, a read, an event or reconcile.
    // the stalest first, so jobs a list keeps showing cannot starve the others
    const advance = new Set(
      page.jobs
        .filter((j) => needsWork(j) && isStale(j))
        .sort((a, b) => a.updatedAt - b.updatedAt)
        .slice(0, LIST_ADVANCES)
        .map((j) => j.id),
    );
    const reads = page.jobs.map((j) => {
      if (!needsWork(j)) return () => Promise.resolve(j);
      return advance.has(j.id) ? () => refreshed(j) : () => live(j);
    });
    return { ...page, jobs: await mapLimit(reads, 8, (read) => read()) };
  }

  /** Cancel a job that has not delivered yet: it turns CANCELED and its image (and any late object) is cleaned up. */
  function requireOwner(j: ExportJob, actor: Actor, what: string): void {
    if (!actor.isAdmin && j.createdBy !== actor.userId)
      throw new ForbiddenError(`only the user who started export job ${j.id}, or an admin, may ${what}`);
  }

  async function cancel(id: string, actor: Actor): Promise<ExportJob> {
    requireJobId(id, 'id');
    const by = actor.userId;
    for (let i = 0; i < 10; i++) {
      const cur = await jobs.get(id);
      if (!cur) throw new NotFoundError(`export job ${id} does not exist`);
      const j = cur.job;
      requireOwner(j, actor, 'cancel it');
      if (!CANCELABLE_STATES.includes(j.state))
        throw new ConflictError(
          `export job ${id} is ${j.state}; only ${CANCELABLE_STATES.join(', ')} jobs can be canceled`,
        );
      const t = now();
      const next: ExportJob = {
        ...j,
        state: 'CANCELED',
        finishedAt: t,
        updatedAt: t,
        error: `canceled by ${by}`,
        cleanup: { image: !!j.imageId, object: j.state === 'EXPORTING' },
      };
      if (await jobs.update(next, cur.version)) {
        log.info('export canceled', { jobId: id, from: j.state, by });
        try {
          return await machine.advance(id);
        } catch (e) {
          log.warn('cleanup after cancel failed for now; reconcile will retry', { jobId: id, error: errorMessage(e) });
          return next;
        }
      }
    }
    throw new ConflictError(`export job ${id} kept changing; try again`);
  }

  /** A read PAR for the exported object of a SUCCEEDED job. */
  async function downloadUrl(
    jobId: string,
    ttlSeconds: number,
    actor: Actor,
  ): Promise<{ uri: string; url: string; method: 'GET'; expiresAt: Date; objectName: string }> {
    requireInt(ttlSeconds, 'ttlSeconds', 60, 7 * 86_400);
    const cur = await jobs.get(requireJobId(jobId, 'jobId'));
    if (!cur) throw new NotFoundError(`export job ${jobId} does not exist`);
    const j = cur.job;
    requireOwner(j, actor, 'download its file');
    if (j.state !== 'SUCCEEDED')
      throw new ConflictError(`export job ${jobId} is ${j.state}; a download URL exists only once it SUCCEEDED`);
    const expiresAt = new Date(now() + ttlSeconds * 1000);
    const par = await storage.createPar({
      bucket: j.bucket,
      objectName: j.objectName,
      access: 'ObjectRead',
      expiresAt,
      name: `export-${j.id}-${now()}`,
    });
    return { uri: objectUriOf(j), url: par.url, method: 'GET', expiresAt: par.expiresAt, objectName: j.objectName };
  }

  const { reconcile, onEvent } = createReconciler({ jobs, machine, log, now });
  return { start, get, list, cancel, downloadUrl, reconcile, onEvent, advance: machine.advance };
}

export type ExportService = ReturnType<typeof createExportService>;
