/**
 * How errors leave a GraphQL layer (domain subschemas and the gateway): an `AppError` keeps its
 * message and becomes `extensions: { ...details, code, http: { status } }`; a GraphQLError with an
 * explicit `extensions.code` is kept; anything else is masked as `Unexpected error.` with code
 * INTERNAL_SERVER_ERROR and logged (the logger carries the call id).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';

/** The message every masked error carries. */
export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.';

/** HTTP status of well-known codes, used when an error carries a code but no `http.status`. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.NotImplemented]: 501,
  [ErrorCode.UpstreamUnavailable]: 503,
  [ErrorCode.DeadlineExceeded]: 504,
  [ErrorCode.Internal]: 500,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
};

/** The HTTP status a code maps to (500 for unknown codes). */
export function statusOfCode(code: string): number {
  return STATUS_OF_CODE[code] ?? 500;
}

/** The `AppError` behind `e`: `e` itself or the first one along its `originalError` chain. */
export function findAppError(e: unknown): AppError | undefined {
  for (let cur: unknown = e, hops = 0; cur !== undefined && cur !== null && hops < 8; hops++) {
    if (cur instanceof AppError) return cur;
    cur = cur instanceof GraphQLError ? cur.originalError : undefined;
  }
  return undefined;
}

/** GraphQL `extensions` of an AppError: its safe details, then `code` and `http.status` (which win). */
export function appErrorExtensions(e: AppError): Record<string, unknown> {
  return { ...e.details, code: e.code, http: { status: e.httpStatus } };
}

/** The explicit `extensions.code` of a GraphQLError (or of a GraphQLError it wraps). */
export function explicitCodeOf(e: GraphQLError): GraphQLError | undefined {
  for (let cur: unknown = e, hops = 0; cur instanceof GraphQLError && hops < 8; hops++) {
    if (typeof cur.extensions?.code === 'string') return cur;
    cur = cur.originalError;
  }
  return undefined;
}

/**
 * True for errors graphql-js raised itself (variable coercion, non-resolver failures): a chain of
 * GraphQLErrors that does not end in a thrown non-GraphQL error. Their messages are safe to show.
 */
export function isEngineError(e: GraphQLError): boolean {
  let cur: unknown = e;
  for (let hops = 0; cur instanceof GraphQLError && hops < 8; hops++) {
    if (cur.originalError === undefined || cur.originalError === null) return true;
    cur = cur.originalError;
  }
  return false;
}

/** Options of {@link formatError}. */
export interface FormatErrorOptions {
  /** Receives masked errors with their stack; pass the call's logger so lines carry the call id. */
  log: Logger;
  /** Extra fields on the log line of a masked error (e.g. `{ requestId }`). */
  logFields?: Record<string, unknown>;
  /**
   * Code of a graphql-js engine error (no original error, no code), e.g. a variable coercion failure.
   * @default 'INTERNAL_SERVER_ERROR'
   */
  engineErrorCode?: string;
}

function withStatus(ext: Record<string, unknown>, code: string): Record<string, unknown> {
  const http = ext.http;
  if (http && typeof http === 'object' && typeof (http as { status?: unknown }).status === 'number') return ext;
  return { ...ext, http: { ...(http && typeof http === 'object' ? http : {}), status: statusOfCode(code) } };
}

/** Formats one execution error for the wire per the rules above. Never throws. */
export function formatError(error: GraphQLError, options: FormatErrorOptions): GraphQLFormattedError {
  const base: {
    message: string;
    locations?: GraphQLFormattedError['locations'];
    path?: GraphQLFormattedError['path'];
  } = { message: error.message };
  if (error.locations) base.locations = error.locations;
  if (error.path) base.path = error.path;
  const app = findAppError(error);
  if (app) return { ...base, message: app.message, extensions: appErrorExtensions(app) };
  const coded = explicitCodeOf(error);
  if (coded) {
    const code = coded.extensions.code as string;
    return { ...base, extensions: withStatus({ ...coded.extensions }, code) };
  }
  if (isEngineError(error)) {
    const code = options.engineErrorCode ?? ErrorCode.Internal;
    return { ...base, extensions: { code, http: { status: statusOfCode(code) } } };
  }
  const original = error.originalError ?? error;
  options.log.error('unexpected error', {
    ...options.logFields,
    path: error.path?.join('.'),
    error: { name: original.name, message: original.message, stack: original.stack },
  });
  return {
    ...base,
    message: UNEXPECTED_ERROR_MESSAGE,
    extensions: { code: ErrorCode.Internal, http: { status: 500 } },
  };
}
