/**
 * The request pipeline, written once for every service:
 *   parse → route → verify signature → fault rules → IAM policy check → provider → serialise (errors in OCI's format).
 * Every answer carries `opc-request-id` (the caller's, when it sent one).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { OciErrors, OciServiceError } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import { newRequestId } from './ids.ts';
import type { RequestLog } from './request-log.ts';
import type { Router } from './router.ts';
import type { EmulatorIam } from '../iam/index.ts';
import { verifyRequestSignature, type KeyResolver, type Principal } from './signature.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** Largest body the pipeline buffers (streamed routes have their own limits). */
export const MAX_BUFFERED_BODY = 8 * 1024 * 1024;

export interface PipelineDeps {
  router: Router;
  keys: KeyResolver;
  faults: FaultInjector;
  log: RequestLog;
  /** @default true */
  verifySignatures: boolean;
  now(): number;
  onError?(e: unknown): void;
  /** policy checks of signed requests (absent: every signed caller may do anything) */
  iam?: EmulatorIam;
}

function parseQuery(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    let dk: string, dv: string;
    try {
      dk = decodeURIComponent(k);
      dv = decodeURIComponent(v);
    } catch {
      throw OciErrors.invalidParameter(`The query parameter ${k} is not valid percent-encoding`);
    }
    const list = out.get(dk) ?? [];
    list.push(dv);
    out.set(dk, list);
  }
  return out;
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw OciErrors.payloadTooLarge(`The request body exceeds ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

export function createPipeline(deps: PipelineDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = headerValue(req, 'opc-request-id') ?? newRequestId();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const method = (req.method ?? 'GET').toUpperCase();
    let service = 'unknown';
    let operation = `${method} ${path}`;
    let caller = 'anonymous';
    let status = 500;
    let code: string | undefined;
    // PAR URLs are used from browsers (the web app uploads and downloads through them): CORS for any
    // origin, as the URL itself is the credential; preflights are answered here
    if (path.startsWith('/p/')) {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader(
        'access-control-expose-headers',
        'etag, opc-request-id, opc-multipart-md5, opc-content-md5, content-length, content-range',
      );
      if (method === 'OPTIONS' && headerValue(req, 'access-control-request-method')) {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, HEAD, PUT, POST, DELETE',
          'access-control-allow-headers': headerValue(req, 'access-control-request-headers') ?? '',
          'access-control-max-age': '600',
          'opc-request-id': requestId,
        });
        res.end();
        deps.log.add({
          time: new Date(started).toISOString(),
          requestId,
          service: 'objectstorage',
          operation: 'CorsPreflight',
          method,
          path,
          status: 204,
          caller: 'par',
          durationMs: Date.now() - started,
        });
        return;
      }
    }
    let missingPermission: string | undefined;
    try {
      const query = parseQuery(q < 0 ? '' : rawUrl.slice(q + 1));
      let match: ReturnType<typeof deps.router.match>;
      try {
        match = deps.router.match(method, path);
      } catch (e) {
        // OCI authenticates before it tells what it does not serve: an unsigned or forged request
        // to an operation the emulator lacks gets 401, a signed one the 404/501 it earned
        if (deps.verifySignatures && !path.startsWith('/_emulator') && !path.startsWith('/p/')) {
          const body = await readBody(req, MAX_BUFFERED_BODY);
          const principal = await verifyRequestSignature(
            {
              method,
              rawUrl,
              headers: req.headers,
              body,
              bodyExcluded: headerValue(req, 'x-content-sha256') === undefined,
              now: deps.now(),
            },
            deps.keys,
          );
          caller = principal.id;
        }
        throw e;
      }
      service = match.provider.name;
      operation = match.route.operation;
      const route = match.route;

      let body: Buffer = Buffer.alloc(0);
      if (!route.streamBody) body = await readBody(req, MAX_BUFFERED_BODY);

      let principal: Principal | undefined;
      if ((route.auth ?? 'signature') === 'signature' && deps.verifySignatures) {
        principal = await verifyRequestSignature(
          {
            method,
            rawUrl,
            headers: req.headers,
            body: route.streamBody ? undefined : body,
            bodyExcluded: !!route.unsignedBody || !!route.streamBody,
            now: deps.now(),
          },
          deps.keys,
        );
        caller = principal.id;
      } else if (route.auth === 'none' && path.startsWith('/p/')) {
        caller = 'par';
      }

      const fault = deps.faults.evaluate(service, operation);
      if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
      // a fault `after` the request lets the handler apply it first (a lost answer)
      const injure = (): boolean => {
        if (fault.drop) {
          status = 0;
          code = fault.after ? 'ConnectionDroppedAfterApply' : 'ConnectionDropped';
          req.socket.destroy();
          return true;
        }
        if (fault.error)
          throw new OciServiceError(fault.error.status, fault.error.code, fault.error.message, fault.error.headers);
        return false;
      };
      if (!fault.after && injure()) return;

      const ereq: EmulatorRequest = {
        requestId,
        service,
        operation,
        method,
        rawUrl,
        path,
        params: match.params,
        query: (n) => query.get(n)?.[0],
        queryAll: (n) => query.get(n) ?? [],
        header: (n) => headerValue(req, n),
        headers: req.headers,
        body,
        stream: req,
        ...(principal ? { principal } : {}),
        json<T>() {
          if (body.length === 0) return {} as T;
          try {
            return JSON.parse(body.toString('utf8')) as T;
          } catch {
            throw OciErrors.cannotParseRequest('The request body is not valid JSON');
          }
        },
      };
      if (principal && deps.iam) {
        try {
          deps.iam.authorize(ereq, principal, route.iam);
        } catch (e) {
          missingPermission = (e as { iamDenial?: { missingPermission: string } }).iamDenial?.missingPermission;
          throw e;
        }
      }
      const out = await route.handler(ereq);
      if (fault.after) {
        out.stream?.destroy();
        if (injure()) return;
      }
      status = out.status ?? 200;
      await send(res, method, requestId, out);
    } catch (e) {
      const err = e instanceof OciServiceError ? e : toInternal(e, deps);
      status = err.status;
      code = err.code;
      if (!res.headersSent) {
        const payload = JSON.stringify({ code: err.code, message: err.message });
        res.writeHead(err.status, {
          'content-type': 'application/json',
          'opc-request-id': requestId,
          ...err.headers,
          ...(method === 'HEAD' ? {} : { 'content-length': Buffer.byteLength(payload) }),
        });
        res.end(method === 'HEAD' ? undefined : payload);
      } else {
        res.destroy();
      }
      // a body the handler never read must be drained, or keep-alive clients stall
      if (!req.complete) req.resume();
    } finally {
      deps.log.add({
        time: new Date(started).toISOString(),
        requestId,
        service,
        operation,
        method,
        path,
        status,
        ...(code ? { code } : {}),
        caller,
        durationMs: Date.now() - started,
        ...(missingPermission ? { missingPermission } : {}),
      });
    }
  };
}

function toInternal(e: unknown, deps: PipelineDeps): OciServiceError {
  deps.onError?.(e);
  return OciErrors.internal('Internal error in the local OCI emulator');
}

async function send(res: ServerResponse, method: string, requestId: string, out: EmulatorResponse): Promise<void> {
  const headers: Record<string, string | number> = { 'opc-request-id': requestId };
  for (const [k, v] of Object.entries(out.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const status = out.status ?? 200;
  if (out.stream) {
    res.writeHead(status, headers);
    if (method === 'HEAD') {
      out.stream.destroy();
      res.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      // a client that goes away mid-download must not keep the file open until GC
      res.on('close', () => {
        if (!res.writableFinished) out.stream!.destroy();
        resolve();
      });
      out.stream!.on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
    });
    return;
  }
  let payload: Buffer | undefined;
  if (out.body === undefined || status === 204) payload = undefined;
  else if (Buffer.isBuffer(out.body)) payload = out.body;
  else if (typeof out.body === 'string' && headers['content-type'] !== undefined) payload = Buffer.from(out.body);
  else {
    payload = Buffer.from(JSON.stringify(out.body));
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined && headers['content-length'] === undefined) headers['content-length'] = payload.length;
  if (payload === undefined && status !== 204 && status !== 304 && headers['content-length'] === undefined)
    headers['content-length'] = 0;
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

export { Readable };
