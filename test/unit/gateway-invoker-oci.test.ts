import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOciInvoker } from '../../functions/gateway/invoker-oci.ts';
import { AppError } from '../../shared/errors.ts';

// A loopback stand-in for the Functions invoke endpoint: behaviour chosen by function id.
const seen: { method?: string; url?: string; body: string }[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body });
      if (req.url?.includes('ocid1.fnfunc.ok')) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
      } else if (req.url?.includes('ocid1.fnfunc.fails')) {
        res
          .writeHead(502, { 'content-type': 'application/json', 'opc-request-id': 'r1' })
          .end(JSON.stringify({ code: 'FunctionInvokeExecutionFailed', message: 'function failed' }));
      } else if (req.url?.includes('ocid1.fnfunc.busy')) {
        // throttled twice, then runs
        const n = seen.filter((x) => x.url?.includes('ocid1.fnfunc.busy')).length;
        if (n <= 2)
          res
            .writeHead(429, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: 'TooManyRequests', message: 'throttled' }));
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { ran: n } }));
      } else if (req.url?.includes('ocid1.fnfunc.nocapacity')) {
        // no capacity once (never started), then runs
        const n = seen.filter((x) => x.url?.includes('ocid1.fnfunc.nocapacity')).length;
        if (n <= 1)
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: 'FunctionInvokeServiceUnavailable', message: 'Timed out - server too busy' }));
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { ran: n } }));
      } else if (req.url?.includes('ocid1.fnfunc.slow')) {
        setTimeout(() => res.writeHead(200).end('{}'), 2_000);
      } else {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 'NotAuthorizedOrNotFound', message: 'not found' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createOciInvoker', () => {
  it('POSTs the body to the invoke path of FN_INVOKE_ENDPOINT and returns the response text', async () => {
    const invoker = createOciInvoker({
      env: { FN_INVOKE_ENDPOINT: endpoint, OCI_ENDPOINT: 'http://127.0.0.1:9' },
      auth: 'none',
    });
    const text = await invoker.invoke('ocid1.fnfunc.ok', JSON.stringify({ hello: 'inv-1' }), { deadlineMs: 5_000 });
    expect(JSON.parse(text)).toEqual({ data: { echo: { hello: 'inv-1' } } });
    const req = seen.find((s) => s.body.includes('inv-1'));
    expect(req).toMatchObject({ method: 'POST', url: '/20181201/functions/ocid1.fnfunc.ok/actions/invoke' });
  });

  it('falls back to OCI_ENDPOINT_FUNCTIONS_INVOKE', async () => {
    const invoker = createOciInvoker({ env: { OCI_ENDPOINT_FUNCTIONS_INVOKE: endpoint }, auth: 'none' });
    const text = await invoker.invoke('ocid1.fnfunc.ok', '{"hello":"inv-2"}', { deadlineMs: 5_000 });
    expect(text).toContain('inv-2');
  });

  it('rejects a 502 as an UPSTREAM_UNAVAILABLE AppError', async () => {
    const invoker = createOciInvoker({ env: { FN_INVOKE_ENDPOINT: endpoint }, auth: 'none' });
    const err = await invoker.invoke('ocid1.fnfunc.fails', '{}', { deadlineMs: 5_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((err as AppError).details.status).toBe(502);
  });

  it('retries a 429 (the function did not run) within the deadline, and never a 502 (it may have run)', async () => {
    const env = { FN_INVOKE_ENDPOINT: endpoint, OCI_RETRY_BASE_MS: '5', OCI_RETRY_CAP_MS: '20' };
    const text = await createOciInvoker({ env, auth: 'none' }).invoke('ocid1.fnfunc.busy', '{}', { deadlineMs: 5_000 });
    expect(JSON.parse(text)).toEqual({ data: { ran: 3 } });
    const before = seen.filter((x) => x.url?.includes('ocid1.fnfunc.fails')).length;
    await createOciInvoker({ env, auth: 'none' })
      .invoke('ocid1.fnfunc.fails', '{}', { deadlineMs: 5_000 })
      .catch(() => undefined);
    expect(seen.filter((x) => x.url?.includes('ocid1.fnfunc.fails')).length).toBe(before + 1);
  });

  it('retries a 503 FunctionInvokeServiceUnavailable (never started) even for a mutation', async () => {
    const env = { FN_INVOKE_ENDPOINT: endpoint, OCI_RETRY_BASE_MS: '5', OCI_RETRY_CAP_MS: '20' };
    const text = await createOciInvoker({ env, auth: 'none' }).invoke('ocid1.fnfunc.nocapacity', '{}', {
      deadlineMs: 5_000,
    });
    expect(JSON.parse(text)).toEqual({ data: { ran: 2 } });
  });

  it('an idempotent invoke (a query) is retried after a 502 too', async () => {
    const env = {
      FN_INVOKE_ENDPOINT: endpoint,
      OCI_RETRY_BASE_MS: '5',
      OCI_RETRY_CAP_MS: '20',
      OCI_RETRY_MAX_ATTEMPTS: '3',
    };
    const before = seen.filter((x) => x.url?.includes('ocid1.fnfunc.fails')).length;
    await createOciInvoker({ env, auth: 'none' })
      .invoke('ocid1.fnfunc.fails', '{}', { deadlineMs: 5_000, idempotent: true })
      .catch(() => undefined);
    expect(seen.filter((x) => x.url?.includes('ocid1.fnfunc.fails')).length).toBe(before + 3);
  });

  it('rejects with DEADLINE_EXCEEDED when the function outlives the deadline', async () => {
    const invoker = createOciInvoker({ env: { FN_INVOKE_ENDPOINT: endpoint }, auth: 'none' });
    const err = await invoker.invoke('ocid1.fnfunc.slow', '{}', { deadlineMs: 100 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('DEADLINE_EXCEEDED');
  });
});
