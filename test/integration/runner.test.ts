/**
 * The Fn runner against real FDK containers (test/fixtures/fn-*), with RPSTs from a real emulator:
 * contract env and headers, outcome mapping (reference §1.4), limits, replacement, concurrency, close.
 */
import { lstatSync, mkdtempSync, readlinkSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOcid } from '#local/emulator/core/ids.ts';
import { startRunner, type InvokeResult, type Runner, type RunnerFunction } from '#local/runner/index.ts';
import { buildFnFixtures } from '../fixtures/fn-bundles/build.ts';
import { isAlive, startEmulatorFixture, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';

let fx: EmulatorFixture;
let runner: Runner;
let work = '';
let bundles: Record<string, string> = {};
const lines: string[] = [];
const appId = newOcid('fnapp');
const compartmentId = newOcid('compartment');
const ids = {
  echo: newOcid('fnfunc'),
  untouched: newOcid('fnfunc'),
  sleep: newOcid('fnfunc'),
  wide: newOcid('fnfunc'),
  crash: newOcid('fnfunc'),
};

const json = (r: InvokeResult) => JSON.parse(r.body.toString('utf8')) as Record<string, any>;
const call = (fnId: string, body: unknown, headers: Record<string, string> = {}) =>
  runner.invoke(fnId, {
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    headers: { 'content-type': 'application/json', ...headers },
  });
const fn = (name: string, id: string, bundle: string, extra: Partial<RunnerFunction> = {}): RunnerFunction => ({
  name,
  id,
  appId,
  compartmentId,
  entry: bundles[bundle]!,
  ...extra,
});

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'runner-test-'));
  [fx, bundles] = await Promise.all([
    startEmulatorFixture(),
    buildFnFixtures(work, ['fn-echo', 'fn-sleep', 'fn-crash', 'fn-nolisten']),
  ]);
  runner = await startRunner({
    emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile },
    functions: [
      fn('echo', ids.echo, 'fn-echo', {
        memoryMb: 256,
        env: { GREETING: 'hi', FUNCTION_NAME: 'echo', FN_INVOKE_ENDPOINT: 'http://x', FN_ID_QUOTA: 'q' },
      }),
      fn('untouched', ids.untouched, 'fn-echo'),
      fn('sleep', ids.sleep, 'fn-sleep', { timeoutSeconds: 1 }),
      fn('wide', ids.wide, 'fn-sleep', { maxContainers: 2 }),
      fn('crash', ids.crash, 'fn-crash', { maxContainers: 1 }),
    ],
    workDir: work,
    initTimeoutMs: 20_000,
    queueTimeoutMs: 30_000,
    log: (l) => lines.push(l),
  });
});

afterAll(async () => {
  await runner?.close();
  await fx?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Fn contract', () => {
  it('hands the container the Fn env, RP credentials and call headers, after the socket handshake', async () => {
    const before = Date.now();
    const res = await call(
      ids.echo,
      { hello: 1 },
      {
        'fn-intent': 'httprequest',
        'fn-http-method': 'GET',
        'fn-http-h-x-client': 'abc',
        connection: 'keep-alive',
        authorization: 'Signature keyId="x"',
        'fn-call-id': 'forged-id',
        'opc-request-id': 'REQ1',
      },
    );
    expect(res.status).toBe(200);
    const b = json(res);
    expect(b.callId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(b.callId).toBe(res.callId);
    expect(res.headers['fn-call-id']).toBe(b.callId);
    expect(Date.parse(b.deadline)).toBeGreaterThan(before);
    expect(Date.parse(b.deadline)).toBeLessThanOrEqual(Date.now() + 30_000);
    expect(b.fnId).toBe(ids.echo);
    expect(b.appId).toBe(appId);
    expect(b.bodyLength).toBe(JSON.stringify({ hello: 1 }).length);
    expect(b.headers['Fn-Http-H-X-Client']).toEqual(['abc']);
    expect(b.headers['Fn-Intent']).toEqual(['httprequest']);
    expect(b.headers['Opc-Request-Id']).toEqual(['REQ1']);
    expect(b.headers.Authorization).toBeUndefined();
    expect(b.headers['Fn-Call-Id']).toEqual([b.callId]);
    const env = b.env as Record<string, string>;
    expect(env).toMatchObject({
      FN_FORMAT: 'http-stream',
      FN_APP_ID: appId,
      FN_FN_ID: ids.echo,
      FN_MEMORY: '256',
      FN_TYPE: 'sync',
      GREETING: 'hi',
      FUNCTION_NAME: 'echo',
      FN_INVOKE_ENDPOINT: 'http://x',
      FN_ID_QUOTA: 'q',
      OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
      OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1',
    });
    expect(env.FN_FN_NAME).toBeUndefined();
    expect(env.FN_APP_NAME).toBeUndefined();
    expect(JSON.parse(env.OCI_REGION_METADATA!)).toEqual({
      realmDomainComponent: 'oraclecloud.com',
      realmKey: 'oc1',
      regionIdentifier: 'us-ashburn-1',
      regionKey: 'IAD',
    });
    const sock = env.FN_LISTENER!.replace(/^unix:/, '');
    expect(env.FN_LISTENER).toMatch(/^unix:\/.*\/lsnr\.sock$/);
    expect(Buffer.byteLength(`${sock}.tmp`)).toBeLessThanOrEqual(107);
    expect(lstatSync(sock).isSymbolicLink()).toBe(true);
    expect(readlinkSync(sock)).toBe('lsnr.sock.tmp');
    expect(env.OCI_RESOURCE_PRINCIPAL_RPST).toMatch(/^\/.*\/rpst$/);
    expect(existsSync(env.OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM!)).toBe(true);
    expect(env.PATH).toBeDefined();
    // `node entry.cjs` as the image runs it: V8 flags come as function config (NODE_OPTIONS, local stack)
    expect(b.execArgv).toEqual([]);
    // container output arrives on its own pipe, possibly after the answer: poll for it
    await waitFor(() => lines.some((l) => l === `[echo#1] fn-echo call ${b.callId}`), {
      what: 'the container log line',
    });
  });

  it('answers 502 FunctionInvokeExecutionFailed when the handler throws, and keeps the container', async () => {
    const first = json(await call(ids.echo, 'plain'));
    const failed = await call(ids.echo, { throw: true });
    expect(failed.status).toBe(502);
    expect(failed.error?.code).toBe('FunctionInvokeExecutionFailed');
    expect(JSON.parse(failed.body.toString())).toMatchObject({ code: 'FunctionInvokeExecutionFailed' });
    expect(json(await call(ids.echo, 'again')).pid).toBe(first.pid);
  });

  it('refuses a response body over 6 MB with 502 FunctionInvokeResponseBodyTooLarge, then serves again', async () => {
    const res = await call(ids.echo, { bigBytes: 6 * 1024 * 1024 + 1 });
    expect(res.status).toBe(502);
    expect(res.error?.code).toBe('FunctionInvokeResponseBodyTooLarge');
    const ok = await call(ids.echo, { bigBytes: 6 * 1024 * 1024 });
    expect(ok.status).toBe(200);
    expect(ok.body.length).toBe(6 * 1024 * 1024);
  });

  it('refuses a request body over 6 MB with 413 before any container starts', async () => {
    const res = await runner.invoke(ids.untouched, { body: Buffer.alloc(6 * 1024 * 1024 + 1, 0x61), headers: {} });
    expect(res.status).toBe(413);
    expect(res.error?.code).toBe('RequestEntityTooLarge');
    expect(runner.containers(ids.untouched)).toEqual([]);
    expect(lines.some((l) => l.startsWith('[untouched#'))).toBe(false);
  });

  it('answers 404 for a function it does not serve', async () => {
    const res = await call(newOcid('fnfunc'), {});
    expect(res.status).toBe(404);
    expect(res.error?.code).toBe('NotAuthorizedOrNotFound');
  });
});

describe('timeouts and crashes', () => {
  it('kills a call past its timeout (504 FunctionInvokeTimeout), replaces the container; the next works', async () => {
    const warm = json(await call(ids.sleep, { ms: 0 }));
    const slow = await call(ids.sleep, { ms: 10_000 });
    expect(slow.status).toBe(504);
    expect(slow.error?.code).toBe('FunctionInvokeTimeout');
    expect(isAlive(warm.pid)).toBe(false);
    const next = await call(ids.sleep, { ms: 0 });
    expect(next.status).toBe(200);
    expect(json(next).pid).not.toBe(warm.pid);
  });

  it('answers 502 when the process dies during a call, and a new container serves the next call', async () => {
    const a = json(await call(ids.crash, 'hello')).pid as number;
    const crashed = await call(ids.crash, 'crash');
    expect(crashed.status).toBe(502);
    expect(crashed.error?.code).toBe('FunctionInvokeExecutionError');
    expect(isAlive(a)).toBe(false);
    const b = json(await call(ids.crash, 'hello')).pid as number;
    expect(b).not.toBe(a);
  });

  it('replaces a container that died between calls', async () => {
    const a = json(await call(ids.crash, 'hello')).pid as number;
    process.kill(a, 'SIGKILL');
    await waitFor(() => runner.containers(ids.crash).length === 0, { what: 'the dead container to be dropped' });
    const res = await call(ids.crash, 'hello');
    expect(res.status).toBe(200);
    expect(json(res).pid).not.toBe(a);
  });
});

describe('concurrency', () => {
  it('spreads concurrent calls over more containers, up to maxContainers', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => call(ids.wide, { ms: 300 })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => json(r).pid)).size).toBe(2);
    expect(runner.containers(ids.wide).length).toBe(2);
  });

  it('answers 503 FunctionInvokeServiceUnavailable if the queue is full or a queued call waits too long', async () => {
    const small = await startRunner({
      emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile },
      functions: [fn('busy', ids.sleep, 'fn-sleep', { maxContainers: 1, timeoutSeconds: 30 })],
      workDir: work,
      initTimeoutMs: 20_000,
      maxQueued: 1,
      queueTimeoutMs: 300,
      log: (l) => lines.push(l),
    });
    try {
      const results = await Promise.all(
        [1, 2, 3].map(() => small.invoke(ids.sleep, { body: Buffer.from('{"ms":2000}') })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 503, 503]);
      const msgs = results
        .filter((r) => r.status === 503)
        .map((r) => `${r.error?.code}: ${r.error?.message}`)
        .sort();
      expect(msgs[0]).toMatch(/^FunctionInvokeServiceUnavailable: Timed out - server too busy: 1 calls already wait/);
      expect(msgs[1]).toMatch(
        /^FunctionInvokeServiceUnavailable: Timed out - server too busy: no container .* within 300 ms/,
      );
    } finally {
      await small.close();
    }
  });
});

describe('idle containers', () => {
  it('stops a container after idleTimeoutMs without calls, and starts a new one on the next call', async () => {
    const id = newOcid('fnfunc');
    const r = await startRunner({
      emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile },
      functions: [fn('idle', id, 'fn-crash')],
      workDir: work,
      initTimeoutMs: 20_000,
      idleTimeoutMs: 200,
      log: (l) => lines.push(l),
    });
    try {
      const a = JSON.parse((await r.invoke(id, { body: Buffer.from('x') })).body.toString()).pid as number;
      await waitFor(() => r.containers(id).length === 0 && !isAlive(a), { what: 'the idle container to stop' });
      const b = await r.invoke(id, { body: Buffer.from('x') });
      expect(b.status).toBe(200);
      expect(JSON.parse(b.body.toString()).pid).not.toBe(a);
    } finally {
      await r.close();
    }
  });
});

describe('container init', () => {
  it('fails a container whose socket never appears (504 ContainerInitTimeout) or is absolute (502)', async () => {
    const nolisten = newOcid('fnfunc');
    const absolute = newOcid('fnfunc');
    const r = await startRunner({
      emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile },
      functions: [
        fn('nolisten', nolisten, 'fn-nolisten'),
        fn('absolute', absolute, 'fn-nolisten', { env: { MODE: 'absolute' } }),
      ],
      workDir: work,
      initTimeoutMs: 1500,
      log: (l) => lines.push(l),
    });
    try {
      const a = await r.invoke(nolisten, {});
      expect(a.status).toBe(504);
      expect(a.error?.code).toBe('FunctionInvokeContainerInitTimeout');
      const b = await r.invoke(absolute, {});
      expect(b.status).toBe(502);
      expect(b.error?.message).toMatch(/not a relative name in the same directory/);
      expect(r.containers()).toEqual([]);
    } finally {
      await r.close();
    }
  });

  it('starts containers through a launcher (as the image check does); fails the call when it throws', async () => {
    const launched = newOcid('fnfunc');
    const refused = newOcid('fnfunc');
    const seenLaunches: {
      fn: string;
      socketDir: string;
      homeDir: string;
      listener: string | undefined;
      rpst: string | undefined;
    }[] = [];
    const r = await startRunner({
      emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile },
      functions: [fn('launched', launched, 'fn-echo', { env: { GREETING: 'hi' } }), fn('refused', refused, 'fn-echo')],
      workDir: work,
      initTimeoutMs: 20_000,
      log: (l) => lines.push(l),
      launch: ({ fn: f, env, socketDir, homeDir }) => {
        seenLaunches.push({
          fn: f.name,
          socketDir,
          homeDir,
          listener: env.FN_LISTENER,
          rpst: env.OCI_RESOURCE_PRINCIPAL_RPST,
        });
        if (f.name === 'refused') throw new Error('no image for refused');
        // through a shell, without the runner's heap cap, with one more variable
        return {
          command: '/bin/sh',
          args: ['-c', 'exec "$0" "$@"', process.execPath, f.entry],
          env: { ...env, LAUNCHED_BY: 'test' },
        };
      },
    });
    try {
      const res = await r.invoke(launched, {
        body: Buffer.from('{}'),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(200);
      const b = json(res);
      expect(b.execArgv).toEqual([]);
      expect(b.env).toMatchObject({ LAUNCHED_BY: 'test', GREETING: 'hi', FN_FN_ID: launched });
      const [l] = seenLaunches;
      expect(l!.listener).toBe(`unix:${join(l!.socketDir, 'lsnr.sock')}`);
      expect(l!.rpst!.startsWith(`${l!.homeDir}/`)).toBe(true);
      const no = await r.invoke(refused, {});
      expect(no.status).toBe(502);
      expect(no.error).toMatchObject({ code: 'FunctionInvokeContainerInitFail' });
      expect(no.error?.message).toContain('could not be launched: no image for refused');
      expect(r.containers(refused)).toEqual([]);
    } finally {
      await r.close();
    }
  });

  it('rejects bad function definitions with a clear error', async () => {
    const base = { emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile }, workDir: work };
    await expect(
      startRunner({ ...base, functions: [fn('m', newOcid('fnfunc'), 'fn-echo', { memoryMb: 100 })] }),
    ).rejects.toThrow(/memoryMb must be one of 128/);
    await expect(
      startRunner({ ...base, functions: [fn('r', newOcid('fnfunc'), 'fn-echo', { env: { FN_FORMAT: 'json' } })] }),
    ).rejects.toThrow(/FN_FORMAT is reserved/);
    await expect(
      startRunner({
        ...base,
        functions: [fn('r2', newOcid('fnfunc'), 'fn-echo', { env: { OCI_RESOURCE_PRINCIPAL_RPST: '/x' } })],
      }),
    ).rejects.toThrow(/reserved/);
    await expect(
      startRunner({ ...base, functions: [fn('k', newOcid('fnfunc'), 'fn-echo', { env: { '1BAD': 'x' } })] }),
    ).rejects.toThrow(/config key/);
    await expect(
      startRunner({
        ...base,
        functions: [fn('e', newOcid('fnfunc'), 'fn-echo', { entry: join(work, 'missing.cjs') })],
      }),
    ).rejects.toThrow(/does not exist/);
    await expect(startRunner({ ...base, socketBase: `/tmp/${'x'.repeat(100)}`, functions: [] })).rejects.toThrow(/107/);
  });
});

describe('close', () => {
  it('kills every container and removes the socket and credential dirs', async () => {
    await Promise.all([call(ids.echo, 'x'), call(ids.wide, { ms: 0 }), call(ids.crash, 'hello')]);
    const infos = runner.containers();
    expect(infos.length).toBeGreaterThanOrEqual(3);
    const pids = infos.map((c) => c.pid!);
    expect(pids.every(isAlive)).toBe(true);
    await runner.close();
    expect(pids.filter(isAlive)).toEqual([]);
    for (const c of infos) {
      expect(existsSync(c.socketPath)).toBe(false);
      expect(existsSync(c.rpstPath)).toBe(false);
    }
    expect(runner.containers()).toEqual([]);
    const after = await call(ids.echo, 'x');
    expect(after.status).toBe(503);
  });
});
