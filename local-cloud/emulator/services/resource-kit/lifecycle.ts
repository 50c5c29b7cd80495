/**
 * Lifecycle transitions that take time, computed from timestamps on read rather than by timers:
 * a record carries its pending steps (`_next: [{ state, at }]`); `settle` applies those whose time
 * has come. So a restart or a shifted clock never loses a transition.
 */
import { OciErrors } from '../../core/errors.ts';

export interface Step {
  state: string;
  at: number;
}

export interface Lifecycled {
  lifecycleState: string;
  /** pending transitions, oldest first (internal; stripped from answers) */
  _next?: Step[];
}

/** Apply due steps; true when the record changed (the caller persists it). */
export function settle(rec: Lifecycled, now: number): boolean {
  if (!rec._next?.length) return false;
  let changed = false;
  while (rec._next.length && rec._next[0]!.at <= now) {
    rec.lifecycleState = rec._next.shift()!.state;
    changed = true;
  }
  if (!rec._next.length) delete rec._next;
  return changed;
}

/**
 * Start a transition: the state becomes `steps[0]` now, then each next step after `stepMs` more.
 * @example transition(inst, ['STOPPING', 'STOPPED'], now, 3000)
 */
export function transition(rec: Lifecycled, states: string[], now: number, stepMs: number): void {
  const [first, ...rest] = states;
  rec.lifecycleState = first!;
  if (rest.length) rec._next = rest.map((state, i) => ({ state, at: now + stepMs * (i + 1) }));
  else delete rec._next;
}

/** When the record will reach its final pending state (now, if nothing is pending). */
export function settlesAt(rec: Lifecycled, now: number): number {
  return rec._next?.length ? rec._next[rec._next.length - 1]!.at : now;
}

/** 409 IncorrectState unless the record is in one of `allowed`. */
export function requireState(rec: Lifecycled & { id: string }, allowed: readonly string[], what: string): void {
  if (!allowed.includes(rec.lifecycleState)) {
    throw OciErrors.incorrectState(
      `Cannot ${what} ${rec.id} in lifecycle state ${rec.lifecycleState}; it must be ${allowed.join(' or ')}`,
    );
  }
}

/** The record as the API shows it: internal `_` fields dropped. */
export function publicView<T extends object>(rec: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) if (!k.startsWith('_')) out[k] = v;
  return out as T;
}
