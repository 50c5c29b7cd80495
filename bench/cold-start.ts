/**
 * Cold start of each function bundle under the real Fn contract: process spawn → FDK socket
 * handshake → first response to one call, median of several runs, as a ratio to a bare
 * @fnproject/fdk hello-world bundled the same way and timed in the same run. Also peak RSS
 * (VmHWM of the container process after its first call) and the bundle size.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface ColdStartResult {
  name: string;
  bundleBytes: number;
  medianMs: number;
  samplesMs: number[];
  peakRssMb: number;
}

export interface Credentials { rpstFile: string; keyFile: string }

const HELLO = `const fdk = require('@fnproject/fdk'); fdk.handle(() => ({ hello: 'world' }));`;

/** Bundle the bare FDK hello-world baseline with the same esbuild settings as the functions. */
export async function buildBaseline(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const src = join(outDir, 'hello.cjs');
  writeFileSync(src, HELLO);
  const out = join(outDir, 'hello.bundle.cjs');
  await build({ entryPoints: [src], outfile: out, bundle: true, platform: 'node', target: 'node24', format: 'cjs', minify: true, logLevel: 'error', absWorkingDir: process.cwd(), nodePaths: [join(process.cwd(), 'node_modules')] });
  return out;
}

function waitForSocket(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        if (lstatSync(path).isSymbolicLink()) return resolve();
      } catch { /* not yet */ }
      if (Date.now() > deadline) return reject(new Error(`no FDK socket at ${path}`));
      setTimeout(tick, 1);
    };
    tick();
  });
}

function call(socketPath: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath, method: 'POST', path: '/call',
      headers: { 'Content-Type': 'application/json', 'Fn-Call-Id': randomBytes(8).toString('hex'), 'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(), ...headers },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
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

/** One cold start: spawn, handshake, first call answered. */
export async function coldStartOnce(o: { entry: string; env: Record<string, string>; body: string; headers?: Record<string, string> }): Promise<{ ms: number; rssMb: number; status: number }> {
  const dir = join(tmpdir(), `cs-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const sock = join(dir, 'lsnr.sock');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [o.entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', FN_FORMAT: 'http-stream', FN_LISTENER: `unix:${sock}`, FN_APP_ID: 'ocid1.fnapp.oc1.iad.bench', FN_FN_ID: 'ocid1.fnfunc.oc1.iad.bench', FN_MEMORY: '128', FN_TYPE: 'sync', LOG_LEVEL: 'warn', ...o.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  try {
    await waitForSocket(sock, 15_000);
    const status = await call(sock, o.body, o.headers ?? {});
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const rssMb = peakRssMb(child.pid!);
    return { ms, rssMb, status };
  } catch (e) {
    throw new Error(`${String(e)}\n${stderr.slice(-2000)}`);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureColdStart(o: { name: string; entry: string; bundle: string; env: Record<string, string>; body: string; headers?: Record<string, string>; runs: number }): Promise<ColdStartResult> {
  const samples: number[] = [];
  let rss = 0;
  await coldStartOnce(o); // warm the OS file cache once; not counted
  for (let i = 0; i < o.runs; i++) {
    const r = await coldStartOnce(o);
    samples.push(r.ms);
    rss = Math.max(rss, r.rssMb);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)]!;
  return { name: o.name, bundleBytes: existsSync(o.bundle) ? statSync(o.bundle).size : NaN, medianMs, samplesMs: samples, peakRssMb: rss };
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
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
