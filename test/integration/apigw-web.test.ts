/**
 * What the local front answers itself for browsers: the web app's files (compressed), its sign-in
 * settings, the dev sign-in, and the GraphiQL page that opens signed in. No function is invoked.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { jwtVerify, createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDevIssuer, startApiGateway, type ApiGateway, type DevIssuer } from '#local/apigw/index.ts';
import type { InvokeClient } from '#local/invoke/index.ts';
import { negotiateEncoding } from '#local/apigw/static.ts';
import { createLogger } from '#shared/log.ts';
import { tempDir, uid } from '../helpers/emulator.ts';

const invoked: unknown[] = [];
const invoker: InvokeClient = {
  invoke: async (r) => {
    invoked.push(r);
    return {
      status: 200,
      headers: new Headers({ 'content-type': 'application/json' }),
      body: Buffer.from('{"data":{}}'),
    };
  },
};

let gw: ApiGateway;
let issuer: DevIssuer;
let dir: string;
const APP_JS = `console.log(${JSON.stringify('x'.repeat(5000))});`;

beforeAll(async () => {
  dir = tempDir('apigw-web');
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'web', 'index.html'),
    '<!doctype html><title>app</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dir, 'web', 'assets', 'app.js'), APP_JS);
  writeFileSync(join(dir, 'secret.txt'), 'not served');
  issuer = await openDevIssuer({ stateDir: dir });
  gw = await startApiGateway({
    port: 0,
    functions: { gateway: 'ocid1.fnfunc.oc1..gw' },
    invoker,
    jwks: issuer.jwks,
    jwt: { issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
    web: { dir: join(dir, 'web'), config: { auth: 'dev', graphqlUrl: '/graphql' } },
    devIssuer: issuer,
    log: createLogger({ level: 'error' }),
  });
});
afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide content-encoding). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${gw.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app through the front', () => {
  it('serves / and its assets compressed as the client accepts, nothing outside the folder', async () => {
    const page = await rawGet('/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.body).toString()).toContain('/assets/app.js');
    const js = await rawGet('/assets/app.js', { 'accept-encoding': 'gzip' });
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect(gunzipSync(js.body).toString()).toBe(APP_JS);
    expect(js.body.length).toBeLessThan(APP_JS.length / 10);
    const plain = await rawGet('/assets/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
    for (const bad of ['/assets/../../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/missing.js', '/assets/']) {
      expect((await rawGet(bad)).status, bad).toBe(404);
    }
    expect(invoked).toHaveLength(0);
  });

  it('negotiates encodings by q values', () => {
    expect(negotiateEncoding('gzip;q=1, br;q=0')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding(undefined)).toBe('identity');
  });

  it('tells the app how to sign in', async () => {
    const res = await fetch(`${gw.url}/config.json`);
    expect(await res.json()).toEqual({ auth: 'dev', graphqlUrl: '/graphql' });
  });

  it('mints a dev token for the chosen user and role, and refuses bad input', async () => {
    const sub = uid('dev');
    const res = await fetch(`${gw.url}/dev/token`, {
      method: 'POST',
      body: JSON.stringify({ sub, roles: ['OPERATOR'] }),
    });
    expect(res.status).toBe(200);
    const { token, roles } = (await res.json()) as { token: string; roles: string[] };
    expect(roles).toEqual(['operator']);
    const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks), {
      issuer: issuer.issuer,
      audience: issuer.audience,
    });
    expect(payload).toMatchObject({ sub, roles: ['operator'] });
    for (const body of [
      'not json',
      JSON.stringify({ sub, roles: ['root'] }),
      JSON.stringify({ sub: '', roles: ['viewer'] }),
      JSON.stringify({ sub }),
    ]) {
      const bad = await fetch(`${gw.url}/dev/token`, { method: 'POST', body });
      expect(bad.status, body).toBe(400);
      expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        'BAD_REQUEST',
      );
    }
  });
});

describe('GraphiQL that greets', () => {
  it('opens signed in with a dev token, compressed, with the assets inlined', async () => {
    const res = await rawGet('/graphql', { accept: 'text/html', 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const html = brotliDecompressSync(res.body).toString();
    expect(res.body.length).toBeLessThan(html.length / 3);
    expect(html).not.toContain('unpkg.com');
    const token = /Bearer ([A-Za-z0-9_.-]+)/.exec(html)?.[1];
    expect(token).toBeDefined();
    const { payload } = await jwtVerify(token!, createLocalJWKSet(issuer.jwks), {
      issuer: issuer.issuer,
      audience: issuer.audience,
    });
    expect(payload).toMatchObject({ sub: 'dev-user', roles: ['admin'] });
    expect(invoked).toHaveLength(0);
  });
});
