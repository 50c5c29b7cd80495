/**
 * CORS for browser callers, answered by the front (like an API Gateway CORS response policy).
 * Auth is a bearer token, never a cookie, so credentials are not allowed.
 */
import type { IncomingMessage } from 'node:http';

export interface CorsPolicy {
  /** allowed origins, or '*' @default '*' */
  allowOrigins?: string[] | '*';
  /** @default 600 */
  maxAgeSeconds?: number;
}

const EXPOSED = 'Fn-Call-Id, opc-request-id, WWW-Authenticate';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, opc-request-id';

function allowedOrigin(policy: CorsPolicy, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  const allow = policy.allowOrigins ?? '*';
  if (allow === '*') return '*';
  return allow.includes(origin) ? origin : undefined;
}

/** Headers to add to every response of a request carrying `Origin`. */
export function corsHeaders(policy: CorsPolicy, req: IncomingMessage): Record<string, string> {
  const origin = allowedOrigin(policy, req.headers.origin);
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED,
    ...(origin === '*' ? {} : { vary: 'Origin' }),
  };
}

/** The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`) for a route allowing `methods`. */
export function preflightHeaders(policy: CorsPolicy, req: IncomingMessage, methods: string[]): Record<string, string> {
  const base = corsHeaders(policy, req);
  if (!base['access-control-allow-origin']) return {};
  const requested = req.headers['access-control-request-headers'];
  return {
    ...base,
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': requested ? String(requested) : ALLOWED_HEADERS,
    'access-control-max-age': String(policy.maxAgeSeconds ?? 600),
  };
}
