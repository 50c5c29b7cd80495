/** The web app's errors in words: each code the API sends, with its figures. */
import { describe, expect, it } from 'vitest';
import { describe as words, formatBytes } from '../../web/src/api.ts';

describe('web app error words', () => {
  it('says what was refused and why, with the figures', () => {
    expect(words('FORBIDDEN', 'this operation requires the operator role', { requiredRole: 'operator' })).toBe(
      'Not allowed: this needs the OPERATOR role.',
    );
    expect(words('FILE_TOO_LARGE', 'm', { sizeBytes: 20 * 2 ** 30, maxBytes: 10 * 2 ** 30 })).toBe(
      'The file is too large: 20.0 GiB, your limit per file is 10.0 GiB.',
    );
    expect(
      words('STORAGE_QUOTA_EXCEEDED', 'm', {
        currentBytes: 99 * 2 ** 30,
        uploadBytes: 2 * 2 ** 30,
        limitBytes: 100 * 2 ** 30,
      }),
    ).toBe('Not enough storage quota: 99.0 GiB used + 2.0 GiB would exceed your 100 GiB.');
    expect(words('HOURLY_LIMIT_EXCEEDED', 'm', { uploads: 50, limit: 50, retryAfterSeconds: 125 })).toBe(
      'Upload limit reached: 50 uploads in the last hour (limit 50). Retry in 3 min.',
    );
    expect(words('DAILY_LIMIT_EXCEEDED', 'm', { uploads: 500, limit: 500, retryAfterSeconds: 7200 })).toBe(
      'Upload limit reached: 500 uploads in the last 24 hours (limit 500). Retry in 2 h.',
    );
    expect(words('RATE_LIMITED', 'slow down', { retryAfterSeconds: 30 })).toBe(
      'Too many requests; retry in 30 s: slow down',
    );
    expect(words('UNAUTHENTICATED', 'missing bearer token', {})).toMatch(/Sign in again/);
    expect(words('SOMETHING_NEW', 'as the API said', {})).toBe('as the API said');
  });
  it('formats byte counts', () => {
    expect([0, 1023, 1024, 1536, 5 * 2 ** 20, 100 * 2 ** 30].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '5.0 MiB',
      '100 GiB',
    ]);
  });
});
