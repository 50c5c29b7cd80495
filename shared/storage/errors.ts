/**
 * Quota refusals. Each carries a stable code, the HTTP status the issue fixes (413 for a file too
 * large, 429 for the rest) and the figures that decided it, both in the message and in `details`
 * (they reach GraphQL `extensions`).
 */
import { AppError, ConflictError, type AppErrorOptions } from '../errors.ts';

export const QuotaErrorCode = {
  FileTooLarge: 'FILE_TOO_LARGE',
  StorageQuotaExceeded: 'STORAGE_QUOTA_EXCEEDED',
  HourlyLimitExceeded: 'HOURLY_LIMIT_EXCEEDED',
  DailyLimitExceeded: 'DAILY_LIMIT_EXCEEDED',
} as const;
export type QuotaErrorCodeValue = (typeof QuotaErrorCode)[keyof typeof QuotaErrorCode];

/** Base of the four admission refusals. */
export class QuotaRefusedError extends AppError {
  constructor(code: QuotaErrorCodeValue, status: number, message: string, options?: AppErrorOptions) {
    super(code, status, message, options);
    this.name = 'QuotaRefusedError';
  }
}

export class FileTooLargeError extends QuotaRefusedError {
  constructor(f: { sizeBytes: number; maxBytes: number }) {
    super(QuotaErrorCode.FileTooLarge, 413, `file too large: size ${f.sizeBytes} > limit ${f.maxBytes} bytes`, {
      details: { ...f },
    });
    this.name = 'FileTooLargeError';
  }
}

export class StorageQuotaExceededError extends QuotaRefusedError {
  constructor(f: { currentBytes: number; uploadBytes: number; limitBytes: number }) {
    super(
      QuotaErrorCode.StorageQuotaExceeded,
      429,
      `storage quota exceeded: current ${f.currentBytes} + upload ${f.uploadBytes} > limit ${f.limitBytes} bytes`,
      { details: { ...f } },
    );
    this.name = 'StorageQuotaExceededError';
  }
}

export class HourlyLimitExceededError extends QuotaRefusedError {
  constructor(f: { uploads: number; limit: number; retryAfterSeconds: number }) {
    super(
      QuotaErrorCode.HourlyLimitExceeded,
      429,
      `hourly upload limit exceeded: ${f.uploads} uploads in the last hour, limit ${f.limit}; ` +
        `retry in ${f.retryAfterSeconds} s`,
      { details: { ...f } },
    );
    this.name = 'HourlyLimitExceededError';
  }
}

export class DailyLimitExceededError extends QuotaRefusedError {
  constructor(f: { uploads: number; limit: number; retryAfterSeconds: number }) {
    super(
      QuotaErrorCode.DailyLimitExceeded,
      429,
      `daily upload limit exceeded: ${f.uploads} uploads in the last 24 hours, limit ${f.limit}; ` +
        `retry in ${f.retryAfterSeconds} s`,
      { details: { ...f } },
    );
    this.name = 'DailyLimitExceededError';
  }
}

/** A conditional write kept losing to concurrent writers past the retry bound (409, safe to retry). */
export class LedgerContentionError extends ConflictError {
  constructor(what: string, attempts: number) {
    super(`${what}: too many concurrent updates (${attempts} attempts); try again`, { details: { attempts } });
    this.name = 'LedgerContentionError';
  }
}
