/**
 * The boundary between OCI SDK failures and the application's error hierarchy (shared/errors.ts).
 * Adapters call `toAppError(e)` on whatever an SDK call threw (after `withRetry` gave up); the
 * original error is kept as `cause` for logs, and only safe fields go into `details`.
 */
import {
  AppError,
  BadUserInputError,
  ConflictError,
  ErrorCode,
  ForbiddenError,
  NotFoundError,
  UpstreamError,
  errorMessage,
  isAppError,
} from '../errors.ts';
import { redactString } from '../log.ts';
import { isRetryableError } from './retry.ts';
import { retryAfterMsOf } from './retry-after.ts';

/** The fields of the SDK's OciError we rely on (duck-typed: no oci-common import needed). */
export interface OciErrorLike {
  statusCode: number;
  serviceCode?: string;
  message: string;
  opcRequestId?: string | null;
  targetService?: string;
  operationName?: string;
}

export function isOciError(e: unknown): e is OciErrorLike {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { statusCode?: unknown }).statusCode === 'number' &&
    'message' in e
  );
}

function safeDetails(e: OciErrorLike): Record<string, unknown> {
  const d: Record<string, unknown> = { status: e.statusCode };
  if (e.serviceCode) d.serviceCode = e.serviceCode;
  if (e.opcRequestId) d.opcRequestId = e.opcRequestId;
  if (e.targetService) d.service = e.targetService;
  if (e.operationName) d.operation = e.operationName;
  return d;
}

function label(e: OciErrorLike): string {
  return [e.targetService, e.operationName].filter(Boolean).join(' ') || 'OCI call';
}

/**
 * Map anything an OCI call threw to an {@link AppError} (with `cause`):
 * 400 → BadUserInputError, 401 → UpstreamError (our identity was rejected: a deployment problem,
 * not the caller's), 403 → ForbiddenError, 404 → NotFoundError, 409/412 → ConflictError,
 * 413 → PAYLOAD_TOO_LARGE, 429 → RATE_LIMITED, 501 → NOT_IMPLEMENTED, other 5xx and network
 * failures → UpstreamError, anything else → INTERNAL_SERVER_ERROR. AppErrors pass through.
 */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const cause = e;
  if (isOciError(e) && e.statusCode > 0) {
    const details = safeDetails(e);
    const msg = redactString(e.message);
    const s = e.statusCode;
    if (s === 400) return new BadUserInputError(msg, { cause, details });
    if (s === 401) return new UpstreamError(`${label(e)} rejected the function's credentials`, { cause, details });
    if (s === 403) return new ForbiddenError(msg, { cause, details });
    if (s === 404) return new NotFoundError(msg, { cause, details });
    if (s === 409 || s === 412) return new ConflictError(msg, { cause, details });
    if (s === 413) return new AppError(ErrorCode.PayloadTooLarge, 413, msg, { cause, details });
    if (s === 429) {
      const retryAfterMs = retryAfterMsOf(e);
      return new AppError(ErrorCode.RateLimited, 429, `${label(e)} is rate limited; try again later`, {
        cause,
        details: retryAfterMs === undefined ? details : { ...details, retryAfterMs },
      });
    }
    if (s === 501) return new AppError(ErrorCode.NotImplemented, 501, msg, { cause, details });
    if (s >= 500) return new UpstreamError(`${label(e)} is unavailable (${s}); try again later`, { cause, details });
    return new AppError(ErrorCode.Internal, 500, `${label(e)} failed (${s})`, { cause, details });
  }
  if (isRetryableError(e))
    return new UpstreamError(`OCI service unreachable: ${redactString(errorMessage(e))}`, { cause });
  return new AppError(ErrorCode.Internal, 500, 'unexpected error calling OCI', { cause });
}
