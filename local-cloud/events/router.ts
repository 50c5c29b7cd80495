/**
 * The local Events service: subscribes to the emulator's event bus, matches each envelope against
 * the rules, and delivers it to every action's function through the Functions invoke API
 * (`fn-intent: cloudevent`, body = the envelope JSON). A delivery that got no answer, 429 or a 5xx
 * is retried with exponential backoff up to `retry.maxAttempts`; any other non-2xx (400, 404, 413,
 * ...) cannot succeed later and is recorded as failed at once. Delivery is at-least-once and in no
 * particular order. Pending retries live in memory only: they are lost when the process stops.
 */
import { randomUUID } from 'node:crypto';
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';
import type { InvokeClient } from '#local/invoke/index.ts';
import { createLogger, type Logger } from '#local/product.ts';
import { matches, validateRules, type EventRule } from './rules.ts';

export interface RetryPolicy {
  /** attempts in all, the first included */
  maxAttempts: number;
  /** delay before the 2nd attempt */
  baseDelayMs: number;
  /** each further delay is the previous times `factor` */
  factor: number;
  maxDelayMs: number;
  /** ± fraction of random spread on each delay @default 0.2 */
  jitter?: number;
}

/** 5 attempts: retries after ~5 s, 15 s, 45 s, 60 s (about two minutes in all). */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 5_000,
  factor: 3,
  maxDelayMs: 60_000,
  jitter: 0.2,
};

/** Statuses worth another attempt: 429 (throttled) and 5xx (including a failed function's 502). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export interface DeliveryTarget {
  rule: string;
  functionId: string;
}

/** One line of the delivery log: one attempt (or a drop). */
export interface Delivery extends DeliveryTarget {
  eventID: string;
  eventType: string;
  resourceName: string;
  attempt: number;
  outcome: 'delivered' | 'retrying' | 'failed' | 'dropped';
  /** the invoke API's status, when it answered */
  status?: number;
  error?: string;
  /** this chain is the duplicate made by `chaos.duplicate` */
  duplicate: boolean;
  time: string;
}

/** Test hooks: lose or double deliveries, per event and target. */
export interface Chaos {
  drop?: (event: OciEventEnvelope, target: DeliveryTarget) => boolean;
  duplicate?: (event: OciEventEnvelope, target: DeliveryTarget) => boolean;
}

export interface EventsRouterOptions {
  rules: EventRule[];
  invoker: InvokeClient;
  /** @default DEFAULT_RETRY */
  retry?: Partial<RetryPolicy>;
  /** per-attempt invoke timeout @default 330_000 */
  timeoutMs?: number;
  /** keep at most this many delivery log lines @default 10_000 */
  logLimit?: number;
  /** @default createLogger({ base: { component: 'events' } }) */
  log?: Logger;
}

export interface EventBusLike {
  subscribe(listener: (e: OciEventEnvelope) => void): () => void;
}

export interface EventsRouter {
  /** start receiving from a bus (the emulator's `events`); returns the unsubscribe */
  attach(bus: EventBusLike): () => void;
  /** route one envelope (what the bus subscription calls) */
  dispatch(event: OciEventEnvelope): void;
  deliveries(): Delivery[];
  /** deliveries in flight or waiting for a retry */
  pending(): number;
  /** resolves once nothing is pending */
  idle(): Promise<void>;
  setChaos(chaos: Chaos | undefined): void;
  /** stop: unsubscribe, cancel scheduled retries (lost), wait for attempts in flight */
  close(): Promise<void>;
}

export function createEventsRouter(options: EventsRouterOptions): EventsRouter {
  validateRules(options.rules);
  const rules = options.rules;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const log = options.log ?? createLogger({ base: { component: 'events' } });
  const logLimit = options.logLimit ?? 10_000;
  const history: Delivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const unsubscribers = new Set<() => void>();
  let idleWaiters: (() => void)[] = [];
  let chaos: Chaos | undefined;
  let closed = false;

  const pendingCount = () => timers.size + inFlight.size;
  const settle = () => {
    if (pendingCount() > 0) return;
    const w = idleWaiters;
    idleWaiters = [];
    for (const f of w) f();
  };
  const record = (
    event: OciEventEnvelope,
    target: DeliveryTarget,
    d: Omit<Delivery, keyof DeliveryTarget | 'eventID' | 'eventType' | 'resourceName' | 'time'>,
  ) => {
    history.push({
      ...target,
      eventID: event.eventID,
      eventType: event.eventType,
      resourceName: event.data?.resourceName,
      time: new Date().toISOString(),
      ...d,
    });
    if (history.length > logLimit) history.splice(0, history.length - logLimit);
  };
  const delayFor = (attempt: number) => {
    const raw = Math.min(retry.maxDelayMs, retry.baseDelayMs * retry.factor ** (attempt - 1));
    const j = retry.jitter ?? 0.2;
    return Math.max(0, Math.round(raw * (1 - j + Math.random() * 2 * j)));
  };

  async function attempt(
    event: OciEventEnvelope,
    target: DeliveryTarget,
    n: number,
    duplicate: boolean,
  ): Promise<void> {
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await options.invoker.invoke({
        functionId: target.functionId,
        body: Buffer.from(JSON.stringify(event)),
        headers: {
          'fn-intent': 'cloudevent',
          'fn-invoke-type': 'sync',
          'content-type': 'application/json',
          'opc-request-id': randomUUID().replace(/-/g, '').toUpperCase(),
        },
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      status = res.status;
      if (res.status >= 200 && res.status < 300) {
        record(event, target, { attempt: n, outcome: 'delivered', status, duplicate });
        return;
      }
      error = res.body.toString('utf8').slice(0, 300);
    } catch (e: unknown) {
      error = e instanceof Error ? e.message : String(e);
    }
    // 400/404/413 and the like cannot succeed on a retry; no answer, 429 and 5xx (the function's 502) can
    const last = n >= retry.maxAttempts || closed || (status !== undefined && !isRetryableStatus(status));
    record(event, target, {
      attempt: n,
      outcome: last ? 'failed' : 'retrying',
      ...(status !== undefined ? { status } : {}),
      error,
      duplicate,
    });
    if (last) {
      log.warn('event delivery gave up', {
        eventID: event.eventID,
        eventType: event.eventType,
        ...target,
        attempts: n,
        status,
        error,
      });
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      start(event, target, n + 1, duplicate);
    }, delayFor(n));
    timers.add(t);
  }

  function start(event: OciEventEnvelope, target: DeliveryTarget, n: number, duplicate: boolean): void {
    if (closed) return settle();
    const p: Promise<void> = attempt(event, target, n, duplicate).finally(() => {
      inFlight.delete(p);
      settle();
    });
    inFlight.add(p);
  }

  function dispatch(event: OciEventEnvelope): void {
    if (closed) return;
    for (const rule of rules) {
      if (rule.isEnabled === false || !matches(rule.condition, event)) continue;
      for (const action of rule.actions) {
        const target = { rule: rule.name, functionId: action.functionId };
        if (chaos?.drop?.(event, target)) {
          record(event, target, { attempt: 0, outcome: 'dropped', duplicate: false });
          continue;
        }
        start(event, target, 1, false);
        if (chaos?.duplicate?.(event, target)) start(event, target, 1, true);
      }
    }
  }

  return {
    attach(bus) {
      const off = bus.subscribe((e) => dispatch(e));
      unsubscribers.add(off);
      return () => {
        off();
        unsubscribers.delete(off);
      };
    },
    dispatch,
    deliveries: () => [...history],
    pending: pendingCount,
    idle: () => (pendingCount() === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    setChaos(c) {
      chaos = c;
    },
    async close() {
      closed = true;
      for (const off of unsubscribers) off();
      unsubscribers.clear();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...inFlight]);
      settle();
    },
  };
}
