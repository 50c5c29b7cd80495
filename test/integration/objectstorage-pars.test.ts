/**
 * Object Storage emulator: pre-authenticated requests. Created and managed with ObjectStorageClient;
 * used as curl would, with unsigned plain HTTP (that is what PARs are for).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStorageClient } from 'oci-objectstorage';
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { startEmulatorFixture, uid, waitFor, type EmulatorFixture, clientOf, failure } from '../helpers/emulator.ts';

let f: EmulatorFixture;
let os: ObjectStorageClient;
let ns: string;
/** shifts the emulator clock (kept well under the 5-minute signature skew) */
let clockOffset = 0;

const inAnHour = () => new Date(Date.now() + clockOffset + 3600_000);
type Access =
  | 'ObjectRead'
  | 'ObjectWrite'
  | 'ObjectReadWrite'
  | 'AnyObjectRead'
  | 'AnyObjectWrite'
  | 'AnyObjectReadWrite';

async function bucket(events = false): Promise<string> {
  const name = uid('par');
  await os.createBucket({
    namespaceName: ns,
    createBucketDetails: { name, compartmentId: f.emu.admin.tenancyId, objectEventsEnabled: events },
  });
  return name;
}
async function par(
  bucketName: string,
  accessType: Access,
  o: { objectName?: string; listing?: boolean; expires?: Date } = {},
) {
  const r = await os.createPreauthenticatedRequest({
    namespaceName: ns,
    bucketName,
    createPreauthenticatedRequestDetails: {
      name: uid('p'),
      accessType: accessType as never,
      timeExpires: o.expires ?? inAnHour(),
      ...(o.objectName !== undefined ? { objectName: o.objectName } : {}),
      ...(o.listing ? { bucketListingAction: 'ListObjects' } : {}),
    },
  });
  return r.preauthenticatedRequest;
}
const http = (path: string, init: RequestInit = {}) => fetch(f.emu.url + path, init);
const putObj = (bucketName: string, name: string, body: string) =>
  os.putObject({ namespaceName: ns, bucketName, objectName: name, putObjectBody: body, contentLength: body.length });

beforeAll(async () => {
  f = await startEmulatorFixture({
    providers: [identityAuthProvider, createObjectStorageProvider({ minPartSize: 4 })],
    now: () => Date.now() + clockOffset,
  });
  os = clientOf(f, ObjectStorageClient);
  ns = (await os.getNamespace({})).value;
});
afterAll(async () => {
  await f.stop();
});

describe('PAR management', () => {
  it('creates, gets, lists (paginated) and deletes PARs; the token is long, random and not the id', async () => {
    const b = await bucket();
    const p = await par(b, 'ObjectRead', { objectName: 'dir/a b.txt' });
    const token = /^\/p\/([^/]+)\/n\//.exec(p.accessUri)![1]!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(p.id).not.toBe(token);
    expect(p.accessUri).toBe(`/p/${token}/n/${ns}/b/${b}/o/dir/a%20b.txt`);
    expect(p.fullPath).toBe(f.emu.url + p.accessUri);
    expect(p).toMatchObject({ accessType: 'ObjectRead', objectName: 'dir/a b.txt', bucketListingAction: 'Deny' });

    const any = await par(b, 'AnyObjectRead', { listing: true });
    expect(any.accessUri).toMatch(new RegExp(`^/p/[^/]+/n/${ns}/b/${b}/o/$`));
    const got = await os.getPreauthenticatedRequest({ namespaceName: ns, bucketName: b, parId: p.id });
    expect(got.preauthenticatedRequestSummary).toMatchObject({
      id: p.id,
      objectName: 'dir/a b.txt',
      accessType: 'ObjectRead',
    });
    expect(JSON.stringify(got.preauthenticatedRequestSummary)).not.toContain(token);

    for (let i = 0; i < 3; i++) await par(b, 'ObjectWrite', { objectName: `w${i}` });
    const ids: string[] = [];
    let page: string | undefined;
    let pages = 0;
    do {
      const r = await os.listPreauthenticatedRequests({
        namespaceName: ns,
        bucketName: b,
        limit: 2,
        ...(page ? { page } : {}),
      });
      ids.push(...r.items.map((x) => x.id));
      page = r.opcNextPage;
      pages++;
    } while (page);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(5);
    const prefixed = await os.listPreauthenticatedRequests({ namespaceName: ns, bucketName: b, objectNamePrefix: 'w' });
    expect(prefixed.items).toHaveLength(3);

    await os.deletePreauthenticatedRequest({ namespaceName: ns, bucketName: b, parId: p.id });
    expect(
      (await failure(os.getPreauthenticatedRequest({ namespaceName: ns, bucketName: b, parId: p.id }))).statusCode,
    ).toBe(404);
  });

  it('refuses bad PARs with 400: past expiry, missing objectName, listing on a write PAR, unknown type', async () => {
    const b = await bucket();
    const past = await failure(par(b, 'AnyObjectRead', { expires: new Date(Date.now() - 1000) }));
    expect(past.statusCode).toBe(400);
    const noName = await failure(par(b, 'ObjectRead'));
    expect(noName.statusCode).toBe(400);
    const listWrite = await failure(par(b, 'AnyObjectWrite', { listing: true }));
    expect(listWrite.statusCode).toBe(400);
    const badType = await failure(par(b, 'Everything' as Access));
    expect(badType.statusCode).toBe(400);
    expect((await os.listPreauthenticatedRequests({ namespaceName: ns, bucketName: b })).items).toEqual([]);
  });
});

describe('PAR use (unsigned)', () => {
  it('an object read PAR reads and heads its object only, and cannot write', async () => {
    const b = await bucket();
    await putObj(b, 'doc.txt', 'readable');
    await putObj(b, 'other.txt', 'secret');
    const p = await par(b, 'ObjectRead', { objectName: 'doc.txt' });
    const r = await http(p.accessUri);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('readable');
    expect(r.headers.get('etag')).toMatch(/^[0-9a-f-]{36}$/);
    const h = await http(p.accessUri, { method: 'HEAD' });
    expect(h.status).toBe(200);
    expect(h.headers.get('content-length')).toBe('8');
    const dl = await http(`${p.accessUri}?httpResponseContentDisposition=attachment`);
    expect(dl.headers.get('content-disposition')).toBe('attachment');
    await dl.arrayBuffer();

    const w = await http(p.accessUri, { method: 'PUT', body: 'overwrite' });
    expect(w.status).toBe(404);
    expect(await w.json()).toMatchObject({ code: 'NotAuthorizedOrNotFound' });
    const other = await http(p.accessUri.replace('doc.txt', 'other.txt'));
    expect(other.status).toBe(404);
    await other.arrayBuffer();
    const g = await os.getObject({ namespaceName: ns, bucketName: b, objectName: 'doc.txt' });
    expect(await new Response(g.value as ReadableStream).text()).toBe('readable');
  });

  it('a write PAR writes (with opc-meta-*) but cannot read; PAR writes emit events', async () => {
    const b = await bucket(true);
    const events: OciEventEnvelope[] = [];
    const off = f.emu.events.subscribe((e) => events.push(e));
    try {
      const p = await par(b, 'ObjectWrite', { objectName: 'up/load.bin' });
      const w = await http(p.accessUri, {
        method: 'PUT',
        body: 'uploaded',
        headers: { 'opc-meta-source': 'par', 'content-type': 'text/plain' },
      });
      expect(w.status).toBe(200);
      const etag = w.headers.get('etag');
      const rd = await http(p.accessUri);
      expect(rd.status).toBe(404);
      await rd.arrayBuffer();
      const g = await os.getObject({ namespaceName: ns, bucketName: b, objectName: 'up/load.bin' });
      expect(await new Response(g.value as ReadableStream).text()).toBe('uploaded');
      expect(g.opcMeta).toEqual({ 'opc-meta-source': 'par' });
      expect(g.eTag).toBe(etag);
      await waitFor(() => events.find((e) => e.data.resourceName === 'up/load.bin'), { what: 'PAR write event' });
      expect(events.find((e) => e.data.resourceName === 'up/load.bin')!.eventType).toBe(
        'com.oraclecloud.objectstorage.createobject',
      );
      const log = (await (await http(`/_emulator/requests?operation=ParPutObject`)).json()) as {
        requests: { caller: string; status: number; path: string }[];
      };
      expect(log.requests.at(-1)).toMatchObject({
        caller: 'par',
        status: 200,
        path: `/p/<redacted>/n/${ns}/b/${b}/o/up/load.bin`,
      });
      // the PAR token is a working credential: it never appears in the request log
      const token = /^\/p\/([^/]+)\//.exec(p.accessUri)![1]!;
      expect(JSON.stringify(await (await http('/_emulator/requests')).json())).not.toContain(token);
    } finally {
      off();
    }
  });

  it('a bucket-wide read PAR lists only with ListObjects, and a prefix PAR stays inside its prefix', async () => {
    const b = await bucket();
    for (const n of ['in/a', 'in/b', 'out/c']) await putObj(b, n, n);
    const listing = await par(b, 'AnyObjectRead', { listing: true });
    const l = await http(`${listing.accessUri}?fields=name,size&limit=2`);
    expect(l.status).toBe(200);
    expect(await l.json()).toEqual({
      objects: [
        { name: 'in/a', size: 4 },
        { name: 'in/b', size: 4 },
      ],
      nextStartWith: 'out/c',
    });
    const read = await http(`${listing.accessUri}out/c`);
    expect(await read.text()).toBe('out/c');

    const denied = await par(b, 'AnyObjectRead');
    const nl = await http(denied.accessUri);
    expect(nl.status).toBe(404);
    await nl.arrayBuffer();

    const prefix = await par(b, 'AnyObjectReadWrite', { objectName: 'in/', listing: true });
    expect(await (await http(`${prefix.accessUri}in/a`)).text()).toBe('in/a');
    const outside = await http(`${prefix.accessUri}out/c`);
    expect(outside.status).toBe(404);
    await outside.arrayBuffer();
    const pl = (await (await http(prefix.accessUri)).json()) as { objects: { name: string }[] };
    expect(pl.objects.map((o) => o.name)).toEqual(['in/a', 'in/b']);
    expect((await http(`${prefix.accessUri}in/new`, { method: 'PUT', body: 'n' })).status).toBe(200);
    expect((await http(`${prefix.accessUri}out/new`, { method: 'PUT', body: 'n' })).status).toBe(404);
  });

  it('a PUT without Content-Length (chunked) is refused with 411 and stores nothing', async () => {
    const b = await bucket();
    const p = await par(b, 'AnyObjectWrite');
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('chunked'));
        c.close();
      },
    });
    const r = await http(`${p.accessUri}chunked`, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(r.status).toBe(411);
    expect(((await r.json()) as { code: string }).code).toBe('ContentLengthRequired');
    expect((await os.listObjects({ namespaceName: ns, bucketName: b })).listObjects.objects).toEqual([]);
  });

  it('expired, deleted and unknown tokens answer 404', async () => {
    const b = await bucket();
    await putObj(b, 'x', 'x');
    const short = await par(b, 'ObjectRead', { objectName: 'x', expires: new Date(Date.now() + clockOffset + 60_000) });
    expect((await http(short.accessUri)).status).toBe(200);
    clockOffset += 120_000;
    const expired = await http(short.accessUri);
    expect(expired.status).toBe(404);
    expect(((await expired.json()) as { code: string }).code).toBe('NotAuthorizedOrNotFound');

    const del = await par(b, 'ObjectRead', { objectName: 'x' });
    await os.deletePreauthenticatedRequest({ namespaceName: ns, bucketName: b, parId: del.id });
    expect((await http(del.accessUri)).status).toBe(404);
    expect((await http(`/p/${'A'.repeat(64)}/n/${ns}/b/${b}/o/x`)).status).toBe(404);
    // a token only opens its own bucket
    const b2 = await bucket();
    await putObj(b2, 'x', 'x');
    const mine = await par(b, 'AnyObjectRead');
    expect((await http(mine.accessUri.replace(`/b/${b}/`, `/b/${b2}/`) + 'x')).status).toBe(404);
  });

  it('multipart through a PAR: opc-multipart PUT, part PUTs, commit POST; abort DELETE', async () => {
    const b = await bucket(true);
    const p = await par(b, 'ObjectWrite', { objectName: 'large.bin' });
    const start = await http(p.accessUri, {
      method: 'PUT',
      headers: { 'opc-multipart': 'true', 'opc-meta-kind': 'big' },
    });
    expect(start.status).toBe(200);
    const up = (await start.json()) as {
      uploadId: string;
      accessUri: string;
      object: string;
      bucket: string;
      namespace: string;
    };
    expect(up).toMatchObject({ object: 'large.bin', bucket: b, namespace: ns });
    expect(up.accessUri).toBe(`${up.accessUri.split('/n/')[0]}/n/${ns}/b/${b}/u/large.bin/id/${up.uploadId}/`);
    expect(up.accessUri.startsWith(p.accessUri.split('/n/')[0]!)).toBe(false);

    const listed = await os.listMultipartUploads({ namespaceName: ns, bucketName: b });
    expect(listed.items.map((u) => u.uploadId)).toContain(up.uploadId);
    const parts = ['1111', '2222', '33'];
    for (const [i, body] of parts.entries()) {
      const r = await http(`${up.accessUri}${i + 1}`, { method: 'PUT', body });
      expect(r.status).toBe(200);
      expect(r.headers.get('etag')).toBeTruthy();
    }
    const commit = await http(up.accessUri, { method: 'POST' });
    expect(commit.status).toBe(200);
    const md5s = parts.map((s) => createHash('md5').update(s).digest());
    expect(commit.headers.get('opc-multipart-md5')).toBe(
      createHash('md5').update(Buffer.concat(md5s)).digest('base64') + '-3',
    );
    const g = await os.getObject({ namespaceName: ns, bucketName: b, objectName: 'large.bin' });
    expect(await new Response(g.value as ReadableStream).text()).toBe(parts.join(''));
    expect(g.opcMeta).toEqual({ 'opc-meta-kind': 'big' });
    // the upload URL is spent
    expect((await http(`${up.accessUri}4`, { method: 'PUT', body: 'x' })).status).toBe(404);

    const second = (await (
      await http(p.accessUri, { method: 'PUT', headers: { 'opc-multipart': 'true' } })
    ).json()) as { accessUri: string; uploadId: string };
    expect((await http(`${second.accessUri}1`, { method: 'PUT', body: 'zz' })).status).toBe(200);
    expect((await http(second.accessUri, { method: 'DELETE' })).status).toBe(204);
    expect((await os.listMultipartUploads({ namespaceName: ns, bucketName: b })).items).toEqual([]);

    const reader = await par(b, 'ObjectRead', { objectName: 'large.bin' });
    const noWrite = await http(reader.accessUri, { method: 'PUT', headers: { 'opc-multipart': 'true' } });
    expect(noWrite.status).toBe(404);
  });
});
