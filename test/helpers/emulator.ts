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
