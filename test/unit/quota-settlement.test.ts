import { describe, expect, it } from 'vitest';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';
import { createLedger } from '#shared/storage/ledger.ts';
import { createSettlement, type SettleEvent } from '#shared/storage/settlement.ts';
import { createJobOwners } from '#shared/storage/jobs.ts';
import { quotaStores, type DocRow } from '#shared/storage/tables.ts';
import type { RowStore } from '#shared/storage/rows.ts';
import { MemoryObjectStore } from '../helpers/fakes/storage-memory.ts';
import { createLogger } from '#shared/log.ts';

const BUCKET = 'user-files';
const HOUR = 3_600_000;

function setup() {
  let t = Date.parse('2030-01-01T00:00:00Z');
  const now = () => t;
  const stores = quotaStores((def) => new MemoryTable<DocRow>({ def, now }));
  const store = new MemoryObjectStore('ns', now);
  const ledger = createLedger({ usage: stores.usage, now });
  const settlement = createSettlement({ ...stores, store, bucket: BUCKET, now });
  let n = 0;
  const ev = (action: SettleEvent['action'], objectName: string, eTag?: string): SettleEvent => ({
    eventId: `ev-${++n}`,
    action,
    namespace: 'ns',
    bucket: BUCKET,
    objectName,
    ...(eTag ? { eTag } : {}),
  });
  return { stores, store, ledger, settlement, ev, advance: (ms: number) => void (t += ms), now };
}

const P = 'datasets/u1/d1/a.csv';

describe('settlement from bucket events', () => {
  it('create settles the real size and releases the reservation; bigger than declared counts real size', async () => {
    const { store, ledger, settlement, ev, now, advance } = setup();
    await ledger.admit({ userId: 'u1', path: P, sizeBytes: 100, expiresAt: now() + HOUR });
    advance(1000);
    const etag = store.put(BUCKET, P, 250);
    expect(await settlement.settle(ev('create', P, etag))).toBe('applied');
    expect(await ledger.snapshot('u1')).toMatchObject({
      usedBytes: 250,
      reservedBytes: 0,
      usedByKind: { DATASET: 250 },
      filesByKind: { DATASET: 1 },
    });
  });
  it('update replaces the previous size of that object; delete gives the bytes back', async () => {
    const { store, ledger, settlement, ev } = setup();
    await settlement.settle(ev('create', P, store.put(BUCKET, P, 300)));
    await settlement.settle(ev('update', P, store.put(BUCKET, P, 120)));
    expect((await ledger.snapshot('u1')).usedBytes).toBe(120);
    const etag = (await store.head({ bucket: BUCKET, objectName: P }))!.eTag;
    await store.delete({ bucket: BUCKET, objectName: P });
    await settlement.settle(ev('delete', P, etag));
    expect(await ledger.snapshot('u1')).toMatchObject({ usedBytes: 0, filesByKind: { DATASET: 0 } });
  });
  it('a duplicated event (same id) has one effect; a redelivery with a new id but the same eTag too', async () => {
    const { store, ledger, settlement, ev } = setup();
    const e = ev('create', P, store.put(BUCKET, P, 40));
    expect(await settlement.settle(e)).toBe('applied');
    expect(await settlement.settle(e)).toBe('duplicate');
    expect(await settlement.settle({ ...e, eventId: 'other-id' })).toBe('unchanged');
    expect((await ledger.snapshot('u1')).usedBytes).toBe(40);
  });
  it('delete arriving before its create: both together count nothing', async () => {
    const { store, ledger, settlement, ev } = setup();
    const etag = store.put(BUCKET, P, 70);
    await store.delete({ bucket: BUCKET, objectName: P });
    await settlement.settle(ev('delete', P, etag));
    await settlement.settle(ev('create', P, etag));
    expect(await ledger.snapshot('u1')).toMatchObject({ usedBytes: 0, filesByKind: { DATASET: 0 } });
  });
  it("an older eTag's create arriving after the newer one changes nothing", async () => {
    const { store, ledger, settlement, ev } = setup();
    const old = store.put(BUCKET, P, 10);
    const newer = store.put(BUCKET, P, 999);
    await settlement.settle(ev('update', P, newer));
    await settlement.settle(ev('create', P, old));
    expect(await ledger.snapshot('u1')).toMatchObject({ usedBytes: 999, filesByKind: { DATASET: 1 } });
  });
  it(
    'concurrent (and concurrently duplicated) events for many ' + 'objects of one user lose no update and count once',
    async () => {
      const { store, ledger, settlement, ev } = setup();
      const events = Array.from({ length: 30 }, (_, i) =>
        ev('create', `datasets/u1/d1/f${i}`, store.put(BUCKET, `datasets/u1/d1/f${i}`, i + 1)),
      );
      await Promise.all(
        [...events, ...events, ...events.map((e) => ({ ...e, eventId: `${e.eventId}-again` }))].map((e) =>
          settlement.settle(e),
        ),
      );
      expect(await ledger.snapshot('u1')).toMatchObject({ usedBytes: (30 * 31) / 2, filesByKind: { DATASET: 30 } });
    },
  );
  it('a crash between the object row and the usage row is finished by the retry, once', async () => {
    const { stores, store, ledger, ev, now } = setup();
    // usage store that fails once on write: the pending delta stays on the object row
    let failOnce = true;
    const flaky: RowStore<never> = {
      get: (k) => stores.usage.get(k) as never,
      putIf: (k, v, e, o) => {
        if (failOnce) {
          failOnce = false;
          return Promise.reject(new Error('NoSQL unavailable'));
        }
        return stores.usage.putIf(k, v as never, e, o);
      },
      delete: (k) => stores.usage.delete(k),
    };
    const crashing = createSettlement({ ...stores, usage: flaky as never, store, bucket: BUCKET, now });
    const e = ev('create', P, store.put(BUCKET, P, 64));
    await expect(crashing.settle(e)).rejects.toThrow('NoSQL unavailable');
    expect((await stores.objects.get(P))?.value.pending).toBeDefined();
    expect(await crashing.settle(e)).toBe('unchanged');
    expect(await crashing.settle(e)).toBe('duplicate');
    expect((await ledger.snapshot('u1')).usedBytes).toBe(64);
    expect((await stores.objects.get(P))?.value.pending).toBeUndefined();
    expect((await stores.usage.get('u1'))?.value.applied).toEqual({});
  });
  it('a confirmed delete releases the reservation admitted before it, not one admitted after', async () => {
    const { store, ledger, settlement, ev, now, advance } = setup();
    await ledger.admit({ userId: 'u1', path: P, sizeBytes: 500, expiresAt: now() + HOUR });
    advance(1000);
    store.put(BUCKET, P, 80); // uploaded; its create event has not arrived yet
    advance(1000);
    const deletedAt = now();
    await store.delete({ bucket: BUCKET, objectName: P });
    await settlement.reconcile(P, { deletedAt });
    expect(await ledger.snapshot('u1')).toMatchObject({ usedBytes: 0, reservedBytes: 0, filesByKind: { DATASET: 0 } });
    // a plain reconcile (a delete event) of a path nobody deleted keeps a later admission's reservation
    advance(1000);
    await ledger.admit({ userId: 'u1', path: P, sizeBytes: 300, expiresAt: now() + HOUR });
    await settlement.reconcile(P, { deletedAt });
    expect(await settlement.settle(ev('delete', P))).toBe('unchanged');
    expect((await ledger.snapshot('u1')).reservedBytes).toBe(300);
  });
  it('a PUT through a still-valid URL after the delete is charged its real size by its create event', async () => {
    const { store, ledger, settlement, ev, now, advance } = setup();
    await ledger.admit({ userId: 'u1', path: P, sizeBytes: 500, expiresAt: now() + HOUR });
    advance(1000);
    const deletedAt = now();
    store.put(BUCKET, P, 90);
    await store.delete({ bucket: BUCKET, objectName: P });
    await settlement.reconcile(P, { deletedAt });
    expect((await ledger.snapshot('u1')).reservedBytes).toBe(0);
    advance(1000);
    const etag = store.put(BUCKET, P, 700); // the URL is still live: the object comes back, bigger than declared
    expect(await settlement.settle(ev('create', P, etag))).toBe('applied');
    expect(await ledger.snapshot('u1')).toMatchObject({
      usedBytes: 700,
      reservedBytes: 0,
      filesByKind: { DATASET: 1 },
    });
  });
  it('logs count for the job owner; unowned logs and foreign buckets are ignored', async () => {
    const { stores, store, ledger, settlement, ev } = setup();
    const log = 'logs/training/job-1/output.log';
    expect(await settlement.settle(ev('create', log, store.put(BUCKET, log, 5)))).toBe('ignored');
    await createJobOwners(stores.jobs).claim('job-1', 'u2');
    expect(await settlement.settle(ev('update', log, store.put(BUCKET, log, 8)))).toBe('applied');
    expect(await ledger.snapshot('u2')).toMatchObject({ usedBytes: 8, usedByKind: { LOG: 8 } });
    expect(await settlement.settle({ ...ev('create', P), bucket: 'exports' })).toBe('ignored');
  });
  it('events for another namespace are ignored (logged), even for a bucket of the same name', async () => {
    const { stores, store, ledger, ev } = setup();
    const lines: string[] = [];
    const settlement = createSettlement({
      ...stores,
      store,
      bucket: BUCKET,
      log: createLogger({ sink: (l) => void lines.push(l) }),
    });
    const e = ev('create', P, store.put(BUCKET, P, 30));
    expect(await settlement.settle({ ...e, namespace: 'other-tenancy' })).toBe('ignored');
    expect(await ledger.snapshot('u1')).toMatchObject({ usedBytes: 0, filesByKind: { DATASET: 0 } });
    expect(lines.join('\n')).toContain('other-tenancy');
    expect(await settlement.settle(e)).toBe('applied');
    expect((await ledger.snapshot('u1')).usedBytes).toBe(30);
  });
});
