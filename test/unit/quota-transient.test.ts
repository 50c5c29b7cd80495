/**
 * The ledger's writes under transient faults: a conditional write whose answer is lost is resolved
 * by re-reading (never applied twice), a write refused before it ran is retried, a failed
 * admission releases what it reserved, and non-transient errors are not retried.
 */
import { describe, expect, it } from 'vitest';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';
import { UpstreamError, AppError, ErrorCode } from '#shared/errors.ts';
import { updateRow } from '#shared/storage/cas.ts';
import { createLedger } from '#shared/storage/ledger.ts';
import { createJobOwners } from '#shared/storage/jobs.ts';
import type { RowStore, UsageRow } from '#shared/storage/rows.ts';
import { HOUR_MS } from '#shared/storage/rules.ts';
import { quotaStores, type DocRow } from '#shared/storage/tables.ts';
import { runWithDeadline } from '#shared/deadline.ts';
import type { KeyValueTable, PutOptions } from '#shared/persistence/port.ts';
import { createJobStore, type JobRow } from '../../functions/exports/job-store.ts';
import { EXPORT_JOBS_TABLE } from '../../functions/exports/tables.ts';
import type { ExportJob } from '../../functions/exports/model.ts';

// short backoffs for this file's retries (the default base is 2 s)
process.env.OCI_RETRY_BASE_MS = '5';
process.env.OCI_RETRY_CAP_MS = '20';

type Fault = 'lost-answer' | 'refused' | 'rate-limited' | undefined;
/** Wraps a store: each call takes the next planned fault (a lost answer applies the write, then throws). */
function faulty<T>(inner: RowStore<T>, plan: { get?: Fault[]; put?: Fault[] }) {
  const calls = { get: 0, put: 0, applied: 0 };
  const fail = (f: Fault) =>
    f === 'rate-limited'
      ? new AppError(ErrorCode.RateLimited, 429, 'NoSQL is rate limited')
      : new UpstreamError('connection dropped');
  const store: RowStore<T> = {
    async get(key) {
      const f = plan.get?.[calls.get++];
      if (f) throw fail(f);
      return inner.get(key);
    },
    async putIf(key, value, expected, options) {
      const f = plan.put?.[calls.put++];
      if (f && f !== 'lost-answer') throw fail(f);
      const v = await inner.putIf(key, value, expected, options);
      if (v !== undefined) calls.applied++;
      if (f === 'lost-answer') throw fail(f);
      return v;
    },
    delete: (key) => inner.delete(key),
  };
  return { store, calls };
}

const fastCas = { sleep: async () => new Promise<void>((r) => setImmediate(r)) };

function setup(plan: { get?: Fault[]; put?: Fault[] }) {
  const t = Date.parse('2030-01-01T00:00:00Z');
  const stores = quotaStores((def) => new MemoryTable<DocRow>({ def, now: () => t }));
  const f = faulty<UsageRow>(stores.usage, plan);
  const ledger = createLedger({ usage: f.store, now: () => t, cas: fastCas });
  const truth = createLedger({ usage: stores.usage, now: () => t });
  return { ledger, truth, calls: f.calls, t };
}

describe('admission under transient faults', () => {
  it('a write whose answer was lost is found by re-reading and not applied again', async () => {
    const { ledger, truth, calls, t } = setup({ put: ['lost-answer'] });
    const r = await ledger.admit({ userId: 'u1', path: 'datasets/u1/d/a', sizeBytes: 100, expiresAt: t + HOUR_MS });
    expect(r.admissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.applied).toBe(1);
    expect(await truth.snapshot('u1')).toMatchObject({ reservedBytes: 100, uploadsLastHour: 1 });
  });

  it('a write refused before it ran (429, 503) and failing reads are retried until it lands once', async () => {
    const { ledger, truth, calls, t } = setup({ get: ['refused'], put: ['rate-limited', 'refused', 'lost-answer'] });
    await ledger.admit({ userId: 'u1', path: 'p', sizeBytes: 7, expiresAt: t + HOUR_MS });
    expect(calls.applied).toBe(1);
    expect(await truth.snapshot('u1')).toMatchObject({ reservedBytes: 7, uploadsLastHour: 1, uploadsLastDay: 1 });
  });

  it('the same admission id retried by its caller admits once', async () => {
    const { ledger, truth, t } = setup({});
    const a = await ledger.admit({
      userId: 'u1',
      path: 'p',
      sizeBytes: 7,
      expiresAt: t + HOUR_MS,
      admissionId: 'adm-1',
    });
    const b = await ledger.admit({
      userId: 'u1',
      path: 'p',
      sizeBytes: 7,
      expiresAt: t + HOUR_MS,
      admissionId: 'adm-1',
    });
    expect(b).toEqual(a);
    expect(await truth.snapshot('u1')).toMatchObject({ reservedBytes: 7, uploadsLastHour: 1 });
  });

  it(
    'cancelling by admission id is exact and idempotent, and ' + 'a never-landed admission cancels to nothing',
    async () => {
      const { ledger, truth, t } = setup({});
      await ledger.admit({ userId: 'u1', path: 'keep', sizeBytes: 5, expiresAt: t + HOUR_MS, admissionId: 'keep' });
      await ledger.admit({ userId: 'u1', path: 'p', sizeBytes: 7, expiresAt: t + HOUR_MS, admissionId: 'gone' });
      await ledger.cancelAdmission({ userId: 'u1', path: 'p', admissionId: 'gone' });
      await ledger.cancelAdmission({ userId: 'u1', path: 'p', admissionId: 'gone' });
      await ledger.cancelAdmission({ userId: 'u1', path: 'p', admissionId: 'never-admitted' });
      expect(await truth.snapshot('u1')).toMatchObject({ reservedBytes: 5, uploadsLastHour: 1 });
      await expect(
        ledger.admit({ userId: 'u1', path: 'p', sizeBytes: 7, expiresAt: t + HOUR_MS, admissionId: 'gone' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    },
  );

  it('gives up after the transient budget or the deadline, and does not retry other errors', async () => {
    const { ledger, truth, calls, t } = setup({ put: Array<Fault>(50).fill('refused') });
    await expect(ledger.admit({ userId: 'u1', path: 'p', sizeBytes: 7, expiresAt: t + HOUR_MS })).rejects.toMatchObject(
      { code: 'UPSTREAM_UNAVAILABLE' },
    );
    expect(calls.put).toBe(10);
    expect((await truth.snapshot('u1')).uploadsLastHour).toBe(0);

    const slow = {
      get: async () => undefined,
      putIf: async () => {
        throw new UpstreamError('down');
      },
      delete: async () => {},
    } as RowStore<number>;
    let slept = 0;
    const sleep = async (ms: number) => {
      slept += ms;
    };
    await expect(updateRow(slow, 'k', 'x', () => ({ write: 1, result: 1 }), { deadlineMs: 0, sleep })).rejects.toThrow(
      'down',
    );
    expect(slept).toBe(0);
    // the ambient Fn call deadline bounds it too
    await expect(
      runWithDeadline(Date.now(), () => updateRow(slow, 'k', 'x', () => ({ write: 1, result: 1 }), { sleep })),
    ).rejects.toThrow('down');
    expect(slept).toBe(0);

    let puts = 0;
    const bad = {
      get: async () => undefined,
      putIf: async () => {
        puts++;
        throw new AppError(ErrorCode.BadUserInput, 400, 'row too big');
      },
      delete: async () => {},
    } as RowStore<number>;
    await expect(updateRow(bad, 'k', 'x', () => ({ write: 1, result: 1 }), fastCas)).rejects.toThrow('row too big');
    expect(puts).toBe(1);
  });

  it('a job claim whose answer was lost is resolved by re-reading the owner', async () => {
    const stores = quotaStores((def) => new MemoryTable<DocRow>({ def }));
    const f = faulty(stores.jobs, { put: ['lost-answer'] });
    expect(await createJobOwners(f.store).claim('job-1', 'u1')).toBe('u1');
    expect(await createJobOwners(stores.jobs).claim('job-1', 'u2')).toBe('u1');
  });
});

describe('export job writes under transient faults', () => {
  const job = (o: Partial<ExportJob> = {}): ExportJob => ({
    id: 'job-1',
    state: 'PENDING',
    percentComplete: 0,
    instanceId: 'ocid1.instance.x',
    instanceName: 'vm',
    compartmentId: 'ocid1.compartment.x',
    imageName: 'img',
    format: 'QCOW2',
    namespace: 'ns',
    bucket: 'exports',
    objectName: 'o.qcow2',
    deleteImageAfterExport: true,
    createdBy: 'u1',
    startedAt: 1,
    updatedAt: 1,
    ...o,
  });
  function faultyTable(plan: Fault[]) {
    const inner = new MemoryTable<JobRow>({ def: EXPORT_JOBS_TABLE as never });
    let n = 0;
    let applied = 0;
    const table = new Proxy(inner, {
      get(target, prop, recv) {
        if (prop !== 'put') return Reflect.get(target, prop, recv);
        return async (value: JobRow, options?: PutOptions) => {
          const f = plan[n++];
          if (f === 'refused' || f === 'rate-limited') throw new UpstreamError('503 from NoSQL');
          const r = await inner.put(value, options);
          if (r.ok) applied++;
          if (f === 'lost-answer') throw new UpstreamError('connection dropped');
          return r;
        };
      },
    }) as unknown as KeyValueTable<JobRow>;
    return { table, applied: () => applied };
  }

  it(
    'a create and an update whose answers were lost are found by ' + 're-reading: one write each, versions returned',
    async () => {
      const { table, applied } = faultyTable(['lost-answer', 'refused', 'lost-answer']);
      const jobs = createJobStore(table);
      await runWithDeadline(Date.now() + 60_000, async () => {
        const v1 = await jobs.create(job());
        expect(v1).toBeTruthy();
        const v2 = await jobs.update(job({ state: 'CREATING_IMAGE', updatedAt: 2 }), v1!);
        expect(v2).toBeTruthy();
        expect(await jobs.get('job-1')).toMatchObject({ version: v2, job: { state: 'CREATING_IMAGE' } });
      });
      expect(applied()).toBe(2);
    },
  );

  it('a write refused while another writer got in is a conflict (undefined), never a success over it', async () => {
    const inner = new MemoryTable<JobRow>({ def: EXPORT_JOBS_TABLE as never });
    let n = 0;
    const table = new Proxy(inner, {
      get(target, prop, recv) {
        if (prop !== 'put') return Reflect.get(target, prop, recv);
        return async (value: JobRow, options?: PutOptions) => {
          if (++n === 2) {
            // the canceller's write lands while ours fails with a 503
            const cur = (await inner.get({ id: 'job-1' }))!;
            await inner.put(
              { ...cur.value, state: 'CANCELED', data: { ...cur.value.data, state: 'CANCELED', updatedAt: 3 } },
              { ifVersion: cur.version },
            );
            throw new UpstreamError('503 from NoSQL');
          }
          return inner.put(value, options);
        };
      },
    }) as unknown as KeyValueTable<JobRow>;
    const jobs = createJobStore(table);
    const v1 = (await jobs.create(job()))!;
    expect(
      await runWithDeadline(Date.now() + 60_000, () => jobs.update(job({ state: 'CREATING_IMAGE', updatedAt: 2 }), v1)),
    ).toBeUndefined();
    expect((await jobs.get('job-1'))!.job.state).toBe('CANCELED');
  });
});
