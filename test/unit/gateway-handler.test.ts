/**
 * The gateway handler as deployed: bundled by esbuild the way scripts/build.ts does (CJS, node24,
 * minified, `.graphql` as text) and driven through the real FDK on a unix socket with the
 * headers OCI API Gateway sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFnSocket } from '../helpers/fn-socket.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
const children: ChildProcess[] = [];

const callFn = (sock: string, httpHeaders: Record<string, string>, body = '') =>
  callFnSocket(sock, { headers: { 'Fn-Intent': 'httprequest', ...httpHeaders }, body });

async function startBundle(bundle: string, name: string, env: Record<string, string> = {}): Promise<string> {
  const sock = join(dir, `${name}.sock`);
  let stderr = '';
  const child = spawn(process.execPath, [bundle], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      FN_FORMAT: 'http-stream',
      FN_LISTENER: `unix:${sock}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 800 && !existsSync(sock); i++) {
    if (child.exitCode !== null) throw new Error(`gateway exited early: ${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!existsSync(sock)) throw new Error(`socket never appeared: ${stderr}`);
  return sock;
}

let bundle = '';
beforeAll(async () => {
  dir = mkdtempSync('/tmp/gwh-');
  bundle = join(dir, 'gateway.cjs');
  await build({
    entryPoints: [join(ROOT, 'functions/gateway/handler.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    loader: { '.graphql': 'text' },
    logLevel: 'silent',
  });
});

afterAll(() => {
  for (const c of children) c.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const graphqlPost = (query: string, headers: Record<string, string>) => ({
  headers: {
    'Fn-Http-Method': 'POST',
    'Fn-Http-Request-Url': '/graphql',
    'Fn-Http-H-Content-Type': 'application/json',
    'Fn-Http-H-Accept': 'application/graphql-response+json',
    ...headers,
  },
  body: JSON.stringify({ query }),
});

describe('gateway handler bundle', () => {
  it('answers me through the FDK with status and request id as Fn-Http headers', async () => {
    const sock = await startBundle(bundle, 'remote', { FN_ID_QUOTA: '' });
    const { headers, body } = graphqlPost('{ me { userId roles } }', {
      'Fn-Http-H-X-User-Id': 'dana',
      'Fn-Http-H-X-User-Roles': 'operator',
      'Opc-Request-Id': 'req-h-1',
    });
    const res = await callFn(sock, headers, body);
    expect(res.status).toBe(200);
    expect(res.headers['fn-http-status']).toBe('200');
    expect(res.headers['fn-http-h-opc-request-id']).toBe('req-h-1');
    expect(res.headers['content-type']).toContain('application/graphql-response+json');
    expect(JSON.parse(res.body)).toEqual({ data: { me: { userId: 'dana', roles: ['OPERATOR'] } } });

    const anon = await callFn(sock, graphqlPost('{ me { userId } }', {}).headers, body);
    expect(anon.headers['fn-http-status']).toBe('401');
    expect(JSON.parse(anon.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
