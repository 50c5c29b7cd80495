/**
 * Retry-After bookkeeping. The SDK's `OciError` keeps statusCode, serviceCode, message and
 * opcRequestId but drops every other response header, so a server's `Retry-After` never reaches
 * the caller. Clients built by `createOciClient` send through an HttpClient wrapper that records
 * `Retry-After` of failed responses here, keyed by the response's `opc-request-id` (which the
 * OciError does keep). `retryAfterMsOf(error)` looks it up. Limitation: a response without an
 * `opc-request-id` header cannot be matched, and such errors fall back to plain backoff.
 */

const MAX_ENTRIES = 256;
const recorded = new Map<string, number>(); // opc-request-id -> absolute epoch ms to wait until

/**
 * Parse a `Retry-After` value (delta-seconds or an HTTP date) into milliseconds from `nowMs`.
 * Returns undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Remember the Retry-After of a failed response (called by the client's HttpClient wrapper). */
export function recordRetryAfter(opcRequestId: string | null, retryAfter: string | null, nowMs = Date.now()): void {
  if (!opcRequestId) return;
  const ms = parseRetryAfter(retryAfter, nowMs);
  if (ms === undefined) return;
  if (recorded.size >= MAX_ENTRIES) recorded.delete(recorded.keys().next().value as string);
  recorded.set(opcRequestId, nowMs + ms);
}

function numberField(e: object, key: string): number | undefined {
  const v = (e as Record<string, unknown>)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * How long the server asked us to wait before retrying `e`, in ms from `nowMs`, if it said so.
 * Sources, in order: `e.retryAfterMs` (set by our own errors), a `headers` object with `get`
 * (fetch Response-like errors), the Retry-After recorded for `e.opcRequestId`.
 */
export function retryAfterMsOf(e: unknown, nowMs = Date.now()): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const own = numberField(e, 'retryAfterMs') ?? numberField((e as { details?: object }).details ?? {}, 'retryAfterMs');
  if (own !== undefined) return Math.max(0, own);
  const headers = (e as { headers?: { get?: (k: string) => string | null } }).headers;
  if (headers && typeof headers.get === 'function') {
    const ms = parseRetryAfter(headers.get('retry-after'), nowMs);
    if (ms !== undefined) return ms;
  }
  const id = (e as { opcRequestId?: unknown }).opcRequestId;
  if (typeof id === 'string') {
    const until = recorded.get(id);
    if (until !== undefined) return Math.max(0, until - nowMs);
  }
  return undefined;
}
