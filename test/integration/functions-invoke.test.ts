/**
 * The emulator's Functions invoke API through the real oci-functions clients, forwarding to the Fn
 * runner (runner → emulator wiring as the local stack does it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as common from 'oci-common';
import { FunctionsInvokeClient, FunctionsManagementClient, requests } from 'oci-functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOcid } from '#local/emulator/core/ids.ts';
import type { FunctionTarget, FunctionsProvider } from '#local/emulator/services/functions/provider.ts';
import { startRunner, type Runner } from '#local/runner/index.ts';
import { buildFnFixtures } from '../fixtures/fn-bundles/build.ts';
import { startEmulatorFixture, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';

let fx: EmulatorFixture;
let runner: Runner;
let work = '';
let client: FunctionsInvokeClient;
const fnId = newOcid('fnfunc');
const appId = newOcid('fnapp');
const compartmentId = newOcid('compartment');
let calls = 0;

const text = async (value: unknown) => new Response(value as ReadableStream).text();
const ociError = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e: unknown) {
    return e as { statusCode: number; serviceCode: string; message: string; opcRequestId?: string };
  }
  throw new Error('expected the call to fail');
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'fn-invoke-'));
  const [emu, bundles] = await Promise.all([startEmulatorFixture(), buildFnFixtures(work, ['fn-echo'])]);
  fx = emu;
  runner = await startRunner({
    emulator: { url: fx.emu.url, configFile: fx.emu.admin.configFile },
    functions: [
      { name: 'echo', id: fnId, appId, compartmentId, entry: bundles['fn-echo']!, memoryMb: 256, timeoutSeconds: 20 },
    ],
    workDir: work,
    initTimeoutMs: 20_000,
    log: () => undefined,
  });
  const target: FunctionTarget = {
    invoke: (r) => {
      calls++;
      return runner.invoke(fnId, r);
    },
  };
  fx.emu.provider<FunctionsProvider>('functions')!.register(fnId, target, {
    displayName: 'echo',
    applicationId: appId,
    compartmentId,
    memoryInMBs: 256,
    timeoutInSeconds: 20,
  });
  client = fx.point(new FunctionsInvokeClient({ authenticationDetailsProvider: fx.auth }));
});

afterAll(async () => {
  await runner?.close();
  await fx?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('InvokeFunction', () => {
  // First in the file on purpose: the SDK hashes the 6 MB body synchronously (jssha, 5-15 s here), blocking
  // the event loop this emulator shares. Run after other tests it failed once with "fetch failed", most
  // likely an idle keep-alive connection closed by the server's timer as the request was written.
  it('refuses a request body over 6 MB with 413 without running the function', async () => {
    const before = calls;
    const e = await ociError(
      client.invokeFunction({ functionId: fnId, invokeFunctionBody: 'a'.repeat(6 * 1024 * 1024 + 1) }),
    );
    expect(e.statusCode).toBe(413);
    expect(e.serviceCode).toBe('RequestEntityTooLarge');
    expect(calls).toBe(before);
  });

  it('runs the function and returns its body, with the caller as oci-subject-*', async () => {
    const res = await client.invokeFunction({
      functionId: fnId,
      invokeFunctionBody: JSON.stringify({ hi: 1 }),
      opcRequestId: 'MYREQ1',
    });
    expect(res.opcRequestId).toBe('MYREQ1');
    const b = JSON.parse(await text(res.value)) as {
      fnId: string;
      callId: string;
      bodyLength: number;
      headers: Record<string, string[]>;
    };
    expect(b.fnId).toBe(fnId);
    expect(b.bodyLength).toBe(8);
    expect(b.callId).toMatch(/^[0-9A-Z]{26}$/);
    expect(b.headers['Opc-Request-Id']).toEqual(['MYREQ1']);
    expect(b.headers['Oci-Subject-Id']).toEqual([fx.emu.admin.userId]);
    expect(b.headers['Oci-Subject-Type']).toEqual(['user']);
    expect(b.headers.Authorization).toBeUndefined();
    expect(b.headers['X-Content-Sha256']).toBeUndefined();
  });

  it('passes Fn-Http-* request and response headers through for fn-intent httprequest', async () => {
    const body = JSON.stringify({ httpStatus: 201 });
    const uri = `${fx.emu.url}/20181201/functions/${fnId}/actions/invoke`;
    const req: common.HttpRequest = {
      method: 'POST',
      uri,
      body,
      headers: new Headers({
        'content-type': 'application/json',
        'fn-intent': 'httprequest',
        'fn-http-method': 'POST',
        'fn-http-request-url': '/graphql?x=1',
        'fn-http-h-x-client': 'c1',
        'oci-subject-id': 'forged',
      }),
    };
    await new common.DefaultRequestSigner(fx.auth).signHttpRequest(req);
    const res = await fetch(uri, { method: 'POST', headers: req.headers, body });
    expect(res.status).toBe(200);
    expect(res.headers.get('fn-http-status')).toBe('201');
    expect(res.headers.get('fn-http-h-x-echo')).toBe('yes');
    expect(res.headers.get('fn-call-id')).toMatch(/^[0-9A-Z]{26}$/);
    expect(res.headers.get('fn-fdk-version')).toBeNull();
    expect(res.headers.get('opc-request-id')).toBeTruthy();
    const b = (await res.json()) as { callId: string; headers: Record<string, string[]> };
    expect(b.callId).toBe(res.headers.get('fn-call-id'));
    expect(b.headers['Fn-Http-H-X-Client']).toEqual(['c1']);
    expect(b.headers['Fn-Http-Request-Url']).toEqual(['/graphql?x=1']);
    expect(b.headers['Oci-Subject-Id']).toEqual([fx.emu.admin.userId]);
  });

  it('answers 404 NotAuthorizedOrNotFound for an unknown function', async () => {
    const e = await ociError(client.invokeFunction({ functionId: newOcid('fnfunc'), invokeFunctionBody: '{}' }));
    expect(e.statusCode).toBe(404);
    expect(e.serviceCode).toBe('NotAuthorizedOrNotFound');
  });

  it('maps a function failure to 502 FunctionInvokeExecutionFailed', async () => {
    const e = await ociError(
      client.invokeFunction({ functionId: fnId, invokeFunctionBody: JSON.stringify({ throw: true }) }),
    );
    expect(e.statusCode).toBe(502);
    expect(e.serviceCode).toBe('FunctionInvokeExecutionFailed');
    expect(e.message).not.toMatch(/boom/);
  });

  it('answers 202 for a detached invoke and runs the function in the background', async () => {
    const before = calls;
    const res = await client.invokeFunction({
      functionId: fnId,
      invokeFunctionBody: '{}',
      fnInvokeType: requests.InvokeFunctionRequest.FnInvokeType.Detached,
    });
    expect(await text(res.value)).toBe('');
    await waitFor(() => calls === before + 1, { what: 'the detached call' });
  });

  it('does not run the function on a dry run', async () => {
    const before = calls;
    const res = await client.invokeFunction({ functionId: fnId, invokeFunctionBody: '{}', isDryRun: true });
    expect(await text(res.value)).toBe('');
    expect(calls).toBe(before);
  });

  it('refuses an invalid fn-intent and unsigned requests', async () => {
    const e = await ociError(
      client.invokeFunction({
        functionId: fnId,
        invokeFunctionBody: '{}',
        fnIntent: 'bogus' as requests.InvokeFunctionRequest.FnIntent,
      }),
    );
    expect(e.statusCode).toBe(400);
    const unsigned = fx.point(new FunctionsInvokeClient({} as ConstructorParameters<typeof FunctionsInvokeClient>[0]));
    const u = await ociError(unsigned.invokeFunction({ functionId: fnId, invokeFunctionBody: '{}' }));
    expect(u.statusCode).toBe(401);
  });
});

describe('Functions management', () => {
  it('answers GetFunction for a registered function and 501 naming other operations', async () => {
    const mgmt = fx.point(new FunctionsManagementClient({ authenticationDetailsProvider: fx.auth }));
    const f = await mgmt.getFunction({ functionId: fnId });
    expect(f.function).toMatchObject({
      id: fnId,
      displayName: 'echo',
      applicationId: appId,
      memoryInMBs: 256,
      lifecycleState: 'ACTIVE',
      invokeEndpoint: fx.emu.url,
    });
    const e = await ociError(mgmt.listApplications({ compartmentId }));
    expect(e.statusCode).toBe(501);
    expect(e.message).toMatch(/ListApplications/);
    const d = await ociError(mgmt.deleteFunction({ functionId: fnId }));
    expect(d.statusCode).toBe(501);
    expect(d.message).toMatch(/DeleteFunction/);
  });
});
