/**
 * The gateway: one Yoga server over the stitched schema, with identity, request ids, limits and
 * the error policy as small plugins. Build it once per process (module scope); the stitched
 * schema itself is built on the first request that needs it and reused.
 *
 * Operations on the gateway's own fields only (`me`, `__typename`) run against the gateway's own
 * subschema, so they never build the stitched schema (≈30 ms, most of a cold `me`). That is sound
 * only for documents whose validation and execution cannot differ between the two schemas, so
 * {@link isLocalOnly} accepts exactly: one definition, a query without variables, whose root
 * selections are plain `me`/`__typename` fields. Every type under `me` comes from the gateway's
 * own SDL, identical in both schemas. Everything else (fragments, variables, introspection,
 * domain fields, a document that does not parse) takes the stitched schema as before.
 */
import type { Executor } from '@graphql-tools/utils';
import { Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { GRAPHIQL } from '#shared/graphql/graphiql.ts';
import { log as rootLog, type Logger } from '#shared/log.ts';
import { domainSdl } from '../../schema/index.ts';
import type { GatewayContext, GatewayServerContext } from './context.ts';
import { maskGatewayError, useErrorPolicy, useUnsupportedMediaTypeBody, yogaLogger } from './errors.ts';
import { clientRequestIdOf, readCaller, requestIdOf, useRequestId, useRequireIdentity } from './identity.ts';
import { useFanoutBudget, type FanoutLimits } from './fanout.ts';
import { useLimits, type GatewayLimits } from './limits.ts';
import { buildGatewaySchema, buildLocalSchema } from './schema.ts';

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /**
   * Executor per domain function name (see
   * `remoteExecutorsFromEnv`). Functions without one fail with UPSTREAM_UNAVAILABLE.
   */
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
  const trustedSdl = options.trustedSdl ?? false;
  let stitched: GraphQLSchema | undefined;
  const getStitched = () =>
    (stitched ??= buildGatewaySchema({ sdl: options.sdl ?? domainSdl, executors: options.executors, trustedSdl }));
  return createYoga<GatewayServerContext, GatewayContext>({
    // the gateway's own subschema; useStitchedUnlessLocal swaps in the stitched one per operation
    schema: buildLocalSchema({ trustedSdl }),
    graphqlEndpoint: options.graphqlEndpoint ?? process.env.GRAPHQL_PATH ?? '/graphql',
    // The API Gateway in front owns CORS; the function answers same-origin only.
    cors: false,
    // Native WHATWG classes: the Fn adapter checks `instanceof Response`, and @whatwg-node's Node
    // ponyfill (picked in CJS bundles) would hand back a different Response class.
    fetchAPI: {
      fetch,
      Request,
      Response,
      Headers,
      ReadableStream,
      URL,
      URLSearchParams,
      TextEncoder,
      TextDecoder,
      Blob,
      FormData,
      File: globalThis.File,
    },
    batching: false,
    // The Fn platform caps a call's body at 6 MB and the FDK hands it over in memory: Yoga's 25 MB
    // streaming limiter would only re-wrap every request (a TransformStream and a second Request).
    maxRequestBodySize: false,
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
      const ctx: GatewayContext = {
        requestId,
        log: (call?.log ?? baseLog).child({ requestId, ...(clientRequestId ? { clientRequestId } : {}) }),
      };
      if (caller) ctx.caller = caller;
      if (call) ctx.call = call;
      return ctx;
    },
    plugins: [
      useStitchedUnlessLocal(getStitched),
      useUnsupportedMediaTypeBody(),
      useRequestId(),
      useRequireIdentity(),
      ...useLimits(options.limits),
      useFanoutBudget(options.fanout),
      useErrorPolicy(baseLog),
    ],
  });
}

const LOCAL_ROOT_FIELDS = new Set(['me', '__typename']);

/** True when `query` is answered identically by the gateway's own subschema (see the file header). */
export function isLocalOnly(query: unknown): boolean {
  if (typeof query !== 'string') return false;
  let doc: DocumentNode;
  try {
    doc = parse(query, { noLocation: true, maxTokens: 200 });
  } catch {
    return false;
  }
  if (doc.definitions.length !== 1) return false;
  const op = doc.definitions[0]!;
  if (
    op.kind !== Kind.OPERATION_DEFINITION ||
    op.operation !== 'query' ||
    (op.variableDefinitions?.length ?? 0) > 0 ||
    (op.directives?.length ?? 0) > 0
  )
    return false;
  return op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && LOCAL_ROOT_FIELDS.has(s.name.value));
}

/** Runs each operation on the stitched schema (built on first need) unless {@link isLocalOnly}. */
function useStitchedUnlessLocal(
  getStitched: () => GraphQLSchema,
): Plugin<Record<string, unknown>, GatewayServerContext> {
  const local = new WeakMap<Request, boolean>();
  return {
    onParams({ request, params }) {
      local.set(request, isLocalOnly(params.query));
    },
    onEnveloped({ context, setSchema }) {
      const request = (context as { request?: Request } | undefined)?.request;
      if (!request || local.get(request) !== true) setSchema(getStitched());
    },
  };
}
