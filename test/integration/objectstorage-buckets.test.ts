/** Object Storage emulator: namespace and buckets through the real ObjectStorageClient. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStorageClient } from 'oci-objectstorage';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { startEmulatorFixture, uid, type EmulatorFixture, clientOf, failure } from '../helpers/emulator.ts';

let f: EmulatorFixture;
let os: ObjectStorageClient;
let ns: string;
let compartmentId: string;

const client = (fx: EmulatorFixture): ObjectStorageClient => clientOf(fx, ObjectStorageClient);

beforeAll(async () => {
  f = await startEmulatorFixture({ providers: [identityAuthProvider, createObjectStorageProvider()] });
  os = client(f);
  ns = (await os.getNamespace({})).value;
  compartmentId = f.emu.admin.tenancyId;
});
afterAll(async () => {
  await f.stop();
});

describe('namespace', () => {
  it('GetNamespace answers the tenancy namespace as a JSON string', async () => {
    expect(ns).toBe(f.emu.tenancy.namespace);
    const md = await os.getNamespaceMetadata({ namespaceName: ns });
    expect(md.namespaceMetadata).toEqual({
      namespace: ns,
      defaultS3CompartmentId: compartmentId,
      defaultSwiftCompartmentId: compartmentId,
    });
  });

  it('an unknown namespace is 404 NamespaceNotFound', async () => {
    const e = await failure(os.getBucket({ namespaceName: 'nope', bucketName: 'x' }));
    expect(e.statusCode).toBe(404);
    expect(e.serviceCode).toBe('NamespaceNotFound');
  });
});

describe('buckets', () => {
  it('creates, gets (with etag), heads, updates and deletes a bucket', async () => {
    const name = uid('bkt');
    const created = await os.createBucket({
      namespaceName: ns,
      createBucketDetails: { name, compartmentId, publicAccessType: 'ObjectRead' as never, metadata: { a: 'b' } },
    });
    expect(created.bucket).toMatchObject({
      name,
      namespace: ns,
      compartmentId,
      publicAccessType: 'ObjectRead',
      objectEventsEnabled: false,
      metadata: { a: 'b' },
    });
    expect(created.bucket.id).toMatch(/^ocid1\.bucket\./);
    const got = await os.getBucket({ namespaceName: ns, bucketName: name });
    expect(got.eTag).toBe(got.bucket.etag);
    const head = await os.headBucket({ namespaceName: ns, bucketName: name });
    expect(head.eTag).toBe(got.eTag);

    const upd = await os.updateBucket({
      namespaceName: ns,
      bucketName: name,
      updateBucketDetails: { objectEventsEnabled: true },
    });
    expect(upd.bucket.objectEventsEnabled).toBe(true);
    expect(upd.bucket.etag).not.toBe(got.eTag);
    const stale = await failure(
      os.updateBucket({
        namespaceName: ns,
        bucketName: name,
        ifMatch: got.eTag,
        updateBucketDetails: { objectEventsEnabled: false },
      }),
    );
    expect(stale.statusCode).toBe(412);
    expect((await os.getBucket({ namespaceName: ns, bucketName: name })).bucket.objectEventsEnabled).toBe(true);

    await os.deleteBucket({ namespaceName: ns, bucketName: name });
    const gone = await failure(os.getBucket({ namespaceName: ns, bucketName: name }));
    expect(gone.statusCode).toBe(404);
    expect(gone.serviceCode).toBe('BucketNotFound');
    const headGone = await failure(os.headBucket({ namespaceName: ns, bucketName: name }));
    expect(headGone.statusCode).toBe(404);
  });

  it('refuses duplicate names (409 BucketAlreadyExists) and bad input (400), changing nothing', async () => {
    const name = uid('dup');
    await os.createBucket({
      namespaceName: ns,
      createBucketDetails: { name, compartmentId, objectEventsEnabled: true },
    });
    const dup = await failure(os.createBucket({ namespaceName: ns, createBucketDetails: { name, compartmentId } }));
    expect(dup.statusCode).toBe(409);
    expect(dup.serviceCode).toBe('BucketAlreadyExists');
    expect((await os.getBucket({ namespaceName: ns, bucketName: name })).bucket.objectEventsEnabled).toBe(true);

    const badName = await failure(
      os.createBucket({ namespaceName: ns, createBucketDetails: { name: 'has space', compartmentId } }),
    );
    expect(badName.statusCode).toBe(400);
    const badComp = await failure(
      os.createBucket({ namespaceName: ns, createBucketDetails: { name: uid('c'), compartmentId: 'not-an-ocid' } }),
    );
    expect(badComp.statusCode).toBe(400);
    const badPat = await failure(
      os.createBucket({
        namespaceName: ns,
        createBucketDetails: { name: uid('p'), compartmentId, publicAccessType: 'Everyone' as never },
      }),
    );
    expect(badPat.statusCode).toBe(400);
  });

  it('a bucket holding objects is not deleted (409 BucketNotEmpty)', async () => {
    const name = uid('full');
    await os.createBucket({ namespaceName: ns, createBucketDetails: { name, compartmentId } });
    await os.putObject({ namespaceName: ns, bucketName: name, objectName: 'x', putObjectBody: 'x', contentLength: 1 });
    const e = await failure(os.deleteBucket({ namespaceName: ns, bucketName: name }));
    expect(e.statusCode).toBe(409);
    expect(e.serviceCode).toBe('BucketNotEmpty');
    await os.deleteObject({ namespaceName: ns, bucketName: name, objectName: 'x' });
    await os.deleteBucket({ namespaceName: ns, bucketName: name });
  });

  it('ListBuckets filters by compartment and pages with opc-next-page', async () => {
    const comp = 'ocid1.compartment.oc1..aaaaaaaa' + 'b'.repeat(52);
    const names = Array.from({ length: 7 }, (_, i) => `${uid('lb')}-${i}`);
    for (const name of names)
      await os.createBucket({ namespaceName: ns, createBucketDetails: { name, compartmentId: comp } });
    const seen: string[] = [];
    let page: string | undefined;
    let pages = 0;
    do {
      const r = await os.listBuckets({ namespaceName: ns, compartmentId: comp, limit: 3, ...(page ? { page } : {}) });
      expect(r.items.length).toBeLessThanOrEqual(3);
      seen.push(...r.items.map((b) => b.name));
      page = r.opcNextPage;
      pages++;
    } while (page);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort());
    const other = await os.listBuckets({ namespaceName: ns, compartmentId });
    expect(other.items.map((b) => b.name)).not.toContain(names[0]);
    const missing = await failure(os.listBuckets({ namespaceName: ns, compartmentId: undefined as unknown as string }));
    expect(missing.statusCode).toBe(400);
  });

  it('operations the emulator does not implement answer 501 naming them', async () => {
    const name = uid('nx');
    await os.createBucket({ namespaceName: ns, createBucketDetails: { name, compartmentId } });
    const cases: [string, () => Promise<unknown>][] = [
      [
        'CopyObject',
        () =>
          os.copyObject({
            namespaceName: ns,
            bucketName: name,
            copyObjectDetails: {
              sourceObjectName: 'a',
              destinationRegion: 'us-ashburn-1',
              destinationNamespace: ns,
              destinationBucket: name,
              destinationObjectName: 'b',
            },
          }),
      ],
      ['GetObjectLifecyclePolicy', () => os.getObjectLifecyclePolicy({ namespaceName: ns, bucketName: name })],
      ['ListRetentionRules', () => os.listRetentionRules({ namespaceName: ns, bucketName: name })],
      ['ListObjectVersions', () => os.listObjectVersions({ namespaceName: ns, bucketName: name })],
      ['ListReplicationPolicies', () => os.listReplicationPolicies({ namespaceName: ns, bucketName: name })],
      [
        'ReencryptObject',
        () => os.reencryptObject({ namespaceName: ns, bucketName: name, objectName: 'a', reencryptObjectDetails: {} }),
      ],
      [
        'RestoreObjects',
        () => os.restoreObjects({ namespaceName: ns, bucketName: name, restoreObjectsDetails: { objectName: 'a' } }),
      ],
    ];
    for (const [op, p] of cases) {
      const e = await failure(p());
      expect(e.statusCode, op).toBe(501);
      expect(e.serviceCode).toBe('NotImplemented');
      expect(e.message).toContain(op);
    }
  });
});
