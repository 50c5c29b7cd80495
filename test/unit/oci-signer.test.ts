/**
 * shared/oci/signer.ts against oci-common's DefaultRequestSigner: RSA PKCS#1 v1.5 is
 * deterministic, so for the same request and x-date both must write the same headers, byte for byte.
 */
import { generateKeyPairSync } from 'node:crypto';
import { DefaultRequestSigner, type AuthenticationDetailsProvider, type HttpRequest } from 'oci-common';
import { describe, expect, it } from 'vitest';
import { createRequestSigner } from '#shared/oci/signer.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const plainPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const encryptedPem = privateKey
  .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 's3cret' })
  .toString();

function provider(pem: string, passphrase: string | null = null): AuthenticationDetailsProvider {
  return {
    getKeyId: async () => 'ocid1.tenancy.oc1..aaaa/ocid1.user.oc1..bbbb/11:22:33',
    getPrivateKey: () => pem,
    getPassphrase: () => passphrase,
  } as AuthenticationDetailsProvider;
}

function request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', uri: string, body?: string): HttpRequest {
  const headers = new Headers({
    'x-date': 'Sat, 22 Nov 2026 02:00:00 GMT',
    date: 'Sat, 22 Nov 2026 02:00:00 GMT',
    accept: 'application/json',
  });
  return { method, uri, headers, ...(body === undefined ? {} : { body }) } as HttpRequest;
}

async function both(auth: AuthenticationDetailsProvider, make: () => HttpRequest) {
  const ours = make();
  const theirs = make();
  await createRequestSigner(auth).signHttpRequest(ours);
  await new DefaultRequestSigner(auth).signHttpRequest(theirs);
  return { ours: Object.fromEntries(ours.headers), theirs: Object.fromEntries(theirs.headers) };
}

describe('request signer', () => {
  it.each([
    [
      'GET with a query',
      () =>
        request(
          'GET',
          'http://127.0.0.1:8081/20160918/instances' +
            "?compartmentId=ocid1.compartment.oc1..x&limit=10&page=o%3A10&displayName=it's%20mine",
        ),
    ],
    [
      'POST with a JSON body',
      () =>
        request(
          'POST',
          'http://127.0.0.1:8081/20180401/metrics/actions/summarizeMetricsData?compartmentId=x',
          JSON.stringify({ query: 'CpuUtilization[1m].mean()', note: 'ünïcödé' }),
        ),
    ],
    ['PUT with an empty body', () => request('PUT', 'http://localhost/n/ns/b/bucket/o/a%2Fb', '')],
    [
      'DELETE',
      () => request('DELETE', 'https://iaas.us-ashburn-1.oraclecloud.com/20160918/vcns/ocid1.vcn.oc1.iad.abc'),
    ],
  ])('writes the same headers as oci-common for %s', async (_name, make) => {
    const { ours, theirs } = await both(provider(plainPem), make);
    expect(ours.authorization).toMatch(
      /^Signature version="1",keyId="[^"]+",algorithm="rsa-sha256",headers="x-date \(request-target\) host/,
    );
    expect(ours).toEqual(theirs);
  });

  it('reads a pass-phrase protected key, and picks up a new key when the provider hands one out', async () => {
    const { ours, theirs } = await both(provider(encryptedPem, 's3cret'), () => request('GET', 'http://h/x'));
    expect(ours).toEqual(theirs);
    let pem = plainPem;
    const rotating = { ...provider(plainPem), getPrivateKey: () => pem } as AuthenticationDetailsProvider;
    const signer = createRequestSigner(rotating);
    const first = request('GET', 'http://h/x');
    await signer.signHttpRequest(first);
    pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const second = request('GET', 'http://h/x');
    await signer.signHttpRequest(second);
    const reference = request('GET', 'http://h/x');
    await new DefaultRequestSigner({ ...provider(pem) } as AuthenticationDetailsProvider).signHttpRequest(reference);
    expect(second.headers.get('authorization')).toBe(reference.headers.get('authorization'));
    expect(second.headers.get('authorization')).not.toBe(first.headers.get('authorization'));
  });

  it('fails clearly on a key it cannot read', async () => {
    await expect(
      createRequestSigner(provider('not a key')).signHttpRequest(request('GET', 'http://h/x')),
    ).rejects.toThrow();
  });
});
