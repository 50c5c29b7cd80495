/**
 * Object Storage write paths racing reads and commits, driven on the provider's own functions over
 * a real state dir so the interleaving is exact: the overwrite/delete/re-upload runs in the same
 * tick as the lookup, before the GET's or the commit's first await.
 */
import { existsSync, rmSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '#local/emulator/core/events.ts';
import { StateStore } from '#local/emulator/core/store.ts';
import type { EmulatorRequest, ProviderContext } from '#local/emulator/core/types.ts';
import { MAX_PUT_SIZE, type OsContext } from '#local/emulator/services/objectstorage/context.ts';
import { commitUpload, createUpload } from '#local/emulator/services/objectstorage/multipart.ts';
import { readObject } from '#local/emulator/services/objectstorage/read.ts';
import { OsStore, type BucketRecord } from '#local/emulator/services/objectstorage/store.ts';
import { commitObject, receiveBody } from '#local/emulator/services/objectstorage/write.ts';
import { newEtag } from '#local/emulator/core/ids.ts';
import { tempDir, uid } from '../helpers/emulator.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(): { os: OsContext; bucket: BucketRecord } {
  const dir = tempDir('os-race');
  dirs.push(dir);
  const store = new StateStore(dir);
  const ctx = {
    store,
    events: new EventBus(),
    now: Date.now,
    baseUrl: () => 'http://127.0.0.1:0',
    provider: () => undefined,
    tenancy: {},
  } as unknown as ProviderContext;
  const os: OsContext = { ctx, state: new OsStore(store), options: { minPartSize: 1, maxObjectSize: MAX_PUT_SIZE } };
  const bucket = {
    namespace: 'ns',
    name: uid('b'),
    id: 'ocid1.bucket.oc1..x',
    compartmentId: 'ocid1.tenancy.oc1..x',
    createdBy: 'x',
    timeCreated: new Date().toISOString(),
    etag: newEtag(),
    publicAccessType: 'NoPublicAccess',
    storageTier: 'Standard',
    objectEventsEnabled: false,
    metadata: {},
    freeformTags: {},
    definedTags: {},
  } satisfies BucketRecord;
  os.state.buckets.put(bucket.name, bucket);
  return { os, bucket };
}

async function putBody(os: OsContext, bucket: BucketRecord, name: string, body: string) {
  const blob = await receiveBody(os, Buffer.from(body), { maxBytes: MAX_PUT_SIZE });
  return commitObject(os, { bucket, name, blob, headers: { contentType: 'text/plain', meta: {} }, preconditions: {} });
}

function getReq(headers: Record<string, string> = {}): EmulatorRequest {
  return { method: 'GET', header: (h: string) => headers[h], query: () => undefined } as unknown as EmulatorRequest;
}

async function drain(stream: Readable | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream!) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('GET racing an overwrite or delete', () => {
  it('serves the old body whole when an overwrite removes its blob before the stream opens', async () => {
    const { os, bucket } = setup();
    const old = await putBody(os, bucket, 'k', 'old body '.repeat(1000));
    const blob = await receiveBody(os, Buffer.from('new body'), { maxBytes: MAX_PUT_SIZE });
    const res = readObject(os, getReq(), os.state.getObject(bucket.name, 'k')!);
    // same tick: a concurrent PUT commits and unlinks the old blob
    const next = commitObject(os, {
      bucket,
      name: 'k',
      blob,
      headers: { contentType: 'text/plain', meta: {} },
      preconditions: {},
    });
    expect(existsSync(os.ctx.store.blobs.path(old.blobId))).toBe(false);
    expect(await drain(res.stream)).toBe('old body '.repeat(1000));
    expect(next.etag).not.toBe(old.etag);
  });

  it('serves the old range when a delete removes the blob before the stream opens', async () => {
    const { os, bucket } = setup();
    const o = await putBody(os, bucket, 'r', '0123456789');
    const res = readObject(os, getReq({ range: 'bytes=2-5' }), o);
    os.state.deleteObject(bucket.name, 'r');
    os.ctx.store.blobs.delete(o.blobId);
    expect(res.status).toBe(206);
    expect(await drain(res.stream)).toBe('2345');
  });
});

describe('multipart commit racing a part re-upload', () => {
  it('commits the parts it validated even when one is replaced mid-commit', async () => {
    const { os, bucket } = setup();
    const u = createUpload(os, { bucket, object: 'mp', headers: { contentType: 'text/plain', meta: {} } });
    const parts = [];
    for (const [n, body] of [
      [1, 'part-one|'],
      [2, 'part-two|'],
      [3, 'part-three'],
    ] as const) {
      const blob = await receiveBody(os, Buffer.from(body), { maxBytes: MAX_PUT_SIZE });
      const p = {
        uploadId: u.uploadId,
        partNumber: n,
        blobId: blob.id,
        size: blob.size,
        md5: blob.md5,
        etag: newEtag(),
        time: new Date().toISOString(),
      };
      os.state.putPart(p);
      parts.push(p);
    }
    const blob = await receiveBody(os, Buffer.from('REPLACED'), { maxBytes: MAX_PUT_SIZE });
    const committing = commitUpload(
      os,
      bucket,
      u,
      { partsToCommit: parts.map((p) => ({ partNum: p.partNumber, etag: p.etag })), partsToExclude: [] },
      {},
    );
    // same tick: part 2 is uploaded again (what uploadPart does once its body is in)
    os.state.putPart({ ...parts[1]!, blobId: blob.id, size: blob.size, md5: blob.md5, etag: newEtag() });
    os.ctx.store.blobs.delete(parts[1]!.blobId);
    const rec = await committing;
    expect(rec.multipartMd5).toMatch(/-3$/);
    expect(await drain(readObject(os, getReq(), rec).stream)).toBe('part-one|part-two|part-three');
  });
});
