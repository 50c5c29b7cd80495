import { describe, expect, it } from 'vitest';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';
import { createLedger } from '#shared/storage/ledger.ts';
import { quotaStores, type DocRow } from '#shared/storage/tables.ts';
import { HOUR_MS } from '#shared/storage/rules.ts';

const GiB = 1024 ** 3;

function setup() {
  let t = Date.parse('2030-01-01T00:00:00Z');
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const stores = quotaStores((def) => new MemoryTable<DocRow>({ def, now: clock.now }));
  const ledger = createLedger({
    usage: stores.usage,
    now: clock.now,
    cas: { sleep: async () => new Promise((r) => setImmediate(r)) },
  });
  return { clock, stores, ledger };
}
const err = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string; message: string }) => e,
  );

describe('admission reserves and counts', () => {
  it('reserves the declared size until expiry and counts in both windows', async () => {
    const { ledger, clock } = setup();
    await ledger.admit({ userId: 'u1', path: 'datasets/u1/d/a', sizeBytes: 1000, expiresAt: clock.now() + HOUR_MS });
    expect(await ledger.snapshot('u1')).toMatchObject({
      usedBytes: 0,
      reservedBytes: 1000,
      uploadsLastHour: 1,
      uploadsLastDay: 1,
    });
    clock.advance(HOUR_MS);
    expect(await ledger.snapshot('u1')).toMatchObject({ reservedBytes: 0, uploadsLastHour: 0, uploadsLastDay: 1 });
  });
  it('a second admission for the same path replaces its reservation', async () => {
    const { ledger, clock } = setup();
    await ledger.admit({ userId: 'u1', path: 'p', sizeBytes: 700, expiresAt: clock.now() + HOUR_MS });
    await ledger.admit({ userId: 'u1', path: 'p', sizeBytes: 900, expiresAt: clock.now() + HOUR_MS });
    expect((await ledger.snapshot('u1')).reservedBytes).toBe(900);
  });
  it('a refusal changes nothing', async () => {
    const { ledger, clock } = setup();
    await ledger.setLimits({ userId: 'u1', limits: { maxStorageBytes: 1000 } });
    const e = await err(ledger.admit({ userId: 'u1', path: 'p', sizeBytes: 1001, expiresAt: clock.now() + HOUR_MS }));
    expect(e).toMatchObject({
      code: 'STORAGE_QUOTA_EXCEEDED',
      message: 'storage quota exceeded: current 0 + upload 1001 > limit 1000 bytes',
    });
    expect(await ledger.snapshot('u1')).toMatchObject({ reservedBytes: 0, uploadsLastHour: 0 });
  });
  it('cancelAdmission leaves nothing behind', async () => {
    const { ledger, clock } = setup();
    const { admittedAt } = await ledger.admit({
      userId: 'u1',
      path: 'p',
      sizeBytes: 5,
      expiresAt: clock.now() + HOUR_MS,
    });
    await ledger.cancelAdmission({ userId: 'u1', path: 'p', admittedAt });
    expect(await ledger.snapshot('u1')).toMatchObject({ reservedBytes: 0, uploadsLastHour: 0, uploadsLastDay: 0 });
  });
});

describe('rate windows with a controllable clock', () => {
  it(
    '51st upload in an hour is refused; when the oldest leaves the window one more passes; the day window still ' +
      'counts',
    async () => {
      const { ledger, clock } = setup();
      for (let i = 0; i < 50; i++) {
        await ledger.admit({ userId: 'u1', path: `p${i}`, sizeBytes: 1, expiresAt: clock.now() + 60_000 });
        clock.advance(1000);
      }
      expect(
        await err(ledger.admit({ userId: 'u1', path: 'x', sizeBytes: 1, expiresAt: clock.now() + 60_000 })),
      ).toMatchObject({ code: 'HOURLY_LIMIT_EXCEEDED' });
      clock.advance(HOUR_MS - 50_000);
      await ledger.admit({ userId: 'u1', path: 'x', sizeBytes: 1, expiresAt: clock.now() + 60_000 });
      // exactly one slot freed (the first admission left the window): the next one is refused again
      expect(await ledger.snapshot('u1')).toMatchObject({ uploadsLastHour: 50, uploadsLastDay: 51 });
      expect(
        await err(ledger.admit({ userId: 'u1', path: 'y', sizeBytes: 1, expiresAt: clock.now() + 60_000 })),
      ).toMatchObject({ code: 'HOURLY_LIMIT_EXCEEDED' });
    },
  );
  it('daily limit with an override', async () => {
    const { ledger, clock } = setup();
    await ledger.setLimits({ userId: 'u1', limits: { maxUploadsPerDay: 3 } });
    for (let i = 0; i < 3; i++) {
      await ledger.admit({ userId: 'u1', path: `p${i}`, sizeBytes: 1, expiresAt: clock.now() + 1 });
      clock.advance(2 * HOUR_MS);
    }
    expect(
      await err(ledger.admit({ userId: 'u1', path: 'x', sizeBytes: 1, expiresAt: clock.now() + 1 })),
    ).toMatchObject({ code: 'DAILY_LIMIT_EXCEEDED' });
    clock.advance(20 * HOUR_MS);
    await ledger.admit({ userId: 'u1', path: 'x', sizeBytes: 1, expiresAt: clock.now() + 1 });
  });
});

describe('tiers and overrides', () => {
  it('PREMIUM raises every limit; null clears an override', async () => {
    const { ledger } = setup();
    await ledger.setLimits({ userId: 'u1', limits: { maxFileSizeBytes: 5 } });
    let s = await ledger.setLimits({ userId: 'u1', tier: 'PREMIUM' });
    expect(s.limits).toEqual({
      maxStorageBytes: 1024 * GiB,
      maxFileSizeBytes: 5,
      maxUploadsPerHour: 500,
      maxUploadsPerDay: 5000,
    });
    s = await ledger.setLimits({ userId: 'u1', limits: { maxFileSizeBytes: null } });
    expect(s.limits.maxFileSizeBytes).toBe(100 * GiB);
  });
  it('bad limits are BAD_USER_INPUT and change nothing', async () => {
    const { ledger } = setup();
    expect(
      await err(ledger.setLimits({ userId: 'u1', tier: 'PREMIUM', limits: { maxStorageBytes: -1 } })),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await ledger.snapshot('u1')).tier).toBe('DEFAULT');
  });
});

describe('conditional writes under contention', () => {
  it('100 concurrent admissions with room for exactly 10 admit exactly 10', async () => {
    const { ledger, clock } = setup();
    await ledger.setLimits({ userId: 'u1', limits: { maxStorageBytes: 10 * 1000 } });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        ledger.admit({ userId: 'u1', path: `datasets/u1/d/f${i}`, sizeBytes: 1000, expiresAt: clock.now() + HOUR_MS }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const codes = new Set(
      results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : [])),
    );
    expect(ok).toBe(10);
    expect([...codes]).toEqual(['STORAGE_QUOTA_EXCEEDED']);
    expect(await ledger.snapshot('u1')).toMatchObject({ reservedBytes: 10_000, uploadsLastHour: 10 });
  });
  it('no update is lost: 40 concurrent admissions with room for all are all counted', async () => {
    const { ledger, clock } = setup();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ledger.admit({ userId: 'u1', path: `p${i}`, sizeBytes: 3, expiresAt: clock.now() + HOUR_MS }),
      ),
    );
    expect(await ledger.snapshot('u1')).toMatchObject({ reservedBytes: 120, uploadsLastHour: 40 });
  });
});
