/**
 * Resource principals through the runner: a function signs with oci-common's
 * ResourcePrincipalAuthenticationDetailsProvider over the files the runner writes, the emulator
 * accepts it as the function's OCID, and the token file is renewed before it expires.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOcid } from '#local/emulator/core/ids.ts';
import type { ProviderFactory } from '#local/emulator/index.ts';
import { defaultProviders } from '#local/emulator/services/index.ts';
import { startRunner, type Runner } from '#local/runner/index.ts';
import { buildFnFixtures } from '../fixtures/fn-bundles/build.ts';
import { startEmulatorFixture, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';

/** Test-only provider: a signed route that echoes the authenticated principal. */
const whoami: ProviderFactory = () => ({
  name: 'rptest',
  prefixes: ['/_rptest'],
  routes: [
    {
      method: 'GET',
      path: '/_rptest/whoami',
      operation: 'WhoAmI',
      iam: { permissions: [], target: 'tenancy' },
      handler: (req) => ({ body: { principal: req.principal } }),
    },
  ],
});

let fx: EmulatorFixture;
let runner: Runner;
let work = '';
const fnId = newOcid('fnfunc');
const compartmentId = newOcid('compartment');
const TTL = 3;

const invoke = async () => {
  const res = await runner.invoke(fnId, { body: Buffer.from('{}'), headers: {} });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()) as {
    status: number;
    body: { principal: Record<string, string> };
    compartment: string;
    tenant: string;
    error?: string;
  };
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'runner-rp-'));
  const [emu, bundles] = await Promise.all([
    startEmulatorFixture({ providers: [...defaultProviders, whoami] }),
    buildFnFixtures(work, ['fn-rp']),
  ]);
  fx = emu;
  runner = await startRunner({
    emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile },
    functions: [
      {
        name: 'rp',
        id: fnId,
        appId: newOcid('fnapp'),
        compartmentId,
        entry: bundles['fn-rp']!,
        env: { OCI_ENDPOINT: fx.emu.url },
      },
    ],
    workDir: work,
    initTimeoutMs: 20_000,
    tokenTtlSeconds: TTL,
  });
});

afterAll(async () => {
  await runner?.close();
  await fx?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('resource principal', () => {
  it('signs emulator calls as the function OCID with the runner-issued token', async () => {
    const since = fx.emu.requests.lastSeq;
    const out = await invoke();
    expect(out.error).toBeUndefined();
    expect(out.status).toBe(200);
    expect(out.body.principal).toEqual({
      kind: 'resource',
      id: fnId,
      tenancyId: fx.emu.admin.tenancyId,
      compartmentId,
      resourceType: 'fnfunc',
    });
    expect(out.compartment).toBe(compartmentId);
    expect(out.tenant).toBe(fx.emu.admin.tenancyId);
    const log = (await (await fetch(`${fx.emu.url}/_emulator/requests?since=${since}`)).json()) as {
      requests: { operation: string; caller: string; status: number }[];
    };
    expect(log.requests.find((r) => r.operation === 'WhoAmI')).toMatchObject({ caller: fnId, status: 200 });
    // the runner asked for the token as the admin user
    expect(log.requests.find((r) => r.operation === 'IssueResourcePrincipalSessionToken')?.caller).toBe(
      fx.emu.admin.userId,
    );
  });

  it(
    'replaces the token file before the token expires, and ' + 'calls keep working after the first token expired',
    async () => {
      await invoke();
      const [c] = runner.containers(fnId);
      const first = readFileSync(c!.rpstPath, 'utf8');
      const key = readFileSync(c!.keyPath, 'utf8');
      const firstClaims = decodeJwt(first);
      expect(firstClaims.exp! - firstClaims.iat!).toBe(TTL);
      const second = await waitFor(
        () => {
          const t = readFileSync(c!.rpstPath, 'utf8');
          return t !== first ? t : undefined;
        },
        { what: 'the RPST file to be renewed', timeoutMs: 15_000 },
      );
      const secondClaims = decodeJwt(second);
      expect(secondClaims.sub).toBe(fnId);
      // issued while the first one was still valid, and lives longer
      expect(secondClaims.iat!).toBeLessThan(firstClaims.exp!);
      expect(secondClaims.exp!).toBeGreaterThan(firstClaims.exp!);
      expect(readFileSync(c!.keyPath, 'utf8')).toBe(key);
      await waitFor(() => Date.now() > firstClaims.exp! * 1000 + 500, {
        what: 'the first token to expire',
        timeoutMs: 15_000,
      });
      const out = await invoke();
      expect(out.status).toBe(200);
      expect(out.body.principal.id).toBe(fnId);
      expect(runner.containers(fnId).map((x) => x.pid)).toEqual([c!.pid]);
    },
  );
});
