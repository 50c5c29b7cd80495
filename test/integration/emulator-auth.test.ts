/**
 * The emulator's request authentication, exercised through Object Storage: signature verification (API keys
 * and resource principal session tokens), the clock-skew check, and the admin profile surviving a restart.
 */
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityAuthProvider } from '#local/emulator/services/identity/auth-provider.ts';
import { createObjectStorageProvider } from '#local/emulator/services/objectstorage/provider.ts';
import { startEmulatorFixture, uid, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';
import { pipelineKit } from '../helpers/emulator-pipeline.ts';

let f: EmulatorFixture;
let ns: string;
const tmp = mkdtempSync(join(tmpdir(), 'emu-auth-'));
const RESOURCE_ID = 'ocid1.fnfunc.oc1.iad.aaaaaaaa' + 'f'.repeat(52);
const { client, failure, requests, signed, send } = pipelineKit(() => f);

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

  it(
    'the clock-skew check reads the signed date header: an ' + 'unsigned x-date cannot refresh an old request',
    async () => {
      const host = new URL(f.emu.url).host;
      const signDated = (date: string) => {
        const line = `date: ${date}\n(request-target): get /n\nhost: ${host}`;
        const signature = sign(
          'sha256',
          Buffer.from(line),
          createPrivateKey(readFileSync(f.emu.admin.keyFile)),
        ).toString('base64');
        const keyId = `${f.emu.admin.tenancyId}/${f.emu.admin.userId}/${f.emu.admin.fingerprint}`;
        return {
          date,
          authorization:
            `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",` +
            `headers="date (request-target) host",signature="${signature}"`,
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
    },
  );

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
  it(
    'a state dir whose admin config file was never written (killed after the key was registered) gets a working ' +
      'profile on restart',
    async () => {
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
    },
  );
});
