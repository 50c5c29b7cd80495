/**
 * Cold start of each function bundle under the real Fn contract: process spawn → FDK socket
 * handshake → first response to one call, median of several runs, as a ratio to a bare
 * @fnproject/fdk hello-world bundled the same way and timed in the same run. Also peak RSS
 * (VmHWM of the container process after its first call) and the bundle size.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface ColdStartResult {
  name: string;
  bundleBytes: number;
  medianMs: number;
  samplesMs: number[];
  peakRssMb: number;
  /**
   * median CPU time (all threads) of the container up to its first answer: steadier than wall time on a shared machine
   */
  cpuMedianMs: number;
  /** median of the warm calls' latency (NaN without warm calls) */
  warmMedianMs: number;
  /** the container's CPU time per warm call (median over runs; NaN without warm calls) */
  warmCpuMs: number;
}

export interface Credentials {
  rpstFile: string;
  keyFile: string;
}

const HELLO = `const fdk = require('@fnproject/fdk'); fdk.handle(() => ({ hello: 'world' }));`;

/** Bundle the bare FDK hello-world baseline with the same esbuild settings as the functions. */
export async function buildBaseline(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const src = join(outDir, 'hello.cjs');
  writeFileSync(src, HELLO);
  return bundlePlain(src, join(outDir, 'hello.bundle.cjs'));
}

/** Bundle a hand-written CJS function the way a user would: plain esbuild, node24, minified, no build plugins. */
export async function bundlePlain(src: string, out: string): Promise<string> {
  await build({
    entryPoints: [src],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    logLevel: 'error',
    absWorkingDir: process.cwd(),
    nodePaths: [join(process.cwd(), 'node_modules')],
  });
  return out;
}

function waitForSocket(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        if (lstatSync(path).isSymbolicLink()) return resolve();
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) return reject(new Error(`no FDK socket at ${path}`));
      setTimeout(tick, 1);
    };
    tick();
  });
}

/** One Fn call on the container's socket: status and body text. */
export function call(
  socketPath: string,
  body: string,
  headers: Record<string, string>,
  agent?: Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method: 'POST',
        path: '/call',
        ...(agent ? { agent } : {}),
        headers: {
          'Content-Type': 'application/json',
          'Fn-Call-Id': randomBytes(8).toString('hex'),
          'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** What a container is asked and how its answer is judged. */
export interface ColdStartCall {
  /** `node` arguments before the entry (V8 flags). @default [] */
  nodeArgs?: string[];
  entry: string;
  env: Record<string, string>;
  body: string | ((run: number) => string);
  headers?: Record<string, string>;
  /** Returns why the answer is wrong, or undefined when it is the real answer. @default status 200 */
  check?: (status: number, body: string) => string | undefined;
  /** After the first answer, this many more calls in the same container, one at a time (warm cost). @default 0 */
  warmCalls?: number;
}

/** CPU time of every thread of a process so far, in ms (Linux schedstat, ns resolution); NaN elsewhere. */
export function processCpuMs(pid: number): number {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return NaN;
  }
}

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** One cold start: spawn, handshake, first call answered (and checked); then the warm calls, if any. */
export async function coldStartOnce(
  o: ColdStartCall,
  run = 0,
): Promise<{ ms: number; cpuMs: number; rssMb: number; status: number; warmMs: number[]; warmCpuMs: number }> {
  const dir = join(tmpdir(), `cs-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const sock = join(dir, 'lsnr.sock');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.entry], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      FN_FORMAT: 'http-stream',
      FN_LISTENER: `unix:${sock}`,
      FN_APP_ID: 'ocid1.fnapp.oc1.iad.bench',
      FN_FN_ID: 'ocid1.fnfunc.oc1.iad.bench',
      FN_MEMORY: '128',
      FN_TYPE: 'sync',
      LOG_LEVEL: 'warn',
      ...o.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    await waitForSocket(sock, 15_000);
    const body = typeof o.body === 'function' ? o.body(run) : o.body;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await call(sock, body, o.headers ?? {}, agent);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpuMs = processCpuMs(child.pid!);
    const wrong = o.check
      ? o.check(first.status, first.body)
      : first.status === 200
        ? undefined
        : `status ${first.status}`;
    if (wrong) throw new Error(`not the real answer: ${wrong}; body ${first.body.slice(0, 500)}`);
    const rssMb = peakRssMb(child.pid!);
    const warmMs: number[] = [];
    const warmCpu0 = processCpuMs(child.pid!);
    for (let i = 0; i < (o.warmCalls ?? 0); i++) {
      const t = process.hrtime.bigint();
      const r = await call(
        sock,
        typeof o.body === 'function' ? o.body(run * 100_000 + i + 1) : body,
        o.headers ?? {},
        agent,
      );
      warmMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      const bad = o.check ? o.check(r.status, r.body) : r.status === 200 ? undefined : `status ${r.status}`;
      if (bad) throw new Error(`warm call ${i + 1}: ${bad}; body ${r.body.slice(0, 500)}`);
    }
    const warmCpuMs = o.warmCalls ? (processCpuMs(child.pid!) - warmCpu0) / o.warmCalls : NaN;
    agent.destroy();
    return { ms, cpuMs, rssMb, status: first.status, warmMs, warmCpuMs };
  } catch (e) {
    throw new Error(`${String(e)}\n${stderr.slice(-2000)}`);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN;
};

export async function measureColdStart(
  o: ColdStartCall & { name: string; bundle: string; runs: number },
): Promise<ColdStartResult> {
  const samples: number[] = [];
  const cpu: number[] = [];
  const warm: number[] = [];
  const warmCpu: number[] = [];
  let rss = 0;
  await coldStartOnce({ ...o, warmCalls: 0 }, 0); // warm the OS file cache once; not counted
  for (let i = 0; i < o.runs; i++) {
    const r = await coldStartOnce(o, i + 1);
    samples.push(r.ms);
    cpu.push(r.cpuMs);
    warm.push(...r.warmMs);
    warmCpu.push(r.warmCpuMs);
    rss = Math.max(rss, r.rssMb);
  }
  return {
    name: o.name,
    bundleBytes: existsSync(o.bundle) ? statSync(o.bundle).size : NaN,
    medianMs: median(samples),
    samplesMs: samples,
    cpuMedianMs: median(cpu),
    peakRssMb: rss,
    warmMedianMs: median(warm),
    warmCpuMs: median(warmCpu),
  };
}

/** Resource principal files for a bench container, issued by an emulator. */
export function writeCredentials(dir: string, token: string, privateKeyPem: string): Credentials {
  mkdirSync(dir, { recursive: true });
  const rpstFile = join(dir, 'rpst');
  const keyFile = join(dir, 'private.pem');
  writeFileSync(rpstFile, token);
  writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
  return { rpstFile, keyFile };
}

export function sessionKeyPair(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
