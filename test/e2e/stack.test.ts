/**
 * Smoke test of the whole local stack: the front, the gateway function in a real container (the
 * built bundle), identity from a dev token, and a clean stop. The second test runs `main.ts` as
 * `npm start` does and stops it with SIGTERM.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStackFixture } from '../helpers/stack.ts';
import { isAlive, uid, waitFor } from '../helpers/emulator.ts';

/** Every live descendant of `root` (Linux /proc). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent)
      if (pp === p) {
        out.push(c);
        walk(c);
      }
  };
  walk(root);
  return out;
}

describe('local stack (e2e)', () => {
  it(
    'answers { me } through the front with a dev token, 401 without, GraphiQL for a browser; stops leaving no ' +
      'process',
    async () => {
      const fx = await startStackFixture();
      let pids: number[] = [];
      try {
        const user = uid('e2e-user');
        const ok = await fx.graphql<{ me: { userId: string; roles: string[] } }>('{ me { userId roles } }', {
          token: await fx.token({ sub: user, roles: ['operator'] }),
        });
        expect(ok.status, JSON.stringify(ok.body)).toBe(200);
        expect(ok.body.data?.me).toEqual({ userId: user, roles: ['OPERATOR'] });

        const anon = await fx.graphql('{ me { userId } }', { token: null });
        expect(anon.status).toBe(401);
        expect(anon.headers.get('www-authenticate')).toMatch(/^Bearer/);

        const page = await fetch(fx.graphqlUrl, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/text\/html/);
        expect(await page.text()).toMatch(/graphiql/i);

        pids = fx.stack
          .runner!.containers()
          .map((c) => c.pid)
          .filter((p): p is number => typeof p === 'number');
        expect(pids.length).toBeGreaterThan(0);
        expect(pids.every(isAlive)).toBe(true);
      } finally {
        await fx.stop();
      }
      await waitFor(() => pids.every((p) => !isAlive(p)), { what: 'containers to exit' });
      await expect(fetch(fx.graphqlUrl)).rejects.toThrow();
      await expect(fetch(`${fx.stack.urls.emulator}/_emulator/health`)).rejects.toThrow();
    },
  );

  it('npm start (main.ts): prints the URLs and a dev token that works; SIGTERM stops every process', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'stack-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'local-cloud/stack/main.ts'], {
      cwd: process.cwd(),
      env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', STATE_DIR: stateDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => /^TOKEN=\S+$/m.test(out) || child.exitCode !== null, {
        timeoutMs: 60_000,
        what: 'the stack to print its token',
      });
      expect(child.exitCode, err).toBeNull();
      const url = /GraphQL \(API Gateway front\): (\S+)/.exec(out)![1]!;
      expect(out).toMatch(/OCI emulator: +http:\/\/127\.0\.0\.1:\d+/);
      expect(out).toContain(join(stateDir, 'oci', 'config'));
      const token = /^TOKEN=(\S+)$/m.exec(out)![1]!;
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { userId roles } }' }),
      });
      expect(await res.json()).toEqual({ data: { me: { userId: 'dev-user', roles: ['ADMIN'] } } });

      const tree = descendants(child.pid!);
      expect(tree.length).toBeGreaterThan(0);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await waitFor(() => tree.every((p) => !isAlive(p)), { what: 'every process of the stack to exit' });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
