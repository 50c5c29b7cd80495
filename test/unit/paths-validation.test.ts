import { describe, expect, it } from 'vitest';
import { buildObjectPath, parseObjectPath, parseUri, validateFilename, validateId, validateSize } from '#shared/quota/paths.ts';

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
    expect(buildObjectPath({ kind: 'DATASET', userId: 'u1', collectionId: 'ds-1', filename: 'a.csv' }).path).toBe('datasets/u1/ds-1/a.csv');
    expect(buildObjectPath({ kind: 'MODEL', userId: 'u1', collectionId: 'm.2', filename: 'w.bin' }).path).toBe('models/u1/m.2/w.bin');
    expect(buildObjectPath({ kind: 'LOG', userId: 'u1', collectionId: 'job7', filename: 'output.log' }).path).toBe('logs/training/job7/output.log');
  });
  it('a log with another filename is refused', () => {
    expect(codeOf(() => buildObjectPath({ kind: 'LOG', userId: 'u1', collectionId: 'job7', filename: 'x.log' }))).toBe('BAD_USER_INPUT');
  });
  it('parses back, and refuses paths outside the layout', () => {
    expect(parseObjectPath('datasets/u1/ds/a.csv')).toEqual({ kind: 'DATASET', ownerId: 'u1', collectionId: 'ds', filename: 'a.csv' });
    expect(parseObjectPath('logs/training/j/output.log')).toEqual({ kind: 'LOG', collectionId: 'j', filename: 'output.log' });
    expect(parseObjectPath('datasets/u1/a.csv')).toBeUndefined();
    expect(parseObjectPath('exports/x/y/z')).toBeUndefined();
  });
});

describe('filename validation', () => {
  it.each([
    ['a/b', 'separator'], ['a\\b', 'backslash'], ['.', 'dot'], ['..', 'dotdot'], ['a\u0000b', 'NUL'], ['a\nb', 'newline'], ['a\u007fb', 'DEL'],
    ['a\u0085b', 'C1'], ['x'.repeat(256), 'too long'], ['é'.repeat(128), '256 bytes'], ['', 'empty'], [' a', 'leading space'],
  ])('%j is refused (%s)', (name) => {
    expect(codeOf(() => validateFilename(name))).toBe('BAD_USER_INPUT');
  });
  it('255 bytes is fine; NFD input comes back NFC', () => {
    expect(validateFilename('x'.repeat(255))).toHaveLength(255);
    expect(validateFilename('e\u0301.txt')).toBe('\u00e9.txt');
  });
});

describe('ids, sizes, uris', () => {
  it('ids', () => {
    expect(validateId('A1._-z', 'id')).toBe('A1._-z');
    for (const bad of ['', '-a', '.a', 'a/b', 'a b', 'x'.repeat(129), 5]) expect(codeOf(() => validateId(bad, 'id'))).toBe('BAD_USER_INPUT');
  });
  it('sizes are positive safe integers', () => {
    expect(validateSize(2 ** 40)).toBe(2 ** 40);
    for (const bad of [0, -1, 1.5, 2 ** 53, '5', Number.NaN]) expect(codeOf(() => validateSize(bad))).toBe('BAD_USER_INPUT');
  });
  it('uris name our namespace and bucket', () => {
    const exp = { namespace: 'ns', bucket: 'user-files' };
    expect(parseUri('oci://ns/user-files/datasets/u/d/f.csv', exp)).toMatchObject({ kind: 'DATASET', ownerId: 'u', path: 'datasets/u/d/f.csv' });
    for (const bad of ['oci://other/user-files/datasets/u/d/f', 'oci://ns/exports/datasets/u/d/f', 'https://x/y', 'oci://ns/user-files/datasets/u/../f', 'oci://ns/user-files/datasets/u/d/e\u0301']) {
      expect(codeOf(() => parseUri(bad, exp))).toBe('BAD_USER_INPUT');
    }
  });
});
