/**
 * Remote executors: each domain subschema's operations travel to its function over the invoke
 * protocol (ARCHITECTURE.md "GraphQL gateway") through a {@link FunctionInvoker}.
 */
import { createGraphQLError, type ExecutionRequest, type ExecutionResult, type Executor } from '@graphql-tools/utils';
import { print, type GraphQLError } from 'graphql';
import { ErrorCode, errorMessage, isAppError } from '#shared/errors.ts';
import { statusOfCode, type InvokeRequestBody } from '#shared/graphql/index.ts';
import { log as rootLog } from '#shared/log.ts';
import type { GatewayContext } from './context.ts';
import type { FunctionInvoker } from './invoker.ts';

/** Time kept back from the gateway call's deadline to answer the client. */
export const DEADLINE_MARGIN_MS = 500;
/** Invoke deadline when the gateway runs outside an Fn call (tests). */
export const DEFAULT_INVOKE_DEADLINE_MS = 30_000;

const failure = (code: string, message: string, details: Record<string, unknown> = {}): ExecutionResult => ({
  errors: [createGraphQLError(message, { extensions: { ...details, code, http: { status: statusOfCode(code) } } })],
});

/**
 * An executor whose every operation fails with UPSTREAM_UNAVAILABLE and `message` (a function that is not configured).
 */
export function unavailableExecutor(fn: string, message: string): Executor {
  return () => failure(ErrorCode.UpstreamUnavailable, message, { function: fn });
}

/** Options of {@link createRemoteExecutor}. */
export interface RemoteExecutorOptions {
  /** Domain function name, e.g. `quota` (errors and logs name it). */
  fn: string;
  /** Its function OCID. */
  fnId: string;
  invoker: FunctionInvoker;
}

function toResult(text: string): ExecutionResult | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { data, errors } = parsed as { data?: unknown; errors?: unknown };
  if (data === undefined && errors === undefined) return undefined;
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) return undefined;
  if (errors !== undefined && !Array.isArray(errors)) return undefined;
  const out: ExecutionResult = {};
  if (data !== undefined) out.data = data as Record<string, unknown> | null;
  if (errors) {
    out.errors = errors.map((e: unknown): GraphQLError => {
      const { message, path, extensions } = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
      return createGraphQLError(typeof message === 'string' ? message : 'Unexpected error.', {
        path: Array.isArray(path) ? (path as (string | number)[]) : undefined,
        extensions:
          typeof extensions === 'object' && extensions !== null
            ? (extensions as Record<string, unknown>)
            : { code: ErrorCode.Internal },
      });
    });
  }
  return out;
}

/** An executor that serialises each operation per the invoke protocol and invokes `fnId`. */
export function createRemoteExecutor({ fn, fnId, invoker }: RemoteExecutorOptions): Executor {
  return async (request: ExecutionRequest) => {
    const ctx = request.context as GatewayContext | undefined;
    const log = (ctx?.log ?? rootLog).child({ upstream: fn });
    if (!ctx?.caller)
      return failure(ErrorCode.Unauthenticated, 'authentication required: the request carries no caller identity');
    const body: InvokeRequestBody = {
      graphql: {
        query: print(request.document),
        variables: request.variables ?? {},
        ...(request.operationName ? { operationName: request.operationName } : {}),
      },
      caller: ctx.caller,
      requestId: ctx.requestId,
    };
    const deadlineMs = ctx.call ? ctx.call.remainingMs() - DEADLINE_MARGIN_MS : DEFAULT_INVOKE_DEADLINE_MS;
    if (deadlineMs <= 0)
      return failure(ErrorCode.DeadlineExceeded, `no time left to call the ${fn} function`, { function: fn });
    let text: string;
    try {
      // a query only reads: safe to repeat after any transient failure (invoker-oci.ts)
      text = await invoker.invoke(fnId, JSON.stringify(body), {
        deadlineMs,
        idempotent: request.operationType === 'query',
      });
    } catch (e: unknown) {
      const status = isAppError(e) ? e.details.status : (e as { statusCode?: unknown }).statusCode;
      log.warn('function invoke failed', {
        fnId,
        code: isAppError(e) ? e.code : undefined,
        status,
        error: errorMessage(e),
      });
      return failure(ErrorCode.UpstreamUnavailable, `the ${fn} function is unavailable; try again later`, {
        function: fn,
      });
    }
    const result = toResult(text);
    if (!result) {
      log.warn('function returned a malformed GraphQL result', { fnId, bytes: text.length });
      return failure(ErrorCode.UpstreamUnavailable, `the ${fn} function returned an invalid response`, {
        function: fn,
      });
    }
    return result;
  };
}

/** Options of {@link remoteExecutorsFromEnv}. */
export interface RemoteExecutorsFromEnvOptions {
  /** Domain function names to build executors for. */
  functions: readonly string[];
  invoker: FunctionInvoker;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * One executor per function: remote when `FN_ID_<FN>` is set, else one failing with
 * UPSTREAM_UNAVAILABLE naming the missing variable.
 */
export function remoteExecutorsFromEnv({
  functions,
  invoker,
  env = process.env,
}: RemoteExecutorsFromEnvOptions): Record<string, Executor> {
  const out: Record<string, Executor> = {};
  for (const fn of functions) {
    const key = `FN_ID_${fn.toUpperCase()}`;
    const fnId = env[key]?.trim();
    out[fn] = fnId
      ? createRemoteExecutor({ fn, fnId, invoker })
      : unavailableExecutor(fn, `the ${fn} function is not configured: set ${key} to its function OCID`);
  }
  return out;
}
