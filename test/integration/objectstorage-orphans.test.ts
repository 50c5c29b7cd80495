/** Object Storage start-up: blobs no record refers to (left by a kill mid-write) are reclaimed. */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ObjectStorageClient } from 'oci-objectstorage';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { createLogger } from '#shared/log.ts';
import { startEmulatorFixture, uid, type EmulatorFixture, clientOf } from '../helpers/emulator.ts';

const lines: string[] = [];
const providers = [
  identityAuthProvider,
  createObjectStorageProvider({ minPartSize: 1, log: createLogger({ sink: (l) => lines.push(l) }) }),
];
let f: EmulatorFixture | undefined;
afterAll(async () => {
  await f?.stop();
});

const client = (fx: EmulatorFixture): ObjectStorageClient => clientOf(fx, ObjectStorageClient);

describe('orphaned blobs', () => {
  it('deletes blobs no object or part refers to at start, keeps referenced ones, and logs the count', async () => {
    f = await startEmulatorFixture({ providers });
    let os = client(f);
    const namespaceName = (await os.getNamespace({})).value;
    const bucketName = uid('b');
    await os.createBucket({
      namespaceName,
      createBucketDetails: { name: bucketName, compartmentId: f.emu.admin.tenancyId },
    });
    await os.putObject({
      namespaceName,
      bucketName,
      objectName: 'kept',
      putObjectBody: 'object body',
      contentLength: 11,
    });
    const up = await os.createMultipartUpload({
      namespaceName,
      bucketName,
      createMultipartUploadDetails: { object: 'mp' },
    });
    await os.uploadPart({
      namespaceName,
      bucketName,
      objectName: 'mp',
      uploadId: up.multipartUpload.uploadId,
      uploadPartNum: 1,
      uploadPartBody: 'part body',
      contentLength: 9,
    });

    const blobDir = join(f.stateDir, 'blobs');
    const referenced = readdirSync(blobDir);
    expect(referenced).toHaveLength(2);
    const orphans = [randomUUID(), randomUUID()];
    for (const id of orphans) writeFileSync(join(blobDir, id), 'orphan');
    writeFileSync(join(blobDir, 'README'), 'not a blob');

    f = await f.restart();
    os = client(f);
    for (const id of orphans) expect(existsSync(join(blobDir, id))).toBe(false);
    expect(readdirSync(blobDir).sort()).toEqual([...referenced, 'README'].sort());
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: 'reclaimed orphaned blobs', reclaimed: 2 }),
    );

    const got = await os.getObject({ namespaceName, bucketName, objectName: 'kept' });
    expect(await new Response(got.value as ReadableStream).text()).toBe('object body');
    await os.commitMultipartUpload({
      namespaceName,
      bucketName,
      objectName: 'mp',
      uploadId: up.multipartUpload.uploadId,
      commitMultipartUploadDetails: {
        partsToCommit: [
          {
            partNum: 1,
            etag: (
              await os.listMultipartUploadParts({
                namespaceName,
                bucketName,
                objectName: 'mp',
                uploadId: up.multipartUpload.uploadId,
              })
            ).items[0]!.etag!,
          },
        ],
      },
    });
    const mp = await os.getObject({ namespaceName, bucketName, objectName: 'mp' });
    expect(await new Response(mp.value as ReadableStream).text()).toBe('part body');
  });
});
