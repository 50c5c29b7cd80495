/** Object Storage emulator: multipart uploads through ObjectStorageClient. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStorageClient } from 'oci-objectstorage';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { startEmulatorFixture, uid, type EmulatorFixture, clientOf, failure } from '../helpers/emulator.ts';

const MIN_PART = 8;
let f: EmulatorFixture;
let os: ObjectStorageClient;
let ns: string;

const text = async (v: unknown) => new Response(v as ReadableStream).text();
const md5 = (s: string) => createHash('md5').update(s).digest();

beforeAll(async () => {
  f = await startEmulatorFixture({
    providers: [identityAuthProvider, createObjectStorageProvider({ minPartSize: MIN_PART })],
  });
  os = clientOf(f, ObjectStorageClient);
  ns = (await os.getNamespace({})).value;
});
afterAll(async () => {
  await f.stop();
});

async function setup(object = 'big/file.bin') {
  const bucketName = uid('mp');
  await os.createBucket({
    namespaceName: ns,
    createBucketDetails: { name: bucketName, compartmentId: f.emu.admin.tenancyId },
  });
  const created = await os.createMultipartUpload({
    namespaceName: ns,
    bucketName,
    createMultipartUploadDetails: { object, contentType: 'application/x-parts', metadata: { 'opc-meta-origin': 'mp' } },
  });
  const uploadId = created.multipartUpload.uploadId;
  const part = async (n: number, body: string) =>
    (
      await os.uploadPart({
        namespaceName: ns,
        bucketName,
        objectName: object,
        uploadId,
        uploadPartNum: n,
        uploadPartBody: body,
        contentLength: body.length,
      })
    ).eTag!;
  return { bucketName, object, uploadId, created, part };
}

describe('multipart uploads', () => {
  it('creates, uploads parts, lists, and commits with opc-multipart-md5', async () => {
    const { bucketName, object, uploadId, created, part } = await setup();
    expect(created.multipartUpload).toMatchObject({ namespace: ns, bucket: bucketName, object, uploadId });
    const bodies = ['aaaaaaaa', 'bbbbbbbbbb', 'cc'];
    const etags = [await part(1, bodies[0]!), await part(2, bodies[1]!), await part(3, bodies[2]!)];
    expect(new Set(etags).size).toBe(3);

    const uploads = await os.listMultipartUploads({ namespaceName: ns, bucketName });
    expect(uploads.items.map((u) => u.uploadId)).toEqual([uploadId]);
    const parts = await os.listMultipartUploadParts({
      namespaceName: ns,
      bucketName,
      objectName: object,
      uploadId,
      limit: 2,
    });
    expect(parts.items.map((p) => [p.partNumber, p.size, p.etag])).toEqual([
      [1, 8, etags[0]],
      [2, 10, etags[1]],
    ]);
    expect(parts.opcNextPage).toBeDefined();
    const rest = await os.listMultipartUploadParts({
      namespaceName: ns,
      bucketName,
      objectName: object,
      uploadId,
      page: parts.opcNextPage!,
    });
    expect(rest.items.map((p) => p.partNumber)).toEqual([3]);
    expect(rest.items[0]!.md5).toBe(md5('cc').toString('base64'));

    const commit = await os.commitMultipartUpload({
      namespaceName: ns,
      bucketName,
      objectName: object,
      uploadId,
      commitMultipartUploadDetails: { partsToCommit: etags.map((etag, i) => ({ partNum: i + 1, etag })) },
    });
    const expected =
      createHash('md5')
        .update(Buffer.concat(bodies.map(md5)))
        .digest('base64') + '-3';
    expect(commit.opcMultipartMd5).toBe(expected);
    const g = await os.getObject({ namespaceName: ns, bucketName, objectName: object });
    expect(await text(g.value)).toBe(bodies.join(''));
    expect(g).toMatchObject({ eTag: commit.eTag, opcMultipartMd5: expected, contentType: 'application/x-parts' });
    expect(g.contentMd5).toBeUndefined();
    expect(g.opcMeta).toEqual({ 'opc-meta-origin': 'mp' });
    expect((await os.listMultipartUploads({ namespaceName: ns, bucketName })).items).toEqual([]);
  });

  it('refuses commits with a wrong etag, an unlisted part, or a small non-last part, keeping the upload', async () => {
    const { bucketName, object, uploadId, part } = await setup('refused');
    const e1 = await part(1, 'x'.repeat(MIN_PART));
    const e2 = await part(2, 'tiny');
    const e3 = await part(3, 'end');
    const commit = (partsToCommit: { partNum: number; etag: string }[], partsToExclude?: number[]) =>
      failure(
        os.commitMultipartUpload({
          namespaceName: ns,
          bucketName,
          objectName: object,
          uploadId,
          commitMultipartUploadDetails: { partsToCommit, ...(partsToExclude ? { partsToExclude } : {}) },
        }),
      );
    const wrong = await commit([{ partNum: 1, etag: 'not-the-etag' }], [2, 3]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.message).toContain('ETag');
    const unlisted = await commit([{ partNum: 1, etag: e1 }]);
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.message).toContain('missing: 2, 3');
    const small = await commit([
      { partNum: 1, etag: e1 },
      { partNum: 2, etag: e2 },
      { partNum: 3, etag: e3 },
    ]);
    expect(small.statusCode).toBe(400);
    expect(small.message).toContain('Part 2');
    const ghost = await commit([{ partNum: 9, etag: e1 }], [1, 2, 3]);
    expect(ghost.statusCode).toBe(400);
    expect((await failure(os.headObject({ namespaceName: ns, bucketName, objectName: object }))).statusCode).toBe(404);

    // excluding the small part works
    await os.commitMultipartUpload({
      namespaceName: ns,
      bucketName,
      objectName: object,
      uploadId,
      commitMultipartUploadDetails: {
        partsToCommit: [
          { partNum: 1, etag: e1 },
          { partNum: 3, etag: e3 },
        ],
        partsToExclude: [2],
      },
    });
    expect(await text((await os.getObject({ namespaceName: ns, bucketName, objectName: object })).value)).toBe(
      'x'.repeat(MIN_PART) + 'end',
    );
  });

  it('re-uploading a part replaces it; bad part numbers and unknown uploads are refused', async () => {
    const { bucketName, object, uploadId, part } = await setup('replace');
    const first = await part(1, 'first');
    const second = await part(1, 'second');
    expect(second).not.toBe(first);
    const parts = await os.listMultipartUploadParts({ namespaceName: ns, bucketName, objectName: object, uploadId });
    expect(parts.items).toHaveLength(1);
    expect(parts.items[0]!.etag).toBe(second);
    const zero = await failure(part(0, 'x'));
    expect(zero.statusCode).toBe(400);
    const big = await failure(part(10001, 'x'));
    expect(big.statusCode).toBe(400);
    const unknown = await failure(
      os.uploadPart({
        namespaceName: ns,
        bucketName,
        objectName: object,
        uploadId: 'nope',
        uploadPartNum: 1,
        uploadPartBody: 'x',
        contentLength: 1,
      }),
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.serviceCode).toBe('UploadNotFound');
    const otherObject = await failure(
      os.uploadPart({
        namespaceName: ns,
        bucketName,
        objectName: 'elsewhere',
        uploadId,
        uploadPartNum: 1,
        uploadPartBody: 'x',
        contentLength: 1,
      }),
    );
    expect(otherObject.statusCode).toBe(404);
  });

  it('abort drops the upload and its parts', async () => {
    const { bucketName, object, uploadId, part } = await setup('aborted');
    await part(1, 'data');
    await os.abortMultipartUpload({ namespaceName: ns, bucketName, objectName: object, uploadId });
    expect((await os.listMultipartUploads({ namespaceName: ns, bucketName })).items).toEqual([]);
    const again = await failure(
      os.listMultipartUploadParts({ namespaceName: ns, bucketName, objectName: object, uploadId }),
    );
    expect(again.statusCode).toBe(404);
    // a bucket with an open upload is not empty; after abort it can be deleted
    await os.deleteBucket({ namespaceName: ns, bucketName });
  });

  it('an open upload keeps its bucket from being deleted', async () => {
    const { bucketName } = await setup('open');
    const e = await failure(os.deleteBucket({ namespaceName: ns, bucketName }));
    expect(e.statusCode).toBe(409);
    expect(e.serviceCode).toBe('BucketNotEmpty');
  });
});
