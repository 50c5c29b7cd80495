/**
 * The local Fn runner: runs each function as `node <entry>` processes speaking the Fn http-stream
 * contract on a unix socket, the way OCI Functions (the Fn agent) does, with resource principal
 * credentials issued by the emulator. See ARCHITECTURE.md "Fn runner".
 *
 * @example
 * const runner = await startRunner({
 *   emulator: { url: emu.url, configFile: emu.admin.configFile },
 *   functions: [
 *     {
 *       name: 'quota',
 *       id: fnOcid,
 *       appId,
 *       compartmentId,
 *       entry: 'dist/functions/entry.cjs',
 *       env: { FUNCTION_NAME: 'quota' },
 *     },
 *   ],
 *   workDir: '.local/runner',
 * });
 * const res = await runner.invoke(fnOcid, {
 *   body: Buffer.from('{}'),
 *   headers: { 'content-type': 'application/json' },
 * });
 * await runner.close();
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunnerConfigError, RunnerError } from './errors.ts';
import { FunctionPool } from './pool.ts';
import { emulatorTokenIssuer } from './rpst-oci.ts';
import {
  MEMORY_TIERS,
  type ContainerInfo,
  type RunnerRequest,
  type InvokeResult,
  type ResolvedFunction,
  type RunnerFunction,
  type RunnerOptions,
} from './types.ts';

export interface Runner {
  /** Invoke a function by OCID; never throws for call failures (they come back as `error` + OCI status). */
  invoke(fnId: string, request: RunnerRequest): Promise<InvokeResult>;
  /** the functions served, with defaults applied */
  functions(): ResolvedFunction[];
  /** live containers (all functions, or one) */
  containers(fnId?: string): ContainerInfo[];
  /** Kill every container (whole process groups) and remove socket dirs and credentials. */
  close(): Promise<void>;
}

const MAX_SOCKET_PATH = 107;
const CONFIG_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
// the variables the Fn agent sets (reference §1.1); other FN_* keys (FN_INVOKE_ENDPOINT, FN_ID_*) are ordinary config
const FN_RESERVED =
  /FN_(LISTENER|FORMAT|APP_ID|APP_NAME|FN_ID|FN_NAME|MEMORY|TYPE|TMPSIZE|CPUS|LOGFRAME_NAME|LOGFRAME_HDR)$/;
const RESERVED = new RegExp(`^(${FN_RESERVED.source}|OCI_RESOURCE_PRINCIPAL_|OCI_REGION_METADATA$)`);

export function resolveFunction(f: RunnerFunction): ResolvedFunction {
  const where = `function ${JSON.stringify(f.name)}`;
  if (!f.name || !/^[A-Za-z0-9_-]+$/.test(f.name))
    throw new RunnerConfigError(`${where}: name must be letters, digits, - or _`);
  for (const k of ['id', 'appId', 'compartmentId', 'entry'] as const) {
    if (typeof f[k] !== 'string' || !f[k]) throw new RunnerConfigError(`${where}: ${k} is required`);
  }
  if (!f.id.startsWith('ocid1.fnfunc.')) throw new RunnerConfigError(`${where}: id must be an fnfunc OCID`);
  if (!existsSync(resolve(f.entry)))
    throw new RunnerConfigError(`${where}: entry ${f.entry} does not exist (run npm run build?)`);
  const memoryMb = f.memoryMb ?? 128;
  if (!(MEMORY_TIERS as readonly number[]).includes(memoryMb))
    throw new RunnerConfigError(`${where}: memoryMb must be one of ${MEMORY_TIERS.join(', ')}`);
  const timeoutSeconds = f.timeoutSeconds ?? 30;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 300)
    throw new RunnerConfigError(`${where}: timeoutSeconds must be in (0, 300]`);
  const maxContainers = f.maxContainers ?? 4;
  if (!Number.isInteger(maxContainers) || maxContainers < 1)
    throw new RunnerConfigError(`${where}: maxContainers must be a positive integer`);
  const env = f.env ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(env)) {
    if (!CONFIG_KEY.test(k))
      throw new RunnerConfigError(
        `${where}: config key ${JSON.stringify(k)} must be ASCII letters, digits and _, not starting with a digit`,
      );
    if (RESERVED.test(k)) throw new RunnerConfigError(`${where}: config key ${k} is reserved for the Fn platform`);
    if (typeof v !== 'string') throw new RunnerConfigError(`${where}: config value of ${k} must be a string`);
    size += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (size > 4096) throw new RunnerConfigError(`${where}: config is ${size} bytes; OCI allows 4 KB of keys and values`);
  if (f.profile) {
    if (!f.profile.name) throw new RunnerConfigError(`${where}: profile.name is required`);
    if (!existsSync(resolve(f.profile.configFile)))
      throw new RunnerConfigError(`${where}: OCI config file ${f.profile.configFile} does not exist`);
  }
  return {
    name: f.name,
    id: f.id,
    appId: f.appId,
    compartmentId: f.compartmentId,
    entry: f.entry,
    env: { ...env },
    memoryMb,
    timeoutSeconds,
    maxContainers,
    ...(f.profile ? { profile: { configFile: resolve(f.profile.configFile), name: f.profile.name } } : {}),
  };
}

export async function startRunner(options: RunnerOptions): Promise<Runner> {
  const fns = options.functions.map(resolveFunction);
  const seen = new Set<string>();
  for (const f of fns) {
    if (seen.has(f.id)) throw new RunnerConfigError(`function id ${f.id} is listed twice`);
    seen.add(f.id);
  }
  const socketBase = options.socketBase ?? '/tmp';
  // `<base>/fnr-XXXXXX/<n>/lsnr.sock.tmp` is the longest path the FDK binds; keep room for 6-digit n
  const longest = Buffer.byteLength(join(socketBase, 'fnr-XXXXXX', '999999', 'lsnr.sock.tmp'));
  if (longest > MAX_SOCKET_PATH) {
    throw new RunnerConfigError(
      `socket paths under ${socketBase} would be ${longest} bytes; unix sockets allow ${MAX_SOCKET_PATH}: use a ` +
        `shorter socketBase`,
    );
  }
  if (!existsSync(socketBase)) throw new RunnerConfigError(`socketBase ${socketBase} does not exist`);
  const socketRoot = mkdtempSync(join(socketBase, 'fnr-'));
  const workDir = resolve(options.workDir, `runner-${randomBytes(4).toString('hex')}`);
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  const log = options.log ?? ((line: string) => void process.stderr.write(line + '\n'));
  const issuer = options.tokenIssuer ?? emulatorTokenIssuer(options.emulator);
  let n = 0;
  const pools = new Map<string, FunctionPool>();
  for (const fn of fns) {
    pools.set(
      fn.id,
      new FunctionPool(fn, {
        socketRoot,
        workDir,
        nextN: () => ++n,
        issuer,
        log,
        nodePath: options.nodePath ?? process.execPath,
        ...(options.launch ? { launch: options.launch } : {}),
        initTimeoutMs: options.initTimeoutMs ?? 5000,
        logFrames: options.logFrames ?? false,
        maxQueued: options.maxQueued ?? 256,
        idleTimeoutMs: options.idleTimeoutMs ?? 300_000,
        clock: options.clock ?? Date.now,
        ...(options.queueTimeoutMs !== undefined ? { queueTimeoutMs: options.queueTimeoutMs } : {}),
        ...(options.tokenTtlSeconds !== undefined ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
        ...(options.tokenRenewAt !== undefined ? { tokenRenewAt: options.tokenRenewAt } : {}),
      }),
    );
  }
  // if the host process exits without close(), take the containers with it
  const onExit = () => {
    for (const p of pools.values()) p.killNow();
  };
  process.on('exit', onExit);
  let closing: Promise<void> | undefined;
  return {
    async invoke(fnId, request) {
      const pool = pools.get(fnId);
      if (!pool) {
        const e = new RunnerError('NotFound', `the runner serves no function ${fnId}`);
        return {
          status: e.status,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ code: e.code, message: e.message })),
          error: { code: e.code, message: e.message },
        };
      }
      return pool.invoke(request);
    },
    functions: () => fns.map((f) => ({ ...f, env: { ...f.env } })),
    containers: (fnId) => [...pools.values()].filter((p) => !fnId || p.fn.id === fnId).flatMap((p) => p.containers()),
    close() {
      closing ??= (async () => {
        await Promise.all([...pools.values()].map((p) => p.close()));
        process.off('exit', onExit);
        rmSync(socketRoot, { recursive: true, force: true });
        rmSync(workDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

export { RunnerConfigError, RunnerError, TokenIssueError, InvokeError } from './errors.ts';
export type { EmulatorAuthOptions, TokenIssuer, TokenRequest } from './rpst-oci.ts';
export type {
  ContainerInfo,
  ContainerLaunch,
  ContainerLauncher,
  RunnerRequest,
  InvokeResult,
  LaunchCommand,
  RunnerFunction,
  RunnerOptions,
  ResolvedFunction,
} from './types.ts';
export { MAX_PAYLOAD_BYTES, MEMORY_TIERS } from './types.ts';
