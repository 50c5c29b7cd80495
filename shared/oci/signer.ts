/**
 * OCI request signing (draft-cavage HTTP signatures, `version="1"`, rsa-sha256), the same headers
 * and Authorization value as oci-common's {@link DefaultRequestSigner}, but cheaper per call:
 *
 * - the private key is parsed once into a `KeyObject` (re-parsed only when the provider hands out
 *   another PEM, e.g. a rotated resource-principal key). oci-common goes through sshpk and passes
 *   a PEM string to OpenSSL on every request, which re-decodes the key and redoes the RSA setup:
 *   about 1.5 ms of CPU per call against 0.4 ms with a KeyObject (2048-bit, this project's bench);
 * - signing stays synchronous: the thread-pool form (`crypto.sign` with a callback) measured no
 *   better on the loaded 2-core bench machine (the key's lock is contended between threads);
 * - the body hash uses node:crypto instead of jssha (pure JS).
 *
 * Providers that delegate (oci-common's `getAuthType`/`getProvider`, e.g. instance principals) and
 * non-string bodies (streams) take oci-common's signer unchanged.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { parse as parseUrl } from 'node:url';
import { DefaultRequestSigner } from 'oci-common';
import type { AuthenticationDetailsProvider, HttpRequest, RequestSigner } from 'oci-common';
import { privateKeyObject } from '../auth/files.ts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const EMPTY_SHA = createHash('sha256').update('').digest('base64');

interface Delegating {
  getAuthType?: () => string | undefined;
  getProvider?: () => unknown;
}

/** A {@link RequestSigner} for `auth`: fast path for plain key providers, oci-common's signer otherwise. */
export function createRequestSigner(auth: AuthenticationDetailsProvider): RequestSigner {
  const d = auth as AuthenticationDetailsProvider & Delegating;
  if (typeof d.getAuthType === 'function' || typeof d.getProvider === 'function') return new DefaultRequestSigner(auth);
  let slow: DefaultRequestSigner | undefined;
  // built only when needed: it parses the key with sshpk
  const fallback = () => (slow ??= new DefaultRequestSigner(auth));
  let cached: { pem: string; passphrase: string | null; key: KeyObject } | undefined;

  const keyFor = (pem: string, passphrase: string | null): KeyObject => {
    if (cached?.pem === pem && cached.passphrase === passphrase) return cached.key;
    const key = privateKeyObject(pem, passphrase); // shared with the provider's check: parsed once
    cached = { pem, passphrase, key };
    return key;
  };

  return {
    async signHttpRequest(request: HttpRequest, forceExcludeBody = false): Promise<void> {
      const body: unknown = request.body;
      const withBody = !forceExcludeBody && BODY_METHODS.has(request.method.toUpperCase());
      if (withBody && body !== undefined && body !== null && typeof body !== 'string')
        return fallback().signHttpRequest(request, forceExcludeBody);
      // the legacy parser, as oci-common's: the signed path must be byte-identical to what it signs
      const url = parseUrl(request.uri);
      const h = request.headers;
      if (!h.has('host')) {
        if (!url.host) throw new Error('Cannot parse host from url');
        h.set('host', url.host);
      }
      if (!h.has('x-date')) h.set('x-date', new Date().toUTCString());
      const names = ['x-date', '(request-target)', 'host'];
      if (withBody) {
        if (!h.has('Content-Type')) h.set('Content-Type', 'application/json');
        const text = typeof body === 'string' ? body : '';
        h.set('x-content-sha256', text ? createHash('sha256').update(text, 'utf8').digest('base64') : EMPTY_SHA);
        if (!h.has('Content-Length')) h.set('Content-Length', String(Buffer.byteLength(text, 'utf8')));
        names.push('Content-Type', 'Content-Length', 'x-content-sha256');
      }
      const keyId = await auth.getKeyId();
      const pem = auth.getPrivateKey();
      let key: KeyObject;
      try {
        key = keyFor(pem, auth.getPassphrase());
      } catch {
        // a key format only sshpk reads (or a clear error from it)
        return fallback().signHttpRequest(request, forceExcludeBody);
      }
      if (!h.has('date')) h.set('date', new Date().toUTCString()); // http-signature adds it too (unsigned)
      const target = `${request.method.toLowerCase()} ${url.path ?? '/'}`;
      const lines = names.map((n) =>
        n === '(request-target)' ? `(request-target): ${target}` : `${n.toLowerCase()}: ${h.get(n) ?? ''}`,
      );
      const signature = sign('sha256', Buffer.from(lines.join('\n'), 'utf8'), key);
      const params = [
        'version="1"',
        `keyId="${keyId}"`,
        'algorithm="rsa-sha256"',
        `headers="${names.join(' ')}"`,
        `signature="${signature.toString('base64')}"`,
      ];
      h.set('authorization', `Signature ${params.join(',')}`);
    },
  };
}
