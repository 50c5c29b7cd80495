/**
 * Bench of the resources function (issue 5): the dashboard query over a generated tenancy
 * (50 compartments, 6 kinds, ≥ 3 pages of each kind per compartment) with 20 ms of emulator
 * latency on every call (fault rule `{latencyMs: 20}`), through the real oci-sdk clients.
 *
 * Prints wall time, OCI calls made (emulator request log, NoSQL cache traffic counted apart), and
 * the ratio to the lower bound: max(per service: calls × latency ÷ that service's concurrency cap,
 * longest chain of dependent calls × latency). Then the same query again within the TTL: OCI calls
 * (target 0). Target ratio ≤ 1.5.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as common from 'oci-common';
import type { FnCall } from '#shared/fn/index.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { createLogger } from '#shared/log.ts';
import { resetOciClients } from '#shared/oci/index.ts';
import { ensureTables } from '#shared/persistence/nosql-tables-oci.ts';
import { fromEnv as resourcesFromEnv } from '../functions/resources/deps-oci.ts';
import { resourcesSchema } from '../functions/resources/schema.ts';
import { CACHE_TABLE } from '../functions/resources/tables.ts';

export interface ResourcesBenchOptions {
  compartments?: number;
  perKind?: number;
  pageLimit?: number;
  latencyMs?: number;
  /** calls in flight per service */
  concurrency?: number;
}

export interface ResourcesBenchResult {
  wallMs: number;
  ociCalls: number;
  cacheCalls: number;
  lowerBoundMs: number;
  ratio: number;
  repeatMs: number;
  repeatOciCalls: number;
  resources: number;
  byService: Record<string, number>;
  /**
   * CPU the function side used (signing, SDK, GraphQL): the floor on a loaded machine, which the lower bound
   * ignores
   */
  cpuMs: number;
  /** CPU the emulator process used meanwhile (Linux /proc; NaN elsewhere): it shares the machine's cores */
  emulatorCpuMs: number;
}

/** user+system CPU of a process in ms from /proc/<pid>/stat (clock ticks of 10 ms), NaN when unavailable. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const DASHBOARD =
  `query($c: ID!, $fresh: Boolean) { resources(compartmentId: $c, includeSubtree: true, fresh: ` +
  `$fresh, first: 1000) {
  totalCount
  nodes { kind
    ... on Instance { id shape ocpus privateIps publicIps imageName health { status reason } }
    ... on Database { id engine health { status } }
    ... on Cluster { id kubernetesVersion nodePools { name size } health { status } }
    ... on ApiGateway { id hostname deployments { pathPrefix } health { status } }
    ... on LoadBalancer { id ipAddresses backendSets { name health { status } } health { status reason } }
  }
  healthSummary { status count }
} }`;

export async function benchResources(o: ResourcesBenchOptions = {}): Promise<ResourcesBenchResult> {
  const compartments = o.compartments ?? 50;
  const pageLimit = o.pageLimit ?? 10;
  const perKind = o.perKind ?? pageLimit * 2 + 5; // 3 pages
  const latency = o.latencyMs ?? 20;
  const cap = o.concurrency ?? 8;
  const work = mkdtempSync(join(tmpdir(), 'bench-resources-'));
  const saved = { ...process.env };
  // BENCH_EMULATOR_NODE_ARGS: extra node flags for the emulator process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  const emuArgs = (process.env.BENCH_EMULATOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...emuArgs,
      '--import',
      'tsx',
      '--import',
      './schema/register.mjs',
      fileURLToPath(new URL('./resources-emulator.ts', import.meta.url)),
      join(work, 'state'),
      String(compartments),
      String(perKind),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    },
  );
  const exited = once(child, 'exit');
  try {
    const [line] = (await Promise.race([
      once(createInterface({ input: child.stdout! }), 'line'),
      exited.then(() => {
        throw new Error('the bench emulator exited early');
      }),
    ])) as [string];
    const emu = JSON.parse(line) as { url: string; configFile: string; tenancyId: string; rootId?: string };
    const rootId = emu.rootId;
    if (!rootId) throw new Error('the generated tenancy has no bench root');
    const requests = async (since: number) => {
      const r = (await (await fetch(`${emu.url}/_emulator/requests?since=${since}`)).json()) as {
        lastSeq: number;
        requests: { service: string; operation: string; path: string }[];
      };
      return { lastSeq: r.lastSeq, entries: r.requests.filter((e) => !e.path.startsWith('/_emulator')) };
    };
    Object.assign(process.env, {
      OCI_ENDPOINT: emu.url,
      OCI_CONFIG_FILE: emu.configFile,
      NOSQL_COMPARTMENT_ID: emu.tenancyId,
      TENANCY_ID: emu.tenancyId,
      RESOURCES_PAGE_LIMIT: String(pageLimit),
      RESOURCES_CONCURRENCY: String(cap),
      LOG_LEVEL: 'error',
    });
    delete process.env.OCI_RESOURCE_PRINCIPAL_VERSION;
    resetOciClients();
    const auth = new common.ConfigFileAuthenticationDetailsProvider(emu.configFile, 'DEFAULT');
    await ensureTables([CACHE_TABLE], { compartmentId: emu.tenancyId, endpoint: emu.url, auth, pollMs: 20 });
    const runtime = resourcesFromEnv();
    const log = createLogger({ level: 'error' });
    const run = async (fresh: boolean) => {
      const deadline = new Date(Date.now() + 120_000);
      const call: FnCall = {
        callId: `bench-${Date.now()}`,
        deadline,
        remainingMs: () => deadline.getTime() - Date.now(),
        env: process.env,
        log,
      };
      const body = {
        graphql: { query: DASHBOARD, variables: { c: rootId, fresh } },
        caller: { userId: 'bench', roles: ['viewer'] },
      };
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const emu0 = processCpuMs(child.pid);
      const r = await executeSubschemaRequest({
        schema: resourcesSchema,
        body,
        call,
        createContext: (base) => runtime.createContext(base),
      });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const emulatorCpuMs = processCpuMs(child.pid) - emu0;
      if (r.errors?.length) throw new Error(`dashboard query failed: ${JSON.stringify(r.errors[0])}`);
      return { ms, cpuMs, emulatorCpuMs, data: r.data as { resources: { totalCount: number } } };
    };
    await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: latency }),
    });

    const s0 = (await requests(Number.MAX_SAFE_INTEGER)).lastSeq;
    const first = await run(true);
    const r1 = await requests(s0);
    const log1 = r1.entries;
    const repeat = await run(false);
    const log2 = (await requests(r1.lastSeq)).entries;

    const oci = log1.filter((e) => e.service !== 'nosql');
    const byService: Record<string, number> = {};
    for (const e of oci) byService[e.service] = (byService[e.service] ?? 0) + 1;
    const throughputBound = Math.max(...Object.values(byService).map((n) => (n * latency) / cap));
    // dependent chain: compartment pages → a kind's pages → one
    // dependent call (VNIC, backend health, metrics) → cache write
    const chain = Math.ceil(compartments / pageLimit) + Math.ceil(perKind / pageLimit) + 1 + 1;
    const lowerBoundMs = Math.max(throughputBound, chain * latency);
    const resources = first.data.resources.totalCount;
    const result: ResourcesBenchResult = {
      wallMs: first.ms,
      ociCalls: oci.length,
      cacheCalls: log1.length - oci.length,
      lowerBoundMs,
      ratio: first.ms / lowerBoundMs,
      cpuMs: first.cpuMs,
      emulatorCpuMs: first.emulatorCpuMs,
      repeatMs: repeat.ms,
      repeatOciCalls: log2.filter((e) => e.service !== 'nosql').length,
      resources,
      byService,
    };
    const f = (n: number) => n.toFixed(0);
    console.log(
      `\n## resources: dashboard inventory (${compartments} compartments, ${perKind} per kind, page ${pageLimit}, ` +
        `${latency} ms/call, cap ${cap}/service)`,
    );
    console.log(
      `| run | wall ms | function CPU ms | emulator CPU ms | OCI calls | NoSQL cache calls | lower bound ms | ratio ` +
        `(target ≤ 1.5) |`,
    );
    console.log(`|---|---|---|---|---|---|---|---|`);
    console.log(
      `| cold (fresh) | ${f(result.wallMs)} | ${f(first.cpuMs)} | ${f(first.emulatorCpuMs)} | ${result.ociCalls} | ` +
        `${result.cacheCalls} | ${f(lowerBoundMs)} | ${result.ratio.toFixed(2)} |`,
    );
    console.log(
      `| repeat within TTL | ${f(result.repeatMs)} | ${f(repeat.cpuMs)} | ${f(repeat.emulatorCpuMs)} | ` +
        `${result.repeatOciCalls} (target 0) | ${log2.length - result.repeatOciCalls} | – | – |`,
    );
    console.log(
      `resources: ${resources}; calls by service: ${Object.entries(byService)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; chain ${chain} calls`,
    );
    return result;
  } finally {
    child.stdin!.end();
    await exited;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    resetOciClients();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchResources();
}
