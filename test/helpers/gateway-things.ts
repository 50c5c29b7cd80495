/**
 * The gateway's HTTP tests' fixture: a tiny domain subschema (`things`), served through the real invoke
 * protocol by an in-memory invoker, a gateway over it and an unconfigured `ghost` function, a logger that
 * keeps its lines, and a POST helper. Used by test/unit/gateway-http.test.ts and gateway-delegation.test.ts.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createGateway, type Gateway } from '../../functions/gateway/gateway.ts';
import { remoteExecutorsFromEnv } from '../../functions/gateway/executor.ts';
import type { FunctionInvoker } from '../../functions/gateway/invoker.ts';
import { createInMemoryInvoker } from './fakes/gateway-invoker.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { createLogger, type Logger } from '../../shared/log.ts';
import {
  executeSubschemaRequest,
  requireRole,
  scalarResolvers,
  type SubschemaContext,
} from '../../shared/graphql/index.ts';
import { subschemaTypeDefs } from '../../schema/index.ts';

export const thingsSdl = /* GraphQL */ `
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
export const ghostSdl = 'type Query { ghost: String }';

const things = [{ id: 't1', name: 'first' }];
export const thingsSchema = makeExecutableSchema({
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

/** A logger at debug level whose lines the test reads (`DBG=1` prints them too). */
export function capturedLog(): { logger: Logger; logLines: string[] } {
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    sink: (l) => {
      logLines.push(l);
      if (process.env.DBG) console.log(l);
    },
  });
  return { logger, logLines };
}

/** An in-memory invoker that serves the things subschema as `ocid1.fnfunc.things`. */
export function thingsInvoker(logger: Logger): FunctionInvoker {
  return createInMemoryInvoker({
    handlers: { 'ocid1.fnfunc.things': (body, call) => executeSubschemaRequest({ schema: thingsSchema, body, call }) },
    log: logger,
  });
}

/** A gateway over `things` (configured) and `ghost` (no FN_ID), invoking through `invoker`. */
export function thingsGateway(logger: Logger, invoker: FunctionInvoker = thingsInvoker(logger)): Gateway {
  return createGateway({
    sdl: { things: thingsSdl, ghost: ghostSdl },
    executors: remoteExecutorsFromEnv({
      functions: ['things', 'ghost'],
      invoker,
      env: { FN_ID_THINGS: 'ocid1.fnfunc.things' },
    }),
    logger,
  });
}

export const VIEWER = { 'x-user-id': 'alice', 'x-user-roles': 'viewer' };
export const GQL_JSON = 'application/graphql-response+json';

/** POST a GraphQL query to `gateway` (as the viewer alice unless `headers` says otherwise); the status and body. */
export async function post(
  gateway: Gateway,
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
