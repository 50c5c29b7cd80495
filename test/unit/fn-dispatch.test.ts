import { describe, expect, it } from 'vitest';
import { BadUserInputError, NotFoundError } from '../../shared/errors.ts';
import { createLogger } from '../../shared/log.ts';
import { createFnHandler, type FunctionDefinition } from '../../shared/fn/index.ts';
import { fakeFnContext, objectEventFixture, renderFdkResult } from '../helpers/fn-context.ts';

function setup(def: Partial<FunctionDefinition>, opts: { now?: () => number; env?: Record<string, string> } = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ sink: (l) => lines.push(JSON.parse(l)), level: 'debug' });
  const handler = createFnHandler({ name: 'testfn', ...def }, { logger, now: opts.now, env: opts.env ?? {} });
  const callLines = () => lines.filter((l) => l.msg === 'call');
  return { handler, lines, callLines };
}

const gw = (method: string, url: string, extra: Record<string, string | string[]> = {}) =>
  fakeFnContext({
    headers: { 'Fn-Intent': 'httprequest', 'Fn-Http-Method': method, 'Fn-Http-Request-Url': url, ...extra },
  });

describe('createFnHandler: HTTP gateway calls', () => {
  it('builds a Request from Fn-Http-* and writes the Response back as Fn-Http-Status/H-* and raw bytes', async () => {
    let seen:
      | { url: string; method: string; body: string; user: string | null; multi: string | null; host: string | null }
      | undefined;
    const { handler, callLines } = setup({
      http: async (req) => {
        seen = {
          url: req.url,
          method: req.method,
          body: await req.text(),
          user: req.headers.get('x-user-id'),
          multi: req.headers.get('x-multi'),
          host: req.headers.get('host'),
        };
        return new Response('created!', {
          status: 201,
          headers: { 'content-type': 'text/plain', 'x-trace': 't1', 'set-cookie': 'a=1' },
        });
      },
    });
    const ctx = gw('POST', '/v1/graphql?x=1&y=a%20b', {
      'Fn-Http-H-X-User-Id': 'u1',
      'Fn-Http-H-X-Multi': ['a', 'b'],
      'Fn-Http-H-Host': 'api.example.com',
    });
    const out = renderFdkResult(ctx, await handler(Buffer.from('{"q":1}'), ctx));
    expect(seen).toEqual({
      url: 'http://localhost/v1/graphql?x=1&y=a%20b',
      method: 'POST',
      body: '{"q":1}',
      user: 'u1',
      multi: 'a, b',
      host: 'api.example.com',
    });
    expect(out.headers['Fn-Http-Status']).toEqual(['201']);
    expect(out.headers['Content-Type']).toEqual(['text/plain']);
    expect(out.headers['Fn-Http-H-X-Trace']).toEqual(['t1']);
    expect(out.headers['Fn-Http-H-Set-Cookie']).toEqual(['a=1']);
    expect(out.body.toString()).toBe('created!'); // raw, not JSON-encoded
    expect(callLines()[0]).toMatchObject({ fn: 'testfn', kind: 'http', outcome: 'ok', status: 201 });
  });

  it('accepts a full URL in Fn-Http-Request-Url (Fn server trigger) and passes no body for GET', async () => {
    let seen: { url: string; body: string } | undefined;
    const { handler } = setup({
      http: async (req) => ((seen = { url: req.url, body: await req.text() }), new Response('ok')),
    });
    const ctx = gw('GET', 'http://fnserver:8080/t/app/graphql?query=%7Ba%7D');
    await handler(Buffer.from('ignored'), ctx);
    expect(seen).toEqual({ url: 'http://localhost/t/app/graphql?query=%7Ba%7D', body: '' });
  });

  it('detects HTTP calls by Fn-Http-Method alone', async () => {
    const { handler } = setup({ http: async () => new Response('h'), invoke: async () => 'invoke' });
    const ctx = fakeFnContext({ headers: { 'Fn-Http-Method': 'GET', 'Fn-Http-Request-Url': '/' } });
    expect(renderFdkResult(ctx, await handler(Buffer.alloc(0), ctx)).body.toString()).toBe('h');
  });

  it('returns an empty raw body (never null) for 204', async () => {
    const { handler } = setup({ http: async () => new Response(null, { status: 204 }) });
    const ctx = gw('DELETE', '/x');
    const result = await handler(Buffer.alloc(0), ctx);
    expect(result).not.toBeNull();
    const out = renderFdkResult(ctx, result);
    expect(out.body.length).toBe(0);
    expect(out.headers['Fn-Http-Status']).toEqual(['204']);
  });

  it('maps AppErrors to their status and masks unexpected errors without leaking their text', async () => {
    const { handler: h1 } = setup({
      http: async () => {
        throw new NotFoundError('no such file "a.txt"');
      },
    });
    const c1 = gw('GET', '/f');
    const o1 = renderFdkResult(c1, await h1(Buffer.alloc(0), c1));
    expect(o1.headers['Fn-Http-Status']).toEqual(['404']);
    expect(o1.json).toMatchObject({ error: { code: 'NOT_FOUND', message: 'no such file "a.txt"' } });

    const { handler: h2, callLines } = setup({
      http: async () => {
        throw new Error('db password=hunter2 at /secret/path');
      },
    });
    const c2 = gw('GET', '/f', {});
    const o2 = renderFdkResult(c2, await h2(Buffer.alloc(0), c2));
    expect(o2.headers['Fn-Http-Status']).toEqual(['500']);
    expect(o2.body.toString()).not.toContain('hunter2');
    expect(o2.json).toMatchObject({
      error: { code: 'INTERNAL_SERVER_ERROR', message: `internal error; call ${c2.callID}` },
    });
    expect(callLines()[0]).toMatchObject({ outcome: 'error', status: 500 });
  });

  it('answers 501 naming the function when it has no http handler', async () => {
    const { handler } = setup({ invoke: async () => ({}) });
    const ctx = gw('GET', '/');
    const out = renderFdkResult(ctx, await handler(Buffer.alloc(0), ctx));
    expect(out.headers['Fn-Http-Status']).toEqual(['501']);
    expect(out.json).toMatchObject({
      error: { code: 'NOT_IMPLEMENTED', message: 'function "testfn" does not handle http calls' },
    });
  });
});

describe('createFnHandler: invoke calls', () => {
  it('parses the JSON body and returns the result as JSON', async () => {
    const { handler, callLines } = setup({ invoke: async (body) => ({ echo: body }) });
    const ctx = fakeFnContext({ headers: { 'Opc-Request-Id': 'req-9' } });
    const out = renderFdkResult(ctx, await handler(Buffer.from('{"graphql":{"query":"{a}"}}'), ctx));
    expect(out.json).toEqual({ echo: { graphql: { query: '{a}' } } });
    expect(out.headers['Content-Type']).toEqual(['application/json']);
    expect(callLines()[0]).toMatchObject({ kind: 'invoke', outcome: 'ok', opcRequestId: 'req-9', callId: ctx.callID });
    expect(typeof callLines()[0]!.durationMs).toBe('number');
  });

  it.each([
    ['not JSON', 'not json {', 'request body is not valid JSON'],
    ['empty', '', 'request body is empty; expected JSON'],
  ])('rejects a body that is %s with BAD_USER_INPUT and never calls the handler', async (_n, body, message) => {
    let called = false;
    const { handler } = setup({ invoke: async () => ((called = true), {}) });
    const ctx = fakeFnContext();
    const out = renderFdkResult(ctx, await handler(Buffer.from(body), ctx));
    expect(out.json).toMatchObject({
      error: { code: 'BAD_USER_INPUT', message },
      errors: [{ message, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }],
    });
    expect(called).toBe(false);
  });

  it('never returns null/undefined even when the handler does', async () => {
    const { handler } = setup({ invoke: async () => undefined });
    const ctx = fakeFnContext();
    const out = renderFdkResult(ctx, await handler(Buffer.from('{}'), ctx));
    expect(out.json).toEqual({});
    const { handler: h2 } = setup({ invoke: async () => null });
    const c2 = fakeFnContext();
    expect(renderFdkResult(c2, await h2(Buffer.from('{}'), c2)).json).toBeNull();
  });

  it('masks unexpected invoke errors', async () => {
    const { handler } = setup({
      invoke: async () => {
        throw new TypeError('cannot read x of undefined at secret.ts:12');
      },
    });
    const ctx = fakeFnContext();
    const out = renderFdkResult(ctx, await handler(Buffer.from('{}'), ctx));
    expect(out.body.toString()).not.toContain('secret.ts');
    expect(out.json).toMatchObject({ error: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('createFnHandler: event calls', () => {
  it('passes a validated envelope to the event handler', async () => {
    let seenType = '';
    const { handler, callLines } = setup({
      event: async (e) => ((seenType = e.eventType), { done: true }),
      invoke: async () => 'wrong',
    });
    const ctx = fakeFnContext();
    const out = renderFdkResult(ctx, await handler(Buffer.from(JSON.stringify(objectEventFixture())), ctx));
    expect(seenType).toBe('com.oraclecloud.objectstorage.createobject');
    expect(out.json).toEqual({ done: true });
    expect(callLines()[0]).toMatchObject({ kind: 'event', outcome: 'ok' });
  });

  it('answers a malformed event-shaped body with an error JSON (acknowledged, not retried)', async () => {
    let called = false;
    const { handler } = setup({ event: async () => ((called = true), {}) });
    const ctx = fakeFnContext();
    const out = renderFdkResult(
      ctx,
      await handler(Buffer.from(JSON.stringify(objectEventFixture({ cloudEventsVersion: '1.0' }))), ctx),
    );
    expect(out.json).toMatchObject({
      error: { code: 'BAD_USER_INPUT', message: expect.stringContaining('cloudEventsVersion') },
    });
    expect(called).toBe(false);
  });

  it('treats Fn-Intent: cloudevent bodies as events even when the markers are missing', async () => {
    const { handler } = setup({ event: async () => ({}), invoke: async () => 'invoked' });
    const ctx = fakeFnContext({ headers: { 'Fn-Intent': 'cloudevent' } });
    const out = renderFdkResult(ctx, await handler(Buffer.from('{"hello":1}'), ctx));
    expect(out.json).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
  });

  it('throws a sanitised error when the event handler fails, so the FDK answers 502 and Events retries', async () => {
    const { handler, callLines, lines } = setup({
      event: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7 token=abc');
      },
    });
    const ctx = fakeFnContext({ callId: 'call-evt-1' });
    const err = await handler(Buffer.from(JSON.stringify(objectEventFixture())), ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).toBe('Error: event handling failed; call call-evt-1');
    expect(callLines()[0]).toMatchObject({ kind: 'event', outcome: 'error', status: 502 });
    expect(lines.some((l) => l.msg === 'event handler failed')).toBe(true);
  });

  it('acknowledges (does not retry) an event the handler rejects as bad input', async () => {
    const { handler } = setup({
      event: async () => {
        throw new BadUserInputError('not an object event');
      },
    });
    const ctx = fakeFnContext();
    const out = renderFdkResult(ctx, await handler(Buffer.from(JSON.stringify(objectEventFixture())), ctx));
    expect(out.json).toMatchObject({ error: { code: 'BAD_USER_INPUT', message: 'not an object event' } });
  });

  it('answers NOT_IMPLEMENTED when the function has no event handler', async () => {
    const { handler } = setup({ invoke: async () => ({}) });
    const ctx = fakeFnContext();
    const out = renderFdkResult(ctx, await handler(Buffer.from(JSON.stringify(objectEventFixture())), ctx));
    expect(out.json).toMatchObject({
      error: { code: 'NOT_IMPLEMENTED', message: 'function "testfn" does not handle event calls' },
    });
  });
});

describe('FnCall deadline', () => {
  it('computes remainingMs from Fn-Deadline with the injected clock', async () => {
    let t = Date.parse('2024-01-01T00:00:00Z');
    const remaining: number[] = [];
    const { handler } = setup(
      {
        invoke: async (_b, call) => {
          remaining.push(call.remainingMs());
          t += 4_000;
          remaining.push(call.remainingMs());
          t += 60_000;
          remaining.push(call.remainingMs());
          return {};
        },
      },
      { now: () => t },
    );
    const ctx = fakeFnContext({ deadline: '2024-01-01T00:00:10Z' });
    await handler(Buffer.from('{}'), ctx);
    expect(remaining).toEqual([10_000, 6_000, 0]);
  });

  it('falls back to FN_TIMEOUT_MS, then 30 s, when Fn-Deadline is missing or malformed', async () => {
    const t = 1_000_000;
    const seen: number[] = [];
    const def = { invoke: async (_b: unknown, call: { remainingMs(): number }) => (seen.push(call.remainingMs()), {}) };
    await setup(def, { now: () => t, env: { FN_TIMEOUT_MS: '5000' } }).handler(
      Buffer.from('{}'),
      fakeFnContext({ deadline: null }),
    );
    await setup(def, { now: () => t }).handler(Buffer.from('{}'), fakeFnContext({ deadline: 'garbage' }));
    expect(seen).toEqual([5_000, 30_000]);
  });

  it('exposes fn/app ids, opc-request-id and env', async () => {
    let call: Record<string, unknown> = {};
    const { handler } = setup(
      { invoke: async (_b, c) => ((call = { fnId: c.fnId, appId: c.appId, opc: c.opcRequestId, env: c.env.X }), {}) },
      { env: { X: 'y' } },
    );
    await handler(
      Buffer.from('{}'),
      fakeFnContext({
        env: { FN_FN_ID: 'ocid1.fnfunc.x', FN_APP_ID: 'ocid1.fnapp.y' },
        headers: { 'opc-request-id': 'r1' },
      }),
    );
    expect(call).toEqual({ fnId: 'ocid1.fnfunc.x', appId: 'ocid1.fnapp.y', opc: 'r1', env: 'y' });
  });
});

describe('createFnHandler: definition', () => {
  it('refuses a definition without handlers', () => {
    expect(() => createFnHandler({ name: 'empty' })).toThrow(/defines no handler/);
  });
});
