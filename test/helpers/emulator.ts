/**
 * Test fixture: an emulator on a free port with its own temp STATE_DIR, plus an oci-common auth
 * provider for its admin user (read from the config file the emulator wrote).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as common from 'oci-common';
import { startEmulator, type Emulator, type EmulatorOptions } from '#local/emulator/index.ts';

export interface EmulatorFixture {
  emu: Emulator;
  stateDir: string;
  auth: common.AuthenticationDetailsProvider;
  /** set endpoint last (after region), as reference §3 requires */
  point<T extends { endpoint: string }>(client: T): T;
  /** stop, and remove the state dir unless `keepState` */
  stop(options?: { keepState?: boolean }): Promise<void>;
  restart(): Promise<EmulatorFixture>;
}

export function uid(prefix = 't'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function tempDir(prefix = 'emu'): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export async function startEmulatorFixture(options: Partial<EmulatorOptions> = {}): Promise<EmulatorFixture> {
  const stateDir = options.stateDir ?? tempDir();
  const emu = await startEmulator({
    port: 0,
    ...options,
    stateDir,
    onError: options.onError ?? ((e) => console.error(e)),
  });
  const auth = new common.ConfigFileAuthenticationDetailsProvider(emu.admin.configFile, 'DEFAULT');
  const fixture: EmulatorFixture = {
    emu,
    stateDir,
    auth,
    point(client) {
      client.endpoint = emu.url;
      return client;
    },
    async stop(o = {}) {
      await emu.close();
      if (!o.keepState) rmSync(stateDir, { recursive: true, force: true });
    },
    async restart() {
      await emu.close();
      return startEmulatorFixture({ ...options, stateDir, port: 0 });
    },
  };
  return fixture;
}

/** An oci-sdk client constructor (the shape every per-service client shares). */
export type ClientClass<T> = new (
  p: { authenticationDetailsProvider: common.AuthenticationDetailsProvider },
  c: common.ClientConfiguration,
) => T;

/** A client of `Client` pointed at the fixture: no retries, no circuit breaker, so an error shows at once. */
export function clientOf<T extends { endpoint: string }>(fx: EmulatorFixture, Client: ClientClass<T>): T {
  return fx.point(
    new Client(
      { authenticationDetailsProvider: fx.auth },
      {
        circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
        retryConfiguration: common.NoRetryConfigurationDetails,
      },
    ),
  );
}

/** The OciError a call fails with (the test fails if it succeeds). */
export async function failure(p: Promise<unknown>): Promise<common.OciError> {
  try {
    await p;
  } catch (e) {
    return e as common.OciError;
  }
  throw new Error('expected the call to fail');
}

/** Poll `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${options.what ?? 'condition'}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 25));
  }
}

/** Whether a process is still alive (signal 0 probes without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
