/**
 * Optimistic read-modify-write on one row: read with version, compute, write if the version is
 * unchanged, else re-read and recompute. Bounded, with jittered backoff so a burst of writers to
 * one row (100 concurrent admissions) spreads out instead of colliding in lockstep.
 */
import { LedgerContentionError } from './errors.ts';
import type { RowStore, Versioned } from './rows.ts';

/** What `mutate` decides for the current row. */
export type Mutation<T, R> = { write: T; result: R; ttlDays?: number } | { result: R };

/** Options of {@link updateRow}. */
export interface UpdateRowOptions {
  /** @default 200 */
  maxAttempts?: number;
  /** Backoff ceiling for attempt n is min(capMs, baseMs * n). @default 2 / 50 */
  baseMs?: number;
  capMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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
  for (let attempt = 1; attempt <= max; attempt++) {
    const current = await store.get(key);
    const m = await mutate(current);
    if (!('write' in m)) return m.result;
    const version = await store.putIf(key, m.write, current?.version ?? null, m.ttlDays === undefined ? undefined : { ttlDays: m.ttlDays });
    if (version !== undefined) return m.result;
    const ceiling = Math.min(options.capMs ?? 50, (options.baseMs ?? 2) * attempt);
    await sleep(Math.floor(random() * ceiling));
  }
  throw new LedgerContentionError(what, max);
}
