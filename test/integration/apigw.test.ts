/**
 * Request and response mapping between client and function, identity edge cases and request ids.
 * Authentication, limits, CORS and the builtin routes are in apigw-edge.test.ts; the front in
 * test/helpers/apigw-front.ts.
 */
import { describe, expect, it } from 'vitest';
import { uid } from '../helpers/emulator.ts';
import { useFront } from '../helpers/apigw-front.ts';

const front = useFront();
const bearer = front.bearer;

describe('request mapping (client → function)', () => {
  it('invokes the function signed, with Fn-Http-* headers, path+query URL and identity', async () => {
    const user = uid('alice');
    const res = await fetch(`${front.gw.url}/graphql?op=q&x=%20y`, {
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
    expect(front.calls).toHaveLength(1);
    const c = front.calls[0]!;
    expect(c.header('oci-subject-id')).toBe(front.fx.emu.admin.userId);
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
    expect(c.header('fn-http-h-host')).toBe(new URL(front.gw.url).host);
    expect(JSON.parse(c.body.toString())).toEqual({ query: '{ me { userId } }' });
  });

  it('deletes client-sent X-User-* headers and sets the token identity instead', async () => {
    const user = uid('viewer');
    const res = await fetch(`${front.gw.url}/graphql`, {
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
    const c = front.calls[0]!;
    expect(c.header('fn-http-h-x-user-id')).toBe(user);
    expect(c.header('fn-http-h-x-user-roles')).toBe('viewer');
    expect(c.header('fn-http-h-x-user-extra')).toBeUndefined();
  });

  it('answers a browser page load without a token with GraphiQL itself: no function runs', async () => {
    const res = await fetch(`${front.gw.url}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml', x_user_id: 'forged-admin' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toMatch(/graphiql/i);
    expect(page).toContain('OCI GraphQL API');
    expect(page).not.toContain('unpkg.com'); // assets inlined: works offline
    expect(page).not.toMatch(/<script[^>]*\ssrc=/);
    expect(front.calls).toHaveLength(0);
    // the same page load with a bad token is refused, not served
    expect(
      (await fetch(`${front.gw.url}/graphql`, { headers: { accept: 'text/html', authorization: 'Bearer junk' } }))
        .status,
    ).toBe(401);
    expect(front.calls).toHaveLength(0);
  });

  it(
    'drops identity headers spelled with underscores (the Fn ' + 'mapping canonicalises x_user_id to X-User-Id)',
    async () => {
      front.answer = () => ({ headers: { 'content-type': 'application/json' }, body: '{}' });
      const user = uid('user');
      const res = await fetch(`${front.gw.url}/graphql`, {
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
      const c = front.calls[0]!;
      expect(c.header('fn-http-h-x-user-id')).toBe(user);
      expect(c.header('fn-http-h-x-user-roles')).toBe('viewer');
      expect(c.header('fn-http-h-x-user-extra')).toBeUndefined();
    },
  );
});

describe('identity edge cases and request ids', () => {
  it('a subject outside visible ASCII reaches the function percent-encoded, flagged, decodable once', async () => {
    for (const sub of [`alıce-${uid('u')}`, `用户@例え.jp-${uid('u')}`, `a%41b ${uid('u')}`, `ünï cødé|${uid('u')}`]) {
      front.calls.length = 0;
      const res = await fetch(`${front.gw.url}/graphql`, {
        method: 'POST',
        headers: { authorization: await bearer(sub), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, sub).toBe(200);
      const c = front.calls[0]!;
      expect(c.header('fn-http-h-x-user-id-encoding'), sub).toBe('percent');
      expect(c.header('fn-http-h-x-user-id')).toMatch(/^[\x21-\x7e]+$/);
      expect(decodeURIComponent(c.header('fn-http-h-x-user-id')!)).toBe(sub);
    }
  });

  it('a client cannot send the encoding flag: a plain subject arrives as is, without it', async () => {
    const user = uid('plain');
    await fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(user), 'x-user-id-encoding': 'percent' },
      body: '{}',
    });
    expect(front.calls[0]!.header('fn-http-h-x-user-id')).toBe(user);
    expect(front.calls[0]!.header('fn-http-h-x-user-id-encoding')).toBeUndefined();
  });

  it('a subject with CR/LF or longer than 256 bytes is 401 naming the reason; no function runs', async () => {
    for (const [sub, reason] of [
      [`a\r\nX-User-Roles: admin-${uid('u')}`, 'control characters'],
      ['ı'.repeat(129), 'longer than 256 bytes'],
    ] as const) {
      const res = await fetch(`${front.gw.url}/graphql`, {
        method: 'POST',
        headers: { authorization: await bearer(sub) },
        body: '{}',
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toContain(reason);
    }
    expect(front.calls).toHaveLength(0);
  });

  it("a client's opc-request-id is kept apart: the front's id is sent, logged and echoed", async () => {
    const mine = uid('client-req');
    front.answer = () => ({
      headers: { 'content-type': 'application/json', 'fn-http-h-opc-request-id': mine },
      body: '{}',
    });
    const res = await fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'opc-request-id': mine },
      body: '{}',
    });
    const c = front.calls[0]!;
    expect(c.header('opc-request-id')).toMatch(/^[0-9A-F]{32}$/);
    expect(c.header('fn-http-h-opc-request-id')).toBe(mine);
    expect(res.headers.get('opc-request-id')).toBe(c.header('opc-request-id'));
  });
});

describe('response mapping (function → client)', () => {
  it('passes only Fn-Http-H-* (stripped), Content-Type and Fn-Call-Id; status from Fn-Http-Status', async () => {
    const callId = uid('call');
    front.answer = () => ({
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
    const res = await fetch(`${front.gw.url}/graphql`, {
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
    front.answer = () => ({ headers: { 'fn-http-status': 'teapot' }, body: { a: 1 } });
    const res = await fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer() },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('uses the service status when it is >= 400, whatever Fn-Http-Status says', async () => {
    front.answer = () => ({
      status: 502,
      headers: { 'fn-http-status': '200' },
      error: { code: 'FunctionInvokeExecutionFailed', message: 'function failed' },
    });
    const res = await fetch(`${front.gw.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await bearer() },
      body: '{}',
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { code: string }).code).toBe('FunctionInvokeExecutionFailed');
  });
});
