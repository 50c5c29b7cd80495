/**
 * The API Gateway front against a real emulator, for the apigw integration tests: requests are invoked
 * through the emulator's Functions invoke endpoint (its real Functions provider), signed as the admin user.
 * The backend is a fake invoke target registered there, so each test controls the function's answer exactly.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { rmSync } from 'node:fs';
import { startEmulatorFixture, tempDir, uid, type EmulatorFixture } from './emulator.ts';
import type { FunctionTarget, FunctionsProvider } from '#local/emulator/services/functions/provider.ts';
import { openDevIssuer, startApiGateway, type ApiGateway, type DevIssuer } from '#local/apigw/index.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import { createLogger } from '#shared/log.ts';

export const FN_ID = 'ocid1.fnfunc.oc1.iad.aaaaaaaafakegatewayfunction';
/** One invoke the fake function received. */
export interface Call {
  body: Buffer;
  header(name: string): string | undefined;
}
/** What the fake function answers. */
export type Answer = {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  error?: { code: string; message: string };
};

/** The running front; its fields are set by `beforeAll`. */
export interface Front {
  fx: EmulatorFixture;
  gw: ApiGateway;
  issuer: DevIssuer;
  issuerDir: string;
  /** the invokes the function received in this test */
  calls: Call[];
  /** the function's answer in this test (`{ ok: true }` unless the test sets it) */
  answer: (call: Call) => Answer;
  /** an Authorization header with a token minted by the dev issuer */
  bearer(sub?: string, roles?: ('viewer' | 'operator' | 'admin')[]): Promise<string>;
}

/**
 * Registers the hooks of a test file: the emulator, the fake function and the front start before its tests
 * and stop after them; `calls` and `answer` are reset before each test.
 */
export function useFront(): Front {
  const front = {
    calls: [],
    answer: () => ({ body: { ok: true } }),
    bearer: async (sub = uid('user'), roles: ('viewer' | 'operator' | 'admin')[] = ['viewer']) =>
      `Bearer ${await front.issuer.mintToken({ sub, roles })}`,
  } as unknown as Front;
  /** A fake invoke target registered with the emulator's real Functions provider. */
  const fakeTarget: FunctionTarget = {
    async invoke({ body, headers }) {
      const call: Call = {
        body,
        header: (n) => {
          const v = headers[n.toLowerCase()];
          return Array.isArray(v) ? v.join(', ') : v;
        },
      };
      front.calls.push(call);
      const a = front.answer(call);
      const raw =
        a.body === undefined
          ? Buffer.alloc(0)
          : Buffer.isBuffer(a.body)
            ? a.body
            : Buffer.from(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      return {
        status: a.status ?? 200,
        headers: { 'content-type': 'application/json', ...a.headers },
        body: raw,
        ...(a.error ? { error: a.error } : {}),
      };
    },
  };
  beforeAll(async () => {
    front.fx = await startEmulatorFixture();
    front.fx.emu.provider<FunctionsProvider>('functions')!.register(FN_ID, fakeTarget);
    front.issuerDir = tempDir('apigw');
    front.issuer = await openDevIssuer({ stateDir: front.issuerDir });
    front.gw = await startApiGateway({
      port: 0,
      functions: { gateway: FN_ID },
      jwks: front.issuer.jwks,
      jwt: { issuer: front.issuer.issuer, audience: front.issuer.audience, jwks: front.issuer.jwks },
      invoker: createInvokeClient({ endpoint: front.fx.emu.url, auth: front.fx.auth }),
      log: createLogger({ level: 'error' }),
    });
  });
  afterAll(async () => {
    await front.gw?.close();
    await front.fx?.stop();
    if (front.issuerDir) rmSync(front.issuerDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    front.calls.length = 0;
    front.answer = () => ({ body: { ok: true } });
  });
  return front;
}
