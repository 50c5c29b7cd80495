/**
 * `npm run bench:chaos`: the whole local stack under the emulator's fault rules (docs/operations.md
 * "Chaos bench"). Prints, per workload: success rate, errors by code, OCI calls made (and faults
 * injected), the books check and duplicates found.
 *
 * - uploads: 100 `createUploadUrl` across 5 users through the API Gateway front while about 30 %
 *   of Object Storage and NoSQL requests fail (10 % 429, 10 % 503, 5 % dropped connections, 5 %
 *   dropped after the request was applied: a lost answer). Target: >= 99 % succeed; each user's
 *   books hold exactly the admissions that got a URL (uploads in the hour, reserved bytes), so
 *   nothing was admitted twice and nothing failed was left reserved.
 * - mixed: dashboard queries, uploads (URL + PUT through the PAR + settlement by bucket event),
 *   exports, instance actions, under the same faults; the books check compares usedBytes with
 *   the bytes PUT once the events settled (faults off).
 * - `--soak [--minutes 10]`: the mixed workload in a loop; every 30 s it prints errors, p99 and
 *   the RSS of each function's containers; at the end RSS growth per function (target <= 10 %)
 *   and errors (target 0).
 * Options: `--no-faults`, `--uploads N` (default 100), `--users N` (default 5), `--concurrency N`
 * (default 10), `--rounds N` (mixed rounds, default 6).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// the emulator's work is quick here: the bench measures the functions' reliability, not OCI's pace
process.env.EMULATOR_FSYNC ??= '0';
process.env.EMULATOR_TRANSITION_MS ??= '200';
process.env.EMULATOR_IMAGE_WORK_MS ??= '600';

const { startStack } = await import('#local/stack/stack.ts');
const { createLogger } = await import('#shared/log.ts');
type Stack = Awaited<ReturnType<typeof startStack>>;

const { values: args } = parseArgs({
  options: {
    soak: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '10' },
    'no-faults': { type: 'boolean', default: false },
    uploads: { type: 'string', default: '100' },
    users: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '6' },
  },
});
const int = (v: string | undefined, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return n;
};

/** The fault mix: ~30 % of Object Storage and NoSQL requests (1 - .9 * .9 * .95 * .95 ≈ 27 % fire at least one rule). */
export const FAULTS = ['objectstorage', 'nosql'].flatMap((service) => [
  { service, probability: 0.1, status: 429 },
  { service, probability: 0.1, status: 503 },
  { service, probability: 0.05, drop: true },
  { service, probability: 0.05, drop: true, after: true },
]);

const UPLOAD = 'mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { uri url } }';
const QUOTA =
  'query($u: ID) { quota(userId: $u) { storage { usedBytes reservedBytes } rateLimits { uploadsLastHour uploadsLastDay } } }';
const SET = 'mutation($u: ID!, $l: QuotaLimitsInput) { setQuotaLimits(userId: $u, limits: $l) { tier } }';
const DASHBOARD =
  'query($c: ID!) { resources(compartmentId: $c, includeSubtree: true) { healthSummary { status count } } }';
const INSTANCES =
  'query($c: ID!) { resources(compartmentId: $c, kinds: [INSTANCE], includeSubtree: true) { instances { id displayName lifecycleState } } }';
const ACTION = 'mutation($id: ID!, $a: InstanceActionKind!) { instanceAction(id: $id, action: $a) { targetState } }';
const EXPORT = 'mutation($i: ExportInstanceInput!) { exportInstance(input: $i) { id state } }';
const JOB = 'query($id: ID!) { exportJob(id: $id) { id state error } }';

interface Answer {
  status: number;
  data?: Record<string, any>;
  code?: string;
  ms: number;
}

class Tally {
  ok = 0;
  failed = 0;
  readonly codes = new Map<string, number>();
  readonly latencies: number[] = [];
  add(a: Answer): void {
    this.latencies.push(a.ms);
    if (a.code === undefined) this.ok++;
    else {
      this.failed++;
      this.codes.set(a.code, (this.codes.get(a.code) ?? 0) + 1);
    }
  }
  get total(): number {
    return this.ok + this.failed;
  }
  rate(): string {
    return this.total ? `${((100 * this.ok) / this.total).toFixed(1)} %` : 'n/a';
  }
  errors(): string {
    return [...this.codes].map(([c, n]) => `${c} ×${n}`).join(', ') || '–';
  }
  p99(): number {
    const s = [...this.latencies].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(0.99 * s.length))]! : NaN;
  }
}

async function gql(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const t = performance.now();
  try {
    const r = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await r.text();
    const ms = performance.now() - t;
    let body: { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { status: r.status, code: `HTTP_${r.status}`, ms };
    }
    const code = body.errors?.length
      ? (body.errors[0]!.extensions?.code ?? 'NO_CODE')
      : r.status >= 400
        ? `HTTP_${r.status}`
        : undefined;
    return { status: r.status, ...(body.data ? { data: body.data } : {}), ...(code ? { code } : {}), ms };
  } catch {
    return { status: 0, code: 'NETWORK', ms: performance.now() - t };
  }
}

/** A client PUT through the PAR, retried like any HTTP client would (PUT is idempotent). */
async function putObject(url: string, bytes: number): Promise<boolean> {
  for (let attempt = 1; attempt <= 8; attempt++) {
    try {
      const r = await fetch(url, {
        method: 'PUT',
        body: Buffer.alloc(bytes, 7),
        headers: { 'content-type': 'application/octet-stream' },
      });
      await r.arrayBuffer();
      if (r.ok) return true;
      if (r.status !== 429 && r.status < 500) return false;
    } catch {
      /* dropped: try again */
    }
    await new Promise((res) => setTimeout(res, Math.random() * 100 * 2 ** attempt));
  }
  return false;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** OCI requests the emulator answered since `seq`, and how many were injected faults, by service. */
function ociCalls(
  stack: Stack,
  sinceSeq: number,
): { calls: number; byService: string; services: Map<string, number>; faults: number; retained: boolean } {
  const calls = stack.emulator.requests.lastSeq - sinceSeq;
  const entries = stack.emulator.requests.query({ sinceSeq });
  const by = new Map<string, number>();
  let faults = 0;
  for (const e of entries) {
    by.set(e.service, (by.get(e.service) ?? 0) + 1);
    if (
      e.code === 'ConnectionDropped' ||
      e.code === 'ConnectionDroppedAfterApply' ||
      (e.status === 429 && e.code === 'TooManyRequests') ||
      (e.status === 503 && e.code === 'ServiceUnavailable')
    )
      faults++;
  }
  const byService = [...by]
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  return { calls, byService, services: by, faults, retained: entries.length === calls };
}

function setFaults(stack: Stack, on: boolean): void {
  stack.emulator.faults.clear();
  if (on) for (const r of FAULTS) stack.emulator.faults.add(r);
}

async function quotaOf(stack: Stack, admin: string, user: string) {
  for (let i = 0; i < 5; i++) {
    const a = await gql(stack, admin, QUOTA, { u: user });
    if (!a.code)
      return a.data!.quota as {
        storage: { usedBytes: number; reservedBytes: number };
        rateLimits: { uploadsLastHour: number };
      };
  }
  throw new Error(`could not read the quota of ${user}`);
}

/** Workload 1: `total` createUploadUrl across `users` users; books must hold exactly the successes. */
async function uploadsWorkload(
  stack: Stack,
  admin: string,
  o: { total: number; users: number; concurrency: number; faults: boolean },
) {
  const run = Date.now().toString(36);
  const users = Array.from({ length: o.users }, (_, i) => `chaos-${run}-u${i}`);
  const tokens = await Promise.all(users.map((sub) => stack.mintToken({ sub, roles: ['operator'] })));
  const tally = new Tally();
  const granted = users.map(() => ({ count: 0, bytes: 0 }));
  // warm one container per function without faults
  await gql(stack, tokens[0]!, UPLOAD, {
    i: { kind: 'DATASET', collectionId: 'warm', filename: 'w.bin', sizeBytes: 1 },
  }).then((a) => {
    if (!a.code) {
      granted[0]!.count++;
      granted[0]!.bytes += 1;
    }
  });
  const since = stack.emulator.requests.lastSeq;
  setFaults(stack, o.faults);
  const started = performance.now();
  await pool(
    Array.from({ length: o.total }, (_, i) => i),
    o.concurrency,
    async (i) => {
      const u = i % o.users;
      const size = 1000 + i;
      const a = await gql(stack, tokens[u]!, UPLOAD, {
        i: { kind: 'DATASET', collectionId: 'chaos', filename: `f${i}.bin`, sizeBytes: size },
      });
      tally.add(a);
      if (!a.code) {
        granted[u]!.count++;
        granted[u]!.bytes += size;
      }
    },
  );
  const seconds = (performance.now() - started) / 1000;
  setFaults(stack, false);
  const calls = ociCalls(stack, since);
  let exact = true;
  let duplicates = 0;
  const mismatches: string[] = [];
  for (const [u, user] of users.entries()) {
    const q = await quotaOf(stack, admin, user);
    const g = granted[u]!;
    if (q.rateLimits.uploadsLastHour > g.count) duplicates += q.rateLimits.uploadsLastHour - g.count;
    if (q.rateLimits.uploadsLastHour !== g.count || q.storage.reservedBytes !== g.bytes) {
      exact = false;
      mismatches.push(
        `${user}: ${q.rateLimits.uploadsLastHour} admissions / ${q.storage.reservedBytes} B reserved, ${g.count} URLs / ${g.bytes} B granted`,
      );
    }
  }
  return { tally, seconds, calls, exact, duplicates, mismatches };
}

interface Fixture {
  tenancy: string;
  instances: string[];
  viewer: string;
  viewers: string[];
  operator: string;
  admin: string;
}

async function fixture(stack: Stack): Promise<Fixture> {
  const tenancy = stack.emulator.tenancy.tenancyId;
  const viewer = await stack.mintToken({ sub: 'chaos-viewer', roles: ['viewer'] });
  // dashboards of many viewers: one viewer's subtree scans are priced against its own budget of
  // the minute (functions/gateway/fanout.ts), which one busy loop of the bench would spend
  const viewers = await Promise.all(
    Array.from({ length: 30 }, (_, i) => stack.mintToken({ sub: `chaos-viewer-${i}`, roles: ['viewer'] })),
  );
  const operator = await stack.mintToken({ sub: `chaos-op-${Date.now().toString(36)}`, roles: ['operator', 'viewer'] });
  const admin = await stack.mintToken({ sub: 'chaos-admin', roles: ['admin', 'operator', 'viewer'] });
  const a = await gql(stack, viewer, INSTANCES, { c: tenancy });
  if (a.code) throw new Error(`listing the seeded instances failed: ${a.code}`);
  const instances = (a.data!.resources.instances as { id: string; lifecycleState: string }[])
    .filter((i) => i.lifecycleState === 'RUNNING' || i.lifecycleState === 'STOPPED')
    .map((i) => i.id);
  if (instances.length < 2) throw new Error('the demo tenancy has too few instances for the mixed workload');
  return { tenancy, instances, viewer, viewers, operator, admin };
}

/** Workload 2 (one round): dashboard queries, uploads with PUT, one export, instance actions. */
async function mixedRound(
  stack: Stack,
  fx: Fixture,
  round: number,
  t: Record<string, Tally>,
  put: { bytes: number; user: string },
): Promise<void> {
  const jobs: string[] = [];
  const tasks: (() => Promise<void>)[] = [];
  const viewer = fx.viewers[round % fx.viewers.length]!;
  for (let i = 0; i < 4; i++)
    tasks.push(async () => {
      t.dashboard!.add(await gql(stack, viewer, DASHBOARD, { c: fx.tenancy }));
    });
  for (let i = 0; i < 4; i++) {
    tasks.push(async () => {
      const size = 512 + ((round * 7 + i) % 200);
      const a = await gql(stack, fx.operator, UPLOAD, {
        i: { kind: 'DATASET', collectionId: `mixed${round}`, filename: `m${i}.bin`, sizeBytes: size },
      });
      if (!a.code && !(await putObject(a.data!.createUploadUrl.url as string, size))) a.code = 'PUT_FAILED';
      if (!a.code) put.bytes += size;
      t.upload!.add(a);
    });
  }
  tasks.push(async () => {
    const id = fx.instances[round % fx.instances.length]!;
    const a = await gql(stack, fx.operator, EXPORT, {
      i: { instanceId: id, format: 'QCOW2', objectNamePrefix: `chaos/${round}/` },
    });
    t.export!.add(a);
    if (!a.code) jobs.push(a.data!.exportInstance.id as string);
  });
  tasks.push(async () => {
    // an instance other than the exported one; CONFLICT (already in that state) is a correct answer
    const id = fx.instances[(round + 1) % fx.instances.length]!;
    const a = await gql(stack, fx.operator, ACTION, { id, a: round % 2 === 0 ? 'STOP' : 'START' });
    if (a.code === 'CONFLICT') delete a.code;
    t.action!.add(a);
  });
  await Promise.all(tasks.map((f) => f()));
  // exports finish through events and reconcile; poll their state (bounded)
  for (const id of jobs) {
    let state = 'PENDING';
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !['SUCCEEDED', 'FAILED', 'CANCELED'].includes(state)) {
      const a = await gql(stack, fx.viewer, JOB, { id });
      if (!a.code && a.data!.exportJob) state = a.data!.exportJob.state as string;
      await new Promise((r) => setTimeout(r, 300));
    }
    t.exportDone!.add({ status: 200, ms: 0, ...(state === 'SUCCEEDED' ? {} : { code: `EXPORT_${state}` }) });
  }
}

function rssByFunction(stack: Stack): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of stack.runner?.containers() ?? []) {
    if (!c.pid || c.state === 'dead') continue;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${c.pid}/status`, 'utf8'))?.[1] ?? NaN);
      if (Number.isFinite(kb)) out.set(c.name, Math.max(out.get(c.name) ?? 0, kb / 1024));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

function tallies(): Record<string, Tally> {
  return {
    dashboard: new Tally(),
    upload: new Tally(),
    export: new Tally(),
    exportDone: new Tally(),
    action: new Tally(),
  };
}

async function mixedBooks(stack: Stack, fx: Fixture, put: { bytes: number; user: string }): Promise<string> {
  await stack.router.idle();
  const q = await quotaOf(stack, fx.admin, put.user);
  return q.storage.usedBytes === put.bytes
    ? `exact (usedBytes ${q.storage.usedBytes} = bytes PUT)`
    : `MISMATCH: usedBytes ${q.storage.usedBytes}, bytes PUT ${put.bytes}`;
}

/** Preloaded into each container in soak mode: a JSON line with its memory every 10 s (the soak tells live heap from RSS). */
const MEMORY_PROBE = `setInterval(() => { const m = process.memoryUsage(); process.stderr.write(JSON.stringify({ msg: 'memory probe', rssMb: m.rss / 1048576, heapUsedMb: m.heapUsed / 1048576, heapTotalMb: m.heapTotal / 1048576 }) + '\\n'); }, 10000).unref();\n`;

/** Latest memory probe per container label (`resources#2`). */
const probes = new Map<string, { fn: string; at: number; heapUsedMb: number; heapTotalMb: number }>();
function onRunnerLine(line: string): void {
  if (process.env.CHAOS_RUNNER_LOG) appendFileSync(process.env.CHAOS_RUNNER_LOG, `${line}\n`);
  const m = /^\[([a-z]+)#(\d+)\] (\{"msg":"memory probe".*)$/.exec(line);
  if (!m) return;
  const p = JSON.parse(m[3]!) as { heapUsedMb: number; heapTotalMb: number };
  probes.set(`${m[1]}#${m[2]}`, { fn: m[1]!, at: Date.now(), heapUsedMb: p.heapUsedMb, heapTotalMb: p.heapTotalMb });
}
/** Largest live heap per function among containers heard from in the last 25 s. */
function heapByFunction(): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of probes.values())
    if (p.at > Date.now() - 25_000) out.set(p.fn, Math.max(out.get(p.fn) ?? 0, p.heapUsedMb));
  return out;
}

async function main(): Promise<void> {
  const faults = !args['no-faults'];
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-chaos-'));
  const probeFile = join(stateDir, 'memory-probe.cjs');
  writeFileSync(probeFile, MEMORY_PROBE);
  const functionEnv: Record<string, string> = {
    ...(args.soak ? { NODE_OPTIONS: `--require ${probeFile}` } : {}),
    // extra function config for diagnosis, e.g. CHAOS_FUNCTION_ENV='{"LOG_LEVEL":"debug"}'
    ...(process.env.CHAOS_FUNCTION_ENV ? (JSON.parse(process.env.CHAOS_FUNCTION_ENV) as Record<string, string>) : {}),
  };
  const stack = await startStack({
    stateDir,
    port: 0,
    emulatorPort: 0,
    log: createLogger({ level: 'error' }),
    runnerLog: onRunnerLine,
    functionEnv,
    // delivery retries a few seconds apart (the default spreads 5 attempts over ~2 min)
    eventsRetry: { maxAttempts: 8, baseDelayMs: 200, factor: 2, maxDelayMs: 3_000 },
  });
  try {
    const fx = await fixture(stack);
    await gql(stack, fx.admin, SET, {
      u: (JSON.parse(Buffer.from(fx.operator.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub,
      l: { maxUploadsPerHour: 1_000_000, maxUploadsPerDay: 1_000_000 },
    });
    const put = {
      bytes: 0,
      user: (JSON.parse(Buffer.from(fx.operator.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub,
    };
    console.log(
      `\n## Chaos bench (${faults ? 'faults: ~30 % of Object Storage and NoSQL requests: 10 % 429, 10 % 503, 5 % dropped, 5 % dropped after being applied' : 'no faults'})`,
    );
    if (!args.soak) {
      // the fan-out request of issue 12: 15 aliases of a fresh subtree scan of the tenancy, then 15 different scans
      for (const [label, roots] of [
        ['15 aliases, same scan', () => fx.tenancy],
        [
          '15 different scans',
          (i: number) => (i === 0 ? fx.tenancy : `ocid1.compartment.oc1..aaaaaaaachaos${String(i).padStart(4, '0')}`),
        ],
      ] as const) {
        const q = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: resources(compartmentId: "${roots(i)}", includeSubtree: true, fresh: true) { healthSummary { status count } }`).join(' ')} }`;
        const since = stack.emulator.requests.lastSeq;
        const a = await gql(
          stack,
          await stack.mintToken({ sub: `chaos-fanout-${label.length}`, roles: ['viewer'] }),
          q,
        );
        const c = ociCalls(stack, since);
        console.log(
          `Fan-out, ${label} (fresh, includeSubtree, healthSummary): HTTP ${a.status}${a.code ? ` ${a.code}` : ''}, ${c.calls - (c.services.get('functions') ?? 0) - (c.services.get('nosql') ?? 0)} OCI API calls besides invokes and the NoSQL cache (${c.byService}), ${a.ms.toFixed(0)} ms`,
        );
      }
      const u = await uploadsWorkload(stack, fx.admin, {
        total: int(args.uploads, 'uploads'),
        users: int(args.users, 'users'),
        concurrency: int(args.concurrency, 'concurrency'),
        faults,
      });
      console.log('| workload | n | success | errors by code | OCI calls (faults injected) | books | duplicates | s |');
      console.log('|---|---|---|---|---|---|---|---|');
      console.log(
        `| createUploadUrl, ${args.users} users | ${u.tally.total} | ${u.tally.rate()} (target ≥ 99 %) | ${u.tally.errors()} | ${u.calls.calls} (${u.calls.faults}${u.calls.retained ? '' : '+'}): ${u.calls.byService} | ${u.exact ? 'exact' : `MISMATCH ${u.mismatches.join('; ')}`} | ${u.duplicates} | ${u.seconds.toFixed(1)} |`,
      );

      const t = tallies();
      const since = stack.emulator.requests.lastSeq;
      setFaults(stack, faults);
      const started = performance.now();
      const rounds = int(args.rounds, 'rounds');
      for (let r = 0; r < rounds; r++) await mixedRound(stack, fx, r, t, put);
      setFaults(stack, false);
      const calls = ociCalls(stack, since);
      const books = await mixedBooks(stack, fx, put);
      const all = Object.values(t).reduce((s, x) => ({ ok: s.ok + x.ok, n: s.n + x.total }), { ok: 0, n: 0 });
      console.log(
        `| mixed, ${rounds} rounds | ${all.n} | ${((100 * all.ok) / all.n).toFixed(1)} % | ${Object.entries(t)
          .map(([k, x]) => `${k} ${x.rate()}${x.failed ? ` (${x.errors()})` : ''}`)
          .join(
            '; ',
          )} | ${calls.calls} (${calls.faults}${calls.retained ? '' : '+'}): ${calls.byService} | ${books} | – | ${((performance.now() - started) / 1000).toFixed(1)} |`,
      );
      console.log(
        '\nOCI calls: requests the emulator answered (retries included); faults: injected 429/503/drops among them ("+": the request log kept only the last 5,000).',
      );
      return;
    }

    // soak: mixed rounds until the time is up, a sample every 30 s
    const minutes = Number(args.minutes);
    if (!(minutes > 0)) throw new Error(`--minutes must be positive, got ${args.minutes}`);
    setFaults(stack, faults);
    const end = Date.now() + minutes * 60_000;
    const total = tallies();
    let window = tallies();
    let round = 0;
    let nextSample = Date.now() + 30_000;
    const samples: { at: number; errors: number; p99: number; rss: Map<string, number>; heap: Map<string, number> }[] =
      [];
    console.log('| t (s) | requests | errors | p99 ms | RSS MB by function | live heap MB by function |');
    console.log('|---|---|---|---|---|---|');
    const t0 = Date.now();
    const sample = () => {
      const all = Object.values(window);
      const lat = all.flatMap((x) => x.latencies).sort((a, b) => a - b);
      const errors = all.reduce((s, x) => s + x.failed, 0);
      const p99 = lat.length ? lat[Math.min(lat.length - 1, Math.floor(0.99 * lat.length))]! : NaN;
      const rss = rssByFunction(stack);
      const heap = heapByFunction();
      samples.push({ at: Date.now(), errors, p99, rss, heap });
      const mbs = (m: Map<string, number>) =>
        [...m]
          .sort()
          .map(([n, mb]) => `${n} ${mb.toFixed(1)}`)
          .join(', ');
      console.log(
        `| ${((Date.now() - t0) / 1000).toFixed(0)} | ${lat.length} | ${errors}${
          errors
            ? ` (${all
                .map((x) => x.errors())
                .filter((s) => s !== '–')
                .join(', ')})`
            : ''
        } | ${p99.toFixed(0)} | ${mbs(rss)} | ${mbs(heap)} |`,
      );
      window = tallies();
    };
    while (Date.now() < end) {
      const w = tallies();
      await mixedRound(stack, fx, round++, w, put);
      for (const [k, x] of Object.entries(w)) {
        for (const target of [total[k]!, window[k]!]) {
          target.ok += x.ok;
          target.failed += x.failed;
          target.latencies.push(...x.latencies);
          for (const [c, n] of x.codes) target.codes.set(c, (target.codes.get(c) ?? 0) + n);
        }
      }
      if (Date.now() >= nextSample) {
        sample();
        nextSample += 30_000;
      }
    }
    sample();
    setFaults(stack, false);
    const books = await mixedBooks(stack, fx, put);
    const errors = Object.values(total).reduce((s, x) => s + x.failed, 0);
    // growth after warm-up: from the first sample past a fifth of the run (containers start, caches fill)
    const base = samples.find((x) => x.at - t0 >= (minutes * 60_000) / 5) ?? samples[0];
    const growthOf = (first: Map<string, number> | undefined, last: Map<string, number> | undefined) =>
      [...(last ?? [])].sort().map(([n, mb]) => {
        const from = first?.get(n);
        return from ? `${n} ${(((mb - from) / from) * 100).toFixed(1)} %` : `${n} (new container)`;
      });
    const growth = growthOf(base?.rss, samples.at(-1)?.rss);
    const heapGrowth = growthOf(base?.heap, samples.at(-1)?.heap);
    console.log(
      `\nSoak ${minutes} min, ${round} rounds: ${Object.values(total).reduce((s, x) => s + x.total, 0)} requests, errors ${errors} (target 0)${
        errors
          ? `: ${Object.entries(total)
              .map(([k, x]) => `${k} ${x.errors()}`)
              .join('; ')}`
          : ''
      }; books ${books}.`,
    );
    console.log(
      `RSS growth after warm-up (sample past a fifth of the run → last; target ≤ 10 %): ${growth.join(', ') || 'n/a'}.`,
    );
    console.log(`Live JS heap (heapUsed) growth, same samples: ${heapGrowth.join(', ') || 'n/a'}.`);
  } finally {
    await stack.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

await main();
