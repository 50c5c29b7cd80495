/**
 * Load helpers for the benches through the whole local stack (the same `startStack` as
 * `npm start`): a fixed number of requests with N in flight, GraphQL POSTs through the front, and
 * warm requests per second for `{ me { userId roles } }`.
 */
import { Agent, request } from 'node:http';
import type { Stack } from '#local/stack/stack.ts';
import { processCpuMs } from './cold-start.ts';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * CPU of the whole local stack (client + front + emulator + runner process, and every function container)
   * per request
   */
  cpuPerRequestMs?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Fire `total` requests with `concurrency` in flight; `send` resolves true when the answer is good. */
export async function load(o: {
  total: number;
  concurrency: number;
  send: (i: number) => Promise<boolean>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (next < o.total) {
        const i = next++;
        const t = performance.now();
        const ok = await o.send(i).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: o.total,
    errors,
    seconds,
    rps: o.total / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

// The load client shares the process (and event loop) with the stack it measures: node:http with
// keep-alive costs it a fraction of what fetch (undici) does per request.
const clientAgent = new Agent({ keepAlive: true, maxSockets: 64 });

export function graphqlPost(
  url: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  const payload = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: clientAgent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: unknown; errors?: unknown[] },
            });
          } catch (e: unknown) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function benchMe(stack: Stack, o: { total?: number; concurrency?: number } = {}): Promise<LoadResult> {
  const token = await stack.mintToken({ sub: 'bench-user', roles: ['viewer'] });
  const send = async () => {
    const r = await graphqlPost(stack.urls.graphql, token, '{ me { userId roles } }');
    return r.status === 200 && !r.body.errors;
  };
  await load({ total: 20, concurrency: 4, send }); // warm the containers
  const cpu0 = stackCpuMs(stack);
  const r = await load({ total: o.total ?? 400, concurrency: o.concurrency ?? 8, send });
  const cpu1 = stackCpuMs(stack);
  // containers started during the load count from their start
  let ms = cpu1.host - cpu0.host;
  for (const [pid, v] of cpu1.containers) ms += v - (cpu0.containers.get(pid) ?? 0);
  return { ...r, cpuPerRequestMs: ms / r.requests };
}

/** CPU so far of this process (the client, front, emulator and runner live here) and of each function container. */
function stackCpuMs(stack: Stack): { host: number; containers: Map<number, number> } {
  const u = process.cpuUsage();
  const containers = new Map<number, number>();
  for (const c of stack.runner?.containers() ?? []) if (c.pid !== undefined) containers.set(c.pid, processCpuMs(c.pid));
  return { host: (u.user + u.system) / 1000, containers };
}

export function printLoad(title: string, r: LoadResult, extra = ''): void {
  console.log(
    `| ${title} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(1)} | ${r.p50Ms.toFixed(1)} ` +
      `| ${r.p99Ms.toFixed(1)} | ${extra} |`,
  );
}

/** The body of a gateway → domain function invoke: `{ graphql, caller }` (the invoke protocol). */
export const invokeBody = (query: string, userId: string, roles: string[], variables?: Record<string, unknown>) =>
  JSON.stringify({ graphql: { query, ...(variables ? { variables } : {}) }, caller: { userId, roles } });
