/**
 * The emulator's core pipeline, exercised through Object Storage: OCI error bodies, 501s, fault rules and the
 * request log, the reset hook and the guard on the hooks. Authentication is in emulator-auth.test.ts.
 */
import { request as httpRequest } from 'node:http';
import * as common from 'oci-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { startEmulatorFixture, uid, type EmulatorFixture } from '../helpers/emulator.ts';
import { pipelineKit } from '../helpers/emulator-pipeline.ts';

let f: EmulatorFixture;
let ns: string;
const { client, failure, requests, signed, send } = pipelineKit(() => f);

beforeAll(async () => {
  f = await startEmulatorFixture({ providers: [identityAuthProvider, createObjectStorageProvider()] });
  ns = f.emu.tenancy.namespace;
});
afterAll(async () => {
  await f.stop();
});

describe('errors and 501', () => {
  it('unknown Object Storage operations answer 501 NotImplemented naming them', async () => {
    const req = await signed('GET', `/n/${ns}/b/any/objectversions`);
    const r = await send(req);
    expect(r.status).toBe(501);
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('NotImplemented');
    expect(body.message).toContain('ListObjectVersions');
    expect(r.headers.get('opc-request-id')).toBeTruthy();
  });

  it(
    'an unsigned or forged request to an operation the emulator ' + 'lacks, or to no API, gets 401 before 501/404',
    async () => {
      for (const path of [`/n/${ns}/b/any/objectversions`, '/20991231/nothing-here']) {
        const unsigned = await fetch(`${f.emu.url}${path}`);
        expect([unsigned.status, ((await unsigned.json()) as { code: string }).code], path).toEqual([
          401,
          'NotAuthenticated',
        ]);
        const forged = await signed('GET', path);
        forged.headers.set(
          'authorization',
          forged.headers.get('authorization')!.replace(/signature="[^"]+"/, 'signature="AAAA"'),
        );
        expect((await send(forged)).status, path).toBe(401);
      }
      expect((await send(await signed('GET', '/20991231/nothing-here'))).status).toBe(404);
    },
  );
});

describe('fault rules and the request log', () => {
  const addFault = async (rule: Record<string, unknown>) => {
    const r = await fetch(`${f.emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    expect(r.status).toBe(201);
    return r.json() as Promise<{ id: string }>;
  };
  const listFaults = async () =>
    ((await (await fetch(`${f.emu.url}/_emulator/faults`)).json()) as { rules: unknown[] }).rules;

  it('a 429 fired twice is retried by the SDK and then succeeds with one opc-request-id', async () => {
    await addFault({ service: 'objectstorage', operation: 'GetNamespaceMetadata', status: 429, count: 2 });
    const os = client(f.auth, {
      terminationStrategy: new common.MaxAttemptsTerminationStrategy(3),
      delayStrategy: new common.FixedTimeDelayStrategy(0.01),
    });
    const r = await os.getNamespaceMetadata({ namespaceName: ns });
    expect(r.namespaceMetadata.namespace).toBe(ns);
    const mine = (await requests('GetNamespaceMetadata')).filter((x) => x.requestId === r.opcRequestId);
    expect(mine.map((x) => [x.status, x.code ?? null])).toEqual([
      [429, 'TooManyRequests'],
      [429, 'TooManyRequests'],
      [200, null],
    ]);
    expect(mine.every((x) => x.caller === f.emu.admin.userId)).toBe(true);
    expect(await listFaults()).toEqual([]);
  });

  it('without retries the 429 surfaces as OciError TooManyRequests', async () => {
    await addFault({ service: 'objectstorage', operation: 'HeadBucket', status: 429, count: 1, retryAfter: 1 });
    const e = await failure(client(f.auth).headBucket({ namespaceName: ns, bucketName: 'whatever' }));
    expect(e.statusCode).toBe(429);
  });

  it('a dropped connection fails the call without a status; the next call works', async () => {
    await addFault({ service: 'objectstorage', operation: 'GetNamespace', drop: true, count: 1 });
    const os = client(f.auth);
    const e = (await failure(os.getNamespace({}))) as unknown as { statusCode?: number; message: string };
    expect(e.statusCode).toBeUndefined();
    expect(e.message).toBeTruthy();
    expect((await requests('GetNamespace')).at(-1)).toMatchObject({ status: 0, code: 'ConnectionDropped' });
    expect((await os.getNamespace({})).value).toBe(ns);
  });

  it('latency is added before the answer and shows in the log', async () => {
    await addFault({ service: 'objectstorage', operation: 'ListBuckets', latencyMs: 150, count: 1 });
    const r = await client(f.auth).listBuckets({ namespaceName: ns, compartmentId: f.emu.admin.tenancyId });
    const entry = (await requests('ListBuckets')).find((x) => x.requestId === r.opcRequestId)!;
    expect(entry).toMatchObject({
      status: 200,
      operation: 'ListBuckets',
      service: 'objectstorage',
      caller: f.emu.admin.userId,
    });
    expect(entry.durationMs).toBeGreaterThanOrEqual(150);
    expect(await listFaults()).toEqual([]);
  });
});

describe('reset hook', () => {
  it('POST /_emulator/reset forgets Object Storage state and its indexes', async () => {
    const os = client(f.auth);
    const name = uid('reset');
    await os.createBucket({ namespaceName: ns, createBucketDetails: { name, compartmentId: f.emu.admin.tenancyId } });
    await os.putObject({ namespaceName: ns, bucketName: name, objectName: 'o', putObjectBody: 'x', contentLength: 1 });
    const r = await fetch(`${f.emu.url}/_emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ services: ['objectstorage'] }),
    });
    expect(r.status).toBe(200);
    expect((await failure(os.getBucket({ namespaceName: ns, bucketName: name }))).statusCode).toBe(404);
    await os.createBucket({ namespaceName: ns, createBucketDetails: { name, compartmentId: f.emu.admin.tenancyId } });
    expect((await os.listObjects({ namespaceName: ns, bucketName: name })).listObjects.objects).toEqual([]);
  });
});

describe('hook guard: the hooks are local test tools', () => {
  const hook = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      // node:http, because fetch forbids setting Host and Origin
      const req = httpRequest(
        `${f.emu.url}${path}`,
        { method: init.method ?? 'GET', headers: init.headers ?? {} },
        (res) => {
          let body = '';
          res
            .setEncoding('utf8')
            .on('data', (c: string) => {
              body += c;
            })
            .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  const bucketCount = () => f.emu.store.summary('objectstorage');

  it('a cross-site text/plain POST /_emulator/reset is refused and wipes nothing', async () => {
    const os = client(f.auth);
    const name = uid('guard');
    await os.createBucket({ namespaceName: ns, createBucketDetails: { name, compartmentId: f.emu.admin.tenancyId } });
    const before = JSON.stringify(bucketCount());
    const plain = await hook('/_emulator/reset', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body)).toMatchObject({ code: 'UnsupportedMediaType' });
    const form = await hook('/_emulator/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=500',
    });
    expect(form.status).toBe(415);
    const foreign = await hook('/_emulator/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toContain('evil.example');
    const opaque = await hook('/_emulator/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'null' },
      body: '{}',
    });
    expect(opaque.status).toBe(403);
    expect(JSON.stringify(bucketCount())).toBe(before);
    expect((await os.getBucket({ namespaceName: ns, bucketName: name })).bucket.name).toBe(name);
    expect(f.emu.faults.list()).toEqual([]);
  });

  it('a non-loopback Host (DNS rebinding) is refused, reads included', async () => {
    for (const host of ['evil.example', 'evil.example:8081', '10.0.0.5:8081', '127.0.0.1.evil.example']) {
      const r = await hook('/_emulator/requests', { headers: { host } });
      expect(r.status, host).toBe(403);
      expect(r.body, host).not.toContain('"requests"');
    }
  });

  it('loopback hosts, loopback origins and application/json writes are served', async () => {
    expect((await hook('/_emulator/health', { headers: { host: 'localhost:1234' } })).status).toBe(200);
    expect(
      (await hook('/_emulator/health', { headers: { host: '[::1]:1234', origin: 'http://localhost:3000' } })).status,
    ).toBe(200);
    const add = await hook('/_emulator/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ operation: 'NoSuchOperation', status: 503 }),
    });
    expect(add.status).toBe(201);
    const del = await hook('/_emulator/faults', { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    expect(del.status).toBe(204);
    expect(f.emu.faults.list()).toEqual([]);
  });
});
