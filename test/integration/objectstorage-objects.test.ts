/** Object Storage emulator: objects, listing, ETags, ranges, events and persistence through ObjectStorageClient. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { startEmulatorFixture, uid, waitFor, type EmulatorFixture, clientOf, failure } from '../helpers/emulator.ts';

let f: EmulatorFixture;
let os: ObjectStorageClient;
let ns: string;
const providers = [identityAuthProvider, createObjectStorageProvider()];

const client = (fx: EmulatorFixture): ObjectStorageClient => clientOf(fx, ObjectStorageClient);
async function bucket(o: { events?: boolean } = {}): Promise<string> {
  const name = uid('b');
  await os.createBucket({
    namespaceName: ns,
    createBucketDetails: { name, compartmentId: f.emu.admin.tenancyId, objectEventsEnabled: o.events ?? false },
  });
  return name;
}
const text = async (v: unknown) => new Response(v as ReadableStream).text();
const put = (bucketName: string, objectName: string, body: string, extra: Record<string, unknown> = {}) =>
  os.putObject({
    namespaceName: ns,
    bucketName,
    objectName,
    putObjectBody: body,
    contentLength: Buffer.byteLength(body),
    ...extra,
  });

beforeAll(async () => {
  f = await startEmulatorFixture({ providers });
  os = client(f);
  ns = (await os.getNamespace({})).value;
});
afterAll(async () => {
  await f.stop();
});

describe('PutObject / GetObject / HeadObject', () => {
  it('round-trips the body, content headers and opc-meta-*, with a new UUID ETag per write', async () => {
    const b = await bucket();
    const name = 'dir/a b+c&d#e?.txt';
    const body = 'hello object storage';
    const md5 = createHash('md5').update(body).digest('base64');
    const r1 = await put(b, name, body, {
      contentType: 'text/plain',
      contentLanguage: 'en',
      contentEncoding: 'identity',
      contentDisposition: 'inline',
      cacheControl: 'no-cache',
      contentMD5: md5,
      opcMeta: { owner: 'alice' },
    });
    expect(r1.eTag).toMatch(/^[0-9a-f-]{36}$/);
    expect(r1.opcContentMd5).toBe(md5);
    expect(r1.lastModified).toBeDefined();

    const g = await os.getObject({ namespaceName: ns, bucketName: b, objectName: name });
    expect(await text(g.value)).toBe(body);
    expect(g).toMatchObject({
      eTag: r1.eTag,
      contentLength: body.length,
      contentMd5: md5,
      contentType: 'text/plain',
      contentLanguage: 'en',
      contentEncoding: 'identity',
      contentDisposition: 'inline',
      cacheControl: 'no-cache',
    });
    expect(g.opcMeta).toEqual({ 'opc-meta-owner': 'alice' });

    const h = await os.headObject({ namespaceName: ns, bucketName: b, objectName: name });
    expect(h.eTag).toBe(r1.eTag);
    expect(h.contentLength).toBe(body.length);
    expect(h.opcMeta).toEqual({ 'opc-meta-owner': 'alice' });

    const r2 = await put(b, name, 'second');
    expect(r2.eTag).not.toBe(r1.eTag);
    expect(await text((await os.getObject({ namespaceName: ns, bucketName: b, objectName: name })).value)).toBe(
      'second',
    );
    // the encoded '/' was decoded as part of one name, not split
    const list = await os.listObjects({ namespaceName: ns, bucketName: b });
    expect(list.listObjects.objects.map((o) => o.name)).toEqual([name]);
  });

  it('refuses a wrong Content-MD5 with 400 UnmatchedContentMD5 and keeps the old body', async () => {
    const b = await bucket();
    await put(b, 'k', 'old');
    const e = await failure(put(b, 'k', 'new', { contentMD5: createHash('md5').update('other').digest('base64') }));
    expect(e.statusCode).toBe(400);
    expect(e.serviceCode).toBe('UnmatchedContentMD5');
    expect(await text((await os.getObject({ namespaceName: ns, bucketName: b, objectName: 'k' })).value)).toBe('old');
  });

  it('honours if-match and if-none-match on writes', async () => {
    const b = await bucket();
    const first = await put(b, 'cas', 'v1', { ifNoneMatch: '*' });
    const again = await failure(put(b, 'cas', 'v1b', { ifNoneMatch: '*' }));
    expect(again.statusCode).toBe(412);
    expect(again.serviceCode).toBe('IfNoneMatchFailed');
    const bad = await failure(put(b, 'cas', 'x', { ifNoneMatch: first.eTag }));
    expect(bad.statusCode).toBe(400);
    const second = await put(b, 'cas', 'v2', { ifMatch: first.eTag });
    const stale = await failure(put(b, 'cas', 'v3', { ifMatch: first.eTag }));
    expect(stale.statusCode).toBe(412);
    expect(stale.serviceCode).toBe('IfMatchFailed');
    const missing = await failure(put(b, 'never', 'v', { ifMatch: first.eTag }));
    expect(missing.statusCode).toBe(412);
    const g = await os.getObject({ namespaceName: ns, bucketName: b, objectName: 'cas' });
    expect(g.eTag).toBe(second.eTag);
    expect(await text(g.value)).toBe('v2');
  });

  it('answers 304 for a matching if-none-match and 412 for a failed if-match on reads', async () => {
    const b = await bucket();
    const r = await put(b, 'c', 'cached');
    const nm = await failure(os.getObject({ namespaceName: ns, bucketName: b, objectName: 'c', ifNoneMatch: r.eTag }));
    expect(nm.statusCode).toBe(304);
    const ok = await os.getObject({
      namespaceName: ns,
      bucketName: b,
      objectName: 'c',
      ifNoneMatch: 'other',
      ifMatch: r.eTag,
    });
    expect(await text(ok.value)).toBe('cached');
    const im = await failure(os.getObject({ namespaceName: ns, bucketName: b, objectName: 'c', ifMatch: 'nope' }));
    expect(im.statusCode).toBe(412);
    expect(im.serviceCode).toBe('IfMatchFailed');
    const hm = await failure(os.headObject({ namespaceName: ns, bucketName: b, objectName: 'c', ifMatch: 'nope' }));
    expect(hm.statusCode).toBe(412);
  });

  it('serves byte ranges (206 + content-range) and 416 InvalidRange', async () => {
    const b = await bucket();
    await put(b, 'r', '0123456789');
    const mid = await os.getObject({
      namespaceName: ns,
      bucketName: b,
      objectName: 'r',
      range: new common.Range(2, 5, null),
    });
    expect(await text(mid.value)).toBe('2345');
    expect(mid.contentLength).toBe(4);
    // oci-common 2.139.1 never parses content-range
    // (convertStringToType lower-cases 'common.Range'), so contentRange stays undefined
    const tail = await os.getObject({
      namespaceName: ns,
      bucketName: b,
      objectName: 'r',
      range: new common.Range(7, 100, null),
    });
    expect(await text(tail.value)).toBe('789');
    const e = await failure(
      os.getObject({ namespaceName: ns, bucketName: b, objectName: 'r', range: new common.Range(20, 30, null) }),
    );
    expect(e.statusCode).toBe(416);
    expect(e.serviceCode).toBe('InvalidRange');
  });

  it('applies the httpResponse* query overrides', async () => {
    const b = await bucket();
    await put(b, 'o', 'x', { contentType: 'text/plain' });
    const g = await os.getObject({
      namespaceName: ns,
      bucketName: b,
      objectName: 'o',
      httpResponseContentType: 'application/x-test',
      httpResponseContentDisposition: 'attachment',
      httpResponseCacheControl: 'max-age=5',
    });
    expect(g).toMatchObject({
      contentType: 'application/x-test',
      contentDisposition: 'attachment',
      cacheControl: 'max-age=5',
    });
  });

  it('DeleteObject honours if-match and answers 404 ObjectNotFound afterwards', async () => {
    const b = await bucket();
    const r = await put(b, 'd', 'x');
    const stale = await failure(
      os.deleteObject({ namespaceName: ns, bucketName: b, objectName: 'd', ifMatch: 'nope' }),
    );
    expect(stale.statusCode).toBe(412);
    await os.deleteObject({ namespaceName: ns, bucketName: b, objectName: 'd', ifMatch: r.eTag });
    const g = await failure(os.getObject({ namespaceName: ns, bucketName: b, objectName: 'd' }));
    expect(g.statusCode).toBe(404);
    expect(g.serviceCode).toBe('ObjectNotFound');
    const h = await failure(os.headObject({ namespaceName: ns, bucketName: b, objectName: 'd' }));
    expect(h.statusCode).toBe(404);
  });

  it('rejects names over 1024 bytes', async () => {
    const b = await bucket();
    const e = await failure(put(b, 'x'.repeat(1025), 'x'));
    expect(e.statusCode).toBe(400);
    expect((await os.listObjects({ namespaceName: ns, bucketName: b })).listObjects.objects).toEqual([]);
  });

  it('RenameObject moves the object and keeps its ETag', async () => {
    const b = await bucket();
    const r = await put(b, 'from', 'moving');
    await os.renameObject({
      namespaceName: ns,
      bucketName: b,
      renameObjectDetails: { sourceName: 'from', newName: 'to', newObjIfNoneMatchETag: '*' },
    });
    const g = await os.getObject({ namespaceName: ns, bucketName: b, objectName: 'to' });
    expect(await text(g.value)).toBe('moving');
    expect(g.eTag).toBe(r.eTag);
    expect((await failure(os.headObject({ namespaceName: ns, bucketName: b, objectName: 'from' }))).statusCode).toBe(
      404,
    );
  });
});

describe('ListObjects', () => {
  it('pages with limit/nextStartWith across more than two pages', async () => {
    const b = await bucket();
    const names = Array.from({ length: 11 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    for (const n of names) await put(b, n, n);
    const seen: string[] = [];
    let start: string | undefined;
    let pages = 0;
    do {
      const r = await os.listObjects({ namespaceName: ns, bucketName: b, limit: 4, ...(start ? { start } : {}) });
      seen.push(...r.listObjects.objects.map((o) => o.name));
      start = r.listObjects.nextStartWith;
      pages++;
    } while (start);
    expect(pages).toBe(3);
    expect(seen).toEqual(names);
    const bad = await failure(os.listObjects({ namespaceName: ns, bucketName: b, limit: 1001 }));
    expect(bad.statusCode).toBe(400);
  });

  it('supports prefix, delimiter, start/end, startAfter and fields', async () => {
    const b = await bucket();
    for (const n of ['a/1', 'a/2', 'a/sub/3', 'b/1', 'top']) await put(b, n, 'xyz');
    const d = await os.listObjects({ namespaceName: ns, bucketName: b, delimiter: '/' });
    expect(d.listObjects.objects.map((o) => o.name)).toEqual(['top']);
    expect(d.listObjects.prefixes).toEqual(['a/', 'b/']);
    const a = await os.listObjects({ namespaceName: ns, bucketName: b, prefix: 'a/', delimiter: '/' });
    expect(a.listObjects.objects.map((o) => o.name)).toEqual(['a/1', 'a/2']);
    expect(a.listObjects.prefixes).toEqual(['a/sub/']);
    const range = await os.listObjects({ namespaceName: ns, bucketName: b, start: 'a/2', end: 'b/1' });
    expect(range.listObjects.objects.map((o) => o.name)).toEqual(['a/2', 'a/sub/3']);
    const after = await os.listObjects({ namespaceName: ns, bucketName: b, startAfter: 'a/sub/3' });
    expect(after.listObjects.objects.map((o) => o.name)).toEqual(['b/1', 'top']);
    const plain = await os.listObjects({ namespaceName: ns, bucketName: b, prefix: 'top' });
    expect(plain.listObjects.objects).toEqual([{ name: 'top' }]);
    const full = await os.listObjects({
      namespaceName: ns,
      bucketName: b,
      prefix: 'top',
      fields: 'name,size,etag,md5,timeCreated,timeModified',
    });
    expect(full.listObjects.objects[0]).toMatchObject({
      name: 'top',
      size: 3,
      md5: createHash('md5').update('xyz').digest('base64'),
    });
    expect(full.listObjects.objects[0]!.etag).toMatch(/^[0-9a-f-]{36}$/);
    const badField = await failure(os.listObjects({ namespaceName: ns, bucketName: b, fields: 'owner' }));
    expect(badField.statusCode).toBe(400);
    const badDelim = await failure(os.listObjects({ namespaceName: ns, bucketName: b, delimiter: '-' }));
    expect(badDelim.statusCode).toBe(400);
  });
});

describe('events', () => {
  it('publishes create/update/delete envelopes only when objectEventsEnabled', async () => {
    const events: OciEventEnvelope[] = [];
    const off = f.emu.events.subscribe((e) => events.push(e));
    try {
      const quiet = await bucket({ events: false });
      await put(quiet, 'q', 'x');
      const loud = await bucket({ events: true });
      const c = await put(loud, 'dir/e.txt', 'one');
      const u = await put(loud, 'dir/e.txt', 'two');
      await os.deleteObject({ namespaceName: ns, bucketName: loud, objectName: 'dir/e.txt' });
      await waitFor(() => events.length >= 3, { what: 'three events' });
      expect(events.map((e) => e.eventType)).toEqual([
        'com.oraclecloud.objectstorage.createobject',
        'com.oraclecloud.objectstorage.updateobject',
        'com.oraclecloud.objectstorage.deleteobject',
      ]);
      const bucketId = (await os.getBucket({ namespaceName: ns, bucketName: loud })).bucket.id;
      expect(events[0]).toMatchObject({
        cloudEventsVersion: '0.1',
        eventTypeVersion: '2.0',
        source: 'ObjectStorage',
        contentType: 'application/json',
        data: {
          compartmentId: f.emu.admin.tenancyId,
          resourceName: 'dir/e.txt',
          resourceId: `/n/${ns}/b/${loud}/o/dir/e.txt`,
          additionalDetails: { bucketName: loud, namespace: ns, bucketId, eTag: c.eTag, archivalState: 'Available' },
        },
        extensions: { compartmentId: f.emu.admin.tenancyId },
      });
      expect(events[1]!.data.additionalDetails!.eTag).toBe(u.eTag);
      expect(events[2]!.data.additionalDetails!.eTag).toBe(u.eTag);
      expect(events.some((e) => e.data.resourceName === 'q')).toBe(false);

      await os.updateBucket({
        namespaceName: ns,
        bucketName: quiet,
        updateBucketDetails: { objectEventsEnabled: true },
      });
      await put(quiet, 'q2', 'x');
      await waitFor(() => events.some((e) => e.data.resourceName === 'q2'), { what: 'event after enabling' });
    } finally {
      off();
    }
  });
});

describe('persistence', () => {
  it('keeps buckets and objects across a restart', async () => {
    const b = await bucket({ events: true });
    const r = await put(b, 'kept', 'durable', { opcMeta: { k: 'v' } });
    f = await f.restart();
    os = client(f);
    const g = await os.getObject({ namespaceName: ns, bucketName: b, objectName: 'kept' });
    expect(await text(g.value)).toBe('durable');
    expect(g.eTag).toBe(r.eTag);
    expect(g.opcMeta).toEqual({ 'opc-meta-k': 'v' });
    expect((await os.getBucket({ namespaceName: ns, bucketName: b })).bucket.objectEventsEnabled).toBe(true);
    expect((await os.listObjects({ namespaceName: ns, bucketName: b })).listObjects.objects.map((o) => o.name)).toEqual(
      ['kept'],
    );
  });
});
