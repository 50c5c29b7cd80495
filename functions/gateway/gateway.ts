/**
 * The gateway: one Yoga server over the stitched schema, with identity, request ids, limits and
 * the error policy as small plugins. Build it once per process (module scope); the stitched
 * schema itself is built on the first request and reused.
 */
import type { Executor } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { GRAPHIQL } from '#shared/graphql/graphiql.ts';
import { log as rootLog, type Logger } from '#shared/log.ts';
import { domainSdl } from '../../schema/index.ts';
import type { GatewayContext, GatewayServerContext } from './context.ts';
import { maskGatewayError, useErrorPolicy, useUnsupportedMediaTypeBody, yogaLogger } from './errors.ts';
import { clientRequestIdOf, readCaller, requestIdOf, useRequestId, useRequireIdentity } from './identity.ts';
import { useFanoutBudget, type FanoutLimits } from './fanout.ts';
import { useLimits, type GatewayLimits } from './limits.ts';
import { buildGatewaySchema } from './schema.ts';

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** Executor per domain function name (see `remoteExecutorsFromEnv`). Functions without one fail with UPSTREAM_UNAVAILABLE. */
  executors: Readonly<Record<string, Executor | undefined>>;
  /** Domain SDL by function name. @default `domainSdl` from schema/index.ts */
  sdl?: Readonly<Record<string, string | undefined>>;
  /** Used outside an Fn call; inside one, the call's logger is used. @default shared/log `log` */
  logger?: Logger;
  /** Operation limits. @default DEFAULT_LIMITS (depth 10, aliases 15, cost 5000, tokens 2000) */
  limits?: GatewayLimits;
  /** OCI fan-out: price per request and per user per minute. @default DEFAULT_FANOUT (300, 1200; env overrides) */
  fanout?: FanoutLimits;
  /** Path Yoga serves. @default env GRAPHQL_PATH, else '/graphql' */
  graphqlEndpoint?: string;
  /** Serve GraphiQL on GET with `Accept: text/html`. @default true */
  graphiql?: boolean;
  /** Build the stitched schema without validating the SDL (see `GatewaySchemaOptions.trustedSdl`). @default false */
  trustedSdl?: boolean;
}

export type Gateway = YogaServerInstance<GatewayServerContext, GatewayContext>;

/**
 * Creates the gateway server. Call `gateway.fetch(request, { call })` per request.
 * @example
 * const gateway = createGateway({ executors: remoteExecutorsFromEnv({ functions: DOMAIN_FUNCTIONS, invoker }) });
 * startFunction({ name: 'gateway', http: (req, call) => gateway.fetch(req, { call }) });
 */
export function createGateway(options: GatewayOptions): Gateway {
  const baseLog = options.logger ?? rootLog;
  let schema: GraphQLSchema | undefined;
  const getSchema = () => (schema ??= buildGatewaySchema({ sdl: options.sdl ?? domainSdl, executors: options.executors, trustedSdl: options.trustedSdl ?? false }));
  return createYoga<GatewayServerContext, GatewayContext>({
    schema: getSchema,
    graphqlEndpoint: options.graphqlEndpoint ?? process.env.GRAPHQL_PATH ?? '/graphql',
    // The API Gateway in front owns CORS; the function answers same-origin only.
    cors: false,
    // Native WHATWG classes: the Fn adapter checks `instanceof Response`, and @whatwg-node's Node
    // ponyfill (picked in CJS bundles) would hand back a different Response class.
    fetchAPI: { fetch, Request, Response, Headers, ReadableStream, URL, URLSearchParams, TextEncoder, TextDecoder, Blob, FormData, File: globalThis.File },
    batching: false,
    landingPage: false,
    healthCheckEndpoint: undefined,
    // Yoga's GraphiQL page loads its JS/CSS from a CDN (unpkg); without network it renders blank.
    graphiql: options.graphiql === false ? false : { ...GRAPHIQL },
    logging: yogaLogger(baseLog),
    maskedErrors: { maskError: maskGatewayError },
    context: ({ request, call }) => {
      const requestId = requestIdOf(request, { call });
      const clientRequestId = clientRequestIdOf(request, { call });
      const caller = readCaller(request.headers);
      const ctx: GatewayContext = { requestId, log: (call?.log ?? baseLog).child({ requestId, ...(clientRequestId ? { clientRequestId } : {}) }) };
      if (caller) ctx.caller = caller;
      if (call) ctx.call = call;
      return ctx;
    },
    plugins: [useUnsupportedMediaTypeBody(), useRequestId(), useRequireIdentity(), ...useLimits(options.limits), useFanoutBudget(options.fanout), useErrorPolicy(baseLog)],
  });
}
