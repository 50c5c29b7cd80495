import { OciError } from 'oci-common';
import { describe, expect, it } from 'vitest';
import { BadUserInputError, NotFoundError, UpstreamError } from '../../shared/errors.ts';
import { isRetryableError, parseRetryAfter, retryToken, withRetry, type RetryOptions } from '../../shared/oci/index.ts';
import { recordRetryAfter } from '../../shared/oci/retry-after.ts';

const oci = (status: number, code = 'X', requestId: string | null = null) =>
  new OciError(
    status,
    code,
    `m${status}`,
    requestId,
    'ObjectStorage',
    'getObject',
    new Date().toISOString(),
    'GET /n',
    '',
  );

/** A fake clock whose sleep advances time instantly and records every delay. */
function fakeTime(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  const opts: Pick<RetryOptions, 'now' | 'sleep' | 'env'> = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    env: {},
  };
  return { opts, sleeps, advance: (ms: number) => (t += ms), now: () => t };
}

/** An operation failing with the given errors in order, then returning 'ok'. */
function failing(...errors: unknown[]) {
  let calls = 0;
  const op = async () => {
    const e = errors[calls++];
    if (e !== undefined) throw e;
    return 'ok';
  };
  return { op, calls: () => calls };
}

describe('isRetryableError', () => {
  it.each([
    ['429 TooManyRequests', oci(429, 'TooManyRequests')],
    ['429 with another code', oci(429, 'Throttled')],
    ['500', oci(500)],
    ['502', oci(502)],
    ['503', oci(503)],
    ['504', oci(504)],
    ['409 IncorrectState', oci(409, 'IncorrectState')],
    ['SDK client-side statusCode -1', oci(-1)],
    [
      'the SDK plain-object fetch failure',
      { code: undefined, message: 'fetch failed', requestEndpoint: 'GET http://x/n', troubleshootingPage: '...' },
    ],
    [
      'undici TypeError with ECONNRESET cause',
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      }),
    ],
    ['a timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['our UpstreamError', new UpstreamError('down')],
  ])('retries %s', (_n, e) => expect(isRetryableError(e)).toBe(true));

  it.each([
    ['400', oci(400, 'InvalidParameter')],
    ['401', oci(401, 'NotAuthenticated')],
    ['403', oci(403)],
    ['404', oci(404, 'NotAuthorizedOrNotFound')],
    ['412', oci(412, 'PreconditionFailed')],
    ['409 Conflict', oci(409, 'Conflict')],
    ['501', oci(501, 'NotImplemented')],
    ['a validation error', new Error('Missing required parameter bucketName')],
    ['our NotFoundError', new NotFoundError('x')],
    ['our BadUserInputError', new BadUserInputError('x')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('does not retry %s', (_n, e) => expect(isRetryableError(e)).toBe(false));
});

describe('withRetry timing (fake clock, no real sleeping)', () => {
  it('backs off exponentially from 2 s, 5 attempts in all, then rethrows the last error unchanged', async () => {
    const { opts, sleeps } = fakeTime();
    const last = oci(503, 'Last');
    const f = failing(oci(503), oci(503), oci(503), oci(503), last);
    const err = await withRetry(f.op, { ...opts, random: () => 0.999999 }).catch((e: unknown) => e);
    expect(err).toBe(last);
    expect(f.calls()).toBe(5);
    expect(sleeps).toEqual([1999, 3999, 7999, 15999]);
  });

  it('uses full jitter (uniform between 0 and the ceiling) and caps the ceiling at 30 s', async () => {
    const { opts, sleeps } = fakeTime();
    const f = failing(oci(500), oci(500), oci(500), oci(500), oci(500), oci(500), oci(500));
    await withRetry(f.op, { ...opts, maxAttempts: 8, baseDelayMs: 10_000, random: () => 0.5 });
    expect(sleeps).toEqual([5_000, 10_000, 15_000, 15_000, 15_000, 15_000, 15_000]);
    const zero = fakeTime();
    await withRetry(failing(oci(500)).op, { ...zero.opts, random: () => 0 });
    expect(zero.sleeps).toEqual([0]);
  });

  it('stops at the first non-retryable error', async () => {
    const { opts, sleeps } = fakeTime();
    const notFound = oci(404, 'NotAuthorizedOrNotFound');
    const f = failing(oci(503), notFound);
    await expect(withRetry(f.op, opts)).rejects.toBe(notFound);
    expect(f.calls()).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('takes OCI_RETRY_* from env unless options say otherwise', async () => {
    const { opts, sleeps } = fakeTime();
    const env = { OCI_RETRY_BASE_MS: '10', OCI_RETRY_MAX_ATTEMPTS: '3', OCI_RETRY_CAP_MS: '15' };
    const f = failing(oci(503), oci(503), oci(503), oci(503));
    await expect(withRetry(f.op, { ...opts, env, random: () => 0.9999 })).rejects.toMatchObject({ statusCode: 503 });
    expect(f.calls()).toBe(3);
    expect(sleeps).toEqual([9, 14]);
    const g = failing(oci(503));
    expect(await withRetry(g.op, { ...opts, env, maxAttempts: 1 }).catch(() => 'gave up')).toBe('gave up');
    await expect(withRetry(async () => 1, { env: { OCI_RETRY_BASE_MS: 'soon' } })).rejects.toThrow(/OCI_RETRY_BASE_MS/);
  });

  it('passes the attempt number to the operation and reports each retry', async () => {
    const { opts } = fakeTime();
    const seen: number[] = [];
    const retries: number[] = [];
    await withRetry(
      async ({ attempt }) => {
        seen.push(attempt);
        if (attempt < 3) throw oci(502);
        return 1;
      },
      { ...opts, onRetry: (i) => retries.push(i.attempt) },
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(retries).toEqual([1, 2]);
  });
});

describe('withRetry and Retry-After', () => {
  it('waits what the error says (retryAfterMs) instead of the backoff', async () => {
    const { opts, sleeps } = fakeTime();
    await withRetry(failing(Object.assign(oci(429), { retryAfterMs: 7_000 })).op, { ...opts, random: () => 0 });
    expect(sleeps).toEqual([7_000]);
  });

  it('reads Retry-After from a headers object (seconds or HTTP date)', async () => {
    const t = fakeTime(Date.parse('2024-01-01T00:00:00Z'));
    const bySeconds = Object.assign(new Error('x'), { statusCode: 503, headers: new Headers({ 'retry-after': '3' }) });
    const byDate = Object.assign(new Error('y'), {
      statusCode: 503,
      headers: new Headers({ 'retry-after': 'Mon, 01 Jan 2024 00:00:12 GMT' }),
    });
    await withRetry(failing(bySeconds, byDate).op, { ...t.opts, random: () => 0 });
    expect(t.sleeps).toEqual([3_000, 9_000]);
  });

  it('finds a Retry-After recorded for the OciError opc-request-id (what createOciClient records)', async () => {
    const t = fakeTime(Date.now());
    recordRetryAfter('req-retry-after-1', '4', t.now());
    await withRetry(failing(oci(429, 'TooManyRequests', 'req-retry-after-1')).op, { ...t.opts, random: () => 0 });
    expect(t.sleeps).toEqual([4_000]);
  });

  it('parses Retry-After forms', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('withRetry and the call deadline', () => {
  it('never sleeps past deadlineMs: gives up with the last error instead', async () => {
    const { opts, sleeps, now } = fakeTime();
    const start = now();
    const f = failing(oci(503), oci(503, 'Second'), oci(503), oci(503));
    const err = await withRetry(f.op, { ...opts, deadlineMs: 5_000, random: () => 0.999999 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ serviceCode: 'Second' });
    expect(sleeps).toEqual([1999]); // the next one (3999) would end at 5998 > 5000
    expect(now() - start).toBeLessThan(5_000);
  });

  it('does not wait a Retry-After that ends past the deadline', async () => {
    const { opts, sleeps } = fakeTime();
    const e = Object.assign(oci(429), { retryAfterMs: 60_000 });
    await expect(withRetry(failing(e).op, { ...opts, deadlineMs: 10_000 })).rejects.toBe(e);
    expect(sleeps).toEqual([]);
  });

  it('still makes the first attempt when no time is left', async () => {
    const { opts } = fakeTime();
    expect(await withRetry(async () => 'done', { ...opts, deadlineMs: 0 })).toBe('done');
  });
});

describe('retry tokens', () => {
  it('one token made outside the retried function is reused by every attempt', async () => {
    const { opts } = fakeTime();
    const tokens: string[] = [];
    const create = async (req: { opcRetryToken: string }) => {
      tokens.push(req.opcRetryToken);
      if (tokens.length < 3) throw oci(503);
      return { id: 'x' };
    };
    const token = retryToken();
    await withRetry(() => create({ opcRetryToken: token }), opts);
    expect(tokens).toEqual([token, token, token]);
    expect(retryToken()).not.toBe(token);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
  });
});
