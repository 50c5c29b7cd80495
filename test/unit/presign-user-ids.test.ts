/**
 * Users whose verified id is not a plain id (emails, `auth0|123`): uploads, settlement, quota,
 * downloads and deletes work; paths and the ledger use userSegment(userId); the API shows the id.
 */
import { describe, expect, it } from 'vitest';
import { BUCKET, presignWorld } from '../helpers/presign-world.ts';
import { userSegment } from '#shared/storage/paths.ts';
import { quotaSchema } from '../../functions/quota/schema.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const AUTH0 = 'auth0|123';

function setup() {
  const { stores, store, ledger, settlement, gql } = presignWorld();
  /** Uploads `size` bytes as `userId` through the PAR path and settles the create event. */
  const uploadAndSettle = async (
    userId: string,
    filename: string,
    size: number,
    kind = 'DATASET',
    collectionId = 'ds1',
  ) => {
    const r = await gql(userId, ['operator'], UPLOAD, { i: { kind, collectionId, filename, sizeBytes: size } });
    expect(r.errors).toBeUndefined();
    const uri: string = r.data!.createUploadUrl.uri;
    const objectName = uri.slice('oci://user-files@ns/'.length);
    store.put(BUCKET, objectName, size);
    expect(
      await settlement.settle({
        eventId: `ev-${objectName}`,
        action: 'create',
        namespace: 'ns',
        bucket: BUCKET,
        objectName,
      }),
    ).toBe('applied');
    return { uri, objectName };
  };
  return { stores, store, ledger, gql, uploadAndSettle };
}

const UPLOAD = `mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { uri url method } }`;
const QUOTA =
  `query($u: ID) { quota(userId: $u) { userId storage { usedBytes reservedBytes } rateLimits { ` +
  `uploadsLastHour } } }`;
const SET =
  `mutation($u: ID!, $l: QuotaLimitsInput) { setQuotaLimits(userId: $u, limits: $l) { storage { limitBytes ` + `} } }`;
const DL = `mutation($u: String!) { createDownloadUrl(uri: $u) { url method } }`;
const DEL = `mutation($u: String!) { deleteFile(uri: $u) { deletedCount deletedBytes } }`;
const USAGE = `query { storageUsage { totalBytes byKind { kind bytes files } } }`;

describe('email and auth0|… user ids', () => {
  it('upload goes under the hashed segment; the create event settles into the quota the user sees', async () => {
    const { gql, store, uploadAndSettle } = setup();
    const seg = userSegment(ALICE);
    const { uri, objectName } = await uploadAndSettle(ALICE, 'a.csv', 1234);
    expect(objectName).toBe(`datasets/${seg}/ds1/a.csv`);
    expect(uri).toBe(`oci://user-files@ns/datasets/${seg}/ds1/a.csv`);
    expect(store.pars[0]).toMatchObject({ objectName, access: 'ObjectWrite' });
    const q = await gql(ALICE, ['viewer'], QUOTA, {}, quotaSchema);
    expect(q.data!.quota).toEqual({
      userId: ALICE,
      storage: { usedBytes: 1234, reservedBytes: 0 },
      rateLimits: { uploadsLastHour: 1 },
    });
    expect((await gql(ALICE, ['viewer'], USAGE)).data!.storageUsage).toMatchObject({
      totalBytes: 1234,
      byKind: expect.arrayContaining([{ kind: 'DATASET', bytes: 1234, files: 1 }]),
    });
  });

  it('the owner lists, downloads and deletes own files; deleting gives the bytes back', async () => {
    const { gql, store, uploadAndSettle } = setup();
    const { uri, objectName } = await uploadAndSettle(AUTH0, 'w.bin', 500, 'MODEL', 'm1');
    expect(objectName).toBe(`models/${userSegment(AUTH0)}/m1/w.bin`);
    const files = await gql(
      AUTH0,
      ['viewer'],
      `query { files(kind: MODEL, collectionId: "m1") { nodes { uri filename sizeBytes } } }`,
    );
    expect(files.data!.files.nodes).toEqual([{ uri, filename: 'w.bin', sizeBytes: 500 }]);
    expect((await gql(AUTH0, ['viewer'], DL, { u: uri })).data!.createDownloadUrl.method).toBe('GET');
    expect(store.pars.at(-1)).toMatchObject({ objectName, access: 'ObjectRead' });
    expect((await gql(AUTH0, ['operator'], DEL, { u: uri })).data!.deleteFile).toEqual({
      deletedCount: 1,
      deletedBytes: 500,
    });
    expect((await gql(AUTH0, ['viewer'], QUOTA, {}, quotaSchema)).data!.quota.storage.usedBytes).toBe(0);
  });

  it("another email user is FORBIDDEN on alice's files and sees none of them", async () => {
    const { gql, store, uploadAndSettle } = setup();
    const { uri } = await uploadAndSettle(ALICE, 'a.csv', 10);
    const parsBefore = store.pars.length;
    expect((await gql(BOB, ['operator'], DL, { u: uri })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await gql(BOB, ['operator'], DEL, { u: uri })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(store.pars).toHaveLength(parsBefore);
    expect((await store.list({ bucket: BUCKET, prefix: `datasets/${userSegment(ALICE)}/` })).objects).toHaveLength(1);
    expect((await gql(BOB, ['viewer'], `query { files(kind: DATASET) { nodes { uri } } }`)).data!.files.nodes).toEqual(
      [],
    );
    expect(
      (await gql(BOB, ['operator'], `mutation { deleteDataset(datasetId: "ds1") { deletedCount } }`)).data!
        .deleteDataset.deletedCount,
    ).toBe(0);
    expect((await gql(BOB, ['viewer'], QUOTA, {}, quotaSchema)).data!.quota.storage.usedBytes).toBe(0);
    expect((await gql(BOB, ['viewer'], QUOTA, { u: ALICE }, quotaSchema)).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('an admin finds usage by the email, sets its limits, and they apply to the user', async () => {
    const { gql, uploadAndSettle } = setup();
    await uploadAndSettle(ALICE, 'a.csv', 700);
    const q = await gql('root', ['admin'], QUOTA, { u: ALICE }, quotaSchema);
    expect(q.data!.quota).toMatchObject({ userId: ALICE, storage: { usedBytes: 700 } });
    // the segment is not an alias of the user: asking for it is another (empty) account
    expect(
      (await gql('root', ['admin'], QUOTA, { u: userSegment(ALICE) }, quotaSchema)).data!.quota.storage.usedBytes,
    ).toBe(0);
    expect(
      (await gql('root', ['admin'], SET, { u: ALICE, l: { maxStorageBytes: 1000 } }, quotaSchema)).data!.setQuotaLimits
        .storage.limitBytes,
    ).toBe(1000);
    const over = await gql(ALICE, ['operator'], UPLOAD, {
      i: { kind: 'DATASET', collectionId: 'ds1', filename: 'b.csv', sizeBytes: 301 },
    });
    expect(over.errors?.[0]?.extensions.code).toBe('STORAGE_QUOTA_EXCEEDED');
    expect(
      (
        await gql(ALICE, ['operator'], UPLOAD, {
          i: { kind: 'DATASET', collectionId: 'ds1', filename: 'b.csv', sizeBytes: 300 },
        })
      ).errors,
    ).toBeUndefined();
  });

  it('training logs: the job owner record holds the segment; log bytes settle to the email user', async () => {
    const { gql, stores, uploadAndSettle } = setup();
    await uploadAndSettle(ALICE, 'output.log', 42, 'LOG', 'job-1');
    expect((await stores.jobs.get('job-1'))?.value.userId).toBe(userSegment(ALICE));
    const logUpload = { i: { kind: 'LOG', collectionId: 'job-1', filename: 'output.log', sizeBytes: 1 } };
    expect((await gql(BOB, ['operator'], UPLOAD, logUpload)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await gql(ALICE, ['operator'], UPLOAD, logUpload)).errors).toBeUndefined();
    const files = `query { files(kind: LOG, collectionId: "job-1") { nodes { sizeBytes } } }`;
    expect((await gql(ALICE, ['viewer'], files)).data!.files.nodes).toEqual([{ sizeBytes: 42 }]);
    expect((await gql(BOB, ['viewer'], files)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await gql(ALICE, ['viewer'], QUOTA, {}, quotaSchema)).data!.quota.storage.usedBytes).toBe(42);
  });

  it('unusable ids: the caller is UNAUTHENTICATED, an admin argument BAD_USER_INPUT; nothing changes', async () => {
    const { gql, store, ledger } = setup();
    const bad = 'x\u0007y';
    const r = await gql(bad, ['operator'], UPLOAD, {
      i: { kind: 'DATASET', collectionId: 'ds1', filename: 'a.csv', sizeBytes: 1 },
    });
    expect(r.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(store.pars).toHaveLength(0);
    expect(
      (await gql('root', ['admin'], QUOTA, { u: 'é'.repeat(129) }, quotaSchema)).errors?.[0]?.extensions.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await gql('root', ['admin'], SET, { u: '', l: { maxStorageBytes: 5 } }, quotaSchema)).errors?.[0]?.extensions
        .code,
    ).toBe('BAD_USER_INPUT');
    expect((await ledger.snapshot('root')).uploadsLastHour).toBe(0);
  });
});
