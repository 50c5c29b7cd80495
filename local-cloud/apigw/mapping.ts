/**
 * How OCI API Gateway maps a client request to a function invoke, and the function's answer back
 * (reference §1.3, §1.4, §5). Pure functions; the server in `server.ts` does the I/O.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from './auth.ts';
import type { InvokeResponse } from '#local/invoke/index.ts';

/** Hop-by-hop headers (RFC 9110 §7.6.1): never forwarded in either direction. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
/** Identity headers only the front may set; client-sent ones are deleted. */
export const IDENTITY_PREFIX = 'x-user-';
const FN_HTTP_H = 'fn-http-h-';

/** Go's `textproto.CanonicalMIMEHeaderKey`, as the Fn server applies it: `x-api_key` → `X-Api-Key`. */
export function canonicalHeader(name: string): string {
  return name
    .replace(/_/g, '-')
    .split('-')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase())
    .join('-');
}

/** Header values are bytes: an id outside visible ASCII (or holding `%`) travels percent-encoded. */
const PLAIN_HEADER_ID = /^[\x21-\x24\x26-\x7e](?:[\x20-\x24\x26-\x7e]*[\x21-\x24\x26-\x7e])?$/;
/** Set with the encoded form; the gateway decodes `X-User-Id` exactly once when it sees it. */
export const FN_USER_ID_ENCODING_HEADER = 'Fn-Http-H-X-User-Id-Encoding';

/**
 * `X-User-Id` for a verified subject: as is when it is plain visible ASCII, else
 * `encodeURIComponent(id)` plus `X-User-Id-Encoding: percent` (both are identity headers, so a
 * client cannot send either). `alıce` → `al%C4%B1ce`.
 */
export function userIdHeaders(userId: string): Record<string, string> {
  if (PLAIN_HEADER_ID.test(userId)) return { 'Fn-Http-H-X-User-Id': userId };
  return { 'Fn-Http-H-X-User-Id': encodeURIComponent(userId), [FN_USER_ID_ENCODING_HEADER]: 'percent' };
}

export interface ClientRequest {
  method: string;
  /** path + query, as received */
  url: string;
  headers: IncomingHttpHeaders;
  clientIp?: string;
  /** the verified caller; undefined for an anonymous request a route lets through */
  identity?: Identity;
  requestId: string;
}

/** The invoke request headers for a client request. `Authorization` is consumed by the front and not forwarded. */
export function toInvokeHeaders(req: ClientRequest): Record<string, string> {
  const out: Record<string, string> = {
    'fn-intent': 'httprequest',
    'fn-invoke-type': 'sync',
    'fn-http-method': req.method.toUpperCase(),
    'fn-http-request-url': req.url,
    'opc-request-id': req.requestId,
  };
  const connectionListed = new Set(
    String(req.headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const [rawName, value] of Object.entries(req.headers)) {
    const name = rawName.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(name) || connectionListed.has(name)) continue;
    // compare canonical names: `x_user_id` is forwarded as `X-User-Id`, so it is identity too
    const canonical = canonicalHeader(name);
    if (name === 'authorization' || canonical.toLowerCase().startsWith(IDENTITY_PREFIX)) continue;
    out[`Fn-Http-H-${canonical}`] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (req.clientIp) {
    const prior = out['Fn-Http-H-X-Forwarded-For'];
    out['Fn-Http-H-X-Forwarded-For'] = prior ? `${prior}, ${req.clientIp}` : req.clientIp;
    out['Fn-Http-H-X-Real-Ip'] = req.clientIp;
  }
  if (req.identity) {
    Object.assign(out, userIdHeaders(req.identity.userId));
    out['Fn-Http-H-X-User-Roles'] = req.identity.roles.join(',');
  }
  const ct = req.headers['content-type'];
  if (ct) out['content-type'] = ct;
  return out;
}

export interface ClientResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The client's answer: status = the service's if ≥ 400, else `Fn-Http-Status`, else 200; only
 * `Fn-Http-H-*` (prefix stripped), `Content-Type` and `Fn-Call-Id` headers pass.
 */
export function toClientResponse(res: InvokeResponse): ClientResponse {
  let status = 200;
  if (res.status >= 400) status = res.status;
  else {
    const fnStatus = Number.parseInt(res.headers.get('fn-http-status') ?? '', 10);
    if (Number.isInteger(fnStatus) && fnStatus >= 100 && fnStatus <= 599) status = fnStatus;
  }
  const headers: Record<string, string> = {};
  const ct = res.headers.get('content-type');
  if (ct) headers['content-type'] = ct;
  const callId = res.headers.get('fn-call-id');
  if (callId) headers['fn-call-id'] = callId;
  res.headers.forEach((value, rawName) => {
    const name = rawName.toLowerCase();
    if (!name.startsWith(FN_HTTP_H)) return;
    const stripped = name.slice(FN_HTTP_H.length);
    if (!stripped || HOP_BY_HOP.has(stripped) || stripped === 'content-length') return;
    headers[stripped] = value;
  });
  return { status, headers, body: res.body };
}
