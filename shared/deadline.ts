/**
 * The deadline of the Fn call being served, for code that has no `FnCall` at hand (module-scope
 * adapters: NoSQL tables, the object store, the ledger). `shared/fn` runs every call inside
 * {@link runWithDeadline}; `withRetry` and the ledger's read-modify-write loop read
 * {@link ambientRemainingMs} so their retries stop in time for the call to answer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ deadlineAt: number; now: () => number }>();

/** Time kept back from the call's deadline to map the error and answer. */
export const ANSWER_MARGIN_MS = 1_000;

/** Runs `fn` with `deadlineAt` (epoch ms by `now`) as the ambient deadline of everything it awaits. */
export function runWithDeadline<T>(deadlineAt: number, fn: () => T, now: () => number = Date.now): T {
  return scope.run({ deadlineAt, now }, fn);
}

/**
 * Milliseconds left for retries in the current call (its
 * deadline minus {@link ANSWER_MARGIN_MS}), or undefined outside a call.
 */
export function ambientRemainingMs(): number | undefined {
  const s = scope.getStore();
  if (!s || !Number.isFinite(s.deadlineAt)) return undefined;
  return Math.max(0, s.deadlineAt - s.now() - ANSWER_MARGIN_MS);
}
