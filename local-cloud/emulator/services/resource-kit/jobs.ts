/**
 * Work that finishes later with side effects (an image becoming AVAILABLE, an exported object
 * written, an event published). Jobs are records in the store with a due time, so they survive
 * restarts; a timer runs them when due, and readers call `runDue` first so an answer never shows
 * work that should already be done. Each job runs once (serialised; marked done after it ran).
 */
import type { ProviderContext } from '../../core/types.ts';

export interface JobRecord {
  id: string;
  kind: string;
  dueAt: number;
  payload: Record<string, unknown>;
  state: 'pending' | 'done' | 'failed';
  error?: string;
}

export type JobHandler = (payload: Record<string, unknown>) => Promise<void> | void;

const runners = new WeakMap<ProviderContext, Set<JobRunner>>();

/** Run every provider's due jobs (work request reads call this). */
export async function runAllDueJobs(ctx: ProviderContext): Promise<void> {
  for (const r of runners.get(ctx) ?? []) await r.runDue();
}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private seq = 0;

  constructor(
    private readonly ctx: ProviderContext,
    private readonly service: string,
    private readonly handlers: Record<string, JobHandler>,
  ) {
    let set = runners.get(ctx);
    if (!set) runners.set(ctx, (set = new Set()));
    set.add(this);
    this.arm();
  }

  private get col() {
    return this.ctx.store.collection<JobRecord>(this.service, 'jobs');
  }

  schedule(kind: string, dueAt: number, payload: Record<string, unknown>): JobRecord {
    if (!this.handlers[kind]) throw new Error(`no job handler for ${kind}`);
    const nonce = Math.random().toString(36).slice(2, 8);
    const id = `${dueAt.toString().padStart(15, '0')}-${process.pid}-${++this.seq}-${nonce}`;
    const job = this.col.put(id, { id, kind, dueAt, payload, state: 'pending' });
    this.arm();
    return job;
  }

  /** Run all pending jobs that are due, one at a time. */
  runDue(): Promise<void> {
    const next = this.chain.then(async () => {
      const now = this.ctx.now();
      const due = this.col
        .values()
        .filter((j) => j.state === 'pending' && j.dueAt <= now)
        .sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
      for (const job of due) {
        try {
          await this.handlers[job.kind]!(job.payload);
          this.col.put(job.id, { ...job, state: 'done' });
        } catch (e) {
          this.col.put(job.id, { ...job, state: 'failed', error: e instanceof Error ? e.message : String(e) });
          console.error(`[emulator] ${this.service} job ${job.kind} failed`, e);
        }
      }
      for (const j of this.col.values()) if (j.state !== 'pending' && j.dueAt < now - 3600_000) this.col.delete(j.id);
    });
    this.chain = next.catch(() => undefined);
    return next.finally(() => this.arm());
  }

  /** (Re)set the timer for the earliest pending job. */
  arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    const pending = this.col.values().filter((j) => j.state === 'pending');
    if (!pending.length) return;
    const at = Math.min(...pending.map((j) => j.dueAt));
    this.timer = setTimeout(() => void this.runDue(), Math.max(0, Math.min(at - this.ctx.now(), 2 ** 31 - 1)));
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    runners.get(this.ctx)?.delete(this);
  }
}
