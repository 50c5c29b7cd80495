/**
 * Optimistic read-modify-write on one row: read with version, compute, write if the version is
 * unchanged, else re-read and recompute. Bounded, with jittered backoff so a burst of writers to
 * one row (100 concurrent admissions) spreads out instead of colliding in lockstep.
 *
 * Transient failures (429, 5xx, timeouts, dropped connections) of the read or the write are
 * retried with backoff while the call has time (shared/deadline.ts). A conditional write that
 * failed that way may still have been applied (the answer was lost), so the loop never repeats
 * it blindly: it re-reads and runs `mutate` again on what is there. Every `mutate` must therefore
 * be idempotent by state: it recognises its own earlier write in the row (an admission id, a
 * settlement delta id, an absolute value) and then writes nothing, so a write lands once.
 */
import { retryBudget } from '../oci/retry.ts';
import { LedgerContentionError } from './errors.ts';
import type { RowStore, Versioned } from './rows.ts';

/** What `mutate` decides for the current row. */
export type Mutation<T, R> = { write: T; result: R; ttlDays?: number } | { result: R };

/** Options of {@link updateRow}. */
export interface UpdateRowOptions {
  /** Conflicts (another writer won) before giving up. @default 200 */
  maxAttempts?: number;
  /** Backoff ceiling for conflict n is min(capMs, baseMs * n). @default 2 / 50 */
  baseMs?: number;
  capMs?: number;
  /** Transient failures of a read or write before giving up (the deadline may stop earlier). @default 10 */
  maxTransient?: number;
  /** Time budget in ms. @default the Fn call's remaining time, else unlimited */
  deadlineMs?: number;
  /**
   * Backoff after a transient failure: full jitter from OCI_RETRY_BASE_MS, capped at OCI_RETRY_CAP_MS
   * (shared/oci/retry.ts).
   */
  transientBaseMs?: number;
  transientCapMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The transient-retry budget of one logical operation (shared/oci/retry.ts `retryBudget`), from
 * these options: `maxTransient` (10), `deadlineMs` (the call's), `transientBaseMs`/`transientCapMs`.
 */
export function transientBudget(options: UpdateRowOptions = {}) {
  return retryBudget({
    maxFailures: options.maxTransient ?? 10,
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.transientBaseMs !== undefined ? { baseDelayMs: options.transientBaseMs } : {}),
    ...(options.transientCapMs !== undefined ? { maxDelayMs: options.transientCapMs } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * Runs `mutate` on the current row until its write wins. `mutate` may throw (a refusal) and then
 * nothing is written; it may return `{ result }` alone to write nothing.
 */
export async function updateRow<T, R>(
  store: RowStore<T>,
  key: string,
  what: string,
  mutate: (current: Versioned<T> | undefined) => Mutation<T, R> | Promise<Mutation<T, R>>,
  options: UpdateRowOptions = {},
): Promise<R> {
  const max = options.maxAttempts ?? 200;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const transient = transientBudget(options);
  for (let attempt = 1; attempt <= max; ) {
    let current: Versioned<T> | undefined;
    try {
      current = await store.get(key);
    } catch (e: unknown) {
      await transient.retry(e);
      continue;
    }
    const m = await mutate(current);
    if (!('write' in m)) return m.result;
    let version: string | undefined;
    try {
      version = await store.putIf(
        key,
        m.write,
        current?.version ?? null,
        m.ttlDays === undefined ? undefined : { ttlDays: m.ttlDays },
      );
    } catch (e: unknown) {
      // outcome unknown: re-read and let `mutate` see whether this write landed
      await transient.retry(e);
      continue;
    }
    if (version !== undefined) return m.result;
    const ceiling = Math.min(options.capMs ?? 50, (options.baseMs ?? 2) * attempt);
    attempt++;
    await sleep(Math.floor(random() * ceiling));
  }
  throw new LedgerContentionError(what, max);
}
