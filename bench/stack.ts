/**
 * Load helpers for the benches through the whole local stack (the same `startStack` as
 * `npm start`): a fixed number of requests with N in flight, GraphQL POSTs through the front, and
 * warm requests per second for `{ me { userId roles } }`.
 */
import type { Stack } from '#local/stack/stack.ts';

export interface LoadResult { requests: number; errors: number; seconds: number; rps: number; p50Ms: number; p99Ms: number }

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Fire `total` requests with `concurrency` in flight; `send` resolves true when the answer is good. */
export async function load(o: { total: number; concurrency: number; send: (i: number) => Promise<boolean> }): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (next < o.total) {
      const i = next++;
      const t = performance.now();
      const ok = await o.send(i).catch(() => false);
      latencies.push(performance.now() - t);
      if (!ok) errors++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: o.total, errors, seconds, rps: o.total / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export async function graphqlPost(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return { status: r.status, body: (await r.json()) as { data?: unknown; errors?: unknown[] } };
}

export async function benchMe(stack: Stack, o: { total?: number; concurrency?: number } = {}): Promise<LoadResult> {
  const token = await stack.mintToken({ sub: 'bench-user', roles: ['viewer'] });
  const send = async () => {
    const r = await graphqlPost(stack.urls.graphql, token, '{ me { userId roles } }');
    return r.status === 200 && !r.body.errors;
  };
  await load({ total: 20, concurrency: 4, send }); // warm the containers
  return load({ total: o.total ?? 400, concurrency: o.concurrency ?? 8, send });
}

export function printLoad(title: string, r: LoadResult, extra = ''): void {
  console.log(`| ${title} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(1)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${extra} |`);
}
