/**
 * The quota domain on its real adapters against the emulator: the NoSQL-backed ledger under
 * concurrency, settlement over NoSQL + Object Storage with duplicated and reordered events, and
 * the Object Storage adapter (PARs, head, list paging, delete).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { NosqlClient } from 'oci-nosql';
import { ObjectStorageClient } from 'oci-objectstorage';
import { OciNosqlTable } from '#shared/persistence/nosql-oci.ts';
import { ensureTables } from '#shared/persistence/nosql-tables-oci.ts';
import type { TableDef } from '#shared/persistence/port.ts';
import { createLedger } from '#shared/storage/ledger.ts';
import { createSettlement } from '#shared/storage/settlement.ts';
import { QUOTA_TABLES, quotaStores, type DocRow } from '#shared/storage/tables.ts';
import { createOciObjectStore } from '#shared/storage/objectstorage-oci.ts';
import type { ObjectStore } from '#shared/storage/port.ts';
import { startEmulatorFixture, uid, type EmulatorFixture } from '../helpers/emulator.ts';

let f: EmulatorFixture;
let os: ObjectStorageClient;
let store: ObjectStore;
let stores: ReturnType<typeof quotaStores>;
let bucket: string;
// as the functions build them (createOciClient): no circuit breaker and no SDK retrier, whose own backoff
// (seconds per 429 or 503) would sit under the ledger's retries and stretch a run to a minute
const noBreaker = {
  circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
  retryConfiguration: common.NoRetryConfigurationDetails,
};

beforeAll(async () => {
  f = await startEmulatorFixture();
  const compartmentId = f.emu.admin.tenancyId;
  const nosql = f.point(new NosqlClient({ authenticationDetailsProvider: f.auth }, noBreaker));
  os = f.point(new ObjectStorageClient({ authenticationDetailsProvider: f.auth }, noBreaker));
  const tablePrefix = `${uid('q').replace(/-/g, '_')}_`;
  await ensureTables(Object.values(QUOTA_TABLES) as unknown as TableDef[], {
    client: nosql,
    compartmentId,
    tablePrefix,
    pollMs: 20,
  });
  stores = quotaStores(
    (def) =>
      new OciNosqlTable<DocRow>(def, {
        client: nosql,
        compartmentId,
        tablePrefix,
        retry: { maxAttempts: 2, baseDelayMs: 10 },
      }),
  );
  store = createOciObjectStore({ client: os, retry: () => ({ maxAttempts: 2, baseDelayMs: 10 }) });
  bucket = uid('files');
  await os.createBucket({
    namespaceName: await store.namespace(),
    createBucketDetails: { name: bucket, compartmentId, objectEventsEnabled: true },
  });
});
afterAll(async () => {
  await f.stop();
});

const putVia = (url: string, body: string, method = 'PUT') =>
  fetch(url, { method, body, headers: { 'content-type': 'application/octet-stream' } });

describe('Object Storage adapter', () => {
  it(
    'a write PAR writes exactly its object, refuses GET, another ' + 'object, and use after expiry; a read PAR reads',
    async () => {
      const name = `datasets/u1/${uid('d')}/a.bin`;
      const w = await store.createPar({
        bucket,
        objectName: name,
        access: 'ObjectWrite',
        expiresAt: new Date(Date.now() + 60_000),
        name: 'w',
      });
      expect((await putVia(w.url, 'hello world')).status).toBe(200);
      expect(await store.head({ bucket, objectName: name })).toMatchObject({ sizeBytes: 11 });
      expect((await fetch(w.url)).status).toBe(404);
      expect((await putVia(w.url.replace(/a\.bin$/, 'b.bin'), 'x')).status).toBe(404);
      const r = await store.createPar({
        bucket,
        objectName: name,
        access: 'ObjectRead',
        expiresAt: new Date(Date.now() + 60_000),
        name: 'r',
      });
      expect(await (await fetch(r.url)).text()).toBe('hello world');
      expect((await putVia(r.url, 'overwrite')).status).toBe(404);
      const short = await store.createPar({
        bucket,
        objectName: name,
        access: 'ObjectRead',
        expiresAt: new Date(Date.now() + 1500),
        name: 's',
      });
      await new Promise((res) => setTimeout(res, 1600)); // the PAR's own expiry, not a race: nothing else is awaited
      expect((await fetch(short.url)).status).toBe(404);
    },
  );
  it('head of a missing object is undefined; list pages with nextStart; delete reports existence', async () => {
    const prefix = `models/u1/${uid('m')}/`;
    const ns = await store.namespace();
    for (let i = 0; i < 5; i++)
      await os.putObject({
        namespaceName: ns,
        bucketName: bucket,
        objectName: `${prefix}f${i}`,
        putObjectBody: 'x'.repeat(i + 1),
        contentLength: i + 1,
      });
    expect(await store.head({ bucket, objectName: `${prefix}nope` })).toBeUndefined();
    const p1 = await store.list({ bucket, prefix, limit: 3 });
    expect(p1.objects.map((o) => [o.name.slice(prefix.length), o.sizeBytes])).toEqual([
      ['f0', 1],
      ['f1', 2],
      ['f2', 3],
    ]);
    expect(p1.nextStart).toBe(`${prefix}f3`);
    const p2 = await store.list({ bucket, prefix, limit: 3, start: p1.nextStart! });
    expect(p2.objects.map((o) => o.name.slice(prefix.length))).toEqual(['f3', 'f4']);
    expect(p2.nextStart).toBeUndefined();
    expect(await store.delete({ bucket, objectName: `${prefix}f0` })).toBe(true);
    expect(await store.delete({ bucket, objectName: `${prefix}f0` })).toBe(false);
  });
});

describe('ledger and settlement on NoSQL', () => {
  it('100 concurrent admissions with room for exactly 10 admit exactly 10', async () => {
    const ledger = createLedger({ usage: stores.usage });
    const user = uid('u');
    await ledger.setLimits({ userId: user, limits: { maxStorageBytes: 10_000 } });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        ledger.admit({
          userId: user,
          path: `datasets/${user}/d/f${i}`,
          sizeBytes: 1000,
          expiresAt: Date.now() + 3_600_000,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(
      new Set(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []))),
    ).toEqual(new Set(['STORAGE_QUOTA_EXCEEDED']));
    expect(await ledger.snapshot(user)).toMatchObject({ reservedBytes: 10_000, uploadsLastHour: 10 });
  });
  it('duplicated and reordered events settle once, to what the bucket holds', async () => {
    const ledger = createLedger({ usage: stores.usage });
    const settlement = createSettlement({ ...stores, store, bucket });
    const user = uid('u');
    const path = `datasets/${user}/d/a.bin`;
    const ns = await store.namespace();
    const put = async (body: string) =>
      (
        await os.putObject({
          namespaceName: ns,
          bucketName: bucket,
          objectName: path,
          putObjectBody: body,
          contentLength: body.length,
        })
      ).eTag;
    await ledger.admit({ userId: user, path, sizeBytes: 3, expiresAt: Date.now() + 3_600_000 });
    const e1 = await put('12345');
    const e2 = await put('1234567890');
    const ev = (id: string, action: 'create' | 'update' | 'delete', eTag: string) => ({
      eventId: id,
      action,
      namespace: ns,
      bucket,
      objectName: path,
      eTag,
    });
    // newer first, then the older create, then duplicates
    await settlement.settle(ev(`${user}-2`, 'update', e2));
    await settlement.settle(ev(`${user}-1`, 'create', e1));
    await Promise.all([
      settlement.settle(ev(`${user}-2`, 'update', e2)),
      settlement.settle(ev(`${user}-1`, 'create', e1)),
    ]);
    // real size counts (more than declared), and the reservation is released by the settlement
    expect(await ledger.snapshot(user)).toMatchObject({ usedBytes: 10, reservedBytes: 0, filesByKind: { DATASET: 1 } });
    await os.deleteObject({ namespaceName: ns, bucketName: bucket, objectName: path });
    await settlement.settle(ev(`${user}-3`, 'delete', e2));
    await settlement.settle(ev(`${user}-3`, 'delete', e2));
    expect(await ledger.snapshot(user)).toMatchObject({ usedBytes: 0, filesByKind: { DATASET: 0 } });
  });
});

describe('the ledger through ~30 % injected NoSQL faults', () => {
  it(
    'every admission lands exactly once: 429/503/drops retried, writes applied but unanswered resolved by ' +
      're-reading',
    async () => {
      const rules = [
        { service: 'nosql', probability: 0.1, status: 429 },
        { service: 'nosql', probability: 0.1, status: 503 },
        { service: 'nosql', probability: 0.1, drop: true },
        // the write lands, the answer is lost: the case a blind retry would apply twice
        { service: 'nosql', operation: 'UpdateRow', probability: 0.1, drop: true, after: true },
      ];
      for (const r of rules) f.emu.faults.add(r);
      try {
        const ledger = createLedger({
          usage: stores.usage,
          cas: { transientBaseMs: 5, transientCapMs: 50, maxTransient: 30 },
        });
        const users = [uid('chaos'), uid('chaos'), uid('chaos'), uid('chaos')];
        const results = await Promise.allSettled(
          Array.from({ length: 40 }, (_, i) =>
            ledger.admit({
              userId: users[i % 4]!,
              path: `datasets/${users[i % 4]}/d/f${i}`,
              sizeBytes: 10 + i,
              expiresAt: Date.now() + 3_600_000,
            }),
          ),
        );
        expect(
          results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
        ).toEqual([]);
        const log = f.emu.requests.query({ service: 'nosql' });
        expect(log.some((e) => e.code === 'ConnectionDroppedAfterApply')).toBe(true);
        f.emu.faults.clear();
        for (const [u, user] of users.entries()) {
          const mine = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 4 === u);
          const snap = await ledger.snapshot(user);
          expect(snap.uploadsLastHour, user).toBe(mine.length);
          expect(snap.reservedBytes, user).toBe(mine.reduce((s, i) => s + 10 + i, 0));
        }
      } finally {
        f.emu.faults.clear();
      }
    },
  );
});
