/**
 * `npm run oci:check` against the local emulator (a stand-in for a tenancy: same signed
 * GetNamespace) and against an endpoint nothing listens on; plus the recipe in docs/tenancy.md for running one
 * function bundle against a tenancy with a config-file profile: without OCI_RESOURCE_PRINCIPAL_VERSION
 * the bundle signs with the profile's API key (seen by the emulator as the admin user).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFnSocket } from '../helpers/fn-socket.ts';
import { startEmulatorFixture, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';
import { runOciCheck } from '../../scripts/oci-check.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let fx: EmulatorFixture;
let dir: string;
let configFile: string;

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function check(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runOciCheck(argv, {
    env: { HOME: dir, ...env },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  fx = await startEmulatorFixture();
  dir = mkdtempSync(join(tmpdir(), 'oci-check-'));
  // A config file of our own: the emulator admin's keys as profile EMU, plus a broken profile.
  const admin = readFileSync(fx.emu.admin.configFile, 'utf8').replace('[DEFAULT]', '[EMU]');
  configFile = join(dir, 'config');
  writeFileSync(
    configFile,
    `${admin}\n[BROKEN]\nuser=${fx.emu.admin.userId}\ntenancy=${fx.emu.admin.tenancyId}\nregion=us-ashburn-1\n`,
  );
});

afterAll(async () => {
  await fx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run oci:check', () => {
  it('succeeds against a reachable endpoint and prints the namespace, never the key material', async () => {
    const r = await check(['--config', configFile, '--profile', 'EMU'], { OCI_ENDPOINT: fx.emu.url });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(`^ok {3}EMU \\(api_key, region [a-z0-9-]+\\) namespace=${fx.emu.tenancy.namespace}$`),
    );
    expect(r.out).not.toContain(fx.emu.admin.fingerprint);
    expect(r.out).not.toContain('PRIVATE KEY');
  });

  it(
    'takes --endpoint over OCI_ENDPOINT, and the profile from ' + 'OCI_CLI_PROFILE / file from OCI_CLI_CONFIG_FILE',
    async () => {
      const dead = `http://127.0.0.1:${await closedPort()}`;
      const r = await check(['--endpoint', fx.emu.url], {
        OCI_ENDPOINT: dead,
        OCI_CLI_CONFIG_FILE: configFile,
        OCI_CLI_PROFILE: 'EMU',
      });
      expect(r.code).toBe(0);
      expect(r.out).toContain(`namespace=${fx.emu.tenancy.namespace}`);
    },
  );

  it('fails clearly (exit 1) when the endpoint is unreachable', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const r = await check(['--config', configFile, '--profile', 'EMU'], { OCI_ENDPOINT: dead });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(`^FAIL EMU \\(api_key, region [a-z0-9-]+\\): cannot reach ${dead.replace(/\./g, '\\.')}`),
    );
    expect(r.out).not.toContain(fx.emu.admin.fingerprint);
  });

  it(
    'fails clearly for an unknown profile, an incomplete profile ' + 'and a missing file; --all checks each profile',
    async () => {
      const unknown = await check(['--config', configFile, '--profile', 'NOPE'], { OCI_ENDPOINT: fx.emu.url });
      expect(unknown.code).toBe(1);
      expect(unknown.out).toMatch(/^FAIL NOPE: .*NOPE/);
      const broken = await check(['--config', configFile, '--profile', 'BROKEN'], { OCI_ENDPOINT: fx.emu.url });
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(/^FAIL BROKEN: .*BROKEN.*missing "(fingerprint|key_file)"/);
      const missing = await check(['--config', join(dir, 'absent')], {});
      expect(missing.code).toBe(1);
      expect(missing.out).toMatch(/cannot read OCI config file .*absent/);
      const all = await check(['--config', configFile, '--all'], { OCI_ENDPOINT: fx.emu.url });
      expect(all.code).toBe(1);
      expect(all.out.split('\n').map((l) => l.slice(0, 11))).toEqual(['ok   EMU (a', 'FAIL BROKEN']);
    },
  );

  it('answers usage errors with exit 2', async () => {
    for (const argv of [['--bogus'], ['extra'], ['--all', '--profile', 'EMU'], ['--profile', ' ']]) {
      const r = await check(argv, {});
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('usage: npm run oci:check');
    }
  });

  it('as a process: exit code 0 against the emulator, 2 on bad usage', async () => {
    // async: the emulator runs in this process, so a synchronous spawn would deadlock
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((res) => {
        execFile(
          join(ROOT, 'node_modules/.bin/tsx'),
          ['scripts/oci-check.ts', ...args],
          { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dir, OCI_ENDPOINT: fx.emu.url } },
          (e, stdout, stderr) => res({ code: e ? Number((e as { code?: unknown }).code) : 0, stdout, stderr }),
        );
      });
    const ok = await run(['--config', configFile, '--profile', 'EMU']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok   EMU');
    const bad = await run(['--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run oci:check');
  }, 30_000);
});

describe('a function bundle run with a config-file profile (docs/tenancy.md)', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('signs its OCI calls with the profile when OCI_RESOURCE_PRINCIPAL_VERSION is absent', async () => {
    const entry = join(ROOT, 'dist/functions/entry.cjs');
    expect(
      existsSync(entry) && existsSync(join(ROOT, 'dist/functions/exports.cjs')),
      'bundles missing: run npm run build',
    ).toBe(true);
    const fnDir = mkdtempSync(join(tmpdir(), 'fnb-'));
    const sock = join(fnDir, 'lsnr.sock');
    let stderr = '';
    child = spawn(process.execPath, [entry], {
      cwd: join(ROOT, 'dist/functions'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        FUNCTION_NAME: 'exports',
        FN_FORMAT: 'http-stream',
        FN_LISTENER: `unix:${sock}`,
        OCI_CLI_CONFIG_FILE: configFile,
        OCI_CLI_PROFILE: 'EMU',
        OCI_ENDPOINT: fx.emu.url,
        OCI_RETRY_MAX_ATTEMPTS: '1',
        NOSQL_COMPARTMENT_ID: fx.emu.admin.tenancyId,
        OS_NAMESPACE: fx.emu.tenancy.namespace,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await waitFor(() => existsSync(sock), { timeoutMs: 15_000, what: `the bundle's socket (${stderr})` });
    const since = fx.emu.requests.query().at(-1)?.seq ?? 0;
    const body = JSON.stringify({ task: 'reconcileExports' });
    const { status } = await callFnSocket(sock, { headers: { 'content-type': 'application/json' }, body });
    expect(status).toBe(200);
    const calls = fx.emu.requests.query({ sinceSeq: since }).filter((e) => e.service === 'nosql');
    expect(calls.length, 'the reconcile reached NoSQL').toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.caller))).toEqual(new Set([fx.emu.admin.userId]));
    rmSync(fnDir, { recursive: true, force: true });
  }, 30_000);
});
