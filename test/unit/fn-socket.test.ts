/**
 * The adapter through the real @fnproject/fdk 0.0.76 on a unix socket, the way the Fn agent talks
 * to a container: POST /call with Fn-Call-Id / Fn-Deadline (+ Fn-Http-* for gateway calls).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectEventFixture } from '../helpers/fn-context.ts';
import { callFnSocket } from '../helpers/fn-socket.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let child: ChildProcess | undefined;
let stderr = '';
const sock = () => join(dir, 'lsnr.sock');

const SCRIPT = `
import { startFunction } from ${JSON.stringify(join(ROOT, 'shared/fn/index.ts'))};
startFunction({
  name: 'sockfn',
  http: async (req) => {
    const url = new URL(req.url);
    if (url.pathname === '/empty') return new Response(null, { status: 204 });
    if (url.pathname === '/boom') throw new Error('secret-db-password leaked?');
    const body = req.method === 'POST' ? await req.text() : '';
    const user = req.headers.get('x-user-id');
    return new Response(JSON.stringify({ method: req.method, path: url.pathname + url.search, user, body }), {
      status: 201, headers: { 'content-type': 'application/json', 'x-custom': 'c1' },
    });
  },
  invoke: async (body, call) => ({ got: body, callId: call.callId, remaining: call.remainingMs() > 0 }),
  event: async (e) => {
    if (e.data.resourceName === 'fail.txt') throw new Error('internal detail: token=abc123');
    return { handled: e.eventID };
  },
});
`;

const call = (headers: Record<string, string>, body = '', path = '/call', method = 'POST') =>
  callFnSocket(sock(), { headers, body, path, method });

beforeAll(async () => {
  dir = mkdtempSync('/tmp/fns-');
  const script = join(dir, 'fn.ts');
  writeFileSync(script, SCRIPT);
  child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, FN_FORMAT: 'http-stream', FN_LISTENER: `unix:${sock()}`, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // poll for the FDK's symlink lsnr.sock -> lsnr.sock.tmp (what the Fn agent waits for)
  for (let i = 0; i < 600 && !existsSync(sock()); i++) {
    if (child.exitCode !== null) throw new Error(`function exited early: ${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!existsSync(sock())) throw new Error(`socket never appeared: ${stderr}`);
});

afterAll(() => {
  child?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('real FDK over a unix socket', () => {
  it('creates the relative lsnr.sock symlink the agent expects', () => {
    expect(lstatSync(sock()).isSymbolicLink()).toBe(true);
  });

  it('serves an HTTP gateway call: Fn-Http-Status, Fn-Http-H-*, Content-Type and raw body', async () => {
    const r = await call(
      {
        'Fn-Intent': 'httprequest',
        'Fn-Http-Method': 'POST',
        'Fn-Http-Request-Url': '/graphql?a=1',
        'Fn-Http-H-X-User-Id': 'user-1',
        'Content-Type': 'application/json',
      },
      '{"query":"{x}"}',
    );
    expect(r.status).toBe(200);
    expect(r.headers['fn-http-status']).toBe('201');
    expect(r.headers['fn-http-h-x-custom']).toBe('c1');
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({
      method: 'POST',
      path: '/graphql?a=1',
      user: 'user-1',
      body: '{"query":"{x}"}',
    });
  });

  it('serves an empty 204 body without crashing the FDK', async () => {
    const r = await call({ 'Fn-Intent': 'httprequest', 'Fn-Http-Method': 'GET', 'Fn-Http-Request-Url': '/empty' });
    expect(r.status).toBe(200);
    expect(r.headers['fn-http-status']).toBe('204');
    expect(r.body).toBe('');
    // the process is still alive and serving
    const again = await call({}, '{"ping":1}');
    expect(JSON.parse(again.body).got).toEqual({ ping: 1 });
  });

  it('masks an http handler failure as a 500 JSON response', async () => {
    const r = await call({ 'Fn-Intent': 'httprequest', 'Fn-Http-Method': 'GET', 'Fn-Http-Request-Url': '/boom' });
    expect(r.headers['fn-http-status']).toBe('500');
    expect(r.body).not.toContain('secret-db-password');
    expect(JSON.parse(r.body).error.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('serves an invoke: JSON in, JSON out, with the call id and a deadline', async () => {
    const r = await call({ 'Fn-Call-Id': 'call-invoke-1' }, '{"graphql":{"query":"{a}"}}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      got: { graphql: { query: '{a}' } },
      callId: 'call-invoke-1',
      remaining: true,
    });
  });

  it('answers a non-JSON invoke with BAD_USER_INPUT', async () => {
    const r = await call({}, 'nope');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).error).toEqual({ code: 'BAD_USER_INPUT', message: 'request body is not valid JSON' });
  });

  it('serves an event and answers 502 without leaking text when the event handler throws', async () => {
    const ok = await call({}, JSON.stringify(objectEventFixture()));
    expect(JSON.parse(ok.body)).toEqual({ handled: 'cd5c629a-de5e-defa-c88c-993a237aa86e' });

    const failing = objectEventFixture({
      data: { resourceName: 'fail.txt', additionalDetails: { namespace: 'n', bucketName: 'b' } },
    });
    const bad = await call({ 'Fn-Call-Id': 'call-evt-fail' }, JSON.stringify(failing));
    expect(bad.status).toBe(502);
    expect(bad.body).not.toContain('abc123');
    expect(JSON.parse(bad.body).detail).toBe('Error: event handling failed; call call-evt-fail');
    // the container stays alive after a 502 (agent contract), and the log line says so
    const after = await call({}, '{"still":"alive"}');
    expect(JSON.parse(after.body).got).toEqual({ still: 'alive' });
    expect(stderr).toMatch(/"msg":"call".*"callId":"call-evt-fail".*"kind":"event","outcome":"error","status":502/);
  });
});
