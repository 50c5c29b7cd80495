/**
 * Helpers of the emulator pipeline tests (emulator-pipeline.test.ts, emulator-auth.test.ts), over the file's
 * emulator fixture: an Object Storage client, an expected failure, the request log, and a request signed by
 * the admin with oci-common's own signer, to tamper with before sending it.
 */
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import type { RequestLogEntry } from '#local/emulator/core/request-log.ts';
import type { EmulatorFixture } from './emulator.ts';

/** The helpers over the fixture `fixture()` returns (read at each call: tests start it in `beforeAll`). */
export function pipelineKit(fixture: () => EmulatorFixture) {
  function client(
    auth: common.AuthenticationDetailsProvider | undefined,
    retryConfiguration: common.RetryConfiguration = common.NoRetryConfigurationDetails,
  ): ObjectStorageClient {
    return fixture().point(
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
      (await (await fetch(`${fixture().emu.url}/_emulator/requests?operation=${operation}`)).json()) as {
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
      uri: fixture().emu.url + path,
      headers,
      ...(o.body !== undefined ? { body: o.body } : {}),
    };
    await new common.DefaultRequestSigner(fixture().auth).signHttpRequest(req);
    return req;
  }
  const send = (req: common.HttpRequest, body = req.body as string | undefined) =>
    fetch(req.uri, { method: req.method, headers: req.headers, ...(body !== undefined ? { body } : {}) });
  return { client, failure, requests, signed, send };
}
