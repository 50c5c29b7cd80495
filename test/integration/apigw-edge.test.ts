/**
 * The API Gateway front's authentication (401s), body limits, CORS, the builtin routes and a dead invoke
 * endpoint, against a real emulator with a fake function (test/helpers/apigw-front.ts).
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, importJWK, type JWK } from 'jose';
import { uid } from '../helpers/emulator.ts';
import { FN_ID, useFront } from '../helpers/apigw-front.ts';
import { startApiGateway, DEV_AUDIENCE, DEV_ISSUER } from '#local/apigw/index.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import { createLogger } from '#shared/log.ts';

const front = useFront();
const bearer = front.bearer;

describe('authentication', () => {
  const post = (authorization?: string) =>
    fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: '{"query":"{__typename}"}',
    });
  const expect401 = async (res: Response, text: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await res.json()) as { message: string; errors: { message: string; extensions: { code: string } }[] };
    expect(body.message).toMatch(text);
    // GraphQL-shaped, so GraphQL clients (GraphiQL included) show the reason and the code
    expect(body.errors).toEqual([
      { message: body.message, extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
    ]);
    expect(front.calls).toHaveLength(0);
  };
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const sign = (o: { key?: typeof otherKey; aud?: string; exp?: number; iss?: string }) =>
    new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: front.issuer.jwks.keys[0]!.kid! })
      .setSubject(uid('u'))
      .setIssuer(o.iss ?? DEV_ISSUER)
      .setAudience(o.aud ?? DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(o.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(o.key ?? otherKey);

  it('401 without a token (also for a GET that is not a browser page)', async () => {
    await expect401(await post(), /missing bearer token/);
    await expect401(await fetch(`${front.gw.url}/graphql?query=%7B__typename%7D`), /missing bearer token/);
  });
  it('401 for a non-bearer Authorization header', async () => {
    await expect401(await post('Basic dXNlcjpwYXNz'), /not a bearer token/);
  });
  it('401 for a token signed by another key', async () => {
    await expect401(await post(`Bearer ${await sign({})}`), /signature/);
  });
  it('401 for a wrong audience and a wrong issuer (signed with the real key)', async () => {
    await expect401(await post(`Bearer ${await signWithIssuerKey({ aud: 'someone-else' })}`), /audience/);
    await expect401(await post(`Bearer ${await signWithIssuerKey({ iss: 'https://evil.example/' })}`), /issuer/);
  });
  it('401 for an expired token (beyond the clock skew)', async () => {
    await expect401(
      await post(`Bearer ${await signWithIssuerKey({ exp: Math.floor(Date.now() / 1000) - 3600 })}`),
      /expired/,
    );
  });
  it('401 for garbage', async () => {
    await expect401(await post('Bearer not.a.jwt'), /not a valid JWT/);
  });
});

/** A token signed with the dev issuer's own key (read from its state dir) but with chosen claims. */
async function signWithIssuerKey(o: { aud?: string; iss?: string; exp?: number }): Promise<string> {
  const file = JSON.parse(readFileSync(join(front.issuerDir, 'apigw', 'issuer-key.json'), 'utf8')) as {
    kid: string;
    privateJwk: JWK;
  };
  const key = await importJWK(file.privateJwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['admin'] })
    .setProtectedHeader({ alg: 'RS256', kid: file.kid })
    .setSubject(uid('u'))
    .setIssuer(o.iss ?? DEV_ISSUER)
    .setAudience(o.aud ?? DEV_AUDIENCE)
    .setIssuedAt(now - 7200)
    .setExpirationTime(o.exp ?? now + 600)
    .sign(key);
}

describe('limits, CORS and builtin routes', () => {
  it('413 for a body over 6 MB, before any function runs', async () => {
    const res = await fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'application/json' },
      body: Buffer.alloc(6 * 1024 * 1024 + 1, 0x20),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/exceeds 6291456 bytes/);
    expect(front.calls).toHaveLength(0);
  });
  it('accepts a body of exactly 6 MB', async () => {
    front.answer = (call) => ({ body: { size: call.body.length } });
    const res = await fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'text/plain' },
      body: Buffer.alloc(6 * 1024 * 1024, 0x61),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ size: 6 * 1024 * 1024 });
  });
  it('answers a CORS preflight itself and adds CORS headers to answers', async () => {
    const pre = await fetch(`${front.gw.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(front.calls).toHaveLength(0);
    const unauth = await fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000' },
      body: '{}',
    });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('access-control-allow-origin')).toBe('*');
  });
  it('serves /health and the JWKS without a token; 404 and 405 elsewhere', async () => {
    expect(await (await fetch(`${front.gw.url}/health`)).json()).toEqual({ status: 'ok' });
    const jwks = (await (await fetch(`${front.gw.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string; d?: string }[];
    };
    expect(jwks.keys[0]!.kid).toBe(front.issuer.jwks.keys[0]!.kid);
    expect(jwks.keys[0]!.d).toBeUndefined();
    expect((await fetch(`${front.gw.url}/nope`)).status).toBe(404);
    const put = await fetch(`${front.gw.url}/graphql`, {
      method: 'PUT',
      headers: { authorization: await bearer() },
      body: '{}',
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
    expect(front.calls).toHaveLength(0);
  });
  it('502 when the invoke endpoint does not answer', async () => {
    const dead = await startApiGateway({
      port: 0,
      functions: { gateway: FN_ID },
      jwt: { issuer: front.issuer.issuer, audience: front.issuer.audience, jwks: front.issuer.jwks },
      invoker: createInvokeClient({ endpoint: 'http://127.0.0.1:1', auth: front.fx.auth }),
      log: createLogger({ level: 'error' }),
    });
    try {
      const res = await fetch(`${dead.url}/graphql`, {
        method: 'POST',
        headers: { authorization: await bearer() },
        body: '{}',
      });
      expect(res.status).toBe(502);
    } finally {
      await dead.close();
    }
  });
});
