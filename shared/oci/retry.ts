/**
 * The one retry policy for every OCI call. The SDK's own retrier is switched off on our clients
 * (see client.ts), so this is the only place that retries: exponential backoff with full jitter,
 * `Retry-After` honoured, and never sleeping past the Fn call's deadline.
 *
 * Create operations: pass ONE `opcRetryToken` (from {@link retryToken}) created outside the retried
 * function, so every attempt carries the same token and OCI de-duplicates a create whose first
 * attempt actually succeeded (the SDK generates a fresh token per SDK call, i.e. per our attempt):
 * @example
 * const token = retryToken();
 * await withRetry(() => nosql.createTable({ createTableDetails, opcRetryToken: token }), {
 *   deadlineMs: call.remainingMs(),
 * });
 */
import { randomUUID } from 'node:crypto';
import { ambientRemainingMs } from '../deadline.ts';
import { isAppError, ErrorCode } from '../errors.ts';
import { retryAfterMsOf } from './retry-after.ts';

export interface RetryOptions {
  /** Total attempts. @default env OCI_RETRY_MAX_ATTEMPTS ?? 5 */
  maxAttempts?: number;
  /** First backoff ceiling in ms; doubles per attempt. @default env OCI_RETRY_BASE_MS ?? 2000 */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms. @default env OCI_RETRY_CAP_MS ?? 30000 */
  maxDelayMs?: number;
  /**
   * Time budget in ms from now (pass `call.remainingMs()`); no sleep may end past it.
   * @default the Fn call's remaining time (shared/deadline.ts), else unlimited
   */
  deadlineMs?: number;
  /** Which errors are worth another attempt. @default isRetryableError */
  isRetryable?: (e: unknown) => boolean;
  /** Called before each backoff sleep (logging, metrics). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Env for the OCI_RETRY_* overrides. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Test seams: fake clock, sleep and randomness. @default Date.now / setTimeout / Math.random */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What the retried operation receives. */
export interface AttemptInfo {
  /** 1-based attempt number. */
  attempt: number;
}

export const RETRY_DEFAULTS = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 30_000 } as const;

/** A fresh idempotency token for a create call; create it once, outside the retried function. */
export function retryToken(): string {
  return randomUUID();
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);
const NEVER = new Set([400, 401, 403, 404, 412]);

function field(e: unknown, key: string): unknown {
  return typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[key] : undefined;
}

function isNetworkError(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 3) return false;
  const code = field(e, 'code');
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  const name = field(e, 'name');
  if (name === 'TimeoutError' || name === 'ConnectTimeoutError') return true;
  const message = field(e, 'message');
  // undici's TypeError('fetch failed'), and the SDK's plain-object rethrow of it (no statusCode, §3.1)
  if (message === 'fetch failed' || message === 'terminated' || message === 'other side closed') return true;
  return isNetworkError(field(e, 'cause'), depth + 1);
}

/**
 * The default retry condition: 429, 5xx (not 501), 409 IncorrectState, timeouts and network errors
 * (including the SDK's `{message:'fetch failed'}` plain objects), and our own UpstreamError /
 * RATE_LIMITED. Never 400, 401, 403, 404, 412, other 4xx, or validation errors.
 */
export function isRetryableError(e: unknown): boolean {
  if (isAppError(e)) return e.code === ErrorCode.UpstreamUnavailable || e.code === ErrorCode.RateLimited;
  const status = field(e, 'statusCode');
  if (typeof status === 'number' && Number.isFinite(status) && status > 0) {
    if (NEVER.has(status)) return false;
    if (status === 429) return true;
    if (status === 409) return field(e, 'serviceCode') === 'IncorrectState';
    if (status === 501) return false;
    if (status >= 500 && status <= 599) return true;
    return false;
  }
  // statusCode -1 / NaN is how the SDK marks client-side failures
  if (typeof status === 'number') return true;
  return isNetworkError(e);
}

function envNumber(env: Readonly<Record<string, string | undefined>>, key: string): number | undefined {
  const v = env[key];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${key} must be a non-negative number, got "${v}"`);
  return n;
}

/** Effective settings: explicit option, else env override, else default. */
export function resolveRetrySettings(options: RetryOptions = {}): {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
} {
  const env = options.env ?? process.env;
  const maxAttempts = Math.max(
    1,
    Math.floor(options.maxAttempts ?? envNumber(env, 'OCI_RETRY_MAX_ATTEMPTS') ?? RETRY_DEFAULTS.maxAttempts),
  );
  const baseDelayMs = options.baseDelayMs ?? envNumber(env, 'OCI_RETRY_BASE_MS') ?? RETRY_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? envNumber(env, 'OCI_RETRY_CAP_MS') ?? RETRY_DEFAULTS.maxDelayMs;
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. `attempt` is the attempt that just failed. */
export function backoffDelayMs(
  attempt: number,
  s: { baseDelayMs: number; maxDelayMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Run `op` until it succeeds, a non-retryable error occurs, attempts run out, or the next sleep
 * would end past the deadline. The last error is rethrown unchanged (map it with `toAppError`).
 */
export async function withRetry<T>(op: (info: AttemptInfo) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const settings = resolveRetrySettings(options);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const deadlineMs = options.deadlineMs ?? ambientRemainingMs();
  const deadlineAt = deadlineMs === undefined ? Infinity : now() + Math.max(0, deadlineMs);
  for (let attempt = 1; ; attempt++) {
    try {
      return await op({ attempt });
    } catch (e: unknown) {
      if (attempt >= settings.maxAttempts || !isRetryable(e)) throw e;
      const serverAsked = retryAfterMsOf(e, now());
      const delayMs = serverAsked ?? backoffDelayMs(attempt, settings, random);
      if (now() + delayMs >= deadlineAt) throw e;
      options.onRetry?.({ attempt, delayMs, error: e });
      await sleep(delayMs);
    }
  }
}

/** Options of {@link retryBudget}. */
export interface RetryBudgetOptions {
  /** Failures (the first included) after which the next one is rethrown. @default 10 */
  maxFailures?: number;
  /** Time budget in ms from now. @default the Fn call's remaining time, else unlimited */
  deadlineMs?: number;
  /**
   * Backoff: full jitter from these (doubling per failure).
   * @default OCI_RETRY_BASE_MS / OCI_RETRY_CAP_MS, else 2000 / 30000
   */
  baseDelayMs?: number;
  maxDelayMs?: number;
  isRetryable?: (e: unknown) => boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * A transient-failure budget for loops that cannot be one `withRetry` call: a conditional write
 * whose outcome is unknown must be followed by a re-read, not by the same write again.
 * `await budget.retry(e)` rethrows `e` when it is not retryable or the budget (count or deadline)
 * is spent, else sleeps the backoff; then the loop re-reads and decides again.
 * @example
 * const budget = retryBudget();
 * for (;;) {
 *   const cur = await read();
 *   try {
 *     return await writeIf(cur.version);
 *   } catch (e) {
 *     await budget.retry(e);
 *   }
 * }
 */
export function retryBudget(options: RetryBudgetOptions = {}) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const settings = resolveRetrySettings({
    ...(options.baseDelayMs !== undefined ? { baseDelayMs: options.baseDelayMs } : {}),
    ...(options.maxDelayMs !== undefined ? { maxDelayMs: options.maxDelayMs } : {}),
  });
  const max = options.maxFailures ?? 10;
  const budgetMs = options.deadlineMs ?? ambientRemainingMs();
  const deadlineAt = budgetMs === undefined ? Infinity : now() + Math.max(0, budgetMs);
  let failures = 0;
  return {
    get failures(): number {
      return failures;
    },
    async retry(e: unknown): Promise<void> {
      failures++;
      if (!isRetryable(e) || failures >= max) throw e;
      const delayMs = retryAfterMsOf(e, now()) ?? backoffDelayMs(Math.min(failures, 16), settings, random);
      if (now() + delayMs >= deadlineAt) throw e;
      await sleep(delayMs);
    },
  };
}
