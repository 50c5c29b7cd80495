/**
 * The gateway over HTTP, in-process through `gateway.fetch`: identity headers and request ids, GraphQL over
 * HTTP (status codes, limits, GET, GraphiQL) and the error codes every answer carries. Delegation to the
 * domain functions is in gateway-delegation.test.ts; the fixture in test/helpers/gateway-things.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../functions/gateway/gateway.ts';
import type { FnCall } from '../../shared/fn/index.ts';
import { capturedLog, GQL_JSON, post as postTo, thingsGateway, VIEWER } from '../helpers/gateway-things.ts';

const { logger, logLines } = capturedLog();
let gateway: Gateway;
beforeAll(() => {
  gateway = thingsGateway(logger);
});
const post = (query: string, opts?: Parameters<typeof postTo>[2]) => postTo(gateway, query, opts);

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
