/**
 * The export state machine: `advance(id)` looks at the facts (image state, work requests, the
 * exported object) and moves the job on, one conditional write per step. Events and reconcile
 * only say which job to look at; what happens depends on the facts, so a repeated, late or
 * reordered event, or two copies of the function at once, do the same thing:
 *
 * - every side effect is idempotent: CreateImage / ExportImage carry a retry token made from the
 *   job id and the step, and a step whose result is recorded in the job is skipped;
 * - every write is conditional on the row version; a loser re-reads and re-decides;
 * - a resource made by a step whose write lost to a cancel is recorded as cleanup, not leaked.
 */
import { ConflictError, NotFoundError, errorMessage, isAppError } from '#shared/errors.ts';
import type { Logger } from '#shared/log.ts';
import { isTerminal, needsWork, overallPercent, stepRetryToken, type ExportJob } from './model.ts';
import type { ComputeImagesPort, JobStore, ParPort, WorkRequestInfo, WorkRequestsPort } from './ports.ts';

export interface MachineDeps {
  jobs: JobStore;
  compute: ComputeImagesPort;
  workRequests: WorkRequestsPort;
  storage: ParPort;
  log: Logger;
  /** @default Date.now */
  now?: () => number;
  /** how long CLEANING_UP waits in one call for the export work request to close @default 5000 */
  cleanupWaitMs?: number;
  /** @default 250 */
  pollMs?: number;
}

/**
 * `created`: what the step made in OCI (an image, an export under way), recorded as cleanup if the
 * job's write loses to a cancel. `progressOnly`: only percentComplete changed; the step is still
 * waiting, so advance stops after writing it.
 */
type Created = { imageId?: string; exportWorkRequestId?: string };
type StepResult = { job: ExportJob; created?: Created; progressOnly?: boolean } | undefined;

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);
const isPermanent = (e: unknown) =>
  isAppError(e) && (e.httpStatus === 400 || e.httpStatus === 404 || e.httpStatus === 403);

export function createMachine(d: MachineDeps) {
  const now = d.now ?? Date.now;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const touch = (j: ExportJob, patch: Partial<ExportJob>): ExportJob => ({ ...j, ...patch, updatedAt: now() });
  const fail = (j: ExportJob, error: string): ExportJob =>
    touch(j, {
      state: 'FAILED',
      error,
      finishedAt: now(),
      cleanup: { image: !!j.imageId && j.deleteImageAfterExport && !j.imageDeleted, object: false },
    });
  const withPercent = (j: ExportJob, wr: WorkRequestInfo | undefined): StepResult => {
    const p = Math.max(j.percentComplete, overallPercent(j.state, wr?.percentComplete));
    return p === j.percentComplete ? undefined : { job: touch(j, { percentComplete: p }), progressOnly: true };
  };

  async function finishCleanup(j: ExportJob): Promise<ExportJob | undefined> {
    if (!j.cleanup) return undefined;
    let { image, object } = j.cleanup;
    if (image && j.imageId) {
      try {
        await d.compute.deleteImage(j.imageId);
        image = false;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    } else image = false;
    if (object) {
      const wr = j.exportWorkRequestId ? await d.workRequests.get(j.exportWorkRequestId) : undefined;
      if (!wr || FINAL.has(wr.status)) {
        await d.storage.delete({ bucket: j.bucket, objectName: j.objectName });
        object = false;
      }
    }
    if (image === j.cleanup.image && object === j.cleanup.object) return undefined;
    const { cleanup: _done, ...rest } = j;
    return touch(rest as ExportJob, {
      ...(image || object ? { cleanup: { image, object } } : {}),
      ...(!image && j.cleanup.image && j.imageId ? { imageDeleted: true } : {}),
    });
  }

  async function step(j: ExportJob): Promise<StepResult> {
    switch (j.state) {
      case 'PENDING': {
        let r: { imageId: string; workRequestId: string };
        try {
          r = await d.compute.createImage({
            compartmentId: j.imageCompartmentId ?? j.compartmentId,
            instanceId: j.instanceId,
            displayName: j.imageName,
            freeformTags: { exportJobId: j.id },
            retryToken: stepRetryToken(j.id, 'create-image'),
          });
        } catch (e) {
          if (isPermanent(e) || e instanceof ConflictError)
            return { job: fail(j, `creating the image failed: ${errorMessage(e)}`) };
          throw e;
        }
        return {
          job: touch(j, { state: 'CREATING_IMAGE', imageId: r.imageId, createImageWorkRequestId: r.workRequestId }),
          created: { imageId: r.imageId },
        };
      }
      case 'CREATING_IMAGE': {
        const [img, wr] = await Promise.all([
          d.compute.getImage(j.imageId!),
          d.workRequests.get(j.createImageWorkRequestId!),
        ]);
        if (
          !img ||
          img.lifecycleState === 'DELETED' ||
          img.lifecycleState === 'DISABLED' ||
          wr?.status === 'FAILED' ||
          wr?.status === 'CANCELED'
        ) {
          return {
            job: fail(
              j,
              `creating the image failed: ${wr?.error ?? `image ${j.imageId} is ${img?.lifecycleState ?? 'gone'}`}`,
            ),
          };
        }
        if (img.lifecycleState !== 'AVAILABLE') return withPercent(j, wr);
        let r: { workRequestId: string };
        try {
          r = await d.compute.exportImage({
            imageId: j.imageId!,
            namespace: j.namespace,
            bucket: j.bucket,
            objectName: j.objectName,
            format: j.format,
            retryToken: stepRetryToken(j.id, 'export-image'),
          });
        } catch (e) {
          // not exportable yet: the next event or reconcile retries
          if (e instanceof ConflictError) return withPercent(j, wr);
          if (isPermanent(e)) return { job: fail(j, `exporting the image failed: ${errorMessage(e)}`) };
          throw e;
        }
        return {
          job: touch(j, {
            state: 'EXPORTING',
            exportWorkRequestId: r.workRequestId,
            percentComplete: overallPercent('EXPORTING', 0),
          }),
          created: { exportWorkRequestId: r.workRequestId },
        };
      }
      case 'EXPORTING': {
        // the work request first: the export writes its object before its work request ends, so a
        // SUCCEEDED read here means the object is there for the HEAD (the other order can see
        // "no object yet" and then "succeeded" and fail a good export)
        const wr = await d.workRequests.get(j.exportWorkRequestId!);
        const head = await d.storage.head({ bucket: j.bucket, objectName: j.objectName });
        if (head && wr?.status !== 'FAILED' && wr?.status !== 'CANCELED') {
          return {
            job: touch(j, {
              state: 'CLEANING_UP',
              sizeBytes: head.sizeBytes,
              percentComplete: overallPercent('CLEANING_UP'),
            }),
          };
        }
        if (wr?.status === 'FAILED' || wr?.status === 'CANCELED')
          return { job: fail(j, `exporting the image failed: ${wr.error ?? `work request ${wr.status}`}`) };
        if (wr?.status === 'SUCCEEDED')
          return { job: fail(j, `the export work request succeeded but ${j.bucket}/${j.objectName} does not exist`) };
        return withPercent(j, wr);
      }
      case 'CLEANING_UP': {
        if (j.deleteImageAfterExport && !j.imageDeleted) {
          // OCI refuses to delete an image while it is EXPORTING: wait (briefly) for the export to close
          const until = now() + (d.cleanupWaitMs ?? 5000);
          let wr = await d.workRequests.get(j.exportWorkRequestId!);
          while (wr && !FINAL.has(wr.status) && now() < until) {
            await sleep(d.pollMs ?? 250);
            wr = await d.workRequests.get(j.exportWorkRequestId!);
          }
          if (wr && !FINAL.has(wr.status)) return undefined; // the next event or reconcile finishes
          try {
            await d.compute.deleteImage(j.imageId!);
          } catch (e) {
            if (e instanceof ConflictError) return undefined;
            throw e;
          }
          return { job: touch(j, { imageDeleted: true }) };
        }
        return { job: touch(j, { state: 'SUCCEEDED', percentComplete: 100, finishedAt: now() }) };
      }
      default: {
        const next = await finishCleanup(j);
        return next ? { job: next } : undefined;
      }
    }
  }

  /**
   * The ended job with what a lost step made added to its cleanup: an image it does not know of,
   * or an export under way that will write its object (deleted once the export work request ends).
   * `undefined` when the job already knows of everything.
   */
  function orphanCleanup(job: ExportJob, made: Created): ExportJob | undefined {
    const image = !!made.imageId && !job.imageId;
    const exporting = !!made.exportWorkRequestId && !job.exportWorkRequestId;
    if (!image && !exporting) return undefined;
    return touch(job, {
      ...(image ? { imageId: made.imageId } : {}),
      ...(exporting ? { exportWorkRequestId: made.exportWorkRequestId } : {}),
      cleanup: { image: image || (job.cleanup?.image ?? false), object: exporting || (job.cleanup?.object ?? false) },
    });
  }

  /**
   * Move the job as far as the facts allow now. Returns the job as stored afterwards. Transient
   * failures throw (the event is redelivered, reconcile tries again); permanent ones fail the job.
   */
  async function advance(id: string): Promise<ExportJob> {
    let pending: Created | undefined;
    for (let round = 0; round < 20; round++) {
      const cur = await d.jobs.get(id);
      if (!cur) throw new NotFoundError(`export job ${id} does not exist`);
      let job = cur.job;
      const orphan = pending && isTerminal(job.state) ? orphanCleanup(job, pending) : undefined;
      if (orphan) {
        // our step lost the race with a cancel: record what it made so it is cleaned up, not leaked
        if (await d.jobs.update(orphan, cur.version)) pending = undefined;
        continue;
      }
      pending = undefined;
      if (!needsWork(job)) return job;
      const r = await step(job);
      if (!r) return job;
      const v = await d.jobs.update(r.job, cur.version);
      if (!v) {
        pending = r.created;
        d.log.debug('export job changed meanwhile; re-reading', { jobId: id, from: job.state, to: r.job.state });
        continue;
      }
      if (r.job.state !== job.state)
        d.log.info('export job moved', {
          jobId: id,
          from: job.state,
          to: r.job.state,
          ...(r.job.error ? { error: r.job.error } : {}),
        });
      job = r.job;
      if (r.progressOnly) return job;
    }
    throw new ConflictError(`export job ${id} kept changing while being advanced; try again`);
  }

  return { advance, step };
}

export type Machine = ReturnType<typeof createMachine>;
