/** Public types of the Fn runner (see index.ts). */
import type { EmulatorAuthOptions, TokenIssuer } from './rpst-oci.ts';

/** OCI Functions memory tiers (reference §1.7). */
export const MEMORY_TIERS = [128, 256, 512, 1024, 2048, 3072] as const;
/** OCI's request and response payload limit (reference §1.7). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** One function the runner serves. */
export interface RunnerFunction {
  /** short name, used in log prefixes, e.g. `gateway` */
  name: string;
  /** the function's OCID (`ocid1.fnfunc...`): `FN_FN_ID`, the RPST subject, the invoke key */
  id: string;
  /** the application's OCID: `FN_APP_ID` */
  appId: string;
  /** the compartment the RPST names (`res_compartment`) */
  compartmentId: string;
  /** the bundle `node` runs, e.g. `dist/functions/entry.cjs` (resolved against the cwd) */
  entry: string;
  /** function config, passed as env vars (keys `[A-Za-z_][A-Za-z0-9_]*`, ≤ 4 KB in total) */
  env?: Record<string, string>;
  /** @default 128; one of 128, 256, 512, 1024, 2048, 3072 */
  memoryMb?: number;
  /** @default 30; 1..300 */
  timeoutSeconds?: number;
  /** containers run at once under concurrent load @default 4 */
  maxContainers?: number;
  /**
   * Run as an OCI config-file profile (a developer's user on a real tenancy) instead of a resource
   * principal issued by the emulator: the container gets OCI_CLI_CONFIG_FILE / OCI_CLI_PROFILE and
   * the caller's HOME (key_file paths may start with ~), and no OCI_RESOURCE_PRINCIPAL_* variables.
   * @default a resource principal
   */
  profile?: { configFile: string; name: string };
}

export interface RunnerOptions {
  /** where the runner gets resource principal tokens: the emulator and its admin profile */
  emulator: EmulatorAuthOptions;
  /** replaces the emulator token client (tests) */
  tokenIssuer?: TokenIssuer;
  functions: RunnerFunction[];
  /** per-container files (credentials, HOME) live under here */
  workDir: string;
  /** the clock Fn-Deadline is computed from @default Date.now */
  clock?: () => number;
  /**
   * how long the FDK may take to create its socket. The Fn contract says 5 s; raise it on slow machines. @default 5000
   */
  initTimeoutMs?: number;
  /** calls waiting for a container, per function; one more answers 503 @default 256 */
  maxQueued?: number;
  /** how long a call may wait in the queue before 503 @default the function's timeout */
  queueTimeoutMs?: number;
  /** an idle container is stopped after this long; 0 keeps it @default 300000 */
  idleTimeoutMs?: number;
  /** RPST lifetime asked of the emulator @default the emulator's (3600) */
  tokenTtlSeconds?: number;
  /** fraction of the RPST lifetime after which it is renewed @default 0.75 */
  tokenRenewAt?: number;
  /**
   * container stdout/stderr lines (prefixed `[name#n]`) and runner events
   * @default line => process.stderr.write(line + '\n')
   */
  log?: (line: string) => void;
  /**
   * set FN_LOGFRAME_NAME / FN_LOGFRAME_HDR=Opc-Request-Id as OCI does (the FDK then prints a frame line per call)
   * @default false
   */
  logFrames?: boolean;
  /** short base for socket dirs (unix socket paths are limited to 107 bytes) @default '/tmp' */
  socketBase?: string;
  /** @default process.execPath */
  nodePath?: string;
  /**
   * Starts a container's process some other way than `nodePath <entry>` on the host, e.g.
   * inside the built image (scripts/image-check.ts). @default the host's node
   */
  launch?: ContainerLauncher;
}

/** What the runner hands a {@link ContainerLauncher}: what the Fn agent gives a container. */
export interface ContainerLaunch {
  fn: ResolvedFunction;
  /**
   * the container's environment: function config, FN_* (FN_LISTENER names a socket in socketDir),
   * OCI_RESOURCE_PRINCIPAL_* (files in homeDir), HOME, PATH
   */
  env: Record<string, string>;
  /** the directory the FDK creates lsnr.sock in (a container must see it at the same path) */
  socketDir: string;
  /** HOME and the resource principal credential files (a container must see it at the same path) */
  homeDir: string;
}

/** The process to spawn for one container; the runner kills its whole process group. */
export interface LaunchCommand {
  command: string;
  args: string[];
  /** @default the launch's env */
  env?: Record<string, string>;
  /** @default the runner's cwd */
  cwd?: string;
}

export type ContainerLauncher = (launch: ContainerLaunch) => LaunchCommand;

export interface RunnerRequest {
  body?: Buffer;
  /** incoming headers; hop-by-hop ones are dropped, Fn-Http-* and Fn-Intent pass through */
  headers?: Record<string, string | string[] | undefined>;
}

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** set when the call failed: OCI's code and message (also in `body` as JSON) */
  error?: { code: string; message: string };
  /** the Fn-Call-Id the call was sent with (absent when it never reached a container) */
  callId?: string;
}

export interface ContainerInfo {
  fnId: string;
  name: string;
  /** `<name>#<n>` */
  label: string;
  pid: number | undefined;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  socketPath: string;
  rpstPath: string;
  keyPath: string;
}

/** A function with defaults applied. */
export type ResolvedFunction = Required<Omit<RunnerFunction, 'env' | 'profile'>> & {
  env: Record<string, string>;
  profile?: { configFile: string; name: string };
};
