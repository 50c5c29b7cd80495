/**
 * The oci-sdk clients' transport over node:http / node:https instead of the global `fetch`.
 *
 * Why: Node loads its fetch (undici, with node:http2) on first use, ≈50 ms of CPU on the bench
 * machine, a third of a domain function's cold start to its first answer; node:http is already
 * loaded by the FDK. In the bundles (scripts/build.ts `ociLightHeadersPlugin`) oci-common's
 * request builder also gets {@link LightHeaders} instead of the global `Headers`, so a domain
 * function never loads undici at all. Elsewhere (tsx, tests) the SDK hands us undici's Headers,
 * which work the same here.
 *
 * Same contract as oci-common's `FetchHttpClient.send` (lib/http.js): the body rules of
 * `getSignerAndReqBody` (string, Readable, or excluded from signing), the signer called with the
 * same arguments, and a response offering what the SDK and our code read: `status`, `statusText`,
 * `ok`, `headers.get/has/forEach/entries`, `json()`, `text()`, `arrayBuffer()` and `body` (a web
 * ReadableStream, for streamed operations). Connections are kept alive per origin like fetch's.
 * A network failure rejects with Node's error (`code` ECONNREFUSED, ECONNRESET, ...), which the
 * SDK rethrows as `{ code, message }` and `withRetry` treats as a network error.
 */
import http from 'node:http';
import https from 'node:https';
import { PassThrough, Readable } from 'node:stream';
import type { HttpClient, HttpRequest, RequestSigner } from 'oci-common';

/** Minimal WHATWG `Headers` (case-insensitive names, `, `-joined repeats), enough for oci-common and our signer. */
export class LightHeaders {
  readonly #map = new Map<string, string>();
  constructor(init?: Iterable<readonly [string, string]> | Record<string, string>) {
    if (!init) return;
    const pairs =
      Symbol.iterator in Object(init)
        ? (init as Iterable<readonly [string, string]>)
        : Object.entries(init as Record<string, string>);
    for (const [k, v] of pairs) this.append(k, v);
  }
  append(name: string, value: string): void {
    const k = name.toLowerCase();
    const v = String(value).trim();
    const prior = this.#map.get(k);
    this.#map.set(k, prior === undefined ? v : `${prior}, ${v}`);
  }
  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), String(value).trim());
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }
  forEach(fn: (value: string, name: string, headers: LightHeaders) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  *entries(): IterableIterator<[string, string]> {
    yield* [...this.#map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** What `send` resolves to: the part of a fetch `Response` the SDK reads. */
export class NodeHttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: LightHeaders;
  readonly url: string;
  readonly #res: http.IncomingMessage;
  #used = false;
  constructor(res: http.IncomingMessage, url: string) {
    this.#res = res;
    this.url = url;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    const h = new LightHeaders();
    const raw = res.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) h.append(raw[i]!, raw[i + 1]!);
    this.headers = h;
  }
  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }
  get bodyUsed(): boolean {
    return this.#used;
  }
  #take(): http.IncomingMessage {
    if (this.#used) throw new TypeError('the response body was already read');
    this.#used = true;
    return this.#res;
  }
  /** The body as a web ReadableStream (node:stream/web, not undici); null for a bodiless status. */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.status === 204 || this.status === 304) return null;
    return Readable.toWeb(this.#take()) as unknown as ReadableStream<Uint8Array>;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const chunks: Buffer[] = [];
    for await (const c of this.#take()) chunks.push(c as Buffer);
    const b = Buffer.concat(chunks);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return Buffer.from(await this.arrayBuffer()).toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  if (typeof body === 'string') return false;
  // oci-common's utils.isEmpty: an object without own keys (a stream or a Buffer has some)
  return typeof body === 'object' && Object.keys(body).length === 0 && !(body instanceof Readable);
}

/** oci-common's `getSignerAndReqBody`: what is signed and what is sent. */
function splitBody(body: unknown, forceExcludeBody: boolean): { signerBody?: unknown; requestBody?: unknown } {
  if (isEmptyBody(body)) return {};
  if (forceExcludeBody) return { requestBody: body };
  if (typeof body === 'string') return { signerBody: body, requestBody: body };
  if (body instanceof Readable)
    return { signerBody: body.pipe(new PassThrough()), requestBody: body.pipe(new PassThrough()) };
  throw new Error('Unable to read body content');
}

function headerObject(headers: HttpRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  (headers as unknown as { forEach(fn: (v: string, k: string) => void): void }).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

async function writeBody(req: http.ClientRequest, body: unknown): Promise<void> {
  if (body === undefined) return void req.end();
  if (typeof body === 'string' || body instanceof Uint8Array) return void req.end(body);
  if (body instanceof ArrayBuffer) return void req.end(Buffer.from(body));
  if (body instanceof Readable) return void body.on('error', (e) => req.destroy(e)).pipe(req);
  if (typeof (body as ReadableStream).getReader === 'function') {
    return void Readable.fromWeb(body as import('node:stream/web').ReadableStream)
      .on('error', (e) => req.destroy(e))
      .pipe(req);
  }
  if (typeof (body as Blob).arrayBuffer === 'function')
    return void req.end(Buffer.from(await (body as Blob).arrayBuffer()));
  throw new TypeError('unsupported request body type');
}

/** An oci-common `HttpClient` over node:http(s), signing with `signer` (null: unsigned). */
export function createNodeHttpClient(signer: RequestSigner | null): HttpClient {
  return {
    async send(request: HttpRequest, forceExcludeBody = false): Promise<Response> {
      const body = splitBody(request.body, forceExcludeBody);
      if (signer)
        await signer.signHttpRequest(
          {
            method: request.method,
            headers: request.headers,
            uri: request.uri,
            body: body.signerBody as HttpRequest['body'],
          },
          forceExcludeBody,
        );
      const url = new URL(request.uri);
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') throw new TypeError(`unsupported protocol ${url.protocol}`);
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = (secure ? https : http).request(
          url,
          {
            method: request.method,
            headers: headerObject(request.headers),
            agent: secure ? agents.https : agents.http,
          },
          resolve,
        );
        req.on('error', reject);
        writeBody(req, body.requestBody).catch((e: unknown) => req.destroy(e as Error));
      });
      return new NodeHttpResponse(res, request.uri) as unknown as Response;
    },
  };
}
