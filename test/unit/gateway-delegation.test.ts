/**
 * The gateway delegating to domain functions over the invoke protocol, in-process through `gateway.fetch`:
 * caller and scalars carried, domain errors kept or masked, upstream failures mapped, idempotency and
 * batching of invokes. The fixture is in test/helpers/gateway-things.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../functions/gateway/gateway.ts';
import { createRemoteExecutor, remoteExecutorsFromEnv } from '../../functions/gateway/executor.ts';
import type { FunctionInvoker } from '../../functions/gateway/invoker.ts';
import {
  capturedLog,
  GQL_JSON,
  post as postTo,
  thingsGateway,
  thingsInvoker,
  thingsSdl,
  VIEWER,
} from '../helpers/gateway-things.ts';

const { logger, logLines } = capturedLog();
let gateway: Gateway;
beforeAll(() => {
  gateway = thingsGateway(logger);
});
const post = (query: string, opts?: Parameters<typeof postTo>[2]) => postTo(gateway, query, opts);

describe('gateway delegation over the invoke protocol', () => {
  it('runs a domain query with the caller and keeps 64-bit-ish scalars', async () => {
    const { res, body } = await post(
      'query($b: SafeInt!) { things { id name owner } size(bytes: $b) at(when: "2024-05-01T12:00:00Z") }',
      {
        variables: { b: 2 ** 40 },
      },
    );
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: { things: [{ id: 't1', name: 'first', owner: 'alice' }], size: 2 ** 41, at: '2024-05-01T12:00:01.000Z' },
    });
  });

  it('refuses a viewer an operator field with FORBIDDEN from the domain side', async () => {
    const { res, body } = await post('{ me { userId } secretCount }');
    expect(res.status).toBe(200);
    expect(body.data).toBeNull(); // secretCount is non-null, so the error nulls the whole data
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ path: ['secretCount'], extensions: { code: 'FORBIDDEN' } });
    expect(body.errors?.[0]?.message).toContain('operator');
    const ok = await post('{ secretCount }', { headers: { 'x-user-id': 'op', 'x-user-roles': 'operator' } });
    expect(ok.body).toEqual({ data: { secretCount: 42 } });
  });

  it('lets a 413/429 refusal set the HTTP status, keeping code and message', async () => {
    const { res, body } = await post('{ limited }');
    expect(res.status).toBe(429);
    expect(body.errors?.[0]).toMatchObject({
      path: ['limited'],
      message: 'hourly upload limit exceeded: 50 of 50',
      extensions: { code: 'HOURLY_LIMIT_EXCEEDED' },
    });
  });

  it('keeps an AppError message and code, masks an unexpected error', async () => {
    const { body } = await post('{ thing(id: "nope") { id } boom me { userId } }');
    expect(body.data).toEqual({ thing: null, boom: null, me: { userId: 'alice' } });
    const byPath = Object.fromEntries((body.errors ?? []).map((e) => [String(e.path?.[0]), e]));
    expect(byPath.thing).toMatchObject({
      message: 'thing nope not found',
      extensions: { code: 'NOT_FOUND', id: 'nope' },
    });
    expect(byPath.boom).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(logLines.some((l) => l.includes('hunter2') && l.includes('"callId":"mem-'))).toBe(true);
  });

  it('answers UPSTREAM_UNAVAILABLE naming the missing FN_ID for an unconfigured function', async () => {
    const { res, body } = await post('{ ghost me { userId } }');
    expect(res.status).toBe(200);
    expect(body.data).toEqual({ ghost: null, me: { userId: 'alice' } });
    expect(body.errors?.[0]).toMatchObject({ path: ['ghost'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(body.errors?.[0]?.message).toContain('FN_ID_GHOST');
  });
});

describe('gateway upstream failures', () => {
  const sdl = { flaky: 'type Query { flaky: String }' };
  async function ask(invoker: FunctionInvoker, headers: Record<string, string> = VIEWER) {
    const g = createGateway({
      sdl,
      executors: { flaky: createRemoteExecutor({ fn: 'flaky', fnId: 'ocid1.fnfunc.flaky', invoker }) },
      logger,
    });
    const res = await g.fetch('http://fn/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GQL_JSON, ...headers },
      body: JSON.stringify({ query: 'query Q { flaky }', operationName: 'Q' }),
    });
    return {
      res,
      body: (await res.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      },
    };
  }

  it('sends the invoke protocol body with caller, request id and a deadline', async () => {
    const seen: { fnId: string; body: unknown; deadlineMs: number }[] = [];
    const { body } = await ask(
      {
        invoke: async (fnId, text, { deadlineMs }) => {
          seen.push({ fnId, body: JSON.parse(text), deadlineMs });
          return JSON.stringify({ data: { flaky: 'ok' } });
        },
      },
      { 'x-user-id': 'carol', 'x-user-roles': 'admin,bogus', 'opc-request-id': 'req-proto-1' },
    );
    expect(body).toEqual({ data: { flaky: 'ok' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.fnId).toBe('ocid1.fnfunc.flaky');
    expect(seen[0]?.deadlineMs).toBeGreaterThan(0);
    expect(seen[0]?.body).toMatchObject({
      graphql: { query: expect.stringContaining('flaky'), variables: {}, operationName: 'Q' },
      caller: { userId: 'carol', roles: ['admin'] },
      requestId: 'req-proto-1',
    });
  });

  it('maps an invoke failure to UPSTREAM_UNAVAILABLE without leaking its text', async () => {
    const failing: FunctionInvoker = {
      invoke: async () => {
        throw Object.assign(new Error('502 function failed: stack at /internal/path'), { statusCode: 502 });
      },
    };
    const { res, body } = await ask(failing);
    expect(res.status).toBe(200);
    expect(body.data).toEqual({ flaky: null });
    expect(body.errors?.[0]).toMatchObject({
      message: 'the flaky function is unavailable; try again later',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', function: 'flaky' },
    });
    expect(JSON.stringify(body)).not.toContain('/internal/path');
  });

  it('maps a malformed function response to UPSTREAM_UNAVAILABLE', async () => {
    for (const reply of ['<html>oops</html>', '[]', '{"hello":1}', '{"data":5}']) {
      const { body } = await ask({ invoke: async () => reply });
      expect(body.errors?.[0]).toMatchObject({
        message: 'the flaky function returned an invalid response',
        extensions: { code: 'UPSTREAM_UNAVAILABLE' },
      });
    }
  });

  it('masks an unexpected gateway-side error and logs it with the request id', async () => {
    const g = createGateway({
      sdl,
      executors: {
        flaky: () => {
          throw new Error('executor exploded: secret-xyz');
        },
      },
      logger,
    });
    const res = await g.fetch('http://fn/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GQL_JSON, ...VIEWER, 'opc-request-id': 'req-mask-1' },
      body: JSON.stringify({ query: '{ flaky me { userId } }' }),
    });
    const body = (await res.json()) as {
      data: unknown;
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(res.status).toBe(200);
    expect(body.data).toEqual({ flaky: null, me: { userId: 'alice' } });
    expect(body.errors[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toContain('secret-xyz');
    const line = logLines.find((l) => l.includes('secret-xyz') && l.includes('"msg":"unexpected error"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({
      level: 'error',
      msg: 'unexpected error',
      requestId: 'req-mask-1',
      path: 'flaky',
    });
  });
});

describe('invoke retries', () => {
  it(
    'marks delegated queries idempotent and mutations not ' +
      '(only queries are retried after a failure that may have run)',
    async () => {
      const inner = thingsInvoker(logger);
      const seen: (boolean | undefined)[] = [];
      const invoker: FunctionInvoker = {
        invoke: (id, body, opts) => {
          seen.push(opts.idempotent);
          return inner.invoke(id, body, opts);
        },
      };
      const gw = createGateway({
        sdl: { things: thingsSdl },
        executors: remoteExecutorsFromEnv({
          functions: ['things'],
          invoker,
          env: { FN_ID_THINGS: 'ocid1.fnfunc.things' },
        }),
        logger,
      });
      for (const query of ['{ things { id } }', 'mutation { touch(id: "t9") { id } }']) {
        const res = await gw.fetch('http://fn/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: GQL_JSON, ...VIEWER },
          body: JSON.stringify({ query }),
        });
        expect(res.status).toBe(200);
      }
      expect(seen).toEqual([true, false]);
    },
  );

  it('sends the root fields of one query that go to one function in one invoke (aliases included)', async () => {
    const inner = thingsInvoker(logger);
    const bodies: string[] = [];
    const invoker: FunctionInvoker = {
      invoke: (id, body, opts) => {
        bodies.push(body);
        return inner.invoke(id, body, opts);
      },
    };
    const gw = createGateway({
      sdl: { things: thingsSdl },
      executors: remoteExecutorsFromEnv({
        functions: ['things'],
        invoker,
        env: { FN_ID_THINGS: 'ocid1.fnfunc.things' },
      }),
      logger,
    });
    const res = await gw.fetch('http://fn/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GQL_JSON, ...VIEWER },
      body: JSON.stringify({ query: '{ a: things { id } b: things { id } t: thing(id: "t1") { name } }' }),
    });
    expect(await res.json()).toEqual({ data: { a: [{ id: 't1' }], b: [{ id: 't1' }], t: { name: 'first' } } });
    expect(bodies).toHaveLength(1);
  });
});
