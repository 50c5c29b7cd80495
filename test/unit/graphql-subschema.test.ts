import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { FnCall } from '../../shared/fn/index.ts';
import { BadUserInputError } from '../../shared/errors.ts';
import { createLogger } from '../../shared/log.ts';
import {
  executeSubschemaRequest,
  requireRole,
  scalarResolvers,
  type SubschemaContext,
} from '../../shared/graphql/index.ts';
import { subschemaTypeDefs } from '../../schema/index.ts';

function fakeCall(lines: string[], overrides: Partial<FnCall> = {}): FnCall {
  const deadline = new Date(Date.now() + 30_000);
  return {
    callId: 'call-sub-1',
    deadline,
    remainingMs: () => Math.max(0, deadline.getTime() - Date.now()),
    env: {},
    log: createLogger({ level: 'debug', sink: (l) => lines.push(l) }).child({ callId: 'call-sub-1' }),
    ...overrides,
  };
}

const schema = makeExecutableSchema({
  typeDefs: subschemaTypeDefs(`
    type Query {
      whoami: String! requestId: String! ops: Int! boom: Int coded: Int bytes(n: SafeInt!): SafeInt! tenant: String!
    }
  `),
  resolvers: [
    scalarResolvers,
    {
      Query: {
        whoami: (_: unknown, __: unknown, ctx: SubschemaContext) =>
          `${ctx.caller.userId}:${ctx.caller.roles.join('+')}`,
        requestId: (_: unknown, __: unknown, ctx: SubschemaContext) => ctx.requestId,
        ops: (_: unknown, __: unknown, ctx: SubschemaContext) => (requireRole(ctx.caller, 'operator'), 1),
        boom: () => Promise.reject(new TypeError('secret internals at /srv/x')),
        coded: () => {
          throw new GraphQLError('rate limited, slow down', { extensions: { code: 'RATE_LIMITED' } });
        },
        bytes: (_: unknown, { n }: { n: number }) => n,
        tenant: (_: unknown, __: unknown, ctx: SubschemaContext & { tenant: string }) => ctx.tenant,
      },
    },
  ],
});

const caller = { userId: 'u1', roles: ['viewer'] };
const body = (query: string, extra: Record<string, unknown> = {}) => ({
  graphql: { query },
  caller,
  requestId: 'req-sub-1',
  ...extra,
});

describe('executeSubschemaRequest body validation', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a non-object body', 42, /expected a JSON object/],
    ['a string that is not JSON', '{nope', /not JSON/],
    ['a missing query', { graphql: {}, caller }, /graphql\.query/],
    ['non-object variables', { graphql: { query: '{ whoami }', variables: [1] }, caller }, /variables/],
    ['a missing caller', { graphql: { query: '{ whoami }' } }, /"caller" is missing/],
    ['an empty userId', { graphql: { query: '{ whoami }' }, caller: { userId: ' ', roles: [] } }, /userId/],
    [
      'an unknown role',
      { graphql: { query: '{ whoami }' }, caller: { userId: 'u', roles: ['viewer', 'root'] } },
      /roles\[1\]" "root" is not a known role/,
    ],
  ];
  for (const [name, raw, message] of cases) {
    it(`answers BAD_USER_INPUT to ${name}`, async () => {
      const result = await executeSubschemaRequest({ schema, body: raw, call: fakeCall([]) });
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    });
  }

  it('accepts a JSON string body and passes caller and request id to resolvers', async () => {
    const result = await executeSubschemaRequest({
      schema,
      body: JSON.stringify(body('{ whoami requestId }')),
      call: fakeCall([]),
    });
    expect(result).toEqual({ data: { whoami: 'u1:viewer', requestId: 'req-sub-1' } });
  });

  it('falls back to the call id as request id', async () => {
    const result = await executeSubschemaRequest({
      schema,
      body: { graphql: { query: '{ requestId }' }, caller },
      call: fakeCall([]),
    });
    expect(result).toEqual({ data: { requestId: 'call-sub-1' } });
  });
});

describe('executeSubschemaRequest errors', () => {
  it('formats ForbiddenError with code and status', async () => {
    const result = await executeSubschemaRequest({ schema, body: body('{ ops }'), call: fakeCall([]) });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      path: ['ops'],
      extensions: { code: 'FORBIDDEN', http: { status: 403 }, requiredRole: 'operator' },
    });
  });

  it('masks unexpected errors and logs them with the call id', async () => {
    const lines: string[] = [];
    const result = await executeSubschemaRequest({ schema, body: body('{ boom whoami }'), call: fakeCall(lines) });
    expect(result.data).toEqual({ boom: null, whoami: 'u1:viewer' });
    expect(result.errors?.[0]).toEqual({
      message: 'Unexpected error.',
      locations: [{ line: 1, column: 3 }],
      path: ['boom'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } },
    });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'unexpected error');
    expect(logged).toMatchObject({ level: 'error', callId: 'call-sub-1', requestId: 'req-sub-1', path: 'boom' });
    expect(JSON.stringify(logged)).toContain('secret internals');
  });

  it('keeps a GraphQLError with an explicit code, adding its status', async () => {
    const result = await executeSubschemaRequest({ schema, body: body('{ coded }'), call: fakeCall([]) });
    expect(result.errors?.[0]).toMatchObject({
      message: 'rate limited, slow down',
      extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
    });
  });

  it('answers parse and validation failures with their codes', async () => {
    const parse = await executeSubschemaRequest({ schema, body: body('{ whoami '), call: fakeCall([]) });
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await executeSubschemaRequest({ schema, body: body('{ nope }'), call: fakeCall([]) });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a bad SafeInt variable with BAD_USER_INPUT and the coercion message', async () => {
    const query = 'query($n: SafeInt!) { bytes(n: $n) }';
    const ok = await executeSubschemaRequest({
      schema,
      body: body(query, { graphql: { query, variables: { n: 2 ** 40 } } }),
      call: fakeCall([]),
    });
    expect(ok).toEqual({ data: { bytes: 2 ** 40 } });
    const bad = await executeSubschemaRequest({
      schema,
      body: body(query, { graphql: { query, variables: { n: 2 ** 53 } } }),
      call: fakeCall([]),
    });
    expect(bad.data).toBeUndefined();
    expect(bad.errors?.[0]?.message).toMatch(/Variable "\$n" got invalid value .*SafeInt must be an integer/);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('extends the context with createContext, and reports its AppErrors', async () => {
    const ok = await executeSubschemaRequest({
      schema,
      body: body('{ tenant }'),
      call: fakeCall([]),
      createContext: (base) => ({ ...base, tenant: `t-${base.caller.userId}` }),
    });
    expect(ok).toEqual({ data: { tenant: 't-u1' } });
    const failed = await executeSubschemaRequest({
      schema,
      body: body('{ tenant }'),
      call: fakeCall([]),
      createContext: () => {
        throw new BadUserInputError('no tenant for this caller');
      },
    });
    expect(failed).toEqual({
      errors: [{ message: 'no tenant for this caller', extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }],
    });
  });
});
