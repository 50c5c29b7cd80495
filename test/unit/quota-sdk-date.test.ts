import { describe, expect, it } from 'vitest';
import { parseSdkDate } from '#shared/storage/objectstorage-oci.ts';

describe('parseSdkDate (last-modified as the SDK hands it over)', () => {
  it('parses ISO, HTTP dates, and the unpadded form the SDK produces', () => {
    expect(parseSdkDate('2026-11-22T01:59:29Z')?.toISOString()).toBe('2026-11-22T01:59:29.000Z');
    expect(parseSdkDate('Sun, 22 Nov 2026 01:59:29 GMT')?.toISOString()).toBe('2026-11-22T01:59:29.000Z');
    expect(parseSdkDate('2026-11-22T1:59:29Z')?.toISOString()).toBe('2026-11-22T01:59:29.000Z');
    expect(parseSdkDate('2026-11-22T1:5:9.5Z')?.toISOString()).toBe('2026-11-22T01:05:09.500Z');
  });
  it('gives up on garbage', () => {
    expect(parseSdkDate('yesterday')).toBeUndefined();
    expect(parseSdkDate(undefined)).toBeUndefined();
    expect(parseSdkDate(new Date(Number.NaN))).toBeUndefined();
  });
});
