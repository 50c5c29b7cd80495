/**
 * Storage end to end through the local API Gateway front with dev tokens: presign + quota
 * functions in the Fn runner, the emulator's Object Storage (PARs) and NoSQL, and the Events
 * router delivering bucket events to quota.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';
import { waitFor } from '../helpers/emulator.ts';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
let fx: StackFixture;
const seen: OciEventEnvelope[] = [];
let seq = 0;

beforeAll(async () => {
  fx = await startStackFixture({
    require: ['gateway', 'presign', 'quota'],
    // small multipart threshold so the multipart path runs with a 25 MiB file (parts of 10 MiB)
    functionEnv: { MULTIPART_THRESHOLD_BYTES: String(20 * MiB), MULTIPART_PART_BYTES: String(10 * MiB) },
  });
  fx.stack.emulator.events.subscribe((e) => void seen.push(e));
}, 120_000);
afterAll(async () => {
  await fx?.stop();
});

type Role = 'viewer' | 'operator' | 'admin';
async function userToken(roles: Role[] = ['operator']) {
  const sub = `u${process.pid}-${++seq}-${Date.now().toString(36)}`;
  return { sub, token: await fx.token({ sub, roles }) };
}
const admin = () => fx.token({ sub: 'root-admin', roles: ['admin'] });

async function gql<T = any>(token: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await fx.graphql<T>(query, { token, variables });
  return { ...(r.body as object), status: r.status } as {
    status: number;
    data?: any;
    errors?: { message: string; extensions?: { code?: string; http?: { status?: number } } }[];
  };
}
const UPLOAD =
  `mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { uri url method expiresAt ` +
  `multipart { partSize partCount method header } } }`;
const QUOTA =
  `query($u: ID) { quota(userId: $u) { userId tier storage { usedBytes reservedBytes limitBytes usedPct ` +
  `} fileSize { maxBytes } rateLimits { uploadsLastHour hourlyLimit uploadsLastDay dailyLimit } } }`;
const DOWNLOAD =
  `mutation($u: String!, $t: Int) { createDownloadUrl(uri: $u, ttlSeconds: $t) { uri url method ` + `expiresAt } }`;
const SET =
  `mutation($u: ID!, $t: QuotaTier, $l: QuotaLimitsInput) { setQuotaLimits(userId: $u, tier: $t, limits: ` +
  `$l) { tier } }`;
const upload = (token: string, o: Record<string, unknown>) =>
  gql(token, UPLOAD, {
    i: {
      kind: 'DATASET',
      collectionId: 'ds1',
      filename: 'a.bin',
      sizeBytes: 10,
      contentType: 'application/octet-stream',
      ...o,
    },
  });
const quotaOf = async (token: string) => (await gql(token, QUOTA)).data!.quota;
const usedBytes = async (token: string) => (await quotaOf(token)).storage.usedBytes as number;

describe('upload and download through PARs', () => {
  it('PUT to the upload URL, usedBytes follows through the event, download returns the bytes', async () => {
    const { sub, token } = await userToken();
    const body = 'x'.repeat(1234);
    const r = await upload(token, { filename: 'data.csv', sizeBytes: 1234 });
    expect(r.errors).toBeUndefined();
    const u = r.data!.createUploadUrl;
    expect(u).toMatchObject({ method: 'PUT', multipart: null });
    expect(u.uri).toMatch(new RegExp(`^oci://user-files@[^/]+/datasets/${sub}/ds1/data\\.csv$`));
    expect(await quotaOf(token)).toMatchObject({
      storage: { usedBytes: 0, reservedBytes: 1234 },
      rateLimits: { uploadsLastHour: 1 },
    });
    expect((await fetch(u.url, { method: 'PUT', body })).status).toBe(200);
    await waitFor(async () => (await usedBytes(token)) === 1234, {
      what: 'usedBytes to follow the upload',
      timeoutMs: 20_000,
    });
    expect((await quotaOf(token)).storage.reservedBytes).toBe(0);
    const d = (await gql(token, DOWNLOAD, { u: u.uri })).data!.createDownloadUrl;
    expect(d.method).toBe('GET');
    expect(Date.parse(d.expiresAt) - Date.now()).toBeGreaterThan(86_000_000);
    expect(await (await fetch(d.url)).text()).toBe(body);
    const files = (
      await gql(
        token,
        `{ files(kind: DATASET, collectionId: "ds1") { nodes { uri filename sizeBytes etag } pageInfo { hasNextPage ` +
          `} } }`,
      )
    ).data!.files;
    expect(files.nodes).toEqual([expect.objectContaining({ uri: u.uri, filename: 'data.csv', sizeBytes: 1234 })]);
    const usage = (await gql(token, `{ storageUsage { totalBytes byKind { kind bytes files } } }`)).data!.storageUsage;
    expect(usage.byKind).toContainEqual({ kind: 'DATASET', bytes: 1234, files: 1 });
  });

  it('an email sub (not a plain id) uploads, PUTs, and usedBytes follows; an admin finds it by the email', async () => {
    const sub = `e2e.${process.pid}.${++seq}+${Date.now().toString(36)}@example.com`;
    const token = await fx.token({ sub, roles: ['operator'] });
    const r = await upload(token, { filename: 'mail.csv', sizeBytes: 321 });
    expect(r.errors).toBeUndefined();
    const u = r.data!.createUploadUrl;
    // the path holds the hashed segment, never the raw email
    expect(u.uri).toMatch(/^oci:\/\/user-files@[^/]+\/datasets\/_u[0-9a-f]{32}\/ds1\/mail\.csv$/);
    expect(u.uri.slice(u.uri.indexOf('/', 'oci://'.length))).not.toContain('@');
    expect((await fetch(u.url, { method: 'PUT', body: 'm'.repeat(321) })).status).toBe(200);
    await waitFor(async () => (await usedBytes(token)) === 321, {
      what: 'usedBytes of the email user to follow the upload',
      timeoutMs: 20_000,
    });
    expect(await quotaOf(token)).toMatchObject({ userId: sub, storage: { usedBytes: 321, reservedBytes: 0 } });
    expect((await gql(await admin(), QUOTA, { u: sub })).data!.quota).toMatchObject({
      userId: sub,
      storage: { usedBytes: 321 },
    });
    const d = (await gql(token, DOWNLOAD, { u: u.uri })).data!.createDownloadUrl;
    expect(await (await fetch(d.url)).text()).toBe('m'.repeat(321));
    const other = await fx.token({ sub: `other.${process.pid}.${seq}@example.com`, roles: ['operator'] });
    expect((await gql(other, DOWNLOAD, { u: u.uri })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a PAR refuses another object, another method, and use after expiry', async () => {
    const { token } = await userToken();
    const u = (await upload(token, { filename: 'only.bin', sizeBytes: 3 })).data!.createUploadUrl;
    expect((await fetch(u.url.replace(/only\.bin$/, 'other.bin'), { method: 'PUT', body: 'abc' })).status).toBe(404);
    expect((await fetch(u.url)).status).toBe(404); // GET through a write PAR
    expect((await fetch(u.url, { method: 'PUT', body: 'abc' })).status).toBe(200);
    const d = (await gql(token, DOWNLOAD, { u: u.uri, t: 1 })).data!.createDownloadUrl;
    expect((await fetch(d.url, { method: 'PUT', body: 'zzz' })).status).toBe(404); // PUT through a read PAR
    await waitFor(async () => (await fetch(d.url)).status === 404, {
      what: 'the 1 s download URL to expire',
      timeoutMs: 10_000,
      intervalMs: 200,
    });
  });

  it('an upload bigger than declared counts at its real size', async () => {
    const { token } = await userToken();
    const u = (await upload(token, { filename: 'liar.bin', sizeBytes: 10 })).data!.createUploadUrl;
    expect((await fetch(u.url, { method: 'PUT', body: 'y'.repeat(5000) })).status).toBe(200);
    await waitFor(async () => (await usedBytes(token)) === 5000, { what: 'real size', timeoutMs: 20_000 });
  });

  it('large files get a multipart plan that works through the PAR', async () => {
    const { token } = await userToken();
    const size = 25 * MiB;
    const u = (await upload(token, { filename: 'big.bin', sizeBytes: size })).data!.createUploadUrl;
    expect(u.multipart).toEqual({ partSize: 10 * MiB, partCount: 3, method: 'PUT', header: 'opc-multipart: true' });
    const start = await fetch(u.url, { method: 'PUT', headers: { 'opc-multipart': 'true' } });
    expect(start.status).toBe(200);
    const { accessUri } = (await start.json()) as { accessUri: string };
    const origin = new URL(u.url).origin;
    for (let n = 1; n <= u.multipart.partCount; n++) {
      const len = Math.min(u.multipart.partSize, size - (n - 1) * u.multipart.partSize);
      expect((await fetch(`${origin}${accessUri}${n}`, { method: 'PUT', body: Buffer.alloc(len, n) })).status).toBe(
        200,
      );
    }
    expect((await fetch(`${origin}${accessUri}`, { method: 'POST' })).status).toBe(200);
    await waitFor(async () => (await usedBytes(token)) === size, {
      what: 'multipart object settled',
      timeoutMs: 20_000,
    });
  });
});

describe('refusals', () => {
  // Refusals answer HTTP 413 (file too large) or 429 (quota, rate): the gateway lets these two
  // statuses through from field errors (functions/gateway/errors.ts).
  it('every refusal code, in order, with the figures', async () => {
    const a = await admin();
    const { sub, token } = await userToken();
    const big = await upload(token, { sizeBytes: 11 * GiB });
    expect(big.status).toBe(413);
    expect(big.errors?.[0]).toMatchObject({
      message: `file too large: size ${11 * GiB} > limit ${10 * GiB} bytes`,
      extensions: { code: 'FILE_TOO_LARGE', sizeBytes: 11 * GiB, maxBytes: 10 * GiB },
    });
    await gql(a, SET, { u: sub, l: { maxStorageBytes: 100, maxUploadsPerHour: 2, maxUploadsPerDay: 3 } });
    expect((await upload(token, { filename: 'f1', sizeBytes: 60 })).errors).toBeUndefined();
    const storage = await upload(token, { filename: 'f2', sizeBytes: 41 });
    expect(storage.status).toBe(429);
    expect(storage.errors?.[0]).toMatchObject({
      message: 'storage quota exceeded: current 60 + upload 41 > limit 100 bytes',
      extensions: { code: 'STORAGE_QUOTA_EXCEEDED', currentBytes: 60, uploadBytes: 41, limitBytes: 100 },
    });
    expect((await upload(token, { filename: 'f2', sizeBytes: 40 })).errors).toBeUndefined();
    // hourly limit reached too, but storage is checked first
    expect((await upload(token, { filename: 'f3', sizeBytes: 200 })).errors?.[0]?.extensions).toMatchObject({
      code: 'STORAGE_QUOTA_EXCEEDED',
    });
    await gql(a, SET, { u: sub, l: { maxStorageBytes: 1000 } });
    const rate = await upload(token, { filename: 'f3', sizeBytes: 1 });
    expect(rate.status).toBe(429);
    expect(rate.errors?.[0]).toMatchObject({ extensions: { code: 'HOURLY_LIMIT_EXCEEDED', uploads: 2, limit: 2 } });
    expect(rate.errors?.[0]?.message).toMatch(/^hourly upload limit exceeded: 2 uploads in the last hour, limit 2/);
    await gql(a, SET, { u: sub, l: { maxUploadsPerHour: 10, maxUploadsPerDay: 2 } });
    const daily = await upload(token, { filename: 'f3', sizeBytes: 1 });
    expect(daily.status).toBe(429);
    expect(daily.errors?.[0]).toMatchObject({ extensions: { code: 'DAILY_LIMIT_EXCEEDED', uploads: 2, limit: 2 } });
    expect(daily.errors?.[0]?.message).toMatch(/^daily upload limit exceeded: 2 uploads in the last 24 hours, limit 2/);
    expect((await quotaOf(token)).rateLimits).toEqual({
      uploadsLastHour: 2,
      hourlyLimit: 10,
      uploadsLastDay: 2,
      dailyLimit: 2,
    });
  });

  it('bad input is BAD_USER_INPUT and changes nothing', async () => {
    const { token } = await userToken();
    for (const o of [
      { filename: '..' },
      { filename: 'a/b' },
      { filename: 'x'.repeat(256) },
      { collectionId: '../x' },
      { sizeBytes: -1 },
      { filename: 'a\u0001b' },
    ]) {
      expect((await upload(token, o)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(
      (await gql(token, DOWNLOAD, { u: 'oci://user-files@elsewhere/datasets/x/y/z' })).errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect((await quotaOf(token)).rateLimits.uploadsLastDay).toBe(0);
  });

  it(
    "another user's paths are FORBIDDEN; a viewer may read but not upload or delete; quota of others is " +
      'admin-only',
    async () => {
      const alice = await userToken();
      const bob = await userToken();
      const viewer = await userToken(['viewer']);
      const u = (await upload(alice.token, { filename: 'secret.bin', sizeBytes: 4 })).data!.createUploadUrl;
      await fetch(u.url, { method: 'PUT', body: 'shh!' });
      expect((await gql(bob.token, DOWNLOAD, { u: u.uri })).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(
        (await gql(bob.token, `mutation($u: String!) { deleteFile(uri: $u) { deletedCount } }`, { u: u.uri }))
          .errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      expect((await gql(bob.token, QUOTA, { u: alice.sub })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await gql(await admin(), QUOTA, { u: alice.sub })).data!.quota.userId).toBe(alice.sub);
      expect((await upload(viewer.token, {})).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        (await gql(viewer.token, `mutation { deleteDataset(datasetId: "ds1") { deletedCount } }`)).errors?.[0]
          ?.extensions?.code,
      ).toBe('FORBIDDEN');
      expect((await gql(viewer.token, QUOTA)).data!.quota.userId).toBe(viewer.sub);
      expect((await gql(alice.token, SET, { u: alice.sub, t: 'PREMIUM' })).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      const log = { kind: 'LOG', collectionId: `job-${alice.sub}`, filename: 'output.log' };
      expect((await upload(alice.token, log)).errors).toBeUndefined();
      expect((await upload(bob.token, log)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    },
  );
});

describe('deletes and the books', () => {
  it('deleteFile and deleteDataset give the bytes back', async () => {
    const { token } = await userToken();
    const uris: string[] = [];
    for (const [name, n] of [
      ['a', 100],
      ['b', 200],
      ['c', 300],
    ] as const) {
      const u = (await upload(token, { collectionId: 'gone', filename: name, sizeBytes: n })).data!.createUploadUrl;
      await fetch(u.url, { method: 'PUT', body: 'z'.repeat(n) });
      uris.push(u.uri);
    }
    await waitFor(async () => (await usedBytes(token)) === 600, { what: 'three uploads settled', timeoutMs: 20_000 });
    const one = await gql(token, `mutation($u: String!) { deleteFile(uri: $u) { deletedCount deletedBytes } }`, {
      u: uris[0],
    });
    expect(one.data!.deleteFile).toEqual({ deletedCount: 1, deletedBytes: 100 });
    expect(await usedBytes(token)).toBe(500);
    const all = await gql(token, `mutation { deleteDataset(datasetId: "gone") { deletedCount deletedBytes } }`);
    expect(all.data!.deleteDataset).toEqual({ deletedCount: 2, deletedBytes: 500 });
    expect(await usedBytes(token)).toBe(0);
    await fx.stack.router.idle();
    expect(await usedBytes(token)).toBe(0); // the delete events arriving afterwards change nothing
  });

  it('duplicated and reordered events have exactly one effect', async () => {
    const { sub, token } = await userToken();
    const u = (await upload(token, { collectionId: 'dup', filename: 'x.bin', sizeBytes: 77 })).data!.createUploadUrl;
    await fetch(u.url, { method: 'PUT', body: 'q'.repeat(77) });
    await waitFor(async () => (await usedBytes(token)) === 77, { what: 'upload settled', timeoutMs: 20_000 });
    const path = `datasets/${sub}/dup/x.bin`;
    const create = seen.find((e) => e.data.resourceName === path && e.eventType.endsWith('createobject'))!;
    expect(create).toBeDefined();
    // the same event twice more, and a copy with a new id
    fx.stack.router.dispatch(create);
    fx.stack.router.dispatch(create);
    fx.stack.router.dispatch({ ...create, eventID: `${create.eventID}-redelivered` });
    await fx.stack.router.idle();
    expect(await quotaOf(token)).toMatchObject({ storage: { usedBytes: 77 } });
    // delete, then the create arrives again after the delete (reordered)
    await gql(token, `mutation($u: String!) { deleteFile(uri: $u) { deletedCount } }`, { u: u.uri });
    await waitFor(() => seen.some((e) => e.data.resourceName === path && e.eventType.endsWith('deleteobject')), {
      what: 'delete event',
    });
    fx.stack.router.dispatch({ ...create, eventID: `${create.eventID}-late` });
    await fx.stack.router.idle();
    const usage = (await gql(token, `{ storageUsage { totalBytes byKind { kind bytes files } } }`)).data!.storageUsage;
    expect(usage.totalBytes).toBe(0);
    expect(usage.byKind).toContainEqual({ kind: 'DATASET', bytes: 0, files: 0 });
    const failed = fx.stack.router.deliveries().filter((d) => d.resourceName === path && d.outcome !== 'delivered');
    expect(failed).toEqual([]);
  });

  it('100 concurrent createUploadUrl calls with room for exactly 10 files admit exactly 10', async () => {
    const { sub, token } = await userToken();
    await gql(await admin(), SET, { u: sub, l: { maxStorageBytes: 10_000 } });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        upload(token, { collectionId: 'race', filename: `f${i}`, sizeBytes: 1000 }),
      ),
    );
    // every call reaches the quota check: 10 admitted, 90 refused by it (no 503 from a full queue)
    const outcomes = results.map((r) =>
      r.data?.createUploadUrl
        ? `${r.status} admitted`
        : `${r.status} ${r.errors?.map((e) => e.extensions?.code).join(',') ?? JSON.stringify(r).slice(0, 200)}`,
    );
    const tally: Record<string, number> = {};
    for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
    expect(tally).toEqual({ '200 admitted': 10, '429 STORAGE_QUOTA_EXCEEDED': 90 });
    expect((await quotaOf(token)).storage).toMatchObject({ reservedBytes: 10_000, usedBytes: 0 });
  }, 180_000);
});
