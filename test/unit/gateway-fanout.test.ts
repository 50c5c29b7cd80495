/**
 * OCI fan-out pricing at the gateway: prices per root field, identical lookups priced and made
 * once, the per-request bound and the per-user budget over a sliding minute.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { domainSdl, subschemaTypeDefs } from '../../schema/index.ts';
import { priceOperation, UserBudget } from '../../functions/gateway/fanout.ts';
import { createGateway, type Gateway } from '../../functions/gateway/gateway.ts';
import { remoteExecutorsFromEnv } from '../../functions/gateway/executor.ts';
import type { FunctionInvoker } from '../../functions/gateway/invoker.ts';
import { createInMemoryInvoker } from '../helpers/fakes/gateway-invoker.ts';
import { executeSubschemaRequest, scalarResolvers } from '../../shared/graphql/index.ts';
import { createLogger } from '../../shared/log.ts';

const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaafanouttenancy';
const compartment = (i: number) => `ocid1.compartment.oc1..aaaaaaaafanout${String(i).padStart(4, '0')}`;
const emptySet = {
  compartments: [],
  instances: [],
  databases: [],
  clusters: [],
  apiGateways: [],
  loadBalancers: [],
  all: [],
  healthSummary: [],
};
const resourcesSchema = makeExecutableSchema({
  typeDefs: subschemaTypeDefs(domainSdl.resources!),
  resolvers: [scalarResolvers, { Query: { resources: () => emptySet } }],
});
const silent = createLogger({ sink: () => {} });

function setup(fanout: { maxRequestPrice?: number; userBudgetPerMinute?: number } = {}) {
  let t = 1_000_000;
  const inner = createInMemoryInvoker({
    handlers: {
      'ocid1.fnfunc.resources': (body, call) => executeSubschemaRequest({ schema: resourcesSchema, body, call }),
    },
    log: silent,
  });
  const invokes: string[] = [];
  const invoker: FunctionInvoker = {
    invoke: (id, body, o) => {
      invokes.push(body);
      return inner.invoke(id, body, o);
    },
  };
  const gateway: Gateway = createGateway({
    executors: remoteExecutorsFromEnv({
      functions: ['resources'],
      invoker,
      env: { FN_ID_RESOURCES: 'ocid1.fnfunc.resources' },
    }),
    logger: silent,
    fanout: { ...fanout, now: () => t },
  });
  const post = async (query: string, user = 'alice') => {
    const res = await gateway.fetch('http://fn/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'x-user-id': user,
        'x-user-roles': 'viewer',
      },
      body: JSON.stringify({ query }),
    });
    return {
      res,
      body: (await res.json()) as {
        data?: Record<string, unknown>;
        errors?: { message: string; extensions: Record<string, unknown> }[];
      },
    };
  };
  return {
    post,
    invokes,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const aliases = (n: number, root: (i: number) => string, fresh = true) => {
  const alias = (i: number) =>
    `a${i}: resources(compartmentId: "${root(i)}", includeSubtree: true, fresh: ${fresh}) ` +
    '{ healthSummary { status count } }';
  return `{ ${Array.from({ length: n }, (_, i) => alias(i)).join(' ')} }`;
};

describe('fan-out prices', () => {
  it('prices subtree scans, fresh, health and metrics; identical lookups count once', () => {
    const schema = resourcesSchema;
    const price = (q: string, vars = {}) => priceOperation(schema, parse(q), undefined, vars).total;
    expect(price(`{ resources(compartmentId: "${TENANCY}") { nodes { id } } }`)).toBe(10);
    expect(price(`{ resources(compartmentId: "${TENANCY}", includeSubtree: true) { nodes { id } } }`)).toBe(100);
    // a later page reads what the first page cached; fresh still pays in full
    expect(price(`{ resources(compartmentId: "${TENANCY}", includeSubtree: true, after: "x") { nodes { id } } }`)).toBe(
      1,
    );
    expect(
      price(
        `{ resources(compartmentId: "${TENANCY}", includeSubtree: true, after: "x", fresh: true) { nodes { id } } }`,
      ),
    ).toBe(200);
    expect(price(`{ resources(compartmentId: "${TENANCY}", includeSubtree: true) { healthSummary { count } } }`)).toBe(
      120,
    );
    expect(price(aliases(1, () => TENANCY))).toBe(240);
    expect(price(aliases(15, () => TENANCY))).toBe(240);
    expect(price(aliases(3, compartment))).toBe(720);
    expect(price('query($f: Boolean) { compartments(fresh: $f) { id } }', { f: true })).toBe(10);
    expect(
      price(
        `{ metrics(resourceIds: ` +
          `${JSON.stringify(Array.from({ length: 60 }, (_, i) => `ocid1.instance.oc1..x${i}`))}, names: [CPU, ` +
          `MEMORY]) { name } }`,
      ),
    ).toBe(2 * 2 * 2 + 8);
    expect(price('{ __typename }')).toBe(0);
  });
});

describe('the gateway bounds fan-out', () => {
  it('the 15-alias fresh subtree request of the issue is made once: one invoke, priced as one scan', async () => {
    const { post, invokes } = setup();
    const { res, body } = await post(aliases(15, () => TENANCY));
    expect(res.status).toBe(200);
    expect(Object.keys(body.data ?? {})).toHaveLength(15);
    expect(invokes).toHaveLength(1);
  });

  it('15 different fresh subtree scans in one request are refused before anything runs', async () => {
    const { post, invokes } = setup();
    const { res, body } = await post(aliases(15, compartment));
    expect(res.status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      price: 3600,
      maxPrice: 300,
    });
    expect(body.errors?.[0]?.message).toContain('at most 300');
    expect(invokes).toHaveLength(0);
  });

  it(
    'a user past the budget of the minute gets RATE_LIMITED with a retry time; others and cheap requests are not ' +
      'affected',
    async () => {
      const { post, invokes, advance } = setup({ userBudgetPerMinute: 500 });
      const scan = aliases(1, () => TENANCY);
      expect((await post(scan)).res.status).toBe(200);
      advance(10_000);
      expect((await post(scan)).res.status).toBe(200);
      const refused = await post(scan);
      expect(refused.res.status).toBe(429);
      expect(refused.res.headers.get('retry-after')).toBe('50');
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: 50,
        price: 240,
        budgetPerMinute: 500,
      });
      expect(invokes).toHaveLength(2);
      expect((await post(scan, 'bob')).res.status).toBe(200);
      expect((await post(`{ resources(compartmentId: "${TENANCY}") { nodes { id } } }`)).res.status).toBe(200);
      advance(50_000);
      expect((await post(scan)).res.status).toBe(200);
    },
  );
});

describe('UserBudget', () => {
  it('answers the earliest time the window has room', () => {
    let t = 0;
    const b = new UserBudget(100, () => t);
    expect(b.spend('u', 60)).toMatchObject({ ok: true, left: 40 });
    t = 20_000;
    expect(b.spend('u', 30)).toMatchObject({ ok: true, left: 10 });
    expect(b.spend('u', 50)).toEqual({ ok: false, retryAfterSeconds: 40, used: 90 });
    expect(b.spend('u', 200)).toMatchObject({ ok: false });
  });
});
