import { describe, expect, it } from 'vitest';
import { createGateway, isLocalOnly } from '../../functions/gateway/gateway.ts';
import { remoteExecutorsFromEnv } from '../../functions/gateway/executor.ts';
import { createInMemoryInvoker } from '../helpers/fakes/gateway-invoker.ts';
import { createLogger } from '../../shared/log.ts';

const logger = createLogger({ level: 'error', sink: () => {} });
const VIEWER = { 'x-user-id': 'carol', 'x-user-roles': 'viewer' };

/**
 * A gateway whose stitched schema cannot be built (a domain SDL names an unknown type): only operations that never
 * build it can succeed.
 */
function gatewayWithBrokenStitching() {
  const invoker = createInMemoryInvoker({ handlers: {}, log: logger });
  return createGateway({
    sdl: { broken: 'type Query { broken: NoSuchType }' },
    executors: remoteExecutorsFromEnv({ functions: ['broken'], invoker, env: {} }),
    logger,
  });
}

async function post(gateway: ReturnType<typeof createGateway>, query: string, variables?: unknown) {
  const res = await gateway.fetch('http://fn/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...VIEWER },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

describe('gateway operations on its own fields skip the stitched schema', () => {
  it('answers me and __typename without building the stitched schema', async () => {
    const gateway = gatewayWithBrokenStitching();
    expect(await post(gateway, '{ me { userId roles } }')).toEqual({
      status: 200,
      body: { data: { me: { userId: 'carol', roles: ['VIEWER'] } } },
    });
    expect(await post(gateway, 'query Who { __typename me { __typename userId } }')).toEqual({
      status: 200,
      body: { data: { __typename: 'Query', me: { __typename: 'Me', userId: 'carol' } } },
    });
  });

  it('sends every other operation to the stitched schema (here: it fails to build, so they fail)', async () => {
    const gateway = gatewayWithBrokenStitching();
    for (const query of [
      '{ broken }',
      '{ me { userId } broken }',
      'query($x: Boolean!) { me @include(if: $x) { userId } }',
      '{ __schema { queryType { name } } }',
      '{ ...F } fragment F on Query { me { userId } }',
    ]) {
      const r = await post(gateway, query, { x: true });
      expect(r.body.data ?? null, query).toBeNull();
      expect(r.body.errors?.length, query).toBeGreaterThan(0);
    }
  });

  it('keeps the operation limits and validation on the local path', async () => {
    const gateway = gatewayWithBrokenStitching();
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: userId`).join(' ');
    const tooMany = await post(gateway, `{ me { ${aliases} } }`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknown = await post(gateway, '{ me { nope } }');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toContain('Cannot query field "nope" on type "Me"');
  });
});

describe('isLocalOnly', () => {
  it('accepts only a lone variable-free query of plain me/__typename root fields', () => {
    expect(isLocalOnly('{ me { userId } }')).toBe(true);
    expect(isLocalOnly('query Q { __typename me { roles } }')).toBe(true);
    expect(isLocalOnly('{ quota { tier } }')).toBe(false);
    expect(isLocalOnly('{ me { userId } quota { tier } }')).toBe(false);
    expect(isLocalOnly('mutation { me { userId } }')).toBe(false);
    expect(isLocalOnly('query($a: Int) { me { userId } }')).toBe(false);
    expect(isLocalOnly('query @skip(if: true) { me { userId } }')).toBe(false);
    expect(isLocalOnly('{ ... on Query { me { userId } } }')).toBe(false);
    expect(isLocalOnly('{ me { userId } } query Other { me { roles } }')).toBe(false);
    expect(isLocalOnly('{ me { userId }')).toBe(false);
    expect(isLocalOnly(undefined)).toBe(false);
  });
});
