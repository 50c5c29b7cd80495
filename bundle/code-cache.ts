/**
 * V8 code cache for a function bundle (cold start; loaded by functions/entry.ts).
 *
 * 1. Stamp the bundle with `//# codeCacheKey=<sha256 prefix>` (V8 only checks the source length, so
 *    the key is what keeps a stale cache from being used for a rebuilt bundle).
 * 2. Train: run `node entry.cjs` for the function under a fake Fn environment (unix socket, a
 *    throwaway resource principal, `OCI_ENDPOINT` on a closed port), send it the first calls a real
 *    container gets (authenticated GraphQL over http; an invoke-protocol `{ __typename }`), then
 *    SIGUSR2: the entry writes `script.createCachedData()`, which now also holds every function
 *    those calls compiled, including each function's usual first OCI call up to the connection,
 *    refused by the closed endpoint (FIRST_OCI_CALL). No call reaches OCI.
 * 3. If training fails (e.g. a function needs config the fake environment lacks), fall back to a
 *    compile-only cache (top-level code only) and say why.
 *
 * The cache is only valid for the exact Node binary (V8 version and flags) that made it, so the
 * image must build it with the Node it runs: the Dockerfile runs `npm run build` on the same base
 * image as the runtime stage. V8 flags count too (e.g. `--no-opt` or `--stack-size` at run time
 * reject a cache trained without them; on Node 24 the heap cap `--max-old-space-size` does not), so
 * set the runtime's NODE_OPTIONS as `CODE_CACHE_NODE_OPTIONS` for the build. A mismatch is harmless
 * (V8 rejects the cache, entry.cjs logs one warning and the bundle compiles from source).
 * test/unit/oci-sdk-upgrade.test.ts checks these V8 rules on the installed Node.
 */
import { cacheFileFor } from './code-cache-file.ts';
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of {@link buildCodeCache}. */
export interface CodeCacheOptions {
  /** Function name (`FUNCTION_NAME`). */
  name: string;
  /** `dist/functions/<name>.cjs`; the cache goes to `<name>.cache` beside it. */
  bundle: string;
  /** The entry dispatcher (`dist/functions/entry.cjs`) in the same folder. */
  entry: string;
  /** Give up training after this long. @default 20000 */
  timeoutMs?: number;
  /** The V8 flags the function will run with (they are part of the cache's validity). @default [] */
  execArgv?: string[];
  /** V8 flags the function gets as NODE_OPTIONS (function config), before CODE_CACHE_NODE_OPTIONS. @default [] */
  nodeOptions?: string[];
}

export interface CodeCacheResult {
  cacheFile: string;
  bytes: number;
  mode: 'trained' | 'compile-only';
  /** Why training fell back, or the statuses of the training calls. */
  note: string;
}

const TRAILER = /\n\/\/# codeCacheKey=[0-9a-f]+\s*$/;

/** Appends (or replaces) the bundle's cache key trailer; returns the key. */
export function stampBundle(bundle: string): string {
  const source = readFileSync(bundle, 'utf8').replace(TRAILER, '');
  const key = createHash('sha256').update(source).digest('hex').slice(0, 32);
  writeFileSync(bundle, `${source}\n//# codeCacheKey=${key}\n`);
  return key;
}

function fakeEnvironment(dir: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const tenancy = 'ocid1.tenancy.oc1..codecache';
  const claims = {
    sub: 'ocid1.fnfunc.oc1..codecache',
    res_tenant: tenancy,
    res_compartment: tenancy,
    res_type: 'fnfunc',
    exp: 4_102_444_800,
  };
  writeFileSync(
    join(dir, 'rpst'),
    `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.${randomBytes(32).toString('base64url')}`,
  );
  writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    FN_FORMAT: 'http-stream',
    FN_LISTENER: `unix:${join(dir, 'lsnr.sock')}`,
    FN_APP_ID: 'ocid1.fnapp.oc1..codecache',
    FN_FN_ID: claims.sub,
    FN_MEMORY: '256',
    FN_TYPE: 'sync',
    LOG_LEVEL: 'error',
    OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
    OCI_RESOURCE_PRINCIPAL_RPST: join(dir, 'rpst'),
    OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: join(dir, 'key.pem'),
    OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1',
    OCI_ENDPOINT: 'http://127.0.0.1:9',
    OS_NAMESPACE: 'codecache',
    NOSQL_COMPARTMENT_ID: tenancy,
    OCI_RETRY_MAX_ATTEMPTS: '1',
    FILES_BUCKET: 'code-cache',
    EXPORTS_BUCKET: 'code-cache',
    // The V8 flags the functions will run with (they are part of the cache's validity).
    ...(process.env.CODE_CACHE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.CODE_CACHE_NODE_OPTIONS } : {}),
  };
}

/** The first calls a container typically gets; each function answers the kinds it handles. */
const QUERY = '{ __typename me { userId roles } }';
const TRAINING_CALLS: Array<{ headers: Record<string, string>; body: string }> = [
  {
    headers: {
      'Fn-Intent': 'httprequest',
      'Fn-Http-Method': 'POST',
      'Fn-Http-Request-Url': '/graphql',
      'Fn-Http-H-Content-Type': 'application/json',
      'Fn-Http-H-Accept': 'application/graphql-response+json',
      'Fn-Http-H-X-User-Id': 'code-cache',
      'Fn-Http-H-X-User-Roles': 'viewer',
    },
    body: JSON.stringify({ query: QUERY }),
  },
  {
    headers: {
      'Fn-Intent': 'httprequest',
      'Fn-Http-Method': 'GET',
      'Fn-Http-Request-Url': `/graphql?query=${encodeURIComponent(QUERY)}`,
      'Fn-Http-H-Accept': 'application/json',
      'Fn-Http-H-X-User-Id': 'code-cache',
      'Fn-Http-H-X-User-Roles': 'viewer',
    },
    body: '',
  },
  {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ graphql: { query: '{ __typename }' }, caller: { userId: 'code-cache', roles: ['viewer'] } }),
  },
];

/**
 * Per function, the operation its first real request usually is: it reaches the first OCI call
 * (client construction, RP credentials, signing, the node:http transport), which fails fast on the
 * closed training endpoint (one attempt: OCI_RETRY_MAX_ATTEMPTS=1), so that code is in the cache too.
 */
export const FIRST_OCI_CALL: Record<string, { query: string; roles: string[]; variables?: Record<string, unknown> }> = {
  quota: { query: '{ quota { tier } }', roles: ['viewer'] },
  presign: {
    query: 'mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { url } }',
    roles: ['operator'],
    variables: { i: { kind: 'DATASET', collectionId: 'code-cache', filename: 'f.bin', sizeBytes: 1 } },
  },
  resources: { query: '{ compartments { nodes { id name } } }', roles: ['viewer'] },
  exports: { query: '{ exportJobs { nodes { id } } }', roles: ['viewer'] },
};

function trainingCalls(name: string): Array<(typeof TRAINING_CALLS)[number]> {
  const first = FIRST_OCI_CALL[name];
  if (!first) return TRAINING_CALLS;
  const body = JSON.stringify({
    graphql: { query: first.query, ...(first.variables ? { variables: first.variables } : {}) },
    caller: { userId: 'code-cache', roles: first.roles },
  });
  return [...TRAINING_CALLS, { headers: { 'Content-Type': 'application/json' }, body }];
}

function callSocket(sock: string, c: (typeof TRAINING_CALLS)[number]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: sock,
        method: 'POST',
        path: '/call',
        headers: {
          'Fn-Call-Id': `codecache${randomBytes(4).toString('hex')}`,
          'Fn-Deadline': new Date(Date.now() + 10_000).toISOString(),
          ...c.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(c.body);
  });
}

async function runEntry(o: CodeCacheOptions, env: Record<string, string>, train: boolean): Promise<string> {
  const sock = env.FN_LISTENER!.slice('unix:'.length);
  const child = spawn(process.execPath, [...(o.execArgv ?? []), o.entry], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + (o.timeoutMs ?? 20_000);
  try {
    if (!train) {
      if ((await exited) !== 0) throw new Error(`compile-only run failed: ${stderr.trim()}`);
      return 'compile only';
    }
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`exited with ${child.exitCode}: ${stderr.trim().split('\n').at(-1) ?? ''}`);
      if (Date.now() > deadline) throw new Error('no FDK socket in time');
      try {
        if (lstatSync(sock).isSymbolicLink()) break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const statuses: number[] = [];
    for (const c of trainingCalls(o.name)) statuses.push(await callSocket(sock, c));
    child.kill('SIGUSR2');
    if ((await exited) !== 0) throw new Error(`cache write failed: ${stderr.trim()}`);
    return `training calls ${statuses.join(' ')}`;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Stamps the bundle and writes `<name>.cache` beside it (trained, else compile-only). Throws only if both fail. */
export async function buildCodeCache(o: CodeCacheOptions): Promise<CodeCacheResult> {
  stampBundle(o.bundle);
  const cacheFile = cacheFileFor(o.bundle, o.execArgv ?? []);
  rmSync(cacheFile, { force: true });
  const dir = mkdtempSync(join(tmpdir(), 'codecache-'));
  try {
    const base = fakeEnvironment(dir);
    const nodeOptions = [...(o.nodeOptions ?? []), base.NODE_OPTIONS ?? ''].join(' ').trim();
    const env = {
      ...base,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      FUNCTION_NAME: o.name,
      FN_CODE_CACHE_OUT: cacheFile,
    };
    let mode: CodeCacheResult['mode'] = 'trained';
    let note: string;
    try {
      note = await runEntry(o, env, true);
    } catch (e: unknown) {
      mode = 'compile-only';
      note = `training failed (${e instanceof Error ? e.message : String(e)}); compile-only cache`;
      await runEntry(o, { ...env, FN_CODE_CACHE_RUN: '0' }, false);
    }
    if (!existsSync(cacheFile)) throw new Error(`no code cache written for ${o.name}`);
    return { cacheFile, bytes: statSync(cacheFile).size, mode, note };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
