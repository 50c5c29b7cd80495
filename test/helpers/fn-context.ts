/**
 * A fake Fn context that behaves like `@fnproject/fdk` 0.0.76's Context for the parts the adapter
 * uses (canonical array-valued headers, httpGateway, Fn-Http-Status, Content-Type handling), plus
 * `renderFdkResult` which mimics the FDK's sendResult so tests see what the agent would receive.
 *
 * @example
 * const ctx = fakeFnContext({
 *   headers: { 'Fn-Intent': 'httprequest', 'Fn-Http-Method': 'GET', 'Fn-Http-Request-Url': '/graphql' },
 * });
 * const out = renderFdkResult(ctx, await handler(Buffer.alloc(0), ctx));
 */
import type { FdkContext, FdkHttpGatewayContext, FdkResult } from '@fnproject/fdk';

/** The FDK's header canonicalisation: `_` → `-`, each segment title-cased. */
export function canonHeader(h: string): string {
  return h
    .replace(/_/g, '-')
    .split('-')
    .map((s) => (s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s))
    .join('-');
}

export interface FakeFnContextOptions {
  /** Request headers; values may be arrays. `Fn-Call-Id` and `Fn-Deadline` are added unless given. */
  headers?: Record<string, string | string[]>;
  /** Env for fnID/appID. */
  env?: Record<string, string | undefined>;
  /** @default `call-<n>` */
  callId?: string;
  /** @default 30 s from now */
  deadline?: Date | string | null;
}

export interface FakeFnContext extends FdkContext {
  /** Response headers set so far (canonical name → values), like the FDK's `_responseHeaders`. */
  readonly responseHeaderMap: Record<string, string[]>;
}

let seq = 0;

export function fakeFnContext(options: FakeFnContextOptions = {}): FakeFnContext {
  const headers: Record<string, string[]> = {};
  const add = (k: string, v: string | string[]) => {
    const key = canonHeader(k);
    headers[key] = [...(headers[key] ?? []), ...(Array.isArray(v) ? v : [v])];
  };
  add('Fn-Call-Id', options.callId ?? `call-${++seq}`);
  const deadline = options.deadline === undefined ? new Date(Date.now() + 30_000) : options.deadline;
  if (deadline !== null) add('Fn-Deadline', typeof deadline === 'string' ? deadline : deadline.toISOString());
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (canonHeader(k) === 'Fn-Call-Id' || canonHeader(k) === 'Fn-Deadline') delete headers[canonHeader(k)];
    add(k, v);
  }
  const env = options.env ?? {};
  const response: Record<string, string[]> = { 'Content-Type': ['application/json'] };
  const getHeader = (k: string) => headers[canonHeader(k)]?.[0] ?? null;
  const setResponseHeader = (k: string, ...values: string[]) => {
    response[canonHeader(k)] = values.map(String);
  };
  const ctx: FakeFnContext = {
    get callID() {
      return getHeader('Fn-Call-Id');
    },
    get deadline() {
      const d = getHeader('Fn-Deadline');
      return d == null ? null : new Date(Date.parse(d));
    },
    get fnID() {
      return env.FN_FN_ID;
    },
    get appID() {
      return env.FN_APP_ID;
    },
    get headers() {
      return structuredClone(headers);
    },
    getHeader,
    get responseContentType() {
      return response['Content-Type']?.[0] ?? null;
    },
    set responseContentType(v: string | null) {
      setResponseHeader('Content-Type', String(v));
    },
    setResponseHeader,
    get responseHeaderMap() {
      return response;
    },
    get httpGateway(): FdkHttpGatewayContext {
      const gwHeaders: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(headers)) {
        if (k.startsWith('Fn-Http-H-') && k.length > 'Fn-Http-H-'.length)
          gwHeaders[k.slice('Fn-Http-H-'.length)] = [...v];
      }
      return {
        get method() {
          return getHeader('Fn-Http-Method');
        },
        get requestURL() {
          return getHeader('Fn-Http-Request-Url');
        },
        get headers() {
          return structuredClone(gwHeaders);
        },
        set statusCode(s: number) {
          setResponseHeader('Fn-Http-Status', String(s));
        },
        setResponseHeader(k: string, ...values: string[]) {
          if (canonHeader(k) === 'Content-Type') setResponseHeader('Content-Type', values[0]!);
          else setResponseHeader('Fn-Http-H-' + k, ...values);
        },
      };
    },
  };
  return ctx;
}

/** What the FDK would send for a handler result: status 200, the response headers and the body bytes. */
export interface RenderedFdkResult {
  status: 200;
  headers: Record<string, string[]>;
  body: Buffer;
  /** body parsed as JSON, or undefined when it is not JSON */
  json: unknown;
}

/**
 * Mimic the FDK's `sendResult`: rawResult bytes as they are, objects JSON-encoded.
 * Throws like the FDK would fail for null/undefined (which crashes the real process).
 */
export function renderFdkResult(ctx: FakeFnContext, result: FdkResult | unknown): RenderedFdkResult {
  if (result === null || result === undefined)
    throw new Error('handler returned null/undefined: the real FDK crashes on this');
  const raw = (result as { _raw?: unknown })._raw;
  let body: Buffer;
  if (raw !== undefined) body = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  else body = Buffer.from(JSON.stringify(result));
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: 200, headers: structuredClone(ctx.responseHeaderMap), body, json };
}

/** A real-shaped Object Storage createobject event (reference §4); override any top-level field. */
export function objectEventFixture(overrides: Record<string, unknown> = {}) {
  return {
    eventType: 'com.oraclecloud.objectstorage.createobject',
    cloudEventsVersion: '0.1',
    eventTypeVersion: '2.0',
    source: 'ObjectStorage',
    eventTime: '2023-07-25T19:58:33Z',
    contentType: 'application/json',
    data: {
      compartmentId: 'ocid1.compartment.oc1..aaaa',
      resourceName: 'dir/sintel 1.mp4',
      resourceId: '/n/axhlyht8myu1/b/src_bucket/o/dir/sintel 1.mp4',
      additionalDetails: { bucketName: 'src_bucket', namespace: 'axhlyht8myu1', eTag: 'e-1', versionId: 'v-1' },
    },
    eventID: 'cd5c629a-de5e-defa-c88c-993a237aa86e',
    extensions: { compartmentId: 'ocid1.compartment.oc1..aaaa' },
    ...overrides,
  };
}
