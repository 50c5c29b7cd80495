/**
 * Issue 11 section 2 of `npm run bench`: warm. The same container answering again (hello vs gateway `me`,
 * from the cold-start rows), `me` through the front at 8 concurrent, and the stitching tax
 * (`{ quota { tier } }` through the front vs invoked straight at the quota function through the invoke API).
 */
import { createAuthProvider } from '#shared/auth/index.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import type { Stack } from '#local/stack/stack.ts';
import { type ColdStartResult, median } from './cold-start.ts';
import { benchMe, graphqlPost, invokeBody, type LoadResult, load } from './stack.ts';
import { fmt, type TargetRow } from './targets.ts';

export interface WarmOptions {
  /** warm calls per container after its first answer (the cold rows made them) */
  warmCalls: number;
  /** requests of the `me` load through the front */
  meTotal: number;
  /** sequential requests per path for the stitching tax */
  taxTotal: number;
}

/** Measures and prints the warm table; `floor` and `gwMe` are the cold rows of the hello and the gateway `me`. */
export async function benchWarm(
  stack: Stack,
  o: WarmOptions,
  floor: ColdStartResult,
  gwMe: ColdStartResult,
): Promise<{ targets: TargetRow[]; me: LoadResult }> {
  const targets: TargetRow[] = [];
  const warmRatio = gwMe.warmMedianMs / floor.warmMedianMs;
  const me = await benchMe(stack, { total: o.meTotal, concurrency: 8 });
  const tax = await stitchingTax(stack, o.taxTotal);
  const meCpu = fmt(me.cpuPerRequestMs ?? NaN, 2);
  console.log(`\n## Warm (one run)`);
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(
    `| same container, next call: hello | ${fmt(floor.warmMedianMs, 2)} ms ` +
      `(median of ${floor.samplesMs.length * o.warmCalls}); container CPU ${fmt(floor.warmCpuMs, 3)} ms per call | |`,
  );
  console.log(
    `| same container, next call: gateway \`me\` | ${fmt(gwMe.warmMedianMs, 2)} ms = ${fmt(warmRatio, 2)}× hello; ` +
      `container CPU ${fmt(gwMe.warmCpuMs, 3)} ms per call = ${fmt(gwMe.warmCpuMs / floor.warmCpuMs, 2)}× hello's ` +
      '| ≤ 3× |',
  );
  console.log(
    `| \`me\` through the front, 8 concurrent | ${fmt(me.rps, 0)} req/s (p50 ${fmt(me.p50Ms, 2)} ms, ` +
      `p99 ${fmt(me.p99Ms, 2)} ms, ${me.errors} errors of ${me.requests}); whole-stack CPU ${meCpu} ms per request ` +
      '| ≥ 1,000 req/s |',
  );
  console.log(
    '| `{ quota { tier } }` p50, one at a time: through the front / straight invoke of quota | ' +
      `${fmt(tax.front, 2)} / ${fmt(tax.direct, 2)} ms = ${fmt(tax.front / tax.direct, 2)}× | ≤ 1.5× |`,
  );
  targets.push({
    what: 'warm gateway `me` in-container',
    value: `${fmt(warmRatio, 2)}× hello`,
    target: '≤ 3× hello',
    met: warmRatio <= 3,
    ...(warmRatio <= 3
      ? {}
      : {
          why:
            "per call the container runs the FDK, the WHATWG Request/Response adapter and Yoga's pipeline " +
            '(parse/validate caches, limits, request id, masking) around a one-field execution: ' +
            `${fmt(gwMe.warmCpuMs, 3)} ms of CPU against the hello's ${fmt(floor.warmCpuMs, 3)}`,
        }),
  });
  targets.push({
    what: '`me` through the front, 8 concurrent',
    value: `${fmt(me.rps, 0)} req/s`,
    target: '≥ 1,000 req/s',
    met: me.rps >= 1000,
    ...(me.rps >= 1000 ? {} : { why: meWhy(me) }),
  });
  const taxRatio = tax.front / tax.direct;
  targets.push({
    what: 'stitching tax `{ quota { tier } }`',
    value: `${fmt(taxRatio, 2)}×`,
    target: '≤ 1.5×',
    met: taxRatio <= 1.5,
    ...(taxRatio <= 1.5
      ? {}
      : {
          why:
            'two extra hops (front → gateway container, gateway → quota invoke, each an HTTP request, ' +
            'a signature and an FDK call) against one straight invoke',
        }),
  });
  return { targets, me };
}

function meWhy(me: LoadResult): string {
  const cpu = me.cpuPerRequestMs ?? NaN;
  return (
    `the whole local stack spends ${fmt(cpu, 2)} ms of CPU per request (client, front: JWT + RSA-signed invoke, ` +
    'emulator: signature check, runner, gateway container: FDK + Yoga), ' +
    `so 2 cores cap it near ${fmt(2000 / cpu, 0)} req/s, and other agents share them; ` +
    `p50 ${fmt(me.p50Ms, 2)} ms at 8 in flight`
  );
}

/**
 * p50 of `{ quota { tier } }` one at a time through the front, and invoked straight at quota through the
 * invoke API (signed, as the gateway does).
 */
async function stitchingTax(stack: Stack, total: number): Promise<{ front: number; direct: number }> {
  const token = await stack.mintToken({ sub: 'bench-tax', roles: ['viewer'] });
  const quotaId = stack.functionIds.quota;
  if (!quotaId) throw new Error('the stack does not run quota');
  const invoker = createInvokeClient({
    endpoint: stack.emulator.url,
    auth: createAuthProvider({ method: 'config_file', configFile: stack.ociConfigFile, profile: 'DEFAULT' }),
  });
  const viaFront = async () => {
    const r = await graphqlPost(stack.urls.graphql, token, '{ quota { tier } }');
    return r.status === 200 && !r.body.errors;
  };
  const direct = async () => {
    const r = await invoker.invoke({
      functionId: quotaId,
      body: Buffer.from(invokeBody('{ quota { tier } }', 'bench-tax', ['viewer'])),
      headers: { 'content-type': 'application/json' },
    });
    const b = JSON.parse(r.body.toString('utf8')) as { errors?: unknown[] };
    return r.status === 200 && !b.errors;
  };
  await load({ total: 10, concurrency: 1, send: viaFront });
  await load({ total: 10, concurrency: 1, send: direct });
  // interleave so drift on a noisy machine hits both alike
  const f: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < total; i++) {
    for (const [send, into] of [
      [viaFront, f],
      [direct, d],
    ] as const) {
      const t = performance.now();
      if (!(await send())) throw new Error('stitching tax: a request failed');
      into.push(performance.now() - t);
    }
  }
  return { front: median(f), direct: median(d) };
}
