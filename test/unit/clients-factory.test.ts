/** createOciClient / toAppError / checkConnectivity against a tiny local HTTP server (real oci-sdk clients). */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CircuitBreaker, NoRetryConfigurationDetails, OciError } from 'oci-common';
import { NosqlClient } from 'oci-nosql';
import { ObjectStorageClient } from 'oci-objectstorage';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UpstreamError,
  BadUserInputError,
} from '../../shared/errors.ts';
import { createAuthProvider } from '../../shared/auth/index.ts';
import { checkConnectivity } from '../../shared/auth/connectivity.ts';
import { createOciClient, resetOciClients, retryToken, toAppError, withRetry } from '../../shared/oci/index.ts';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
let server: http.Server;
let base = '';
let seen: Seen[] = [];
let replies: Reply[] = [];
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clients-'));
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers });
      const r = replies.shift() ?? { status: 200, body: 'testns' };
      res.writeHead(r.status, {
        'content-type': 'application/json',
        'opc-request-id': `srv-${seen.length}-${Math.random()}`,
        ...r.headers,
      });
      res.end(r.body === undefined ? '' : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  seen = [];
  replies = [];
  resetOciClients();
});

function apiKeyProfile(region = 'us-ashburn-1') {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const keyFile = join(dir, `k-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(keyFile, key);
  const cfg = join(dir, `cfg-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    cfg,
    `[DEFAULT]\ntenancy=ocid1.tenancy.oc1..t\nuser=ocid1.user.oc1..u\nfingerprint=11:22\nkey_file=${keyFile}\n` +
      `region=${region}\n`,
  );
  return cfg;
}

describe('createOciClient endpoints', () => {
  it('takes OCI_ENDPOINT_<SERVICE> over OCI_ENDPOINT, and sets it after the region so it sticks', async () => {
    const auth = createAuthProvider({ configFile: apiKeyProfile(), env: {} });
    const os = createOciClient(ObjectStorageClient, {
      service: 'OBJECTSTORAGE',
      auth,
      env: { OCI_ENDPOINT: 'http://wrong.invalid', OCI_ENDPOINT_OBJECTSTORAGE: `${base}/` },
    });
    expect(os.endpoint).toBe(base);
    const r = await os.getNamespace({});
    expect(r.value).toBe('testns');
    expect(seen[0]!.url).toBe('/n');
    // signed with the api key provider
    expect(seen[0]!.headers.authorization).toMatch(
      /^Signature version="1",keyId="ocid1.tenancy.oc1..t\/ocid1.user.oc1..u\/11:22",algorithm="rsa-sha256"/,
    );
  });

  it('lets the NoSQL client append its API version to the bare base URL', () => {
    const nosql = createOciClient(NosqlClient, { service: 'NOSQL', auth: 'none', env: { OCI_ENDPOINT: base } });
    expect(nosql.endpoint).toBe(`${base}/20190828`);
  });

  it('fails clearly on a bad endpoint or when there is neither endpoint nor region', () => {
    expect(() =>
      createOciClient(NosqlClient, { service: 'NOSQL', auth: 'none', env: { OCI_ENDPOINT: 'http://u:p@host' } }),
    ).toThrow(/OCI_ENDPOINT must be an http\(s\) base URL/);
    expect(() =>
      createOciClient(NosqlClient, { service: 'NOSQL', auth: 'none', env: { OCI_ENDPOINT_NOSQL: 'not a url' } }),
    ).toThrow(/OCI_ENDPOINT_NOSQL is not a URL/);
    expect(() => createOciClient(NosqlClient, { service: 'NOSQL', auth: 'none', env: {} })).toThrow(
      /no endpoint for NOSQL/,
    );
  });

  it('memoizes the default client per class and service', () => {
    const saved = { ...process.env };
    process.env.OCI_ENDPOINT = base;
    process.env.OCI_CLI_CONFIG_FILE = apiKeyProfile();
    try {
      const a = createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' });
      expect(createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' })).toBe(a);
      expect(createOciClient(NosqlClient, { service: 'NOSQL' })).not.toBe(a);
      resetOciClients();
      expect(createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' })).not.toBe(a);
    } finally {
      process.env = saved;
    }
  });
});

describe('createOciClient retry and breaker settings', () => {
  it('makes exactly one HTTP attempt per SDK call (SDK retry off), even for a retryable 503', async () => {
    const os = createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE', auth: 'none', endpoint: base });
    replies = [{ status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } }];
    await expect(os.getNamespace({})).rejects.toMatchObject({ statusCode: 503, serviceCode: 'ServiceUnavailable' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['opc-client-retries']).toBeUndefined();
  });

  it(
    'has no circuit breaker: after a burst of failures the ' + 'next call still goes out (a default client fails fast)',
    async () => {
      const saved = CircuitBreaker.EnableDefaultCircuitBreaker;
      CircuitBreaker.EnableDefaultCircuitBreaker = 'true'; // undo the test env's global switch-off for this test
      try {
        const ours = createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE', auth: 'none', endpoint: base });
        const plain = new ObjectStorageClient({} as ConstructorParameters<typeof ObjectStorageClient>[0], {
          retryConfiguration: NoRetryConfigurationDetails,
        });
        plain.endpoint = base;
        for (const client of [ours, plain]) {
          for (let i = 0; i < 12; i++) {
            replies.push({ status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } });
            await client.getNamespace({}).catch(() => undefined);
          }
        }
        replies = [];
        expect((await ours.getNamespace({})).value).toBe('testns');
        const plainErr = await plain.getNamespace({}).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(plainErr).toMatchObject({ code: 'EOPENBREAKER' });
      } finally {
        CircuitBreaker.EnableDefaultCircuitBreaker = saved;
      }
    },
  );

  it(
    'withRetry honours a Retry-After sent with a 429 ' + '(recorded by the client, matched by opc-request-id)',
    async () => {
      const os = createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE', auth: 'none', endpoint: base });
      replies = [
        {
          status: 429,
          body: { code: 'TooManyRequests', message: 'slow down' },
          headers: { 'retry-after': '7', 'opc-request-id': 'ra-429-1' },
        },
      ];
      const delays: number[] = [];
      const r = await withRetry(() => os.getNamespace({}), {
        env: {},
        sleep: async (ms) => void delays.push(ms),
        random: () => 0,
      });
      expect(r.value).toBe('testns');
      expect(delays).toHaveLength(1);
      expect(delays[0]).toBeGreaterThan(6_000);
      expect(delays[0]).toBeLessThanOrEqual(7_000);
    },
  );

  it('a create retried by withRetry sends the same opc-retry-token on every attempt', async () => {
    const nosql = createOciClient(NosqlClient, { service: 'NOSQL', auth: 'none', endpoint: base });
    replies = [
      { status: 503, body: { code: 'ServiceUnavailable', message: 'x' } },
      { status: 500, body: { code: 'InternalServerError', message: 'x' } },
      { status: 202, body: {}, headers: { 'opc-work-request-id': 'wr1' } },
    ];
    const token = retryToken();
    await withRetry(
      () =>
        nosql.createTable({
          createTableDetails: {
            name: 't1',
            compartmentId: 'c',
            ddlStatement: 'CREATE TABLE t1(id STRING, PRIMARY KEY(id))',
          },
          opcRetryToken: token,
        }),
      { env: {}, sleep: async () => undefined },
    );
    expect(seen.map((s) => s.headers['opc-retry-token'])).toEqual([token, token, token]);
    expect(seen[0]!.url).toBe('/20190828/tables');
  });

  it('surfaces a refused connection as the SDK plain object, which withRetry retries and toAppError maps', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const os = createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE', auth: 'none', endpoint: dead });
    let attempts = 0;
    const err = await withRetry(() => (attempts++, os.getNamespace({})), {
      env: {},
      maxAttempts: 3,
      sleep: async () => undefined,
    }).catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(err).not.toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: 'ECONNREFUSED' }); // node:http's error, rethrown by the SDK as { code, message }
    expect(toAppError(err)).toBeInstanceOf(UpstreamError);
  });
});

describe('toAppError', () => {
  const oci = (status: number, code: string) =>
    new OciError(status, code, `msg ${code}`, 'opc-1', 'ObjectStorage', 'getObject', '', 'GET /n', '');
  it.each([
    [400, 'InvalidParameter', BadUserInputError, 'BAD_USER_INPUT', 400],
    [401, 'NotAuthenticated', UpstreamError, 'UPSTREAM_UNAVAILABLE', 503],
    [403, 'NotAllowed', ForbiddenError, 'FORBIDDEN', 403],
    [404, 'NotAuthorizedOrNotFound', NotFoundError, 'NOT_FOUND', 404],
    [409, 'Conflict', ConflictError, 'CONFLICT', 409],
    [412, 'PreconditionFailed', ConflictError, 'CONFLICT', 409],
    [413, 'PayloadTooLarge', AppError, 'PAYLOAD_TOO_LARGE', 413],
    [429, 'TooManyRequests', AppError, 'RATE_LIMITED', 429],
    [500, 'InternalServerError', UpstreamError, 'UPSTREAM_UNAVAILABLE', 503],
    [501, 'NotImplemented', AppError, 'NOT_IMPLEMENTED', 501],
    [503, 'ServiceUnavailable', UpstreamError, 'UPSTREAM_UNAVAILABLE', 503],
  ])('maps %i %s', (status, code, cls, appCode, http) => {
    const e = oci(status, code);
    const a = toAppError(e);
    expect(a).toBeInstanceOf(cls);
    expect(a.code).toBe(appCode);
    expect(a.httpStatus).toBe(http);
    expect(a.cause).toBe(e);
    expect(a.details).toMatchObject({
      status,
      serviceCode: code,
      opcRequestId: 'opc-1',
      service: 'ObjectStorage',
      operation: 'getObject',
    });
  });

  it('passes AppErrors through and masks unknown errors', () => {
    const nf = new NotFoundError('x');
    expect(toAppError(nf)).toBe(nf);
    const odd = toAppError(new Error('weird internal /etc/secret'));
    expect(odd.code).toBe('INTERNAL_SERVER_ERROR');
    expect(odd.message).toBe('unexpected error calling OCI');
  });
});

describe('checkConnectivity', () => {
  it('reports the namespace when getNamespace works', async () => {
    const auth = createAuthProvider({ configFile: apiKeyProfile(), env: {} });
    expect(await checkConnectivity(auth, { endpoint: base })).toEqual({ ok: true, namespace: 'testns' });
  });

  it('reports a clear message without secrets when the service rejects the credentials', async () => {
    const auth = createAuthProvider({ configFile: apiKeyProfile(), env: {} });
    replies = [
      {
        status: 401,
        body: {
          code: 'NotAuthenticated',
          message: 'The required information to complete authentication was not provided',
        },
      },
    ];
    const r = await checkConnectivity(auth, { endpoint: base });
    expect(r.ok).toBe(false);
    const msg = (r as { message: string }).message;
    expect(msg).toContain('401 NotAuthenticated');
    expect(msg).not.toContain('11:22');
    expect(msg).not.toMatch(/PRIVATE KEY/);
  });

  it('reports an unreachable endpoint', async () => {
    const auth = createAuthProvider({ configFile: apiKeyProfile(), env: {} });
    const r = await checkConnectivity(auth, { endpoint: 'http://127.0.0.1:1' });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/cannot reach http:\/\/127.0.0.1:1/) });
  });
});
