/**
 * Caller identity and request id, read from headers set upstream: the API Gateway validates the
 * JWT and sets `X-User-Id` / `X-User-Roles` (comma separated) after stripping client-sent ones.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from '@graphql-tools/utils';
import { ErrorCode } from '#shared/errors.ts';
import { knownRoles, type Caller } from '#shared/graphql/index.ts';
import type { GatewayServerContext } from './context.ts';

export const USER_ID_HEADER = 'x-user-id';
export const USER_ROLES_HEADER = 'x-user-roles';
export const REQUEST_ID_HEADER = 'opc-request-id';

/** The caller named by the identity headers, or undefined when `X-User-Id` is absent or blank. Unknown roles are dropped. */
export function readCaller(headers: Headers): Caller | undefined {
  const userId = headers.get(USER_ID_HEADER)?.trim();
  if (!userId) return undefined;
  const roles = knownRoles((headers.get(USER_ROLES_HEADER) ?? '').split(','));
  return { userId, roles };
}

const requestIds = new WeakMap<Request, string>();

/** The request id: `opc-request-id` header, else the Fn call's opc-request-id, else its call id, else a UUID. Stable per request. */
export function requestIdOf(request: Request, serverContext?: GatewayServerContext): string {
  let id = requestIds.get(request);
  if (id === undefined) {
    id = request.headers.get(REQUEST_ID_HEADER)?.trim() || serverContext?.call?.opcRequestId || serverContext?.call?.callId || randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** Echoes the request id as the `opc-request-id` response header on every response. */
export function useRequestId(): Plugin<Record<string, unknown>, GatewayServerContext> {
  return {
    onRequest({ request, serverContext }) {
      requestIdOf(request, serverContext);
    },
    onResponse({ request, response, serverContext }) {
      response.headers.set(REQUEST_ID_HEADER, requestIdOf(request, serverContext));
    },
  };
}

/**
 * Refuses every GraphQL operation without identity headers with UNAUTHENTICATED (HTTP 401), before
 * parsing. GraphiQL's HTML page (served earlier, in `onRequest`) needs no identity.
 */
export function useRequireIdentity(): Plugin<Record<string, unknown>, GatewayServerContext> {
  return {
    onParams({ request, setResult }) {
      if (readCaller(request.headers)) return;
      setResult({
        errors: [
          createGraphQLError('authentication required: the request carries no caller identity', {
            extensions: { code: ErrorCode.Unauthenticated, http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
          }),
        ],
      });
    },
  };
}
