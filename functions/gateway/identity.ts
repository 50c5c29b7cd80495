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

/** Set by the API Gateway front when `X-User-Id` is percent-encoded (an id outside visible ASCII). */
export const USER_ID_ENCODING_HEADER = 'x-user-id-encoding';

/**
 * The caller named by the identity headers, or undefined when `X-User-Id` is absent, blank or
 * not decodable. An id sent with `X-User-Id-Encoding: percent` is decoded here, once. Unknown
 * roles are dropped.
 */
export function readCaller(headers: Headers): Caller | undefined {
  let userId = headers.get(USER_ID_HEADER)?.trim();
  if (!userId) return undefined;
  const encoding = headers.get(USER_ID_ENCODING_HEADER)?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '') {
    if (encoding !== 'percent') return undefined;
    try {
      userId = decodeURIComponent(userId);
    } catch {
      return undefined;
    }
    if (!userId) return undefined;
  }
  const roles = knownRoles((headers.get(USER_ROLES_HEADER) ?? '').split(','));
  return { userId, roles };
}

const requestIds = new WeakMap<Request, string>();

/**
 * The request id: the Fn call's `opc-request-id` (the one the API Gateway set, logged by the front
 * and the platform), else the HTTP `opc-request-id` header (no platform in front: tests, local
 * tools), else the call id, else a UUID. Stable per request. A client-sent id never replaces the
 * platform's: it is kept apart as {@link clientRequestIdOf}.
 */
export function requestIdOf(request: Request, serverContext?: GatewayServerContext): string {
  let id = requestIds.get(request);
  if (id === undefined) {
    id =
      serverContext?.call?.opcRequestId ||
      request.headers.get(REQUEST_ID_HEADER)?.trim() ||
      serverContext?.call?.callId ||
      randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** The `opc-request-id` the client sent, when it differs from {@link requestIdOf} (logged as `clientRequestId`). */
export function clientRequestIdOf(request: Request, serverContext?: GatewayServerContext): string | undefined {
  const sent = request.headers.get(REQUEST_ID_HEADER)?.trim().slice(0, 200);
  return sent && sent !== requestIdOf(request, serverContext) ? sent : undefined;
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
            extensions: {
              code: ErrorCode.Unauthenticated,
              http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
            },
          }),
        ],
      });
    },
  };
}
