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
 * - `--soak [--minutes 10]`: the mixed workload in a loop with a memory probe in every container
 *   (bench/chaos/soak.ts): errors (target 0), p99 over time, RSS per function and its growth after
 *   warm-up (target <= 10 %), and where the RSS is.
 * Options: `--no-faults`, `--uploads N` (default 100), `--users N` (default 5), `--concurrency N`
 * (default 10), `--rounds N` (mixed rounds, default 6). `CHAOS_RUNNER_LOG=<file>` appends every
 * container's output to a file; `CHAOS_FUNCTION_ENV='{"K":"v"}'` adds function config.
 *
 * The pieces: bench/chaos/client.ts (operations, tallies, faults), workloads.ts, burst.ts (the run
 * without --soak), soak.ts, memory.ts and memory-probe.cjs.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gql, SET } from './chaos/client.ts';
import { MEMORY_PROBE, MemoryProbes } from './chaos/memory.ts';
import { fixture } from './chaos/workloads.ts';

// the emulator's work is quick here: the bench measures the functions' reliability, not OCI's pace
process.env.EMULATOR_FSYNC ??= '0';
process.env.EMULATOR_TRANSITION_MS ??= '200';
process.env.EMULATOR_IMAGE_WORK_MS ??= '600';

const { startStack } = await import('#local/stack/stack.ts');
const { createLogger } = await import('#shared/log.ts');
const { burst } = await import('./chaos/burst.ts');
const { soak } = await import('./chaos/soak.ts');

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

async function main(): Promise<void> {
  const faults = !args['no-faults'];
  // bad options fail before the stack starts
  const minutes = Number(args.minutes);
  if (!(minutes > 0)) throw new Error(`--minutes must be positive, got ${args.minutes}`);
  const burstOptions = {
    faults,
    uploads: int(args.uploads, 'uploads'),
    users: int(args.users, 'users'),
    concurrency: int(args.concurrency, 'concurrency'),
    rounds: int(args.rounds, 'rounds'),
  };
  const extraEnv = process.env.CHAOS_FUNCTION_ENV
    ? (JSON.parse(process.env.CHAOS_FUNCTION_ENV) as Record<string, string>)
    : {};
  const probes = new MemoryProbes();
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-chaos-'));
  const stack = await startStack({
    stateDir,
    port: 0,
    emulatorPort: 0,
    log: createLogger({ level: 'error' }),
    runnerLog: (line) => {
      if (process.env.CHAOS_RUNNER_LOG) appendFileSync(process.env.CHAOS_RUNNER_LOG, `${line}\n`);
      probes.onLine(line);
    },
    functionEnv: {
      // extra function config for diagnosis, e.g. CHAOS_FUNCTION_ENV='{"LOG_LEVEL":"debug"}'
      ...extraEnv,
      ...(args.soak
        ? { NODE_OPTIONS: `--require ${JSON.stringify(MEMORY_PROBE)} ${extraEnv.NODE_OPTIONS ?? ''}`.trim() }
        : {}),
    },
    // delivery retries a few seconds apart (the default spreads 5 attempts over ~2 min)
    eventsRetry: { maxAttempts: 8, baseDelayMs: 200, factor: 2, maxDelayMs: 3_000 },
  });
  try {
    const fx = await fixture(stack);
    await gql(stack, fx.admin, SET, {
      u: fx.operatorId,
      l: { maxUploadsPerHour: 1_000_000, maxUploadsPerDay: 1_000_000 },
    });
    const put = { bytes: 0, user: fx.operatorId };
    const mix =
      'faults: ~30 % of Object Storage and NoSQL requests: 10 % 429, 10 % 503, 5 % dropped, 5 % dropped after';
    console.log(`\n## Chaos bench (${faults ? `${mix} being applied` : 'no faults'})`);
    if (args.soak) await soak(stack, fx, put, { minutes, faults, probes });
    else await burst(stack, fx, put, burstOptions);
  } finally {
    await stack.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

await main();
