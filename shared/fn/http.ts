/**
 * HTTP gateway mapping: FDK context → WHATWG Request, and Response → FDK response.
 * Wire facts (reference §1.3-1.5): `Fn-Http-Method`, `Fn-Http-Request-Url` (path + query on OCI API
 * Gateway, a full URL on the Fn server's own trigger), client headers as `Fn-Http-H-*`. The reply
 * status goes out as `Fn-Http-Status`, headers as `Fn-Http-H-*` (via setResponseHeader), and the
 * content type through setResponseHeader('Content-Type') which sets the real Content-Type.
 */
import fdk from '@fnproject/fdk';
import type { FdkContext, FdkResult } from '@fnproject/fdk';

/** Hop-by-hop and framing headers we neither forward into the Request nor copy back. */
const SKIP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
]);

/** Path + query from `Fn-Http-Request-Url`, which may be a full URL (Fn trigger) or a path (OCI API GW). */
export function requestPath(requestURL: string | null): string {
  if (!requestURL) return '/';
  if (/^https?:\/\//i.test(requestURL)) {
    const u = new URL(requestURL);
    return u.pathname + u.search;
  }
  return requestURL.startsWith('/') ? requestURL : `/${requestURL}`;
}

/** Build the WHATWG Request a {@link HttpHandler} receives. Throws TypeError for an unusable URL/method. */
export function toRequest(ctx: FdkContext, body: Buffer): Request {
  const gw = ctx.httpGateway;
  const method = (gw.method || 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, values] of Object.entries(gw.headers)) {
    if (SKIP_HEADERS.has(name.toLowerCase())) continue;
    for (const v of values) headers.append(name, v);
  }
  const url = new URL(requestPath(gw.requestURL), 'http://localhost');
  if (url.origin !== 'http://localhost') throw new TypeError('request URL must be a path');
  const init: RequestInit = { method, headers };
  // a copy typed over ArrayBuffer (BodyInit)
  if (method !== 'GET' && method !== 'HEAD') init.body = new Uint8Array(body);
  return new Request(url, init);
}

/** Write a Response back through the FDK: status, headers, content type, raw body (never null). */
export async function fromResponse(ctx: FdkContext, res: Response): Promise<FdkResult> {
  const gw = ctx.httpGateway;
  gw.statusCode = res.status;
  const cookies = res.headers.getSetCookie();
  for (const [name, value] of res.headers) {
    const lower = name.toLowerCase();
    if (SKIP_HEADERS.has(lower) || lower === 'set-cookie') continue;
    gw.setResponseHeader(name, value);
  }
  if (cookies.length > 0) gw.setResponseHeader('Set-Cookie', ...cookies);
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.headers.has('content-type') && body.length > 0)
    gw.setResponseHeader('Content-Type', 'application/octet-stream');
  // An empty Buffer is written as zero bytes; returning null/undefined would crash the FDK (§1.5).
  return fdk.rawResult(body);
}

/** A JSON HTTP response. */
export function jsonResponse(status: number, payload: unknown): Response {
  return new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });
}
