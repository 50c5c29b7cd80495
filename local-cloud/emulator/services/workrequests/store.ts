/**
 * Work request records, written by the providers that start long work (compute launches,
 * createImage, exportImage) and read by the Work Requests API. `percentComplete` is computed from
 * the time elapsed over the expected duration; work that finishes by itself (`auto`) turns
 * SUCCEEDED when its time is up, other work stays at most 99 % until its owner calls `finish`.
 */
import { newOcid } from '../../core/ids.ts';
import type { ProviderContext } from '../../core/types.ts';

export const SERVICE = 'workrequests';

export interface WorkRequestResource {
  actionType: 'CREATED' | 'UPDATED' | 'DELETED' | 'RELATED' | 'IN_PROGRESS';
  entityType: string;
  identifier: string;
  entityUri?: string;
}
export interface WorkRequestEntry {
  message: string;
  timestamp: string;
}
export interface WorkRequestError {
  code: string;
  message: string;
  timestamp: string;
}

export interface WorkRequestRecord {
  id: string;
  operationType: string;
  compartmentId: string;
  resources: WorkRequestResource[];
  timeAccepted: string;
  startMs: number;
  durationMs: number;
  /** finishes by itself when its time is up */
  auto: boolean;
  final?: { status: 'SUCCEEDED' | 'FAILED' | 'CANCELED'; timeFinished: string };
  errors: WorkRequestError[];
  logs: WorkRequestEntry[];
}

export interface WorkRequestView {
  id: string;
  operationType: string;
  status: string;
  compartmentId: string;
  resources: WorkRequestResource[];
  percentComplete: number;
  timeAccepted: string;
  timeStarted?: string;
  timeFinished?: string;
}

export const workRequests = (ctx: ProviderContext) => ctx.store.collection<WorkRequestRecord>(SERVICE, 'workRequests');

export function createWorkRequest(
  ctx: ProviderContext,
  o: {
    operationType: string;
    compartmentId: string;
    resources: WorkRequestResource[];
    durationMs: number;
    auto?: boolean;
    /** when the work began (default now): the instant the resource's own transition started, so both finish together */
    startMs?: number;
  },
): WorkRequestRecord {
  const now = o.startMs ?? ctx.now();
  const iso = new Date(now).toISOString();
  const rec: WorkRequestRecord = {
    id: newOcid('workrequest'),
    operationType: o.operationType,
    compartmentId: o.compartmentId,
    resources: o.resources,
    timeAccepted: iso,
    startMs: now,
    durationMs: Math.max(1, o.durationMs),
    auto: o.auto ?? false,
    errors: [],
    logs: [{ message: `${o.operationType} accepted`, timestamp: iso }],
  };
  return workRequests(ctx).put(rec.id, rec);
}

/** Close a work request (idempotent: a finished one stays as it is). */
export function finishWorkRequest(
  ctx: ProviderContext,
  id: string,
  o: { status: 'SUCCEEDED' | 'FAILED' | 'CANCELED'; error?: { code: string; message: string }; log?: string },
): void {
  const rec = workRequests(ctx).get(id);
  if (!rec || rec.final) return;
  const iso = new Date(ctx.now()).toISOString();
  rec.final = { status: o.status, timeFinished: iso };
  if (o.error) rec.errors.push({ ...o.error, timestamp: iso });
  rec.logs.push({ message: o.log ?? `${rec.operationType} ${o.status.toLowerCase()}`, timestamp: iso });
  workRequests(ctx).put(id, rec);
}

export function viewOf(rec: WorkRequestRecord, now: number): WorkRequestView {
  const base = {
    id: rec.id,
    operationType: rec.operationType,
    compartmentId: rec.compartmentId,
    resources: rec.resources,
    timeAccepted: rec.timeAccepted,
  };
  const started = new Date(rec.startMs).toISOString();
  if (rec.final) {
    return {
      ...base,
      status: rec.final.status,
      percentComplete: rec.final.status === 'SUCCEEDED' ? 100 : progress(rec, now),
      timeStarted: started,
      timeFinished: rec.final.timeFinished,
    };
  }
  const elapsed = now - rec.startMs;
  if (rec.auto && elapsed >= rec.durationMs) {
    return {
      ...base,
      status: 'SUCCEEDED',
      percentComplete: 100,
      timeStarted: started,
      timeFinished: new Date(rec.startMs + rec.durationMs).toISOString(),
    };
  }
  return {
    ...base,
    status: elapsed <= 0 ? 'ACCEPTED' : 'IN_PROGRESS',
    percentComplete: progress(rec, now),
    ...(elapsed > 0 ? { timeStarted: started } : {}),
  };
}

function progress(rec: WorkRequestRecord, now: number): number {
  const f = Math.max(0, Math.min(1, (now - rec.startMs) / rec.durationMs));
  return Math.min(99, Math.floor(f * 100));
}

/** Logs as of `now`: an auto work request gains its "succeeded" line once its time is up. */
export function logsOf(rec: WorkRequestRecord, now: number): WorkRequestEntry[] {
  const v = viewOf(rec, now);
  if (!rec.final && v.status === 'SUCCEEDED')
    return [...rec.logs, { message: `${rec.operationType} succeeded`, timestamp: v.timeFinished! }];
  return rec.logs;
}
