/**
 * Quota rules, pure: tiers, limit overrides, rolling windows and the fail-fast admission order
 * (file size → storage → hourly → daily). No I/O; the ledger feeds it a snapshot and a clock.
 */
import {
  DailyLimitExceededError,
  FileTooLargeError,
  HourlyLimitExceededError,
  StorageQuotaExceededError,
} from './errors.ts';

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const QUOTA_TIERS = ['DEFAULT', 'PREMIUM'] as const;
export type QuotaTier = (typeof QUOTA_TIERS)[number];

/** Effective limits of a user. */
export interface QuotaLimits {
  maxStorageBytes: number;
  maxFileSizeBytes: number;
  maxUploadsPerHour: number;
  maxUploadsPerDay: number;
}
/** Per-user overrides: any subset replaces the tier's value. */
export type QuotaLimitOverrides = Partial<QuotaLimits>;

export const TIER_LIMITS: Readonly<Record<QuotaTier, Readonly<QuotaLimits>>> = {
  DEFAULT: { maxStorageBytes: 100 * GiB, maxFileSizeBytes: 10 * GiB, maxUploadsPerHour: 50, maxUploadsPerDay: 500 },
  PREMIUM: { maxStorageBytes: 1 * TiB, maxFileSizeBytes: 100 * GiB, maxUploadsPerHour: 500, maxUploadsPerDay: 5000 },
};

export const LIMIT_KEYS = ['maxStorageBytes', 'maxFileSizeBytes', 'maxUploadsPerHour', 'maxUploadsPerDay'] as const;

export function isQuotaTier(v: unknown): v is QuotaTier {
  return typeof v === 'string' && (QUOTA_TIERS as readonly string[]).includes(v);
}

/** The tier's limits with the overrides applied. */
export function effectiveLimits(tier: QuotaTier, overrides: QuotaLimitOverrides = {}): QuotaLimits {
  const out = { ...TIER_LIMITS[tier] };
  for (const k of LIMIT_KEYS) {
    const v = overrides[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

/** Admission timestamps inside the rolling window ending at `nowMs`. */
export function countSince(admissions: readonly number[], nowMs: number, windowMs: number): number {
  const from = nowMs - windowMs;
  return admissions.filter((t) => t > from && t <= nowMs).length;
}

/** Seconds until the oldest admission inside the window leaves it (when a slot frees up). */
function secondsUntilSlot(admissions: readonly number[], nowMs: number, windowMs: number, limit: number): number {
  const inWindow = admissions.filter((t) => t > nowMs - windowMs && t <= nowMs).sort((a, b) => a - b);
  const freeing = inWindow[inWindow.length - limit] ?? nowMs;
  return Math.max(1, Math.ceil((freeing + windowMs - nowMs) / 1000));
}

/** What admission looks at. */
export interface AdmissionInput {
  limits: QuotaLimits;
  usedBytes: number;
  /** Live (unexpired) reservations, excluding one for the same object being replaced. */
  reservedBytes: number;
  /** Epoch ms of earlier admissions (any age; the windows filter). */
  admissions: readonly number[];
  sizeBytes: number;
  nowMs: number;
}

/**
 * Throws the first refusal in the fixed order: FILE_TOO_LARGE (413), STORAGE_QUOTA_EXCEEDED,
 * HOURLY_LIMIT_EXCEEDED, DAILY_LIMIT_EXCEEDED (429). Returns normally when the upload is admitted.
 */
export function checkAdmission(a: AdmissionInput): void {
  const { limits } = a;
  if (a.sizeBytes > limits.maxFileSizeBytes)
    throw new FileTooLargeError({ sizeBytes: a.sizeBytes, maxBytes: limits.maxFileSizeBytes });
  const current = a.usedBytes + a.reservedBytes;
  if (current + a.sizeBytes > limits.maxStorageBytes) {
    throw new StorageQuotaExceededError({
      currentBytes: current,
      uploadBytes: a.sizeBytes,
      limitBytes: limits.maxStorageBytes,
    });
  }
  const hour = countSince(a.admissions, a.nowMs, HOUR_MS);
  if (hour >= limits.maxUploadsPerHour) {
    throw new HourlyLimitExceededError({
      uploads: hour,
      limit: limits.maxUploadsPerHour,
      retryAfterSeconds: secondsUntilSlot(a.admissions, a.nowMs, HOUR_MS, limits.maxUploadsPerHour),
    });
  }
  const day = countSince(a.admissions, a.nowMs, DAY_MS);
  if (day >= limits.maxUploadsPerDay) {
    throw new DailyLimitExceededError({
      uploads: day,
      limit: limits.maxUploadsPerDay,
      retryAfterSeconds: secondsUntilSlot(a.admissions, a.nowMs, DAY_MS, limits.maxUploadsPerDay),
    });
  }
}
