/**
 * The API Gateway front: one HTTP server answering the route table (`routes.ts`). Function routes
 * are authenticated (`auth.ts`), mapped (`mapping.ts`) and invoked through the Functions invoke
 * API (`#local/invoke`); nothing reaches a function before the body limit (6 MB → 413) and the token
 * check (→ 401) pass.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
// GraphiQL with its assets inlined (≈9 MB page), so it works offline; Yoga's own page loads them from a CDN
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GRAPHIQL } from '#local/product.ts';
import { createLogger, type Logger } from '#local/product.ts';
import { AuthError, createAuthenticator, type Identity, type JwtPolicy } from './auth.ts';
import { corsHeaders, preflightHeaders, type CorsPolicy } from './cors.ts';
import { InvokeTransportError, type InvokeClient } from '#local/invoke/index.ts';
import { UnsignableBodyError } from '#local/invoke/index.ts';
import { toClientResponse, toInvokeHeaders } from './mapping.ts';
import { matchRoute, ROUTES, type RouteSpec } from './routes.ts';
import { compressVariants, sendFile, sendVariants, staticFile, type Variants } from './static.ts';
import { ROLES } from '../product.ts';
import { MintError, type MintOptions } from './issuer.ts';

/** OCI Functions' request payload limit. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface ApiGatewayOptions {
  /** @default 8080; 0 picks a free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default ROUTES */
  routes?: RouteSpec[];
  /** function name (as routes name it) → function OCID */
  functions: Record<string, string>;
  invoker: InvokeClient;
  /** the JWT policy of `auth: 'jwt'` routes */
  jwt: JwtPolicy;
  /** served by `builtin: 'jwks'` routes */
  jwks?: JSONWebKeySet;
  cors?: CorsPolicy;
  /** @default MAX_BODY_BYTES */
  maxBodyBytes?: number;
  /** @default createLogger({ base: { component: 'apigw' } }) */
  log?: Logger;
  /**
   * The web app (`builtin: 'web'` and `'web-config'` routes): `dir` holds the built files (dist/web),
   * `config` is served as /config.json (how the app signs in). Without it those routes answer 404.
   */
  web?: { dir: string; config: Record<string, unknown> };
  /**
   * The dev issuer, for the dev sign-in (`builtin: 'dev-token'`) and the token GraphiQL opens with.
   * Local only: whoever reaches the front can mint any role. Without it, dev sign-in answers 404 and
   * GraphiQL opens without a token.
   */
  devIssuer?: { mintToken(o: MintOptions): Promise<string> };
}

export interface ApiGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

class TooLarge extends Error {}

/** The decoded path, or the raw one when it does not decode (then no file matches it). */
const decodeURIComponentSafe = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': payload.length });
  res.end(payload);
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The user and role of the token GraphiQL opens with locally (and of `npm run token`'s default). */
export const GRAPHIQL_DEV_USER = { sub: 'dev-user', roles: ['admin'] } as const;
const GRAPHIQL_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The GraphiQL page, compressed. With a token its headers editor starts with it, so the first load
 * (introspection for the Docs explorer, the default query) runs signed in instead of failing.
 */
function renderGraphiqlPage(endpoint: string, token: string | undefined): Variants {
  const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : '{}';
  const defaultQuery = token
    ? GRAPHIQL.defaultQuery
    : `# No token: paste one into Headers as {"Authorization": "Bearer <jwt>"}, then reload the ` +
      `schema.\n${GRAPHIQL.defaultQuery}`;
  const page = renderGraphiQL({
    ...GRAPHIQL,
    defaultQuery,
    endpoint,
    headers,
    defaultHeaders: headers,
    shouldPersistHeaders: false,
    schemaDescription: true,
    defaultEditorToolsVisibility: 'headers',
  });
  return compressVariants(Buffer.from(page));
}

/** The refusal body: GraphQL-shaped (`errors[].extensions.code`) with OCI's `message` beside it. */
export function refusalBody(status: number, message: string): Record<string, unknown> {
  const code =
    status === 401
      ? 'UNAUTHENTICATED'
      : status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 404
          ? 'NOT_FOUND'
          : status === 405
            ? 'METHOD_NOT_ALLOWED'
            : status === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : status === 504
                ? 'GATEWAY_TIMEOUT'
                : status === 400
                  ? 'BAD_REQUEST'
                  : status >= 500
                    ? 'UPSTREAM_UNAVAILABLE'
                    : 'BAD_REQUEST';
  return { message, errors: [{ message, extensions: { code, http: { status } } }] };
}

export async function startApiGateway(options: ApiGatewayOptions): Promise<ApiGateway> {
  const routes = options.routes ?? ROUTES;
  const authenticate = createAuthenticator(options.jwt);
  const max = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.log ?? createLogger({ base: { component: 'apigw' } });
  const cors = options.cors ?? {};
  let graphiql: Promise<Variants> | undefined;
  const graphiqlFor = (endpoint: string) =>
    (graphiql ??= (async () =>
      renderGraphiqlPage(
        endpoint,
        await options.devIssuer?.mintToken({
          ...GRAPHIQL_DEV_USER,
          roles: [...GRAPHIQL_DEV_USER.roles],
          ttlSeconds: GRAPHIQL_TOKEN_TTL_SECONDS,
        }),
      ))());
  for (const r of routes) {
    if (r.function && !options.functions[r.function])
      throw new Error(`route ${r.path} names function "${r.function}", which has no OCID in options.functions`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID().replace(/-/g, '').toUpperCase();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const common = { 'opc-request-id': requestId, ...corsHeaders(cors, req) };
    // a client's own opc-request-id is kept apart (logged, forwarded as Fn-Http-H-Opc-Request-Id);
    // the front's id is the one logged, sent to the function and echoed
    const sentId = req.headers['opc-request-id'];
    const clientRequestId = typeof sentId === 'string' && sentId.trim() ? sentId.trim().slice(0, 200) : undefined;
    let identity: Identity | undefined;
    const done = (status: number, extra: Record<string, unknown> = {}) =>
      log.info('request', {
        requestId,
        ...(clientRequestId ? { clientRequestId } : {}),
        method,
        path,
        status,
        ms: Date.now() - started,
        ...(identity ? { userId: identity.userId } : {}),
        ...extra,
      });
    // unread request bodies are drained so keep-alive clients do not stall
    const refuse = (status: number, message: string, headers: Record<string, string> = {}) => {
      if (!req.complete) req.resume();
      json(res, status, refusalBody(status, message), { ...common, ...headers });
      done(status, { message });
    };

    const route = matchRoute(routes, path);
    if (!route) return refuse(404, 'Not Found');
    if (method === 'OPTIONS') {
      const pre = req.headers['access-control-request-method'] ? preflightHeaders(cors, req, route.methods) : {};
      res.writeHead(204, { ...common, ...pre, allow: [...route.methods, 'OPTIONS'].join(', ') });
      res.end();
      return done(204);
    }
    if (!(route.methods as string[]).includes(method))
      return refuse(405, 'Method Not Allowed', { allow: [...route.methods, 'OPTIONS'].join(', ') });
    if (route.builtin === 'health') return (json(res, 200, { status: 'ok' }, common), done(200));
    if (route.builtin === 'jwks') return (json(res, 200, options.jwks ?? { keys: [] }, common), done(200));
    if (route.builtin === 'web' || route.builtin === 'web-config') {
      if (!options.web) return refuse(404, 'the web app is not served here (no web option)');
      if (route.builtin === 'web-config')
        return (json(res, 200, options.web.config, { ...common, 'cache-control': 'no-cache' }), done(200));
      const file = staticFile(options.web.dir, route.path.endsWith('/*') ? decodeURIComponentSafe(path) : '');
      if (!file) return refuse(404, route.path === '/' ? 'the web app is not built: run npm run build' : 'Not Found');
      sendFile(req, res, file, common);
      return done(200);
    }
    if (route.builtin === 'dev-token') {
      if (!options.devIssuer) return refuse(404, 'dev sign-in is off (no dev issuer)');
      let o: { sub?: unknown; roles?: unknown };
      try {
        o = JSON.parse((await readBody(req, 4096)).toString('utf8')) as typeof o;
      } catch (e: unknown) {
        if (e instanceof TooLarge || e instanceof SyntaxError)
          return refuse(400, 'send a JSON body {"sub": "<user id>", "roles": ["viewer" | "operator" | "admin", ...]}');
        throw e;
      }
      try {
        const roles = Array.isArray(o?.roles) ? o.roles.map((r) => String(r).toLowerCase()) : o?.roles;
        const token = await options.devIssuer.mintToken({
          sub: o?.sub as string,
          roles: roles as MintOptions['roles'],
        });
        return (
          json(
            res,
            200,
            { token, tokenType: 'Bearer', roles: ROLES.filter((r) => (roles as string[]).includes(r)) },
            { ...common, 'cache-control': 'no-store' },
          ),
          done(200)
        );
      } catch (e: unknown) {
        if (e instanceof MintError) return refuse(400, e.message);
        throw e;
      }
    }
    const fnId = options.functions[route.function ?? ''];
    if (!fnId) return refuse(500, 'the route has no backend');

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) return refuse(413, `the request body exceeds ${max} bytes`, { connection: 'close' });

    if (route.auth === 'jwt') {
      const authorization = req.headers.authorization;
      if (
        route.graphiqlWithoutToken &&
        method === 'GET' &&
        authorization === undefined &&
        String(req.headers.accept ?? '').includes('text/html')
      ) {
        if (!req.complete) req.resume();
        sendVariants(req, res, 200, await graphiqlFor(route.path), {
          ...common,
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        return done(200, { page: 'graphiql' });
      }
      try {
        identity = await authenticate(authorization);
      } catch (e: unknown) {
        if (!(e instanceof AuthError)) throw e;
        const header = authorization
          ? `Bearer error="invalid_token", error_description="${e.message}"`
          : 'Bearer realm="oci-graphql-functions"';
        return refuse(401, e.message, { 'www-authenticate': header });
      }
    }

    let body: Buffer;
    try {
      body = await readBody(req, max);
    } catch (e: unknown) {
      if (e instanceof TooLarge) return refuse(413, `the request body exceeds ${max} bytes`, { connection: 'close' });
      throw e;
    }

    try {
      const headers = toInvokeHeaders({
        method,
        url,
        headers: req.headers,
        ...(req.socket.remoteAddress ? { clientIp: req.socket.remoteAddress } : {}),
        ...(identity ? { identity } : {}),
        requestId,
      });
      const answer = toClientResponse(await options.invoker.invoke({ functionId: fnId, body, headers }));
      res.writeHead(answer.status, {
        ...common,
        ...answer.headers,
        'opc-request-id': requestId,
        'content-length': answer.body.length,
      });
      res.end(method === 'HEAD' ? undefined : answer.body);
      done(answer.status, { callId: answer.headers['fn-call-id'] });
    } catch (e: unknown) {
      if (e instanceof UnsignableBodyError) return refuse(415, e.message);
      if (e instanceof InvokeTransportError) {
        log.warn('invoke failed', { requestId, error: e.message, cause: String(e.cause) });
        return refuse(e.timedOut ? 504 : 502, e.timedOut ? 'Gateway Timeout' : 'Bad Gateway');
      }
      throw e;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('internal error', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
