/** Errors of the auth module. Messages name files, profiles and keys, never their secret values. */
import { AppError, ErrorCode } from '../errors.ts';

/** Missing or unusable credentials configuration (a deployment problem: 500, not the caller's fault). */
export class AuthConfigError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    // The cause is kept for debugging but must never be a value carrying secrets.
    super(ErrorCode.Internal, 500, message, options?.cause === undefined ? {} : { cause: options.cause });
    this.name = 'AuthConfigError';
  }
}
