/**
 * The emulator's core pipeline, exercised through Object Storage: signature verification (API keys
 * and resource principal session tokens), OCI error bodies, 501s, fault rules and the request log.
 */
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import type { RequestLogEntry } from '#local/emulator/core/request-log.ts';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { startEmulatorFixture, uid, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';

let f: EmulatorFixture;
let ns: string;
const tmp = mkdtempSync(join(tmpdir(), 'emu-pipeline-'));
const RESOURCE_ID = 'ocid1.fnfunc.oc1.iad.aaaaaaaa' + 'f'.repeat(52);

function client(
  auth: common.AuthenticationDetailsProvider | undefined,
  retryConfiguration: common.RetryConfiguration = common.NoRetryConfigurationDetails,
): ObjectStorageClient {
  return f.point(
    new ObjectStorageClient((auth ? { authenticationDetailsProvider: auth } : {}) as common.AuthParams, {
      circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
      retryConfiguration,
    }),
  );
}
async function failure(p: Promise<unknown>): Promise<common.OciError> {
  try {
    await p;
  } catch (e) {
    return e as common.OciError;
  }
  throw new Error('expected the call to fail');
}
async function requests(operation: string): Promise<RequestLogEntry[]> {
  return (
    (await (await fetch(`${f.emu.url}/_emulator/requests?operation=${operation}`)).json()) as {
      requests: RequestLogEntry[];
    }
  ).requests;
}
/** A request signed by the admin with oci-common's own signer, for tampering afterwards. */
async function signed(method: 'GET' | 'POST', path: string, o: { body?: string; xDate?: string } = {}) {
  const headers = new Headers();
  if (o.body !== undefined) headers.set('content-type', 'application/json');
  if (o.xDate) headers.set('x-date', o.xDate);
  const req: common.HttpRequest = {
    method: method as common.Method,
    uri: f.emu.url + path,
    headers,
    ...(o.body !== undefined ? { body: o.body } : {}),
  };
  await new common.DefaultRequestSigner(f.auth).signHttpRequest(req);
  return req;
}
const send = (req: common.HttpRequest, body = req.body as string | undefined) =>
  fetch(req.uri, { method: req.method, headers: req.headers, ...(body !== undefined ? { body } : {}) });

function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}
function sessionKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
function rpProvider(token: string, privatePemOrPath: string) {
  return withEnv(
    {
      OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
      OCI_RESOURCE_PRINCIPAL_RPST: token,
      OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: privatePemOrPath,
      OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1',
    },
    () => common.ResourcePrincipalAuthenticationDetailsProvider.builder(),
  );
}

beforeAll(async () => {
  f = await startEmulatorFixture({ providers: [identityAuthProvider, createObjectStorageProvider()] });
  ns = f.emu.tenancy.namespace;
});
afterAll(async () => {
  await f.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('authentication', () => {
  it('an unsigned request is 401 NotAuthenticated with an OCI error body and opc-request-id', async () => {
    const e = await failure(client(undefined).getNamespace({}));
    expect(e.statusCode).toBe(401);
    expect(e.serviceCode).toBe('NotAuthenticated');
    expect(e.opcRequestId).toBeTruthy();
    const raw = await fetch(`${f.emu.url}/n`, { headers: { 'opc-request-id': 'MYREQ1' } });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('opc-request-id')).toBe('MYREQ1');
    const body = (await raw.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toBe('NotAuthenticated');
    const log = await requests('GetNamespace');
    expect(log.find((r) => r.requestId === e.opcRequestId)).toMatchObject({
      service: 'objectstorage',
      status: 401,
      code: 'NotAuthenticated',
      caller: 'anonymous',
    });
  });

  it('a correctly signed request passes; a tampered body, signature or date is refused', async () => {
    const body = JSON.stringify({ name: uid('sig'), compartmentId: f.emu.admin.tenancyId });
    const ok = await signed('POST', `/n/${ns}/b`, { body });
    expect((await send(ok)).status).toBe(200);

    const name2 = uid('tmp');
    const tamperedBody = await signed('POST', `/n/${ns}/b`, {
      body: JSON.stringify({ name: name2, compartmentId: f.emu.admin.tenancyId }),
    });
    const forged = (tamperedBody.body as string).replace(name2, name2.replace('tmp', 'pwn'));
    const r1 = await send(tamperedBody, forged);
    expect(r1.status).toBe(401);
    expect(((await r1.json()) as { message: string }).message).toContain('x-content-sha256');

    const sig = await signed('GET', '/n');
    sig.headers.set(
      'authorization',
      sig.headers
        .get('authorization')!
        .replace(/signature="(.)/, (_m, c: string) => `signature="${c === 'A' ? 'B' : 'A'}`),
    );
    const r2 = await send(sig);
    expect(r2.status).toBe(401);
    expect(((await r2.json()) as { message: string }).message).toContain('signature is not valid');

    const retarget = await signed('GET', '/n');
    const r3 = await fetch(`${f.emu.url}/n/${ns}`, { headers: retarget.headers });
    expect(r3.status).toBe(401);
    await r3.arrayBuffer();

    const skewed = await signed('GET', '/n', { xDate: new Date(Date.now() - 10 * 60_000).toUTCString() });
    const r4 = await send(skewed);
    expect(r4.status).toBe(401);
    expect(((await r4.json()) as { message: string }).message).toContain('5 minutes');

    const buckets = await client(f.auth).listBuckets({ namespaceName: ns, compartmentId: f.emu.admin.tenancyId });
    expect(buckets.items.map((b) => b.name).some((n) => n.includes('pwn'))).toBe(false);
  });

  it('the clock-skew check reads the signed date header: an unsigned x-date cannot refresh an old request', async () => {
    const host = new URL(f.emu.url).host;
    const signDated = (date: string) => {
      const line = `date: ${date}\n(request-target): get /n\nhost: ${host}`;
      const signature = sign('sha256', Buffer.from(line), createPrivateKey(readFileSync(f.emu.admin.keyFile))).toString(
        'base64',
      );
      const keyId = `${f.emu.admin.tenancyId}/${f.emu.admin.userId}/${f.emu.admin.fingerprint}`;
      return {
        date,
        authorization: `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="date (request-target) host",signature="${signature}"`,
      };
    };
    const fresh = await fetch(`${f.emu.url}/n`, { headers: signDated(new Date().toUTCString()) });
    expect(fresh.status).toBe(200);
    await fresh.arrayBuffer();
    const replay = await fetch(`${f.emu.url}/n`, {
      headers: { ...signDated(new Date(Date.now() - 60 * 60_000).toUTCString()), 'x-date': new Date().toUTCString() },
    });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toContain('5 minutes');
  });

  it('an unknown API key is refused', async () => {
    const { privatePem } = sessionKeys();
    const stranger = new common.SimpleAuthenticationDetailsProvider(
      f.emu.admin.tenancyId,
      f.emu.admin.userId,
      '11:22:33:44:55:66:77:88:99:00:aa:bb:cc:dd:ee:ff',
      privatePem,
      null,
      common.Region.US_ASHBURN_1,
    );
    const e = await failure(client(stranger).getNamespace({}));
    expect(e.statusCode).toBe(401);
    expect(e.message).toContain('not registered');
  });

  it('a valid resource principal session token (ST$) is accepted and logged as the resource', async () => {
    const { privatePem, publicPem } = sessionKeys();
    const token = await f.emu.tenancy.issueResourcePrincipalToken({
      resourceId: RESOURCE_ID,
      resourceType: 'fnfunc',
      compartmentId: f.emu.admin.tenancyId,
      sessionPublicKeyPem: publicPem,
    });
    const rpst = join(tmp, 'rpst'),
      pem = join(tmp, 'session.pem');
    writeFileSync(rpst, token);
    writeFileSync(pem, privatePem);
    const before = process.env.OCI_RESOURCE_PRINCIPAL_VERSION;
    const auth = rpProvider(rpst, pem);
    expect(process.env.OCI_RESOURCE_PRINCIPAL_VERSION).toBe(before);
    // GetNamespace needs no permission, so no policy is involved (IAM: test/integration/emulator-iam.test.ts)
    const r = await client(auth).getNamespace({});
    expect(r.value).toBe(ns);
    expect((await requests('GetNamespace')).at(-1)).toMatchObject({ status: 200, caller: RESOURCE_ID });

    // the same token with another key is refused
    const other = sessionKeys();
    const e = await failure(client(rpProvider(token, other.privatePem)).getNamespace({}));
    expect(e.statusCode).toBe(401);
  });

  it('an expired resource principal session token is refused', async () => {
    const { privatePem, publicPem } = sessionKeys();
    const token = await f.emu.tenancy.issueResourcePrincipalToken({
      resourceId: RESOURCE_ID,
      resourceType: 'fnfunc',
      compartmentId: f.emu.admin.tenancyId,
      sessionPublicKeyPem: publicPem,
      ttlSeconds: 1,
    });
    const os = client(rpProvider(token, privatePem));
    const e = await waitFor(
      async () => {
        const err = await failure(os.getNamespace({}));
        return err.statusCode === 401 ? err : undefined;
      },
      { what: 'the token to expire' },
    );
    expect(e.serviceCode).toBe('NotAuthenticated');
    expect(e.message).toContain('expired');
  });
});

describe('admin profile durability', () => {
  it('a state dir whose admin config file was never written (killed after the key was registered) gets a working profile on restart', async () => {
    let g = await startEmulatorFixture({ providers: [createObjectStorageProvider()] });
    try {
      rmSync(g.emu.admin.configFile);
      g = await g.restart();
      expect(existsSync(g.emu.admin.configFile)).toBe(true);
      const ns2 = await g
        .point(
          new ObjectStorageClient(
            { authenticationDetailsProvider: g.auth },
            {
              circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
              retryConfiguration: common.NoRetryConfigurationDetails,
            },
          ),
        )
        .getNamespace({});
      expect(ns2.value).toBe(g.emu.tenancy.namespace);
    } finally {
      await g.stop();
    }
  });
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

  it('an unsigned or forged request to an operation the emulator lacks, or to no API, gets 401 before 501/404', async () => {
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
  });
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
