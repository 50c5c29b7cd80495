/** shared/validate.ts: the one idiom of domain input checks (value back, or BAD_USER_INPUT naming the field). */
import { describe, expect, it } from 'vitest';
import { appErrorExtensions } from '#shared/graphql/index.ts';
import { badInput, requireDuration, requireInt, requireList, requireNumber, requireString } from '#shared/validate.ts';

/** What a client would see of the error `f` throws: its message and extensions. */
function refusal(f: () => unknown): { message: string; extensions: Record<string, unknown> } {
  try {
    f();
  } catch (e: unknown) {
    const err = e as Parameters<typeof appErrorExtensions>[0];
    return { message: err.message, extensions: appErrorExtensions(err) };
  }
  throw new Error('expected a refusal');
}

describe('shared/validate.ts', () => {
  it('answers the value when it passes', () => {
    expect(requireString('abc', 'name', { max: 3, pattern: /^[a-z]+$/ })).toBe('abc');
    expect(requireInt(7, 'first', 1, 10)).toBe(7);
    expect(requireNumber(1.5, 'ocpus', 1, 2)).toBe(1.5);
    expect(requireList([2, 1, 2], 'ports', 3, (v, f) => requireInt(v, f, 1, 9))).toEqual([2, 1]);
    expect(requireDuration('2h', 'window', 60_000, 86_400_000)).toEqual({ ms: 7_200_000, text: '2h' });
  });

  it.each([
    ['a too long string', () => requireString('abcd', 'name', { max: 3 }), 'name', 'name must be 1 to 3 characters'],
    ['an empty string', () => requireString('', 'name', { max: 3 }), 'name', 'name must be 1 to 3 characters'],
    [
      'a string off its pattern',
      () => requireString('ab1', 'name', { max: 3, pattern: /^[a-z]+$/, hint: 'must be lower-case letters' }),
      'name',
      'name must be lower-case letters',
    ],
    ['an integer out of range', () => requireInt(0, 'first', 1, 10), 'first', 'first must be an integer from 1 to 10'],
    [
      'a fraction for an integer',
      () => requireInt(1.5, 'first', 1, 10),
      'first',
      'first must be an integer from 1 to 10',
    ],
    ['a number out of range', () => requireNumber(3, 'ocpus', 1, 2), 'ocpus', 'ocpus must be a number from 1 to 2'],
    ['NaN', () => requireNumber(Number.NaN, 'ocpus', 1, 2), 'ocpus', 'ocpus must be a number from 1 to 2'],
    ['a list too long', () => requireList([1, 2, 3], 'ports', 2, (v) => v), 'ports', 'ports may hold at most 2 items'],
    [
      'a bad list item (named by its index)',
      () => requireList([1, 99], 'ports', 5, (v, f) => requireInt(v, f, 1, 9)),
      'ports[1]',
      'ports[1] must be an integer from 1 to 9',
    ],
    [
      'a duration that is not one',
      () => requireDuration('1w', 'window', 60_000, 86_400_000),
      'window',
      'window must be a duration like 5m, 1h or 1d',
    ],
    [
      'a duration out of range',
      () => requireDuration('2d', 'window', 60_000, 86_400_000),
      'window',
      'window must be between 1 minutes and 24 hours',
    ],
  ])('refuses %s as BAD_USER_INPUT naming the field', (_name, f, field, message) => {
    expect(refusal(f)).toEqual({ message, extensions: { field, code: 'BAD_USER_INPUT', http: { status: 400 } } });
  });

  it('badInput carries extra figures, and the field always wins', () => {
    const e = badInput('resourceIds', 'not a metric resource', { resourceId: 'x', field: 'other' });
    expect(appErrorExtensions(e)).toEqual({
      resourceId: 'x',
      field: 'resourceIds',
      code: 'BAD_USER_INPUT',
      http: { status: 400 },
    });
  });
});
