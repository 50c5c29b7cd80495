/** Database provider (autonomous databases) through DatabaseClient. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseClient } from 'oci-database';
import type { DatabaseProvider } from '#local/emulator/services/database/provider.ts';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let db: DatabaseClient;
let p: DatabaseProvider;

beforeAll(async () => {
  kit = await startKit();
  db = kit.client(DatabaseClient);
  p = kit.fx.emu.provider<DatabaseProvider>('database')!;
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('autonomous databases', () => {
  it('lists across pages with workload and state filters, and gets one with its connection URLs', async () => {
    const names = Array.from({ length: 5 }, () => uid('adb'));
    const made = names.map((n, i) =>
      p.createAutonomousDatabase({
        compartmentId: kit.tenancyId,
        displayName: n,
        dbWorkload: i < 3 ? 'OLTP' : 'DW',
        cpuCoreCount: 2 + i,
        ...(i === 4 ? { lifecycleState: 'STOPPED' } : {}),
      }),
    );
    const all = await allPages((page) =>
      db.listAutonomousDatabases({ compartmentId: kit.tenancyId, limit: 2, ...(page ? { page } : {}) }),
    );
    expect(all.pages).toBe(3);
    expect(all.items.map((a) => a.id).sort()).toEqual(made.map((m) => m.id).sort());
    expect(
      (await db.listAutonomousDatabases({ compartmentId: kit.tenancyId, dbWorkload: 'DW' as never })).items,
    ).toHaveLength(2);
    expect(
      (
        await db.listAutonomousDatabases({ compartmentId: kit.tenancyId, lifecycleState: 'STOPPED' as never })
      ).items.map((a) => a.displayName),
    ).toEqual([names[4]]);
    const one = (await db.getAutonomousDatabase({ autonomousDatabaseId: made[1]!.id })).autonomousDatabase;
    expect(one).toMatchObject({
      displayName: names[1],
      dbWorkload: 'OLTP',
      cpuCoreCount: 3,
      dataStorageSizeInTBs: 1,
      lifecycleState: 'AVAILABLE',
    });
    expect(one.connectionUrls?.sqlDevWebUrl).toMatch(/^https:\/\/.+\/ords\/sql-developer$/);
    expect(one.connectionStrings?.high).toContain('_high.adb.oraclecloud.com');
  });

  it('answers 404, 400 and 501 as OCI would', async () => {
    expect(
      (
        await failure(
          db.getAutonomousDatabase({ autonomousDatabaseId: 'ocid1.autonomousdatabase.oc1.iad.aaaaaaaanone' }),
        )
      ).statusCode,
    ).toBe(404);
    expect((await failure(db.getAutonomousDatabase({ autonomousDatabaseId: 'x' }))).statusCode).toBe(400);
    expect((await failure(db.listAutonomousDatabases({ compartmentId: 'x' }))).statusCode).toBe(400);
    const e = await failure(
      db.stopAutonomousDatabase({ autonomousDatabaseId: 'ocid1.autonomousdatabase.oc1.iad.aaaaaaaanone' }),
    );
    expect([e.statusCode, e.message.includes('StopAutonomousDatabase')]).toEqual([501, true]);
  });
});
