import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  ID_PATTERN,
  SEGMENT_PATTERN,
  buildObjectPath,
  parseObjectPath,
  parseUri,
  requireFilename,
  requireId,
  requireSize,
  userSegment,
} from '#shared/storage/paths.ts';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'ok';
};

describe('paths built from the caller', () => {
  it('datasets, models and logs', () => {
    expect(buildObjectPath({ kind: 'DATASET', userId: 'u1', collectionId: 'ds-1', filename: 'a.csv' }).path).toBe(
      'datasets/u1/ds-1/a.csv',
    );
    expect(buildObjectPath({ kind: 'MODEL', userId: 'u1', collectionId: 'm.2', filename: 'w.bin' }).path).toBe(
      'models/u1/m.2/w.bin',
    );
    expect(buildObjectPath({ kind: 'LOG', userId: 'u1', collectionId: 'job7', filename: 'output.log' }).path).toBe(
      'logs/training/job7/output.log',
    );
  });
  it('a log with another filename is refused', () => {
    expect(codeOf(() => buildObjectPath({ kind: 'LOG', userId: 'u1', collectionId: 'job7', filename: 'x.log' }))).toBe(
      'BAD_USER_INPUT',
    );
  });
  it('parses back, and refuses paths outside the layout', () => {
    expect(parseObjectPath('datasets/u1/ds/a.csv')).toEqual({
      kind: 'DATASET',
      ownerSegment: 'u1',
      collectionId: 'ds',
      filename: 'a.csv',
    });
    expect(parseObjectPath('logs/training/j/output.log')).toEqual({
      kind: 'LOG',
      collectionId: 'j',
      filename: 'output.log',
    });
    expect(parseObjectPath('datasets/u1/a.csv')).toBeUndefined();
    expect(parseObjectPath('exports/x/y/z')).toBeUndefined();
  });
});

describe('filename validation', () => {
  it.each([
    ['a/b', 'separator'],
    ['a\\b', 'backslash'],
    ['.', 'dot'],
    ['..', 'dotdot'],
    ['a\u0000b', 'NUL'],
    ['a\nb', 'newline'],
    ['a\u007fb', 'DEL'],
    ['a\u0085b', 'C1'],
    ['x'.repeat(256), 'too long'],
    ['é'.repeat(128), '256 bytes'],
    ['', 'empty'],
    [' a', 'leading space'],
    ['invoice\u202Efdp.exe', 'RIGHT-TO-LEFT OVERRIDE'],
    ['a\u2066b\u2069', 'isolate'],
    ['a\u200Eb', 'LRM'],
    ['a\u061Cb', 'ALM'],
    ['a\u200Bb', 'zero-width space'],
    ['a\u200Db', 'zero-width joiner'],
    ['a\u2060b', 'word joiner'],
    ['\uFEFFa', 'BOM'],
  ])('%j is refused (%s)', (name) => {
    expect(codeOf(() => requireFilename(name, 'filename'))).toBe('BAD_USER_INPUT');
  });
  it('255 bytes is fine; NFD input comes back NFC', () => {
    expect(requireFilename('x'.repeat(255), 'filename')).toHaveLength(255);
    expect(requireFilename('e\u0301.txt', 'filename')).toBe('\u00e9.txt');
  });
  it('names the bidirectional/zero-width refusal; visible non-Latin names pass', () => {
    expect(() => requireFilename('a\u202Eb', 'filename')).toThrow(/bidirectional or zero-width/);
    expect(requireFilename('данные-αβγ-数据.csv', 'filename')).toBe('данные-αβγ-数据.csv');
  });
});

describe('ids, sizes, uris', () => {
  it('ids', () => {
    expect(requireId('A1._-z', 'id')).toBe('A1._-z');
    for (const bad of ['', '-a', '.a', 'a/b', 'a b', 'x'.repeat(129)])
      expect(codeOf(() => requireId(bad, 'id'))).toBe('BAD_USER_INPUT');
  });
  it('sizes are positive safe integers', () => {
    expect(requireSize(2 ** 40, 'sizeBytes')).toBe(2 ** 40);
    for (const bad of [0, -1, 1.5, 2 ** 53, Number.NaN])
      expect(codeOf(() => requireSize(bad, 'sizeBytes'))).toBe('BAD_USER_INPUT');
  });
  it('uris name our namespace and bucket', () => {
    const exp = { namespace: 'ns', bucket: 'user-files' };
    expect(parseUri('oci://user-files@ns/datasets/u/d/f.csv', exp)).toMatchObject({
      kind: 'DATASET',
      ownerSegment: 'u',
      path: 'datasets/u/d/f.csv',
    });
    for (const bad of [
      'oci://user-files@other/datasets/u/d/f',
      'oci://exports@ns/datasets/u/d/f',
      'https://x/y',
      'oci://user-files@ns/datasets/u/../f',
      'oci://user-files@ns/datasets/u/d/e\u0301',
    ]) {
      expect(codeOf(() => parseUri(bad, exp))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('userSegment: any verified user id gets a path segment', () => {
  const hashed = (id: string) => `_u${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 32)}`;
  it('plain ids are their own segment (readable paths, existing data keeps working)', () => {
    for (const id of ['alice', 'u1', 'A1._-z', 'x'.repeat(128)]) expect(userSegment(id)).toBe(id);
  });
  it('emails, auth0|x, colons, spaces and non-ASCII ids map to _u + 32 hex of sha256', () => {
    for (const id of [
      'alice@example.com',
      'auth0|123',
      'google-oauth2:1077',
      'a b',
      'ünïcødé',
      '_u0123',
      '-a',
      'x'.repeat(129),
    ]) {
      const seg = userSegment(id);
      expect(seg).toBe(hashed(id));
      expect(seg).toMatch(/^_u[0-9a-f]{32}$/);
      expect(SEGMENT_PATTERN.test(seg)).toBe(true);
    }
    expect(userSegment('alice@example.com')).not.toBe(userSegment('bob@example.com'));
    expect(userSegment('Alice@example.com')).not.toBe(userSegment('alice@example.com'));
  });
  it('a mapped segment is never a plain id, and re-mapping a segment does not return it', () => {
    const seg = userSegment('auth0|123');
    expect(ID_PATTERN.test(seg)).toBe(false);
    expect(userSegment(seg)).not.toBe(seg); // someone whose id *is* "_u…" gets another hash, not auth0|123's data
  });
  it('paths of email users: built, parsed back, and kept apart from plain users', () => {
    const seg = userSegment('alice@example.com');
    const built = buildObjectPath({
      kind: 'DATASET',
      userId: 'alice@example.com',
      collectionId: 'ds1',
      filename: 'a.csv',
    });
    expect(built).toMatchObject({ path: `datasets/${seg}/ds1/a.csv`, ownerSegment: seg });
    expect(parseObjectPath(built.path)).toEqual({
      kind: 'DATASET',
      ownerSegment: seg,
      collectionId: 'ds1',
      filename: 'a.csv',
    });
    expect(
      parseUri(`oci://user-files@ns/models/${seg}/m/w.bin`, { namespace: 'ns', bucket: 'user-files' }),
    ).toMatchObject({ kind: 'MODEL', ownerSegment: seg });
    expect(parseObjectPath('datasets/alice@example.com/ds1/a.csv')).toBeUndefined();
    expect(parseObjectPath('datasets/_uXYZ/ds1/a.csv')).toBeUndefined();
    expect(parseObjectPath(`datasets/_u${'0'.repeat(31)}/ds1/a.csv`)).toBeUndefined();
  });
  it("bad ids: the caller's own is UNAUTHENTICATED, an admin argument BAD_USER_INPUT naming the field", () => {
    for (const bad of ['', 'a\u0000b', 'tab\there', 'a\u2028b', 'é'.repeat(129), 5, undefined]) {
      expect(codeOf(() => userSegment(bad))).toBe('UNAUTHENTICATED');
      expect(codeOf(() => userSegment(bad, { field: 'userId' }))).toBe('BAD_USER_INPUT');
      expect(
        codeOf(() => buildObjectPath({ kind: 'DATASET', userId: bad as string, collectionId: 'd', filename: 'f' })),
      ).toBe('UNAUTHENTICATED');
    }
    expect(userSegment('é'.repeat(128))).toMatch(/^_u/); // 256 bytes is fine
  });
});
