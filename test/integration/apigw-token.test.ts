/**
 * `npm run token`: the CLI's last line is a token the front accepts; bad arguments fail clearly.
 * The CLI and the front share only the state dir (the CLI runs in its own process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tempDir, uid } from '../helpers/emulator.ts';
import { openDevIssuer, startApiGateway, type ApiGateway } from '#local/apigw/index.ts';
import type { InvokeRequest } from '#local/invoke/index.ts';
import { createLogger } from '#shared/log.ts';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'local-cloud/stack/token-cli.ts'];
let stateDir: string;
let gw: ApiGateway;
const seen: InvokeRequest[] = [];

async function token(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, STATE_DIR: stateDir },
    });
    return { code: 0, stdout, stderr };
  } catch (e: unknown) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  stateDir = tempDir('token');
});
afterAll(async () => {
  await gw?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('npm run token', () => {
  it(
    'prints, as its last line, a token the front accepts (key ' + 'created by the CLI, before the front starts)',
    async () => {
      const user = uid('cli-user');
      const out = await token(['--user', user, '--role', 'operator', '--ttl', '120']);
      expect(out.code).toBe(0);
      const last = out.stdout.trimEnd().split('\n').at(-1)!;
      expect(last).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

      const issuer = await openDevIssuer({ stateDir });
      gw = await startApiGateway({
        port: 0,
        functions: { gateway: 'ocid1.fnfunc.oc1.iad.aaaaaaaatokentest' },
        log: createLogger({ level: 'error' }),
        jwt: { issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
        invoker: {
          invoke: async (req) => (
            seen.push(req),
            { status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: Buffer.from('{}') }
          ),
        },
      });
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${last}` },
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(seen.at(-1)!.headers['Fn-Http-H-X-User-Id']).toBe(user);
      expect(seen.at(-1)!.headers['Fn-Http-H-X-User-Roles']).toBe('operator');
    },
  );

  it('rejects bad arguments with a usage message and a non-zero exit', async () => {
    for (const args of [
      [],
      ['--user', 'u'],
      ['--user', 'u', '--role', 'root'],
      ['--user', 'u', '--role', 'admin', '--ttl', '-5'],
      ['--user', 'u', '--role', 'admin', '--bogus'],
    ]) {
      const out = await token(args);
      expect(out.code, args.join(' ')).not.toBe(0);
      expect(out.stderr).toMatch(/usage: npm run token/);
      expect(out.stdout).toBe('');
    }
  });
});
