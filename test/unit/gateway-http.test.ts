import { makeExecutableSchema } from '@graphql-tools/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../functions/gateway/gateway.ts';
import { createRemoteExecutor, remoteExecutorsFromEnv } from '../../functions/gateway/executor.ts';
import type { FunctionInvoker } from '../../functions/gateway/invoker.ts';
import { createInMemoryInvoker } from '../helpers/fakes/gateway-invoker.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { createLogger } from '../../shared/log.ts';
import type { FnCall } from '../../shared/fn/index.ts';
import {
  executeSubschemaRequest,
  requireRole,
  scalarResolvers,
  type SubschemaContext,
} from '../../shared/graphql/index.ts';
import { subschemaTypeDefs } from '../../schema/index.ts';

// A tiny domain subschema, served through the real invoke protocol by an in-memory invoker.
const thingsSdl = /* GraphQL */ `
  type Query {
    things: [Thing!]!
    thing(id: ID!): Thing
    secretCount: Int!
    boom: String
    size(bytes: SafeInt!): SafeInt!
    at(when: DateTime!): DateTime!
    node: Node
    limited: Boolean
  }
  type Mutation { touch(id: ID!): Thing! }
  type Thing { id: ID! name: String! owner: String! }
  type Node { id: ID! child: Node }
`;
const ghostSdl = 'type Query { ghost: String }';

const things = [{ id: 't1', name: 'first' }];
const thingsSchema = makeExecutableSchema({
  typeDefs: subschemaTypeDefs(thingsSdl),
  resolvers: [
    scalarResolvers,
    {
      Query: {
        things: (_: unknown, __: unknown, ctx: SubschemaContext) =>
          things.map((t) => ({ ...t, owner: ctx.caller.userId })),
        thing: (_: unknown, { id }: { id: string }, ctx: SubschemaContext) => {
          const t = things.find((x) => x.id === id);
          if (!t) throw new NotFoundError(`thing ${id} not found`, { details: { id } });
          return { ...t, owner: ctx.caller.userId };
        },
        secretCount: (_: unknown, __: unknown, ctx: SubschemaContext) => {
          requireRole(ctx.caller, 'operator');
          return 42;
        },
        boom: () => {
          throw new Error('db password is hunter2');
        },
        limited: () => {
          throw new AppError('HOURLY_LIMIT_EXCEEDED', 429, 'hourly upload limit exceeded: 50 of 50');
        },
        size: (_: unknown, { bytes }: { bytes: number }) => bytes * 2,
        at: (_: unknown, { when }: { when: Date }) => new Date(when.getTime() + 1000),
        node: () => ({ id: 'n0', child: { id: 'n1', child: null } }),
      },
      Mutation: { touch: (_: unknown, { id }: { id: string }) => ({ id, name: 'touched', owner: 'x' }) },
    },
  ],
});

const logLines: string[] = [];
const logger = createLogger({
  level: 'debug',
  sink: (l) => {
    logLines.push(l);
    if (process.env.DBG) console.log(l);
  },
});
let gateway: Gateway;

beforeAll(() => {
  const invoker = createInMemoryInvoker({
    handlers: { 'ocid1.fnfunc.things': (body, call) => executeSubschemaRequest({ schema: thingsSchema, body, call }) },
    log: logger,
  });
  gateway = createGateway({
    sdl: { things: thingsSdl, ghost: ghostSdl },
    executors: remoteExecutorsFromEnv({
      functions: ['things', 'ghost'],
      invoker,
      env: { FN_ID_THINGS: 'ocid1.fnfunc.things' },
    }),
    logger,
  });
});

const VIEWER = { 'x-user-id': 'alice', 'x-user-roles': 'viewer' };
const GQL_JSON = 'application/graphql-response+json';

async function post(
  query: string,
  opts: { headers?: Record<string, string>; variables?: unknown; accept?: string } = {},
) {
  const res = await gateway.fetch('http://fn/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: opts.accept ?? GQL_JSON, ...(opts.headers ?? VIEWER) },
    body: JSON.stringify({ query, variables: opts.variables }),
  });
  return {
    res,
    body: (await res.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
    },
  };
}

describe('gateway identity', () => {
  it('answers me from the identity headers, ignoring unknown roles', async () => {
    const { res, body } = await post('{ me { userId roles } }', {
      headers: { 'x-user-id': 'bob', 'x-user-roles': 'superuser, operator ,viewer' },
    });
    expect(res.status).toBe(200);
    expect(body).toEqual({ data: { me: { userId: 'bob', roles: ['VIEWER', 'OPERATOR'] } } });
  });

  it('answers 401 UNAUTHENTICATED to any operation without identity', async () => {
    for (const query of ['{ me { userId } }', '{ things { id } }']) {
      const { res, body } = await post(query, { headers: {} });
      expect(res.status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('decodes a percent-encoded X-User-Id once (X-User-Id-Encoding: percent); a bad encoding is 401', async () => {
    const me = async (headers: Record<string, string>) =>
      post('{ me { userId } }', { headers: { 'x-user-roles': 'viewer', ...headers } });
    expect((await me({ 'x-user-id': encodeURIComponent('alıce'), 'x-user-id-encoding': 'percent' })).body.data).toEqual(
      { me: { userId: 'alıce' } },
    );
    expect(
      (await me({ 'x-user-id': encodeURIComponent('a%41 b'), 'x-user-id-encoding': 'percent' })).body.data,
    ).toEqual({ me: { userId: 'a%41 b' } });
    expect((await me({ 'x-user-id': 'a%41b' })).body.data).toEqual({ me: { userId: 'a%41b' } });
    for (const headers of [
      { 'x-user-id': '%E0%A4%A', 'x-user-id-encoding': 'percent' },
      { 'x-user-id': 'bob', 'x-user-id-encoding': 'base64' },
    ]) {
      const { res, body } = await me(headers);
      expect(res.status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it("the platform's request id wins over a client-sent opc-request-id, which is logged apart", async () => {
    const call = { opcRequestId: 'front-req-1', callId: 'call-1', log: logger } as unknown as FnCall;
    logLines.length = 0;
    const res = await gateway.fetch(
      'http://fn/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: GQL_JSON, ...VIEWER, 'opc-request-id': 'client-req-1' },
        body: JSON.stringify({ query: '{ boom }' }),
      },
      { call },
    );
    expect(res.headers.get('opc-request-id')).toBe('front-req-1');
    const line = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'unexpected error');
    expect(line).toMatchObject({ requestId: 'front-req-1' });
  });

  it('echoes opc-request-id and forwards it to the domain function', async () => {
    const { res } = await post('{ me { userId } }', { headers: { ...VIEWER, 'opc-request-id': 'req-echo-1' } });
    expect(res.headers.get('opc-request-id')).toBe('req-echo-1');
    const { res: res2 } = await post('{ me { userId } }');
    expect(res2.headers.get('opc-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

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

describe('gateway GraphQL over HTTP', () => {
  it('answers a parse error with 400 under graphql-response+json and 200 under application/json', async () => {
    const strict = await post('{ me { userId ');
    expect(strict.res.status).toBe(400);
    expect(strict.res.headers.get('content-type')).toContain(GQL_JSON);
    expect(strict.body.data).toBeUndefined();
    expect(strict.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const legacy = await post('{ me { userId ', { accept: 'application/json' });
    expect(legacy.res.status).toBe(200);
    expect(legacy.res.headers.get('content-type')).toContain('application/json');
    expect(legacy.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a validation error with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const { res, body } = await post('{ me { nope } }');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(GQL_JSON);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(body.errors?.[0]?.message).toContain('nope');
  });

  it('refuses a depth bomb before any function runs', async () => {
    const deep = `{ node { ${'child { '.repeat(12)}id${' }'.repeat(12)} } }`;
    const { res, body } = await post(deep);
    expect(res.status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/depth limit of 10 exceeded/i);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { userId }`).join(' ');
    const { res, body } = await post(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/aliases limit of 15 exceeded/i);
  });

  it('refuses a document over the token limit as a parse error', async () => {
    const fields = Array.from({ length: 2100 }, () => 'userId').join(' ');
    const { res, body } = await post(`{ me { ${fields} } }`);
    expect(res.status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/token limit of 2000 exceeded/i);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses an operation over the cost limit', async () => {
    const g = createGateway({ sdl: {}, executors: {}, logger, limits: { maxCost: 5 } });
    const res = await g.fetch('http://fn/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GQL_JSON, ...VIEWER },
      body: JSON.stringify({ query: '{ a: me { userId roles } b: me { userId roles } }' }),
    });
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(res.status).toBe(400);
    expect(body.errors[0]?.message).toMatch(/cost limit of 5 exceeded/i);
  });

  it('refuses batched requests', async () => {
    const res = await gateway.fetch('http://fn/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GQL_JSON, ...VIEWER },
      body: JSON.stringify([{ query: '{ me { userId } }' }, { query: '{ me { userId } }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('serves queries over GET and refuses mutations over GET with 405', async () => {
    const q = await gateway.fetch(`http://fn/graphql?query=${encodeURIComponent('{ me { userId } }')}`, {
      headers: { accept: GQL_JSON, ...VIEWER },
    });
    expect(q.status).toBe(200);
    expect(await q.json()).toEqual({ data: { me: { userId: 'alice' } } });
    const m = await gateway.fetch(
      `http://fn/graphql?query=${encodeURIComponent('mutation { touch(id: "t1") { id } }')}`,
      {
        headers: { accept: GQL_JSON, ...VIEWER },
      },
    );
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('POST');
    const viaPost = await post('mutation { touch(id: "t1") { id name } }');
    expect(viaPost.body).toEqual({ data: { touch: { id: 't1', name: 'touched' } } });
  });

  it('serves GraphiQL HTML on GET with Accept text/html', async () => {
    const res = await gateway.fetch('http://fn/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<title>OCI GraphQL API</title>');
  });

  it('lets GraphiQL introspect within the limits', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const { res, body } = await post(getIntrospectionQuery());
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).toContain('SafeInt');
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

describe('every error carries extensions.code', () => {
  it('variable coercion errors are BAD_USER_INPUT', async () => {
    for (const variables of [{ b: 'abc' }, {}]) {
      const { res, body } = await post('query($b: SafeInt!) { size(bytes: $b) }', { variables });
      expect(res.status).toBe(400);
      expect(body.errors?.[0]?.message).toMatch(/^Variable "\$b"/);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('an unsupported content type is 415 with a body naming what to send', async () => {
    const res = await gateway.fetch('http://fn/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: GQL_JSON, ...VIEWER, 'opc-request-id': 'req-415' },
      body: '{"query":"{ me { userId } }"}',
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('opc-request-id')).toBe('req-415');
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(body.errors[0]!.message).toContain('text/plain');
    expect(body.errors[0]!.message).toContain('application/json');
  });
});

describe('invoke retries', () => {
  it('marks delegated queries idempotent and mutations not (only queries are retried after a failure that may have run)', async () => {
    const inner = createInMemoryInvoker({
      handlers: {
        'ocid1.fnfunc.things': (body, c) => executeSubschemaRequest({ schema: thingsSchema, body, call: c }),
      },
      log: logger,
    });
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
  });

  it('sends the root fields of one query that go to one function in one invoke (aliases included)', async () => {
    const inner = createInMemoryInvoker({
      handlers: {
        'ocid1.fnfunc.things': (body, c) => executeSubschemaRequest({ schema: thingsSchema, body, call: c }),
      },
      log: logger,
    });
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
