/**
 * Adapter: the Functions invoke API over HTTP, signed by oci-common's `DefaultRequestSigner`.
 *
 * Why not `FunctionsInvokeClient.invokeFunction`: it can send neither the `Fn-Http-*` headers an
 * API Gateway adds nor return the function's response headers (`Fn-Http-Status`, `Fn-Http-H-*`),
 * and it reads the body as a string. The real API Gateway is an OCI service calling the same
 * endpoint; this adapter does what it does: same path, same signature scheme, raw bytes both ways.
 *
 * Limitation: oci-common hashes request bodies as UTF-8 text, so bodies that are not valid UTF-8
 * cannot be signed; `invoke` rejects them with `UnsignableBodyError` (callers answer 415).
 */
import type * as common from 'oci-common';
import { createRequestSigner } from '#local/product.ts';
import { InvokeTransportError, type InvokeClient, type InvokeRequest, type InvokeResponse } from './client.ts';

export interface InvokeClientOptions {
  /** base URL of the Functions invoke endpoint (the emulator's URL locally) */
  endpoint: string;
  /** who signs: the emulator's admin user (config file provider) locally */
  auth: common.AuthenticationDetailsProvider;
}

export class UnsignableBodyError extends Error {
  constructor() {
    super('the request body is not valid UTF-8 text; the local invoke path signs text bodies only');
    this.name = 'UnsignableBodyError';
  }
}

const DEFAULT_TIMEOUT_MS = 330_000;

export function createInvokeClient(options: InvokeClientOptions): InvokeClient {
  // the functions' signer: the key parsed once into a KeyObject (oci-common's DefaultRequestSigner
  // re-reads the PEM through sshpk on every call: ≈1 ms of the front's CPU per request)
  const signer = createRequestSigner(options.auth);
  const base = options.endpoint.replace(/\/+$/, '');
  return {
    async invoke(req: InvokeRequest): Promise<InvokeResponse> {
      const text = req.body.toString('utf8');
      if (!Buffer.from(text, 'utf8').equals(req.body)) throw new UnsignableBodyError();
      const uri = `${base}/20181201/functions/${encodeURIComponent(req.functionId)}/actions/invoke`;
      const headers = new Headers(req.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/octet-stream');
      await signer.signHttpRequest({ method: 'POST', uri, headers, body: text });
      const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      let res: Response;
      try {
        res = await fetch(uri, {
          method: 'POST',
          headers,
          body: new Uint8Array(req.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
      } catch (e: unknown) {
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        throw new InvokeTransportError(
          timedOut ? `the invoke call timed out after ${timeoutMs} ms` : 'the invoke endpoint did not answer',
          { cause: e, timedOut },
        );
      }
    },
  };
}
