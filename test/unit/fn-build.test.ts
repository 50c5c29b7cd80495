/**
 * The bundler: a tiny function bundled exactly like the real ones runs from a bare temp dir (no
 * node_modules), starts the FDK, signs with an API key and calls Object Storage GetNamespace on a
 * local server; and the entry dispatcher loads the bundle FUNCTION_NAME names.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFnSocket } from '../helpers/fn-socket.ts';
import { BUNDLE_BUDGET_BYTES, buildFunction } from '../../scripts/build.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let server: http.Server;
let base = '';
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  dir = mkdtempSync('/tmp/fnb-');
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json', 'opc-request-id': 'r1' });
    res.end(JSON.stringify('bundle-ns'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const callSocket = (sock: string, body: string) => callFnSocket(sock, { body });

describe('buildFunction', () => {
  it('produces a self-contained bundle under budget that runs the FDK and signs OCI calls', async () => {
    const entry = join(dir, 'probe.ts');
    writeFileSync(
      entry,
      `
      import { startFunction } from ${JSON.stringify(join(ROOT, 'shared/fn/index.ts'))};
      import { createAuthProvider } from ${JSON.stringify(join(ROOT, 'shared/auth/index.ts'))};
      import { checkConnectivity } from ${JSON.stringify(join(ROOT, 'shared/auth/connectivity.ts'))};
      startFunction({
        name: 'probe',
        invoke: async (body) =>
          checkConnectivity(createAuthProvider(), { endpoint: (body as { endpoint: string }).endpoint }),
      });
    `,
    );
    const out = join(dir, 'bundle', 'probe.cjs');
    const metafile = join(dir, 'meta', 'probe.json');
    const r = await buildFunction({ entry, outfile: out, metafile });
    expect(existsSync(out)).toBe(true);
    expect(existsSync(metafile)).toBe(true);
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.bytes).toBeLessThan(BUNDLE_BUDGET_BYTES);
    const inputs = Object.keys(r.metafile.inputs).join('\n');
    expect(inputs).toContain('oci-objectstorage');
    expect(inputs).not.toMatch(/node_modules\/(node-fetch|tr46|whatwg-url)\//);

    const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    writeFileSync(join(dir, 'key.pem'), key);
    writeFileSync(
      join(dir, 'config'),
      `[DEFAULT]\ntenancy=ocid1.tenancy.oc1..bt\nuser=ocid1.user.oc1..bu\nfingerprint=12:34\n` +
        `key_file=${join(dir, 'key.pem')}\nregion=us-ashburn-1\n`,
    );
    const sock = join(dir, 'lsnr.sock');
    let stderr = '';
    const child = spawn(process.execPath, [out], {
      cwd: join(dir, 'bundle'), // no node_modules anywhere up this tree
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        FN_FORMAT: 'http-stream',
        FN_LISTENER: `unix:${sock}`,
        OCI_CLI_CONFIG_FILE: join(dir, 'config'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      for (let i = 0; i < 600 && !existsSync(sock); i++) {
        if (child.exitCode !== null) break;
        await new Promise((r2) => setTimeout(r2, 25));
      }
      expect(existsSync(sock), stderr).toBe(true);
      const res = await callSocket(sock, JSON.stringify({ endpoint: base }));
      expect(JSON.parse(res.body)).toEqual({ ok: true, namespace: 'bundle-ns' });
      expect(seen.at(-1)?.authorization).toMatch(
        new RegExp(
          '^Signature version="1",keyId="ocid1.tenancy.oc1..bt/ocid1.user.oc1..bu/12:34",algorithm="rsa-sha256",' +
            'headers="x-date \\(request-target\\) host"',
        ),
      );
    } finally {
      child.kill();
    }
  });

  it('fails the build with the error text on a broken entry', async () => {
    const entry = join(dir, 'broken.ts');
    writeFileSync(entry, `import { nothing } from './does-not-exist.ts';\nconsole.log(nothing);\n`);
    await expect(buildFunction({ entry, outfile: join(dir, 'broken.cjs') })).rejects.toThrow(/does-not-exist/);
  });
});

describe('entry dispatcher', () => {
  it('loads the bundle named by FUNCTION_NAME and refuses unknown names', async () => {
    const outDir = join(dir, 'entry');
    await buildFunction({ entry: join(ROOT, 'functions/entry.ts'), outfile: join(outDir, 'entry.cjs') });
    writeFileSync(join(outDir, 'quota.cjs'), `process.stdout.write('quota loaded from ' + __filename);`);
    const run = (name?: string) =>
      spawnSync(process.execPath, [join(outDir, 'entry.cjs')], {
        env: { PATH: process.env.PATH, ...(name === undefined ? {} : { FUNCTION_NAME: name }) },
        encoding: 'utf8',
      });
    const ok = run('quota');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(`quota loaded from ${join(outDir, 'quota.cjs')}`);
    const unknown = run('../../etc/passwd');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('FUNCTION_NAME=\\"../../etc/passwd\\" is not a known function');
    expect(run().stderr).toContain('FUNCTION_NAME is not set');
    const missing = run('presign');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('bundle for \\"presign\\" is missing');
  });

  it(
    'names the TypeScript sources and functions in stack traces of a minified bundle (its source map), and reads ' +
      'the map only when a trace is made',
    async () => {
      const outDir = join(dir, 'mapped');
      await buildFunction({
        entry: join(ROOT, 'functions/entry.ts'),
        outfile: join(outDir, 'entry.cjs'),
        sourcemap: false,
      });
      const src = join(dir, 'ledger-probe.ts');
      writeFileSync(
        src,
        [
          'class Ledger {',
          '  settle(amount: number): number {',
          "    if (amount > 1) throw new Error('over the limit');",
          '    return amount;',
          '  }',
          '}',
          'export function settleAll(amount: number): number {',
          '  return new Ledger().settle(amount);',
          '}',
          "if (process.env.PROBE_THROW === '1') { for (let k = 0; k < 2; k++) { try { settleAll(5); } catch (e) { " +
            "process.stdout.write(`${(e as Error).stack ?? ''}\\n--\\n`); } } }",
          'else process.stdout.write(String(settleAll(1)));',
        ].join('\n'),
      );
      await buildFunction({ entry: src, outfile: join(outDir, 'quota.cjs') });
      expect(existsSync(join(outDir, 'quota.cjs.map'))).toBe(true);
      expect(existsSync(join(outDir, 'entry.cjs.map'))).toBe(false);
      const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, [join(outDir, 'entry.cjs')], {
          env: { PATH: process.env.PATH, FUNCTION_NAME: 'quota', ...env },
          encoding: 'utf8',
        });
      const thrown = run({ PROBE_THROW: '1' });
      expect(thrown.status, thrown.stderr).toBe(0);
      const [first, second] = thrown.stdout.split('\n--\n');
      const frames = first!.split('\n');
      expect(frames[0]).toBe('Error: over the limit');
      expect(frames[1]).toBe(`    at settle (${src}:3:27)`);
      expect(frames[2]).toBe(`    at settleAll (${src}:8:23)`);
      expect(second).toBe(first); // the second trace from the positions the first one looked up
      // the map is read lazily: an unreadable one breaks nothing
      // until a trace needs it, then frames stay as V8 wrote them
      writeFileSync(join(outDir, 'quota.cjs.map'), '{ not json');
      const ok = run({});
      expect(ok.stdout).toBe('1');
      expect(ok.stderr).toBe('');
      const unmapped = run({ PROBE_THROW: '1' });
      expect(unmapped.stdout.split('\n--\n')[0]!.split('\n')[1]).toMatch(
        new RegExp(`^    at \\S+ \\(${join(outDir, 'quota.cjs').replace(/\./g, '\\.')}:1:\\d+\\)$`),
      );
      expect(unmapped.stderr).toContain('source map unreadable');
    },
  );
});
