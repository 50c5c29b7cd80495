import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import {
  DAY_MS,
  HOUR_MS,
  TIER_LIMITS,
  checkAdmission,
  countSince,
  effectiveLimits,
  type AdmissionInput,
} from '#shared/storage/rules.ts';

const GiB = 1024 ** 3;
const base = (over: Partial<AdmissionInput> = {}): AdmissionInput => ({
  limits: effectiveLimits('DEFAULT'),
  usedBytes: 0,
  reservedBytes: 0,
  admissions: [],
  sizeBytes: 1,
  nowMs: 10 * DAY_MS,
  ...over,
});
const refusal = (a: AdmissionInput): AppError => {
  try {
    checkAdmission(a);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('admitted');
};

describe('tiers and overrides', () => {
  it('DEFAULT and PREMIUM carry the issue figures', () => {
    expect(TIER_LIMITS.DEFAULT).toEqual({
      maxStorageBytes: 100 * GiB,
      maxFileSizeBytes: 10 * GiB,
      maxUploadsPerHour: 50,
      maxUploadsPerDay: 500,
    });
    expect(TIER_LIMITS.PREMIUM).toEqual({
      maxStorageBytes: 1024 * GiB,
      maxFileSizeBytes: 100 * GiB,
      maxUploadsPerHour: 500,
      maxUploadsPerDay: 5000,
    });
  });
  it('an override replaces only its own field', () => {
    expect(effectiveLimits('PREMIUM', { maxUploadsPerHour: 7 })).toEqual({
      ...TIER_LIMITS.PREMIUM,
      maxUploadsPerHour: 7,
    });
  });
});

describe('admission order (fail fast)', () => {
  const everythingWrong = base({
    sizeBytes: 11 * GiB,
    usedBytes: 99 * GiB,
    admissions: Array.from({ length: 500 }, (_, i) => 10 * DAY_MS - i * 60_000),
  });
  it('file size first: FILE_TOO_LARGE 413 with figures', () => {
    const e = refusal(everythingWrong);
    expect([e.code, e.httpStatus]).toEqual(['FILE_TOO_LARGE', 413]);
    expect(e.message).toBe(`file too large: size ${11 * GiB} > limit ${10 * GiB} bytes`);
  });
  it('then storage: used + reserved + upload, message as the issue writes it', () => {
    const e = refusal({
      ...everythingWrong,
      sizeBytes: 15_000_000_000,
      usedBytes: 90_000_000_000,
      reservedBytes: 5_000_000_000,
      limits: { ...everythingWrong.limits, maxFileSizeBytes: 20 * GiB },
    });
    expect([e.code, e.httpStatus]).toEqual(['STORAGE_QUOTA_EXCEEDED', 429]);
    expect(e.message).toBe(
      'storage quota exceeded: current 95000000000 + upload 15000000000 > limit 107374182400 bytes',
    );
    expect(e.details).toMatchObject({
      currentBytes: 95_000_000_000,
      uploadBytes: 15_000_000_000,
      limitBytes: 107_374_182_400,
    });
  });
  it('exactly at the storage limit is admitted', () => {
    expect(() => checkAdmission(base({ usedBytes: 100 * GiB - 10, sizeBytes: 10 }))).not.toThrow();
    expect(refusal(base({ usedBytes: 100 * GiB - 10, sizeBytes: 11 })).code).toBe('STORAGE_QUOTA_EXCEEDED');
  });
  it('then hourly, then daily', () => {
    const e = refusal({ ...everythingWrong, sizeBytes: 1, usedBytes: 0 });
    expect([e.code, e.httpStatus]).toEqual(['HOURLY_LIMIT_EXCEEDED', 429]);
    expect(e.message).toMatch(/^hourly upload limit exceeded: 60 uploads in the last hour, limit 50; retry in 660 s$/);
    const old = Array.from({ length: 500 }, (_, i) => 10 * DAY_MS - HOUR_MS - 1 - i * 60_000);
    const d = refusal(base({ admissions: old }));
    expect([d.code, d.httpStatus]).toEqual(['DAILY_LIMIT_EXCEEDED', 429]);
    expect(d.message).toMatch(
      /^daily upload limit exceeded: 500 uploads in the last 24 hours, limit 500; retry in \d+ s$/,
    );
  });
});

describe('rolling windows', () => {
  it('an admission leaves the hour window exactly one hour later', () => {
    const t0 = 1_000_000_000;
    const admissions = Array.from({ length: 50 }, () => t0);
    const limits = effectiveLimits('DEFAULT');
    expect(refusal({ ...base(), limits, admissions, nowMs: t0 + HOUR_MS - 1 }).code).toBe('HOURLY_LIMIT_EXCEEDED');
    expect(() => checkAdmission({ ...base(), limits, admissions, nowMs: t0 + HOUR_MS })).not.toThrow();
    expect(countSince(admissions, t0 + DAY_MS - 1, DAY_MS)).toBe(50);
    expect(countSince(admissions, t0 + DAY_MS, DAY_MS)).toBe(0);
  });
  it('retry hint counts to when the oldest admission in the window leaves it', () => {
    const t0 = 5 * DAY_MS;
    const admissions = [t0 - 30 * 60_000, ...Array.from({ length: 49 }, () => t0)];
    const e = refusal(base({ admissions, nowMs: t0 }));
    expect(e.details.retryAfterSeconds).toBe(30 * 60);
  });
});
