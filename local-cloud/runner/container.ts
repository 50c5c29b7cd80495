/**
 * One function container: a `node <entry>` process in its own process group, with the Fn contract
 * env (reference §1.1), its RP credential files, and an http.Agent holding the one keep-alive
 * connection to its socket. `start()` resolves once the FDK handshake is done.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { sendCall, type CallOutcome } from './call.ts';
import { ContainerCredentials } from './credentials.ts';
import { RunnerError } from './errors.ts';
import { awaitListener, type HandshakeFailure } from './handshake.ts';
import { newCallId } from './ids.ts';
import type { TokenIssuer } from './rpst-oci.ts';
import type { ContainerInfo, ContainerLauncher, LaunchCommand, ResolvedFunction } from './types.ts';

/** OCI's region metadata for the local region, as the env var holds it on OCI (reference §1.1). */
export const REGION = 'us-ashburn-1';
const REGION_METADATA = JSON.stringify({
  realmDomainComponent: 'oraclecloud.com',
  realmKey: 'oc1',
  regionIdentifier: REGION,
  regionKey: 'IAD',
});

export interface ContainerDeps {
  fn: ResolvedFunction;
  n: number;
  /** `<socketBase>/fnr-xxxx/<n>`: holds lsnr.sock */
  socketDir: string;
  /** `<workDir>/<name>-<n>`: credentials and HOME */
  homeDir: string;
  issuer: TokenIssuer;
  initTimeoutMs: number;
  tokenTtlSeconds?: number;
  tokenRenewAt?: number;
  logFrames: boolean;
  nodePath: string;
  launch?: ContainerLauncher;
  log(line: string): void;
  onExit(c: Container, reason: string): void;
}

export class Container {
  state: ContainerInfo['state'] = 'starting';
  idleTimer: NodeJS.Timeout | undefined;
  readonly label: string;
  readonly sockPath: string;
  private child: ChildProcess | undefined;
  private creds: ContainerCredentials | undefined;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly stderrTail: string[] = [];
  private exitReason: string | undefined;
  private resolveExited!: (reason: string) => void;
  /** resolves with a reason when the process is gone */
  readonly exited = new Promise<string>((r) => (this.resolveExited = r));

  constructor(private readonly d: ContainerDeps) {
    this.label = `${d.fn.name}#${d.n}`;
    this.sockPath = join(d.socketDir, 'lsnr.sock');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  info(): ContainerInfo {
    return {
      fnId: this.d.fn.id,
      name: this.d.fn.name,
      label: this.label,
      pid: this.pid,
      state: this.state,
      socketPath: this.sockPath,
      rpstPath: this.creds?.rpstPath ?? join(this.d.homeDir, 'creds', 'rpst'),
      keyPath: this.creds?.keyPath ?? join(this.d.homeDir, 'creds', 'private.pem'),
    };
  }

  /** Credentials, spawn, handshake. Throws a RunnerError (and leaves nothing running) on failure. */
  async start(): Promise<void> {
    const fn = this.d.fn;
    try {
      mkdirSync(this.d.socketDir, { recursive: true, mode: 0o700 });
      if (!fn.profile)
        this.creds = await ContainerCredentials.create({
          dir: join(this.d.homeDir, 'creds'),
          issuer: this.d.issuer,
          resourceId: fn.id,
          compartmentId: fn.compartmentId,
          ...(this.d.tokenTtlSeconds !== undefined ? { ttlSeconds: this.d.tokenTtlSeconds } : {}),
          ...(this.d.tokenRenewAt !== undefined ? { renewAt: this.d.tokenRenewAt } : {}),
          onEvent: (e) =>
            this.d.log(
              `[runner] ${this.label} token ` +
                `${e.kind}${e.error ? `: ${e.error instanceof Error ? e.error.message : String(e.error)}` : ''}`,
            ),
        });
    } catch (e: unknown) {
      await this.kill();
      throw new RunnerError(
        'ContainerInitFail',
        `container for ${fn.name} could not get resource principal credentials: ` +
          `${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
    const entry = resolve(fn.entry);
    const env = this.env();
    // `node entry.cjs`, as the image runs it; V8 flags come as function config (NODE_OPTIONS, which the local
    // stack sets from deployment/node-args.ts as Terraform does)
    let cmd: LaunchCommand = {
      command: this.d.nodePath,
      args: [entry],
      env,
      cwd: dirname(entry),
    };
    try {
      if (this.d.launch)
        cmd = this.d.launch({ fn, env: { ...env }, socketDir: this.d.socketDir, homeDir: this.d.homeDir });
    } catch (e: unknown) {
      await this.kill();
      throw new RunnerError(
        'ContainerInitFail',
        `container for ${fn.name} could not be launched: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
    this.child = spawn(cmd.command, cmd.args, {
      ...(cmd.cwd ? { cwd: cmd.cwd } : {}),
      env: cmd.env ?? env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.on('exit', (code, signal) =>
      this.onProcessExit(signal ? `killed by ${signal}` : `exited with code ${code}`),
    );
    this.child.on('error', (e) => this.onProcessExit(`could not start: ${e.message}`));
    this.pipe(this.child.stdout!, false);
    this.pipe(this.child.stderr!, true);
    try {
      await awaitListener({ sockPath: this.sockPath, timeoutMs: this.d.initTimeoutMs, exited: this.exited });
    } catch (e: unknown) {
      const f = e as HandshakeFailure;
      const tail = this.stderrTail.length ? `; last stderr: ${this.stderrTail.join(' | ')}` : '';
      await this.kill();
      if (f.kind === 'timeout')
        throw new RunnerError(
          'ContainerInitTimeout',
          `container for ${fn.name} did not create its socket within ${this.d.initTimeoutMs} ms${tail}`,
        );
      throw new RunnerError('ContainerInitFail', `container for ${fn.name} failed to initialize: ${f.reason}${tail}`);
    }
  }

  private env(): Record<string, string> {
    const fn = this.d.fn;
    const principal: Record<string, string> = fn.profile
      ? { OCI_CLI_CONFIG_FILE: fn.profile.configFile, OCI_CLI_PROFILE: fn.profile.name }
      : {
          OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
          OCI_RESOURCE_PRINCIPAL_RPST: this.creds!.rpstPath,
          OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: this.creds!.keyPath,
          OCI_RESOURCE_PRINCIPAL_REGION: REGION,
          OCI_REGION_METADATA: REGION_METADATA,
        };
    return {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: fn.profile ? (process.env.HOME ?? this.d.homeDir) : this.d.homeDir,
      ...fn.env,
      FN_FORMAT: 'http-stream',
      FN_LISTENER: `unix:${this.sockPath}`,
      FN_APP_ID: fn.appId,
      FN_FN_ID: fn.id,
      FN_MEMORY: String(fn.memoryMb),
      FN_TYPE: 'sync',
      ...(this.d.logFrames ? { FN_LOGFRAME_NAME: newCallId(), FN_LOGFRAME_HDR: 'Opc-Request-Id' } : {}),
      ...principal,
    };
  }

  private pipe(stream: NodeJS.ReadableStream, isStderr: boolean): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (isStderr) {
        this.stderrTail.push(line.slice(0, 300));
        if (this.stderrTail.length > 5) this.stderrTail.shift();
      }
      this.d.log(`[${this.label}] ${line}`);
    });
  }

  call(o: {
    headers: Record<string, string | string[]>;
    body: Buffer;
    timeoutMs: number;
    maxResponseBytes: number;
  }): Promise<CallOutcome> {
    return sendCall({ socketPath: this.sockPath, agent: this.agent, ...o });
  }

  private onProcessExit(reason: string): void {
    if (this.exitReason !== undefined) return;
    this.exitReason = reason;
    this.state = 'dead';
    this.cleanup();
    this.resolveExited(reason);
    this.d.onExit(this, reason);
  }

  private cleanup(): void {
    clearTimeout(this.idleTimer);
    this.creds?.close();
    this.agent.destroy();
    rmSync(this.d.socketDir, { recursive: true, force: true });
    rmSync(this.d.homeDir, { recursive: true, force: true });
  }

  /** SIGKILL the whole process group and wait until the process is gone. */
  async kill(): Promise<void> {
    this.state = 'dead';
    const pid = this.child?.pid;
    if (pid === undefined || this.child!.exitCode !== null || this.child!.signalCode !== null) {
      if (this.exitReason === undefined) this.onProcessExit(this.child ? 'already exited' : 'never started');
      return;
    }
    killGroup(pid);
    await this.exited;
  }

  /** For process 'exit' handlers: no waiting. */
  killNow(): void {
    if (this.child?.pid !== undefined && this.exitReason === undefined) killGroup(this.child.pid);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
