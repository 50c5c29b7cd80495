/**
 * Tenancy mode of the stack (docs/tenancy.md): the domain functions sign with a
 * config-file profile and call another OCI, while the front, the gateway and the invoke path stay
 * local. A second emulator stands in for the tenancy: its own keys, tables and buckets, reached at
 * TENANCY_ENDPOINT; the stack's own emulator would refuse that profile's key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulatorFixture, type EmulatorFixture } from '../helpers/emulator.ts';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';
import { provision } from '#local/stack/provision-oci.ts';
import { BUCKETS, TABLES } from '#deployment/manifest.ts';
import { startStack } from '#local/stack/stack.ts';

let tenancy: EmulatorFixture;
let namespace: string;
let fx: StackFixture;

interface LogEntry {
  operation: string;
  caller: string;
  status: number;
}
const requestLog = async (url: string, operation: string) =>
  ((await (await fetch(`${url}/_emulator/requests?operation=${operation}`)).json()) as { requests: LogEntry[] })
    .requests;

beforeAll(async () => {
  tenancy = await startEmulatorFixture();
  ({ namespace } = await provision({
    endpoint: tenancy.emu.url,
    auth: tenancy.auth,
    compartmentId: tenancy.emu.admin.tenancyId,
    buckets: [...BUCKETS],
    tables: [...TABLES],
  }));
  fx = await startStackFixture({
    require: ['gateway', 'quota', 'presign'],
    seed: false,
    tenancy: {
      configFile: tenancy.emu.admin.configFile,
      profile: 'DEFAULT',
      compartmentId: tenancy.emu.admin.tenancyId,
      endpoint: tenancy.emu.url,
    },
  });
}, 120_000);
afterAll(async () => {
  await fx?.stop();
  await tenancy?.stop();
});

describe('stack in tenancy mode', () => {
  it(
    'domain functions read and write the tenancy as the profile; ' + 'the stack emulator only serves the invoke path',
    async () => {
      const token = await fx.token({ sub: `ten-${Date.now().toString(36)}`, roles: ['operator'] });
      const up = await fx.graphql<{ createUploadUrl: { uri: string; url: string } }>(
        `mutation { createUploadUrl(input: { kind: DATASET, collectionId: "d1", filename: "a.csv", sizeBytes: 1234 ` +
          `}) { uri url } }`,
        { token },
      );
      expect(up.body.errors).toBeUndefined();
      expect(up.body.data!.createUploadUrl.uri).toMatch(new RegExp(`^oci://user-files@${namespace}/datasets/`));
      expect(up.body.data!.createUploadUrl.url.startsWith(tenancy.emu.url)).toBe(true);
      const q = await fx.graphql<{ quota: { storage: { reservedBytes: number } } }>(
        '{ quota { storage { reservedBytes } } }',
        { token },
      );
      expect(q.body.data?.quota.storage.reservedBytes).toBe(1234);

      const admin = tenancy.emu.admin.userId;
      const pars = await requestLog(tenancy.emu.url, 'CreatePreauthenticatedRequest');
      expect(pars.length).toBeGreaterThan(0);
      expect(pars.every((r) => r.caller === admin && r.status === 200)).toBe(true);
      const rows = await requestLog(tenancy.emu.url, 'UpdateRow');
      expect(rows.some((r) => r.caller === admin)).toBe(true);
      // nothing of the domain's reached the stack's own emulator
      expect(await requestLog(fx.stack.urls.emulator, 'CreatePreauthenticatedRequest')).toEqual([]);
      expect(await requestLog(fx.stack.urls.emulator, 'UpdateRow')).toEqual([]);
      expect((await requestLog(fx.stack.urls.emulator, 'InvokeFunction')).length).toBeGreaterThan(0);
    },
  );

  it('a profile that cannot reach the tenancy stops the start with the reason', async () => {
    const bad = join(tenancy.stateDir, 'bad-config');
    writeFileSync(bad, '[DEFAULT]\nuser=ocid1.user.oc1..x\n');
    await expect(
      startStack({
        port: 0,
        emulatorPort: 0,
        stateDir: join(tenancy.stateDir, 'bad-stack'),
        seed: false,
        tenancy: {
          configFile: bad,
          profile: 'NOPE',
          compartmentId: tenancy.emu.admin.tenancyId,
          endpoint: tenancy.emu.url,
        },
      }),
    ).rejects.toThrow(/tenancy profile NOPE: .*NOPE/);
  });
});
