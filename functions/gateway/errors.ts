/**
 * Gateway error policy, on top of Yoga's `maskedErrors`:
 * - `maskGatewayError`: an AppError keeps its message and gets `{ code, http: { status } }`; a
 *   GraphQLError with an explicit code (including those relayed from domain functions) is kept;
 *   anything else becomes Yoga's masked `Unexpected error.` (INTERNAL_SERVER_ERROR).
 * - `useErrorPolicy`: logs each masked error with the call id and request id, and drops
 *   `extensions.http` from field errors (errors with a `path`), so a response carrying `data`
 *   answers 2xx as GraphQL over HTTP requires; request errors (401, 400, 405) keep their status.
 *   Exception: back-off refusals (413 payload too large, 429 quota or rate limit) keep their
 *   status, because the callers' HTTP layer (retry, upload tooling) must see them without
 *   parsing GraphQL errors; the product's quota contract promises those statuses.
 */
import { createGraphQLError } from '@graphql-tools/utils';
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import type { ExecutionResult } from 'graphql';
import { appErrorExtensions, findAppError } from '#shared/graphql/index.ts';
import type { Logger } from '#shared/log.ts';
import type { GatewayServerContext } from './context.ts';
import { requestIdOf } from './identity.ts';

const originals = new WeakMap<object, unknown>();

const locationOf = (e: unknown) =>
  e instanceof GraphQLError ? { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path } : {};

/** Yoga `maskedErrors.maskError` implementing the policy above. */
export function maskGatewayError(error: unknown, message: string, isDev?: boolean): Error {
  const app = findAppError(error);
  if (app) return createGraphQLError(app.message, { ...locationOf(error), extensions: appErrorExtensions(app) });
  if (error instanceof GraphQLError && typeof error.extensions?.code === 'string') return error;
  const masked = yogaMaskError(error, message, isDev);
  if (masked !== error) originals.set(masked, error);
  return masked;
}

/** Statuses a field error may still set on the HTTP response (see the policy above). */
export const PROPAGATED_FIELD_STATUSES: ReadonlySet<number> = new Set([413, 429]);

function withoutHttp(e: GraphQLError): GraphQLError {
  if (!e.path || !e.extensions || !('http' in e.extensions)) return e;
  const status = (e.extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number' && PROPAGATED_FIELD_STATUSES.has(status)) return e;
  const { http: _http, ...extensions } = e.extensions;
  const copy = new GraphQLError(e.message, { ...locationOf(e), originalError: e.originalError, extensions });
  if (originals.has(e)) originals.set(copy, originals.get(e));
  return copy;
}

/**
 * Every error leaves with an `extensions.code`. graphql-js reports variable coercion failures
 * (`Variable "$x" got invalid value ...`, a missing required variable) without one: those are
 * BAD_USER_INPUT. Any other codeless error is BAD_REQUEST when it concerns the request (no path)
 * and INTERNAL_SERVER_ERROR when a field failed (e.g. a null for a non-null field).
 */
function withCode(e: GraphQLError): GraphQLError {
  if (typeof e.extensions?.code === 'string') return e;
  const code = /^Variable "\$/.test(e.message) ? 'BAD_USER_INPUT' : e.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  const copy = new GraphQLError(e.message, {
    ...locationOf(e),
    originalError: e.originalError,
    extensions: { ...e.extensions, code },
  });
  if (originals.has(e)) originals.set(copy, originals.get(e));
  return copy;
}

/**
 * Yoga answers an unsupported request content type (e.g. `text/plain`) with a bare 415. This gives
 * it a GraphQL error body naming what to send instead, with the same status and headers.
 */
export function useUnsupportedMediaTypeBody(): Plugin<Record<string, unknown>, GatewayServerContext> {
  return {
    onResponse({ request, response, setResponse }) {
      if (response.status !== 415 || response.headers.get('content-type')) return;
      const sent = request.headers.get('content-type') ?? 'none';
      const payload = JSON.stringify({
        errors: [
          {
            message:
              `unsupported content-type "${sent}": send POST with content-type application/json (or GET with ` +
              `query parameters)`,
            extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } },
          },
        ],
      });
      const headers = new Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.set('content-length', String(Buffer.byteLength(payload)));
      setResponse(new Response(payload, { status: 415, headers }));
    },
  };
}

/** Logs masked errors (with call and request ids) and keeps field errors from setting the HTTP status. */
export function useErrorPolicy(baseLog: Logger): Plugin<Record<string, unknown>, GatewayServerContext> {
  return {
    onResultProcess({ request, result, setResult, serverContext }) {
      if (Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const res = result as ExecutionResult;
      if (!res.errors?.length) return;
      const log = (serverContext?.call?.log ?? baseLog).child({ requestId: requestIdOf(request, serverContext) });
      for (const e of res.errors) {
        const original = originals.get(e);
        if (original === undefined) continue;
        const err = original instanceof GraphQLError && original.originalError ? original.originalError : original;
        log.error('unexpected error', {
          path: e.path?.join('.'),
          error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
        });
      }
      setResult({ ...res, errors: res.errors.map((e) => withCode(withoutHttp(e))) });
    },
  };
}

/**
 * Adapts our logger to Yoga's `logging` option. Yoga's own error
 * lines are demoted to debug: `useErrorPolicy` logs them with ids.
 */
export function yogaLogger(log: Logger) {
  const fmt = (args: unknown[]) => ({
    args: args.map((a) => (a instanceof Error ? { name: a.name, message: a.message } : a)),
  });
  return {
    debug: (...args: unknown[]) => log.debug('yoga', fmt(args)),
    info: (...args: unknown[]) => log.info('yoga', fmt(args)),
    warn: (...args: unknown[]) => log.warn('yoga', fmt(args)),
    error: (...args: unknown[]) => log.debug('yoga error (logged by useErrorPolicy)', fmt(args)),
  };
}
