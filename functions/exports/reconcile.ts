/**
 * The exports function's background side: reconcile passes (the scheduled task and the
 * `reconcileExports` mutation) and the event entry point. Both only name jobs; the state machine
 * (machine.ts) decides what happens from the facts, so lost, late or repeated events converge.
 */
import { errorMessage, isAppError } from '#shared/errors.ts';
import type { Logger } from '#shared/log.ts';
import type { createMachine } from './machine.ts';
import { isJobId, isTerminal, type ExportJob } from './model.ts';
import type { JobStore } from './ports.ts';

/**
 * What one pass did. `complete`: false when the pass ran out of time; the next pass (in this
 * container) resumes after the last job it looked at.
 */
export interface ReconcileReport {
  checked: number;
  advanced: number;
  failures: { jobId: string; error: string }[];
  complete: boolean;
}

/** Options of `reconcile`. */
export interface ReconcileExportsOptions {
  /**
   * Time left for this pass (e.g. the call's `remainingMs`); no new job is started once less than
   * `reserveMs` is left. @default unbounded
   */
  remainingMs?: () => number;
  /** @default 5000 */
  reserveMs?: number;
  /** Job ids read per page. @default 100 */
  pageSize?: number;
}

/** Which job an event is about: by image, by exported object, or by the image's `exportJobId` tag. */
export type EventHint =
  | { kind: 'image'; imageId: string; taggedJobId?: string }
  | { kind: 'object'; bucket: string; objectName: string };

/** What the reconciler works with (the export service's own). */
export interface ReconcilerDeps {
  jobs: JobStore;
  machine: ReturnType<typeof createMachine>;
  log: Logger;
  now: () => number;
}

export function createReconciler(d: ReconcilerDeps) {
  const { jobs, machine, log, now } = d;

  /** Where the last pass ran out of time (this container): the next pass starts after it and wraps around. */
  let resumeAfter: string | undefined;

  async function reconcileOne(id: string, report: ReconcileReport): Promise<void> {
    report.checked++;
    try {
      const before = (await jobs.get(id))?.job;
      const after = await machine.advance(id);
      if (before && (before.state !== after.state || !!before.cleanup !== !!after.cleanup)) report.advanced++;
    } catch (e) {
      // the report is data, not a masked GraphQL error: only our own errors' texts go out
      log.warn('reconciling an export job failed', { jobId: id, error: errorMessage(e) });
      report.failures.push({ jobId: id, error: isAppError(e) ? e.message : 'internal error (see the function logs)' });
    }
  }

  /**
   * Advance every job that is not finished (or owes cleanup); a lost event never strands a job.
   * Pages through all of them by id (failing old jobs cannot hide newer ones), bounded by the time
   * left; a pass cut short resumes, in the next pass, after the last job it looked at.
   */
  async function reconcile(r: ReconcileExportsOptions = {}): Promise<ReconcileReport> {
    const pageSize = Math.max(1, r.pageSize ?? 100);
    const outOfTime = () => r.remainingMs !== undefined && r.remainingMs() < (r.reserveMs ?? 5000);
    const report: ReconcileReport = { checked: 0, advanced: 0, failures: [], complete: true };
    const start = resumeAfter;
    let after = start;
    let wrapped = start === undefined;
    pass: for (;;) {
      const ids = await jobs.listNeedingWork({ limit: pageSize, ...(after !== undefined ? { after } : {}) });
      for (const id of ids) {
        if (wrapped && start !== undefined && id > start) break pass; // back where this pass began
        if (outOfTime()) {
          report.complete = false;
          break pass;
        }
        await reconcileOne(id, report);
        after = id;
      }
      if (ids.length < pageSize) {
        if (wrapped) break;
        wrapped = true;
        after = undefined;
      }
    }
    resumeAfter = report.complete ? undefined : after;
    log.info('exports reconciled', {
      checked: report.checked,
      advanced: report.advanced,
      failures: report.failures.length,
      complete: report.complete,
    });
    return report;
  }

  /** An event names a job; advance it. Events about nothing we started are ignored (`undefined`). */
  async function onEvent(hint: EventHint): Promise<ExportJob | undefined> {
    let found =
      hint.kind === 'image'
        ? await jobs.findByImage(hint.imageId)
        : await jobs.findByObject(hint.bucket, hint.objectName);
    if (!found && hint.kind === 'image' && hint.taggedJobId && isJobId(hint.taggedJobId)) {
      // an image our CreateImage made but whose id never reached the job (the call died, or a cancel won)
      const tagged = await jobs.get(hint.taggedJobId);
      if (tagged && !tagged.job.imageId && isTerminal(tagged.job.state)) {
        const t = now();
        await jobs.update(
          {
            ...tagged.job,
            imageId: hint.imageId,
            cleanup: { image: true, object: tagged.job.cleanup?.object ?? false },
            updatedAt: t,
          },
          tagged.version,
        );
      }
      found = tagged;
    }
    if (
      found &&
      hint.kind === 'object' &&
      (found.job.state === 'CANCELED' || found.job.state === 'FAILED') &&
      !found.job.cleanup?.object
    ) {
      // the object of an export that never delivered (its step died before recording the export,
      // or the export outlived a cancel): nobody can download it, so it is deleted, not kept
      const t = now();
      if (
        await jobs.update(
          { ...found.job, cleanup: { image: found.job.cleanup?.image ?? false, object: true }, updatedAt: t },
          found.version,
        )
      ) {
        log.info('export object of an ended job will be deleted', {
          jobId: found.job.id,
          state: found.job.state,
          objectName: hint.objectName,
        });
      }
    }
    if (!found) return undefined;
    return machine.advance(found.job.id);
  }

  return { reconcile, onEvent };
}
