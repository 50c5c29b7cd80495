import { describe, expect, it } from 'vitest';
import { BUCKET, call, GiB, MiB, presignWorld } from '../helpers/presign-world.ts';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';
import { createJobOwners } from '#shared/storage/jobs.ts';
import { createLedger } from '#shared/storage/ledger.ts';
import { createSettlement } from '#shared/storage/settlement.ts';
import { quotaStores, type DocRow } from '#shared/storage/tables.ts';
import { MemoryObjectStore } from '../helpers/fakes/storage-memory.ts';
import { quotaSchema } from '../../functions/quota/schema.ts';
import { createPresignService } from '#shared/storage/presign.ts';
import { planUpload } from '#shared/storage/multipart.ts';

const setup = () => presignWorld();

const UPLOAD =
  `mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { uri url method expiresAt ` +
  `multipart { partSize partCount header } } }`;
const input = (o: Record<string, unknown> = {}) => ({
  i: { kind: 'DATASET', collectionId: 'ds1', filename: 'a.csv', sizeBytes: 100, ...o },
});

describe('createUploadUrl', () => {
  it('admits, then issues an ObjectWrite PAR for exactly the server-built path', async () => {
    const { gql, store, ledger } = setup();
    const r = await gql('alice', ['operator'], UPLOAD, input());
    expect(r.errors).toBeUndefined();
    expect(r.data!.createUploadUrl).toMatchObject({
      uri: 'oci://user-files@ns/datasets/alice/ds1/a.csv',
      method: 'PUT',
      multipart: null,
    });
    expect(store.pars).toEqual([
      expect.objectContaining({ objectName: 'datasets/alice/ds1/a.csv', access: 'ObjectWrite', bucket: BUCKET }),
    ]);
    expect(Date.parse(r.data!.createUploadUrl.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(await ledger.snapshot('alice')).toMatchObject({ reservedBytes: 100, uploadsLastHour: 1 });
  });
  it('a viewer is refused upload (FORBIDDEN) and nothing changes', async () => {
    const { gql, store, ledger } = setup();
    const r = await gql('vic', ['viewer'], UPLOAD, input());
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
    expect(store.pars).toHaveLength(0);
    expect((await ledger.snapshot('vic')).uploadsLastHour).toBe(0);
  });
  it.each([
    [{ filename: '../x' }],
    [{ filename: 'a/b' }],
    [{ collectionId: 'bad id' }],
    [{ sizeBytes: 0 }],
    [{ sizeBytes: -5 }],
    [{ contentType: 'nope' }],
    [{ kind: 'LOG', collectionId: 'job1', filename: 'other.log' }],
  ])('bad input %j is BAD_USER_INPUT and changes nothing', async (o) => {
    const { gql, store, ledger } = setup();
    const r = await gql('alice', ['operator'], UPLOAD, input(o));
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(store.pars).toHaveLength(0);
    expect((await ledger.snapshot('alice')).uploadsLastHour).toBe(0);
  });
  it('a domain refusal names the field in extensions.field', async () => {
    const { gql } = setup();
    const r = await gql('alice', ['operator'], UPLOAD, input({ filename: 'a/b' }));
    expect(r.errors?.[0]).toMatchObject({
      message: 'filename must not contain path separators',
      extensions: { code: 'BAD_USER_INPUT', field: 'filename' },
    });
  });
  it('a kind or size GraphQL cannot coerce is refused before any resolver runs; nothing changes', async () => {
    const { gql, store, ledger } = setup();
    for (const o of [{ kind: 'PHOTO' }, { sizeBytes: '100' }, { filename: null }]) {
      const r = await gql('alice', ['operator'], UPLOAD, input(o));
      expect(r.data, JSON.stringify(o)).toBeUndefined();
      expect(r.errors?.[0]?.extensions.code, JSON.stringify(o)).toBe('BAD_USER_INPUT');
    }
    expect(store.pars).toHaveLength(0);
    expect((await ledger.snapshot('alice')).uploadsLastHour).toBe(0);
  });
  it('refusal codes reach GraphQL with their http status', async () => {
    const { gql } = setup();
    const r = await gql('alice', ['operator'], UPLOAD, input({ sizeBytes: 11 * GiB }));
    expect(r.errors?.[0]).toMatchObject({
      message: `file too large: size ${11 * GiB} > limit ${10 * GiB} bytes`,
      extensions: { code: 'FILE_TOO_LARGE', http: { status: 413 } },
    });
  });
  it('a PAR failure after admission leaves nothing behind', async () => {
    const { gql, store, ledger } = setup();
    store.failCreatePar = Object.assign(new Error('boom'), { statusCode: 500 });
    const r = await gql('alice', ['operator'], UPLOAD, input());
    expect(r.errors).toHaveLength(1);
    expect(await ledger.snapshot('alice')).toMatchObject({ reservedBytes: 0, uploadsLastHour: 0, uploadsLastDay: 0 });
  });
  it('an admission whose write landed but whose answer never came back is released', async () => {
    const stores = quotaStores((def) => new MemoryTable<DocRow>({ def }));
    const store = new MemoryObjectStore('ns', Date.now);
    // every usage write lands and then "drops the connection"; the deadline stops the retries
    const usage = {
      ...stores.usage,
      putIf: async (...a: Parameters<typeof stores.usage.putIf>) => {
        await stores.usage.putIf(...a);
        throw Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
      },
    };
    const ledger = createLedger({ usage, cas: { deadlineMs: 0 } });
    const presign = createPresignService({
      ledger,
      settlement: createSettlement({ ...stores, store, bucket: BUCKET }),
      jobs: createJobOwners(stores.jobs),
      store,
      settings: { bucket: BUCKET, uploadTtlSeconds: 3600, multipart: { thresholdBytes: GiB, partBytes: 128 * MiB } },
      log: call.log,
    });
    await expect(
      presign.createUploadUrl(
        { userId: 'alice', isAdmin: false },
        { kind: 'DATASET', collectionId: 'ds1', filename: 'a.csv', sizeBytes: 100 },
      ),
    ).rejects.toBeTruthy();
    expect(store.pars).toHaveLength(0);
    const row = (await stores.usage.get('alice'))!.value;
    expect(Object.keys(row.reservations)).toEqual([]);
    expect(row.admissions).toEqual([]);
    expect(Object.values(row.admissionIds ?? {})).toEqual([expect.objectContaining({ cancelled: true })]);
  });
  it('large files get a multipart plan; 100 GiB premium works', async () => {
    const { gql, ledger } = setup();
    await ledger.setLimits({ userId: 'alice', tier: 'PREMIUM' });
    const r = await gql('alice', ['operator'], UPLOAD, input({ sizeBytes: 100 * GiB }));
    expect(r.data!.createUploadUrl.multipart).toEqual({
      partSize: 128 * MiB,
      partCount: 800,
      header: 'opc-multipart: true',
    });
    expect(planUpload(GiB, { thresholdBytes: GiB, partBytes: 128 * MiB })).toBeUndefined();
    expect(planUpload(10 * 1024 * GiB, { thresholdBytes: GiB, partBytes: 128 * MiB })).toEqual({
      partSize: 1049 * MiB,
      partCount: Math.ceil((10 * 1024 * GiB) / (1049 * MiB)),
    });
  });
  it('logs belong to the first user who asks for the job; others are FORBIDDEN', async () => {
    const { gql } = setup();
    const log = input({ kind: 'LOG', collectionId: 'job-9', filename: 'output.log' });
    expect((await gql('alice', ['operator'], UPLOAD, log)).data!.createUploadUrl.uri).toBe(
      'oci://user-files@ns/logs/training/job-9/output.log',
    );
    expect((await gql('bob', ['operator'], UPLOAD, log)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
  it('a refused log upload does not claim the job: another user can still take it', async () => {
    const { gql } = setup();
    const tooBig = input({ kind: 'LOG', collectionId: 'job-10', filename: 'output.log', sizeBytes: 11 * GiB });
    expect((await gql('alice', ['operator'], UPLOAD, tooBig)).errors?.[0]?.extensions.code).toBe('FILE_TOO_LARGE');
    const ok = input({ kind: 'LOG', collectionId: 'job-10', filename: 'output.log' });
    expect((await gql('bob', ['operator'], UPLOAD, ok)).data!.createUploadUrl.uri).toBe(
      'oci://user-files@ns/logs/training/job-10/output.log',
    );
    expect((await gql('alice', ['operator'], UPLOAD, ok)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('download, listing, deletes', () => {
  const DL = `mutation($u: String!, $t: Int) { createDownloadUrl(uri: $u, ttlSeconds: $t) { url method expiresAt } }`;
  it('download: owner and admin yes, another user FORBIDDEN, ttl bounds', async () => {
    const { gql, store } = setup();
    store.put(BUCKET, 'datasets/alice/ds1/a.csv', 10);
    const uri = 'oci://user-files@ns/datasets/alice/ds1/a.csv';
    expect((await gql('alice', ['viewer'], DL, { u: uri })).data!.createDownloadUrl.method).toBe('GET');
    expect(store.pars.at(-1)).toMatchObject({ access: 'ObjectRead', objectName: 'datasets/alice/ds1/a.csv' });
    expect(
      Date.parse((await gql('root', ['admin'], DL, { u: uri, t: 604800 })).data!.createDownloadUrl.expiresAt) -
        Date.now(),
    ).toBeGreaterThan(604_000_000);
    expect((await gql('bob', ['operator'], DL, { u: uri })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await gql('alice', ['viewer'], DL, { u: uri, t: 604801 })).errors?.[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      (await gql('alice', ['viewer'], DL, { u: 'oci://user-files@ns/datasets/alice/ds1/missing' })).errors?.[0]
        ?.extensions.code,
    ).toBe('NOT_FOUND');
  });
  it("files pages through the caller's objects only", async () => {
    const { gql, store } = setup();
    for (let i = 0; i < 5; i++) store.put(BUCKET, `datasets/alice/ds1/f${i}`, i + 1);
    store.put(BUCKET, 'datasets/bob/ds1/x', 1);
    const Q =
      `query($a: String) { files(kind: DATASET, collectionId: "ds1", first: 2, after: $a) { nodes { filename ` +
      `sizeBytes uri } pageInfo { endCursor hasNextPage } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r: any = await gql('alice', ['viewer'], Q, { a: after });
      seen.push(...r.data.files.nodes.map((n: { filename: string }) => n.filename));
      after = r.data.files.pageInfo.endCursor;
      if (!r.data.files.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    // every edge has a cursor: reading after the first one starts at the second, also once the first is gone
    const E =
      `query($a: String) { files(kind: DATASET, collectionId: "ds1", first: 2, after: $a) { edges { cursor ` +
      `node { filename } } pageInfo { hasPreviousPage } } }`;
    const page: any = await gql('alice', ['viewer'], E, { a: null });
    expect(page.data.files.pageInfo.hasPreviousPage).toBe(false);
    const afterFirst: any = await gql('alice', ['viewer'], E, { a: page.data.files.edges[0].cursor });
    expect(afterFirst.data.files.edges.map((e: { node: { filename: string } }) => e.node.filename)).toEqual([
      'f1',
      'f2',
    ]);
    expect(afterFirst.data.files.pageInfo.hasPreviousPage).toBe(true);
    await store.delete({ bucket: BUCKET, objectName: 'datasets/alice/ds1/f0' });
    const afterGone: any = await gql('alice', ['viewer'], E, { a: page.data.files.edges[0].cursor });
    expect(afterGone.data.files.edges.map((e: { node: { filename: string } }) => e.node.filename)).toEqual([
      'f1',
      'f2',
    ]);
    const forged = Buffer.from('datasets/bob/ds1/').toString('base64url');
    expect((await gql('alice', ['viewer'], Q, { a: forged })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
  it('deleteDataset removes every page and gives the bytes back', async () => {
    const { gql, store, settlement, ledger } = setup();
    for (let i = 0; i < 1001; i++) {
      const p = `datasets/alice/big/f${String(i).padStart(4, '0')}`;
      store.put(BUCKET, p, 2);
      await settlement.reconcile(p);
    }
    expect((await ledger.snapshot('alice')).usedBytes).toBe(2002);
    const r = await gql(
      'alice',
      ['operator'],
      `mutation { deleteDataset(datasetId: "big") { deletedCount deletedBytes } }`,
    );
    expect(r.data!.deleteDataset).toEqual({ deletedCount: 1001, deletedBytes: 2002 });
    expect((await store.list({ bucket: BUCKET, prefix: 'datasets/alice/big/' })).objects).toHaveLength(0);
    expect(await ledger.snapshot('alice')).toMatchObject({ usedBytes: 0, filesByKind: { DATASET: 0 } });
  });
  it('deleteFile of a file whose upload URL is still live gives its reservation back', async () => {
    const { gql, store, ledger } = setup();
    expect((await gql('alice', ['operator'], UPLOAD, input({ sizeBytes: 5000 }))).errors).toBeUndefined();
    store.put(BUCKET, 'datasets/alice/ds1/a.csv', 40); // uploaded; the create event has not arrived
    expect((await ledger.snapshot('alice')).reservedBytes).toBe(5000);
    const D = `mutation($u: String!) { deleteFile(uri: $u) { deletedCount deletedBytes } }`;
    expect(
      (await gql('alice', ['operator'], D, { u: 'oci://user-files@ns/datasets/alice/ds1/a.csv' })).data!.deleteFile,
    ).toEqual({ deletedCount: 1, deletedBytes: 40 });
    expect(await ledger.snapshot('alice')).toMatchObject({ usedBytes: 0, reservedBytes: 0, uploadsLastHour: 1 });
  });
  it('deleteDataset gives back the reservations of the files it deletes', async () => {
    const { gql, store, ledger } = setup();
    expect(
      (await gql('alice', ['operator'], UPLOAD, input({ collectionId: 'dz', sizeBytes: 700 }))).errors,
    ).toBeUndefined();
    store.put(BUCKET, 'datasets/alice/dz/a.csv', 7);
    const r = await gql('alice', ['operator'], `mutation { deleteDataset(datasetId: "dz") { deletedCount } }`);
    expect(r.data!.deleteDataset.deletedCount).toBe(1);
    expect(await ledger.snapshot('alice')).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
  });
  it("deleteFile of another user's file is FORBIDDEN; a viewer cannot delete", async () => {
    const { gql, store } = setup();
    store.put(BUCKET, 'models/bob/m/w.bin', 5);
    const D = `mutation($u: String!) { deleteFile(uri: $u) { deletedCount } }`;
    expect(
      (await gql('alice', ['operator'], D, { u: 'oci://user-files@ns/models/bob/m/w.bin' })).errors?.[0]?.extensions
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (await gql('bob', ['viewer'], D, { u: 'oci://user-files@ns/models/bob/m/w.bin' })).errors?.[0]?.extensions.code,
    ).toBe('FORBIDDEN');
    expect(
      (await gql('bob', ['operator'], D, { u: 'oci://user-files@ns/models/bob/m/w.bin' })).data!.deleteFile
        .deletedCount,
    ).toBe(1);
  });
});

describe('quota subschema', () => {
  const Q =
    `query($u: ID) { quota(userId: $u) { userId tier storage { usedBytes reservedBytes limitBytes usedPct } ` +
    `fileSize { maxBytes } rateLimits { uploadsLastHour hourlyLimit uploadsLastDay dailyLimit } } }`;
  const SET =
    `mutation($u: ID!, $t: QuotaTier, $l: QuotaLimitsInput) { setQuotaLimits(userId: $u, tier: $t, limits: ` +
    `$l) { tier storage { limitBytes } rateLimits { hourlyLimit } } }`;
  it('self for anyone, others for admins only; 64-bit byte counts', async () => {
    const { gql } = setup();
    const me = await gql('alice', ['viewer'], Q, {}, quotaSchema);
    expect(me.data!.quota).toEqual({
      userId: 'alice',
      tier: 'DEFAULT',
      storage: { usedBytes: 0, reservedBytes: 0, limitBytes: 100 * GiB, usedPct: 0 },
      fileSize: { maxBytes: 10 * GiB },
      rateLimits: { uploadsLastHour: 0, hourlyLimit: 50, uploadsLastDay: 0, dailyLimit: 500 },
    });
    expect((await gql('alice', ['operator'], Q, { u: 'bob' }, quotaSchema)).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await gql('root', ['admin'], Q, { u: 'bob' }, quotaSchema)).data!.quota.userId).toBe('bob');
  });
  it('an empty or invalid userId argument is BAD_USER_INPUT for admins and non-admins alike', async () => {
    const { gql } = setup();
    for (const u of ['', 'a\u0001b', 'é'.repeat(129)]) {
      expect((await gql('alice', ['viewer'], Q, { u }, quotaSchema)).errors?.[0]?.extensions.code).toBe(
        'BAD_USER_INPUT',
      );
      expect((await gql('root', ['admin'], Q, { u }, quotaSchema)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await gql('alice', ['viewer'], Q, { u: 'alice' }, quotaSchema)).data!.quota.userId).toBe('alice');
  });
  it('setQuotaLimits is admin only and validates', async () => {
    const { gql } = setup();
    expect(
      (await gql('alice', ['operator'], SET, { u: 'alice', t: 'PREMIUM' }, quotaSchema)).errors?.[0]?.extensions.code,
    ).toBe('FORBIDDEN');
    const r = await gql('root', ['admin'], SET, { u: 'alice', t: 'PREMIUM', l: { maxUploadsPerHour: 9 } }, quotaSchema);
    expect(r.data!.setQuotaLimits).toEqual({
      tier: 'PREMIUM',
      storage: { limitBytes: 1024 * GiB },
      rateLimits: { hourlyLimit: 9 },
    });
    expect(
      (await gql('root', ['admin'], SET, { u: 'alice', l: { maxStorageBytes: 0 } }, quotaSchema)).errors?.[0]
        ?.extensions.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await gql('root', ['admin'], SET, { u: 'alice', t: 'GOLD' }, quotaSchema)).errors?.[0]?.extensions.code,
    ).toBe('BAD_USER_INPUT');
  });
});
