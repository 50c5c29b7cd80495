/** MySQL provider through DbSystemClient. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbSystemClient } from 'oci-mysql';
import type { MysqlProvider } from '#local/emulator/services/mysql/provider.ts';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let client: DbSystemClient;
let p: MysqlProvider;

beforeAll(async () => {
  kit = await startKit();
  client = kit.client(DbSystemClient);
  p = kit.fx.emu.provider<MysqlProvider>('mysql')!;
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('MySQL DB systems', () => {
  it('lists summaries across pages and gets one with shape, version and endpoints', async () => {
    const made = Array.from({ length: 3 }, (_, i) =>
      p.createDbSystem({
        compartmentId: kit.tenancyId,
        displayName: uid('my'),
        shapeName: 'MySQL.2',
        mysqlVersion: `8.4.${i}`,
      }),
    );
    const all = await allPages((page) =>
      client.listDbSystems({ compartmentId: kit.tenancyId, limit: 2, ...(page ? { page } : {}) }),
    );
    expect(all.pages).toBe(2);
    expect(all.items.map((d) => d.id).sort()).toEqual(made.map((m) => m.id).sort());
    expect(all.items[0]).not.toHaveProperty('subnetId');
    const one = (await client.getDbSystem({ dbSystemId: made[2]!.id })).dbSystem;
    expect(one).toMatchObject({ shapeName: 'MySQL.2', mysqlVersion: '8.4.2', lifecycleState: 'ACTIVE', port: 3306 });
    expect(one.endpoints?.[0]).toMatchObject({ port: 3306, portX: 33060, ipAddress: one.ipAddress });
    expect((await client.listDbSystems({ compartmentId: kit.tenancyId, dbSystemId: made[0]!.id })).items).toHaveLength(
      1,
    );
  });

  it('answers 404, 400 and 501', async () => {
    expect(
      (await failure(client.getDbSystem({ dbSystemId: 'ocid1.mysqldbsystem.oc1.iad.aaaaaaaanone' }))).statusCode,
    ).toBe(404);
    expect((await failure(client.getDbSystem({ dbSystemId: 'bad' }))).statusCode).toBe(400);
    expect(
      (
        await failure(
          client.stopDbSystem({
            dbSystemId: 'ocid1.mysqldbsystem.oc1.iad.aaaaaaaanone',
            stopDbSystemDetails: { shutdownType: 'FAST' as never },
          }),
        )
      ).statusCode,
    ).toBe(501);
  });
});
