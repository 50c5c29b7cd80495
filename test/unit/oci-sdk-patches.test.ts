/**
 * bundle/sdk-patches.ts against the SDK's own code: after the patch, oci-common's request path
 * (helper.getSignerAndReqBody) answers as before for every kind of body, and a string body no longer
 * goes through Object.keys (it would allocate one string per character).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import helper from 'oci-common/lib/helper.js';
import { utils as ociUtils } from 'oci-common';
import { applySdkPatches } from '#bundle/sdk-patches.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('oci-common empty-body check', () => {
  it('gives the SDK the same answers for empty and non-empty bodies of every kind', () => {
    applySdkPatches();
    const h = helper as unknown as {
      getSignerAndReqBody: (body: unknown, exclude?: boolean) => { signerBody?: unknown; requestBody?: unknown };
    };
    expect(h.getSignerAndReqBody('')).toEqual({ signerBody: undefined, requestBody: undefined });
    expect(h.getSignerAndReqBody('{"a":1}')).toEqual({ signerBody: '{"a":1}', requestBody: '{"a":1}' });
    expect(h.getSignerAndReqBody({})).toEqual({ signerBody: undefined, requestBody: undefined });
    expect(h.getSignerAndReqBody('x', true)).toEqual({ signerBody: undefined, requestBody: 'x' });
    const u = ociUtils as unknown as { isEmpty: (o: unknown) => boolean };
    expect([
      u.isEmpty(''),
      u.isEmpty('ab'),
      u.isEmpty({}),
      u.isEmpty({ a: 1 }),
      u.isEmpty([]),
      u.isEmpty([1]),
      u.isEmpty(new Map([[1, 2]])),
    ]).toEqual([true, false, true, false, true, false, true]);
  });

  it('checks a string body without Object.keys', () => {
    applySdkPatches();
    const keys = vi.spyOn(Object, 'keys');
    const big = 'x'.repeat(100_000);
    const h = helper as unknown as { getSignerAndReqBody: (body: unknown) => { requestBody?: unknown } };
    expect(h.getSignerAndReqBody(big).requestBody).toBe(big);
    expect(keys.mock.calls.filter(([o]) => o === big)).toEqual([]);
  });
});
