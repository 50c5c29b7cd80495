/**
 * The gateway function behind the local API Gateway front, held to the GraphQL over HTTP
 * specification: request errors get 4xx with `application/graphql-response+json`, bombs are
 * refused before any resolver runs, mutations are not allowed over GET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';
import { uid } from '../helpers/emulator.ts';

const GQL = 'application/graphql-response+json';
let fx: StackFixture;
let token: string;

beforeAll(async () => {
  fx = await startStackFixture({ require: ['gateway'], seed: false });
  token = await fx.token({ sub: uid('http-user'), roles: ['viewer'] });
});
afterAll(async () => {
  await fx?.stop();
});

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(fx.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GQL, authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await res.text();
  return {
    res,
    text,
    json: (() => {
      try {
        return JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      } catch {
        return undefined;
      }
    })(),
  };
}

describe('GraphQL over HTTP through the API gateway front', () => {
  it('answers a syntax error with 400 and a GraphQL error body', async () => {
    const { res, json } = await post(JSON.stringify({ query: '{ me { userId ' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(GQL);
    expect(json?.data).toBeUndefined();
    expect(json?.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('answers a validation error (unknown field) with 400 and names the field', async () => {
    const { res, json } = await post(JSON.stringify({ query: '{ me { password } }' }));
    expect(res.status).toBe(400);
    expect(json?.errors?.[0]?.message).toMatch(/password/);
  });

  it('answers a body that is not JSON, or has no query, with 400', async () => {
    expect((await post('{"query": ')).res.status).toBe(400);
    expect((await post(JSON.stringify({ variables: {} }))).res.status).toBe(400);
  });

  it('refuses a depth bomb and an alias bomb before executing anything', async () => {
    const deep = `{ me ${'{ userId '.repeat(25)}${'}'.repeat(25)} }`;
    const d = await post(JSON.stringify({ query: deep }));
    expect(d.res.status).toBe(400);
    expect(d.json?.errors?.some((e) => /depth/i.test(e.message))).toBe(true);
    const aliases = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: me { userId }`).join(' ')} }`;
    const a = await post(JSON.stringify({ query: aliases }));
    expect(a.res.status).toBe(400);
    expect(a.json?.errors?.some((e) => /alias/i.test(e.message))).toBe(true);
  });

  it('runs queries over GET but refuses a mutation over GET with 405', async () => {
    const q = await fetch(`${fx.graphqlUrl}?query=${encodeURIComponent('{ me { userId } }')}`, {
      headers: { accept: GQL, authorization: `Bearer ${token}` },
    });
    expect(q.status).toBe(200);
    const m = await fetch(`${fx.graphqlUrl}?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: { accept: GQL, authorization: `Bearer ${token}` },
    });
    expect(m.status).toBe(405);
  });

  it('a subject outside Latin-1 (alıce) reaches the gateway intact; CR/LF in a subject is 401, never 500', async () => {
    const sub = `alıce-用户-${uid('u')}`;
    const { res, json } = await post(JSON.stringify({ query: '{ me { userId } }' }), {
      authorization: `Bearer ${await fx.token({ sub, roles: ['viewer'] })}`,
    });
    expect(res.status).toBe(200);
    expect(json?.data).toEqual({ me: { userId: sub } });
    const crlf = await post(JSON.stringify({ query: '{ me { userId } }' }), {
      authorization: `Bearer ${await fx.token({ sub: `a\r\nb-${uid('u')}`, roles: ['viewer'] })}`,
    });
    expect(crlf.res.status).toBe(401);
    expect(crlf.text).toContain('control characters');
  });

  it(
    'text/plain gets 415 with a GraphQL error body; a client ' + 'opc-request-id does not replace the front id',
    async () => {
      const mine = uid('client-req');
      const { res, json } = await post(JSON.stringify({ query: '{ me { userId } }' }), {
        'content-type': 'text/plain',
        'opc-request-id': mine,
      });
      expect(res.status).toBe(415);
      expect(json?.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.headers.get('opc-request-id')).toMatch(/^[0-9A-F]{32}$/);
    },
  );

  it('ignores a forged X-User-Id: identity comes only from the token', async () => {
    const { json } = await post(JSON.stringify({ query: '{ me { userId roles } }' }), {
      'x-user-id': 'mallory',
      'x-user-roles': 'admin',
    });
    expect(json?.data).toEqual({ me: { userId: expect.stringMatching(/^http-user-/), roles: ['VIEWER'] } });
  });
});
