/**
 * The application's typed error hierarchy. Domain code throws these; the GraphQL layer turns
 * them into `extensions: { code, http: { status } }`, anything else is masked.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  RateLimited: 'RATE_LIMITED',
  UpstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
  DeadlineExceeded: 'DEADLINE_EXCEEDED',
  NotImplemented: 'NOT_IMPLEMENTED',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type KnownErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions extends ErrorOptions {
  /** Extra, safe-to-show fields copied into GraphQL `extensions`. */
  details?: Record<string, unknown>;
}

/** Base of every expected failure: carries a stable code and the HTTP status it maps to. */
export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly details: Record<string, unknown>;
  constructor(code: string, httpStatus: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = httpStatus;
    this.details = options.details ?? {};
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.BadUserInput, 400, message, options);
    this.name = 'BadUserInputError';
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'authentication required', options?: AppErrorOptions) {
    super(ErrorCode.Unauthenticated, 401, message, options);
    this.name = 'UnauthenticatedError';
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'forbidden', options?: AppErrorOptions) {
    super(ErrorCode.Forbidden, 403, message, options);
    this.name = 'ForbiddenError';
  }
}
export class NotFoundError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.NotFound, 404, message, options);
    this.name = 'NotFoundError';
  }
}
export class ConflictError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.Conflict, 409, message, options);
    this.name = 'ConflictError';
  }
}
export class UpstreamError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.UpstreamUnavailable, 503, message, options);
    this.name = 'UpstreamError';
  }
}
export class DeadlineExceededError extends AppError {
  constructor(message = 'the call ran out of time', options?: AppErrorOptions) {
    super(ErrorCode.DeadlineExceeded, 504, message, options);
    this.name = 'DeadlineExceededError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Narrow an unknown thrown value to a message without leaking stack or internals. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (
    typeof e === 'object' &&
    e !== null &&
    'message' in e &&
    typeof (e as { message: unknown }).message === 'string'
  ) {
    return (e as { message: string }).message;
  }
  return String(e);
}
