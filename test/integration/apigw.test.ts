/**
 * The API Gateway front against a real emulator: requests are invoked through the emulator's
 * Functions invoke endpoint (its real Functions provider), signed as the admin user. The backend is
 * a fake invoke target registered there, so each test controls the function's answer exactly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, importJWK, type JWK } from 'jose';
import { startEmulatorFixture, tempDir, uid, type EmulatorFixture } from '../helpers/emulator.ts';
import type { FunctionTarget, FunctionsProvider } from '#local/emulator/services/functions/provider.ts';
import {
  openDevIssuer,
  startApiGateway,
  DEV_AUDIENCE,
  DEV_ISSUER,
  type ApiGateway,
  type DevIssuer,
} from '#local/apigw/index.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import { createLogger } from '#shared/log.ts';

const FN_ID = 'ocid1.fnfunc.oc1.iad.aaaaaaaafakegatewayfunction';
interface Call {
  body: Buffer;
  header(name: string): string | undefined;
}
type Answer = {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  error?: { code: string; message: string };
};
const calls: Call[] = [];
let target: (call: Call) => Answer = () => ({ body: { ok: true } });

/** A fake invoke target registered with the emulator's real Functions provider: each test sets the function's answer. */
const fakeTarget: FunctionTarget = {
  async invoke({ body, headers }) {
    const call: Call = {
      body,
      header: (n) => {
        const v = headers[n.toLowerCase()];
        return Array.isArray(v) ? v.join(', ') : v;
      },
    };
    calls.push(call);
    const a = target(call);
    const raw =
      a.body === undefined
        ? Buffer.alloc(0)
        : Buffer.isBuffer(a.body)
          ? a.body
          : Buffer.from(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
    return {
      status: a.status ?? 200,
      headers: { 'content-type': 'application/json', ...a.headers },
      body: raw,
      ...(a.error ? { error: a.error } : {}),
    };
  },
};

let fx: EmulatorFixture;
let gw: ApiGateway;
let issuer: DevIssuer;
let issuerDir: string;

beforeAll(async () => {
  fx = await startEmulatorFixture();
  fx.emu.provider<FunctionsProvider>('functions')!.register(FN_ID, fakeTarget);
  issuerDir = tempDir('apigw');
  issuer = await openDevIssuer({ stateDir: issuerDir });
  gw = await startApiGateway({
    port: 0,
    functions: { gateway: FN_ID },
    jwks: issuer.jwks,
    jwt: { issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
    invoker: createInvokeClient({ endpoint: fx.emu.url, auth: fx.auth }),
    log: createLogger({ level: 'error' }),
  });
});
afterAll(async () => {
  await gw?.close();
  await fx?.stop();
  rmSync(issuerDir, { recursive: true, force: true });
});
beforeEach(() => {
  calls.length = 0;
  target = () => ({ body: { ok: true } });
});

const bearer = async (sub = uid('user'), roles: ('viewer' | 'operator' | 'admin')[] = ['viewer']) =>
  `Bearer ${await issuer.mintToken({ sub, roles })}`;

describe('request mapping (client → function)', () => {
  it('invokes the function signed, with Fn-Http-* headers, path+query URL and identity', async () => {
    const user = uid('alice');
    const res = await fetch(`${gw.url}/graphql?op=q&x=%20y`, {
      method: 'POST',
      headers: {
        authorization: await bearer(user, ['operator', 'viewer']),
        'content-type': 'application/json',
        'x-custom_thing': 'v1',
        'x-request-tag': uid('tag'),
      },
      body: JSON.stringify({ query: '{ me { userId } }' }),
    });
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(1);
    const c = calls[0]!;
    expect(c.header('oci-subject-id')).toBe(fx.emu.admin.userId);
    expect(c.header('fn-intent')).toBe('httprequest');
    expect(c.header('fn-invoke-type')).toBe('sync');
    expect(c.header('fn-http-method')).toBe('POST');
    expect(c.header('fn-http-request-url')).toBe('/graphql?op=q&x=%20y');
    expect(c.header('fn-http-h-x-custom-thing')).toBe('v1');
    expect(c.header('fn-http-h-content-type')).toBe('application/json');
    expect(c.header('fn-http-h-x-user-id')).toBe(user);
    expect(c.header('fn-http-h-x-user-roles')).toBe('operator,viewer');
    expect(c.header('fn-http-h-authorization')).toBeUndefined();
    expect(c.header('fn-http-h-connection')).toBeUndefined();
    expect(c.header('opc-request-id')).toMatch(/^[0-9A-F]{32}$/);
    expect(res.headers.get('opc-request-id')).toBe(c.header('opc-request-id'));
    expect(c.header('fn-http-h-host')).toBe(new URL(gw.url).host);
    expect(JSON.parse(c.body.toString())).toEqual({ query: '{ me { userId } }' });
  });

  it('deletes client-sent X-User-* headers and sets the token identity instead', async () => {
    const user = uid('viewer');
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: {
        authorization: await bearer(user, ['viewer']),
        'x-user-id': 'forged-admin',
        'x-user-roles': 'admin',
        'x-user-extra': 'x',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const c = calls[0]!;
    expect(c.header('fn-http-h-x-user-id')).toBe(user);
    expect(c.header('fn-http-h-x-user-roles')).toBe('viewer');
    expect(c.header('fn-http-h-x-user-extra')).toBeUndefined();
  });

  it('answers a browser page load without a token with GraphiQL itself: no function runs', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml', x_user_id: 'forged-admin' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toMatch(/graphiql/i);
    expect(page).toContain('OCI GraphQL API');
    expect(page).not.toContain('unpkg.com'); // assets inlined: works offline
    expect(page).not.toMatch(/<script[^>]*\ssrc=/);
    expect(calls).toHaveLength(0);
    // the same page load with a bad token is refused, not served
    expect(
      (await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html', authorization: 'Bearer junk' } })).status,
    ).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it('drops identity headers spelled with underscores (the Fn mapping canonicalises x_user_id to X-User-Id)', async () => {
    target = () => ({ headers: { 'content-type': 'application/json' }, body: '{}' });
    const user = uid('user');
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: {
        authorization: await bearer(user),
        'content-type': 'application/json',
        x_user_id: 'forged-admin',
        x_user_roles: 'admin',
        'x-user_extra': 'x',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const c = calls[0]!;
    expect(c.header('fn-http-h-x-user-id')).toBe(user);
    expect(c.header('fn-http-h-x-user-roles')).toBe('viewer');
    expect(c.header('fn-http-h-x-user-extra')).toBeUndefined();
  });
});

describe('identity edge cases and request ids', () => {
  it('a subject outside visible ASCII reaches the function percent-encoded, flagged, decodable once', async () => {
    for (const sub of [`alıce-${uid('u')}`, `用户@例え.jp-${uid('u')}`, `a%41b ${uid('u')}`, `ünï cødé|${uid('u')}`]) {
      calls.length = 0;
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { authorization: await bearer(sub), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, sub).toBe(200);
      const c = calls[0]!;
      expect(c.header('fn-http-h-x-user-id-encoding'), sub).toBe('percent');
      expect(c.header('fn-http-h-x-user-id')).toMatch(/^[\x21-\x7e]+$/);
      expect(decodeURIComponent(c.header('fn-http-h-x-user-id')!)).toBe(sub);
    }
  });

  it('a client cannot send the encoding flag: a plain subject arrives as is, without it', async () => {
    const user = uid('plain');
    await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(user), 'x-user-id-encoding': 'percent' },
      body: '{}',
    });
    expect(calls[0]!.header('fn-http-h-x-user-id')).toBe(user);
    expect(calls[0]!.header('fn-http-h-x-user-id-encoding')).toBeUndefined();
  });

  it('a subject with CR/LF or longer than 256 bytes is 401 naming the reason; no function runs', async () => {
    for (const [sub, reason] of [
      [`a\r\nX-User-Roles: admin-${uid('u')}`, 'control characters'],
      ['ı'.repeat(129), 'longer than 256 bytes'],
    ] as const) {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { authorization: await bearer(sub) },
        body: '{}',
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toContain(reason);
    }
    expect(calls).toHaveLength(0);
  });

  it("a client's opc-request-id is kept apart: the front's id is sent, logged and echoed", async () => {
    const mine = uid('client-req');
    target = () => ({ headers: { 'content-type': 'application/json', 'fn-http-h-opc-request-id': mine }, body: '{}' });
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'opc-request-id': mine },
      body: '{}',
    });
    const c = calls[0]!;
    expect(c.header('opc-request-id')).toMatch(/^[0-9A-F]{32}$/);
    expect(c.header('fn-http-h-opc-request-id')).toBe(mine);
    expect(res.headers.get('opc-request-id')).toBe(c.header('opc-request-id'));
  });
});

describe('response mapping (function → client)', () => {
  it('passes only Fn-Http-H-* (stripped), Content-Type and Fn-Call-Id; status from Fn-Http-Status', async () => {
    const callId = uid('call');
    target = () => ({
      headers: {
        'content-type': 'application/json',
        'fn-call-id': callId,
        'fn-http-status': '201',
        'fn-http-h-x-thing': 'abc',
        'fn-http-h-cache-control': 'no-store',
        'x-secret': 'internal',
        'fn-fdk-version': 'fdk-node/0.0.76',
      },
      body: { created: true },
    });
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer() },
      body: '{}',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ created: true });
    expect(res.headers.get('x-thing')).toBe('abc');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('fn-call-id')).toBe(callId);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-secret')).toBeNull();
    expect(res.headers.get('fn-fdk-version')).toBeNull();
    expect(res.headers.get('fn-http-status')).toBeNull();
  });

  it('answers 200 without (or with an unparsable) Fn-Http-Status', async () => {
    target = () => ({ headers: { 'fn-http-status': 'teapot' }, body: { a: 1 } });
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer() },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('uses the service status when it is >= 400, whatever Fn-Http-Status says', async () => {
    target = () => ({
      status: 502,
      headers: { 'fn-http-status': '200' },
      error: { code: 'FunctionInvokeExecutionFailed', message: 'function failed' },
    });
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer() },
      body: '{}',
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { code: string }).code).toBe('FunctionInvokeExecutionFailed');
  });
});

describe('authentication', () => {
  const post = (authorization?: string) =>
    fetch(`${gw.url}/graphql`, {
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
    expect(calls).toHaveLength(0);
  };
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const sign = (o: { key?: typeof otherKey; aud?: string; exp?: number; iss?: string }) =>
    new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: issuer.jwks.keys[0]!.kid! })
      .setSubject(uid('u'))
      .setIssuer(o.iss ?? DEV_ISSUER)
      .setAudience(o.aud ?? DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(o.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(o.key ?? otherKey);

  it('401 without a token (also for a GET that is not a browser page)', async () => {
    await expect401(await post(), /missing bearer token/);
    await expect401(await fetch(`${gw.url}/graphql?query=%7B__typename%7D`), /missing bearer token/);
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
  const file = JSON.parse(readFileSync(join(issuerDir, 'apigw', 'issuer-key.json'), 'utf8')) as {
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
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'application/json' },
      body: Buffer.alloc(6 * 1024 * 1024 + 1, 0x20),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/exceeds 6291456 bytes/);
    expect(calls).toHaveLength(0);
  });
  it('accepts a body of exactly 6 MB', async () => {
    target = (call) => ({ body: { size: call.body.length } });
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'text/plain' },
      body: Buffer.alloc(6 * 1024 * 1024, 0x61),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ size: 6 * 1024 * 1024 });
  });
  it('answers a CORS preflight itself and adds CORS headers to answers', async () => {
    const pre = await fetch(`${gw.url}/graphql`, {
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
    expect(calls).toHaveLength(0);
    const unauth = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000' },
      body: '{}',
    });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('access-control-allow-origin')).toBe('*');
  });
  it('serves /health and the JWKS without a token; 404 and 405 elsewhere', async () => {
    expect(await (await fetch(`${gw.url}/health`)).json()).toEqual({ status: 'ok' });
    const jwks = (await (await fetch(`${gw.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string; d?: string }[];
    };
    expect(jwks.keys[0]!.kid).toBe(issuer.jwks.keys[0]!.kid);
    expect(jwks.keys[0]!.d).toBeUndefined();
    expect((await fetch(`${gw.url}/nope`)).status).toBe(404);
    const put = await fetch(`${gw.url}/graphql`, {
      method: 'PUT',
      headers: { authorization: await bearer() },
      body: '{}',
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
    expect(calls).toHaveLength(0);
  });
  it('502 when the invoke endpoint does not answer', async () => {
    const dead = await startApiGateway({
      port: 0,
      functions: { gateway: FN_ID },
      jwt: { issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
      invoker: createInvokeClient({ endpoint: 'http://127.0.0.1:1', auth: fx.auth }),
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
