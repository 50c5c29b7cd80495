/**
 * `npm run bench:chaos -- --soak [--minutes 10]`: mixed rounds until the time is up. Every 30 s a
 * line with requests, errors, p99 and, per function, the RSS and live JS heap of its largest
 * container; at the end errors (target 0), RSS per function first / after warm-up / last / max with
 * its growth after warm-up (target <= 10 %), and where the last RSS is (file-backed pages, V8's
 * spaces, the rest of anonymous memory) against the function's memory tier.
 */
import { FUNCTION_SPECS, type FunctionName } from '#deployment/manifest.ts';
import { p99, setFaults, type Stack } from './client.ts';
import { breakdown, type MemoryProbes, type MemoryReading } from './memory.ts';
import { type Fixture, type MixedTallies, mixedBooks, mixedRound, type PutBooks, tallies } from './workloads.ts';

const SAMPLE_MS = 30_000;

interface Sample {
  at: number;
  memory: Map<string, MemoryReading & { label: string }>;
  /** every container's reading, by label */
  containers: Map<string, MemoryReading>;
}

const mb = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toFixed(1));
const pct = (from: number, to: number): string => `${(((to - from) / from) * 100).toFixed(1)} %`;

function merge(into: MixedTallies, from: MixedTallies): void {
  for (const k of Object.keys(from) as (keyof MixedTallies)[]) into[k].merge(from[k]);
}

export async function soak(
  stack: Stack,
  fx: Fixture,
  put: PutBooks,
  o: { minutes: number; faults: boolean; probes: MemoryProbes },
): Promise<void> {
  setFaults(stack, o.faults);
  const t0 = Date.now();
  const end = t0 + o.minutes * 60_000;
  const total = tallies();
  let window = tallies();
  let round = 0;
  const samples: Sample[] = [];
  console.log('| t (s) | requests | errors | p99 ms | RSS MB by function | live heap MB by function |');
  console.log('|---|---|---|---|---|---|');
  const sample = () => {
    const all = Object.values(window);
    const latencies = all.flatMap((x) => x.latencies);
    const errors = all.reduce((s, x) => s + x.failed, 0);
    const memory = o.probes.byFunction();
    samples.push({ at: Date.now(), memory, containers: o.probes.current() });
    const by = (f: (r: MemoryReading) => number) =>
      [...memory]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([n, r]) => `${n} ${mb(f(r))}`)
        .join(', ');
    const codes = all
      .map((x) => x.errors())
      .filter((s) => s !== '–')
      .join(', ');
    console.log(
      `| ${((Date.now() - t0) / 1000).toFixed(0)} | ${latencies.length} | ${errors}${errors ? ` (${codes})` : ''} | ` +
        `${p99(latencies).toFixed(0)} | ${by((r) => r.rssMb)} | ${by((r) => r.heapUsedMb)} |`,
    );
    window = tallies();
  };
  let nextSample = t0 + SAMPLE_MS;
  while (Date.now() < end) {
    const w = tallies();
    await mixedRound(stack, fx, round++, w, put);
    merge(total, w);
    merge(window, w);
    if (Date.now() >= nextSample) {
      sample();
      nextSample += SAMPLE_MS;
    }
  }
  if (!samples.length || Date.now() - samples.at(-1)!.at > SAMPLE_MS / 3) sample();
  setFaults(stack, false);
  const books = await mixedBooks(stack, fx, put);
  const errors = Object.values(total).reduce((s, x) => s + x.failed, 0);
  const requests = Object.values(total).reduce((s, x) => s + x.total, 0);
  const detail = Object.entries(total)
    .filter(([, x]) => x.failed)
    .map(([k, x]) => `${k} ${x.errors()}`)
    .join('; ');
  console.log(
    `\nSoak ${o.minutes} min, ${round} rounds: ${requests} requests, errors ${errors} (target 0)` +
      `${errors ? `: ${detail}` : ''}; books ${books}.`,
  );
  memoryReport(samples, t0, o.minutes, o.probes);
}

/** Per function: RSS first / baseline / last / max, growth after warm-up, and where the last RSS is. */
function memoryReport(samples: Sample[], t0: number, minutes: number, probes: MemoryProbes): void {
  // after warm-up: the first sample past a fifth of the run (containers started, caches and code warm)
  const base = samples.find((x) => x.at - t0 >= (minutes * 60_000) / 5) ?? samples[0];
  const last = samples.at(-1);
  if (!base || !last) {
    console.log('No memory samples (the probe reported nothing).');
    return;
  }
  const fns = [...last.memory.keys()].sort();
  console.log(
    '\nMemory per function, its largest container (MB; RSS includes ~45-52 MB of file-backed pages,' +
      ' mostly the node binary)',
  );
  console.log(
    '| function | tier | containers | RSS first | after warm-up | last | max | ' +
      'growth after warm-up (target ≤ 10 %) | anonymous after warm-up → last | live heap after warm-up → last | ' +
      'V8 heap limit |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const missed: string[] = [];
  for (const fn of fns) {
    const at = (s: Sample) => s.memory.get(fn);
    const first = samples.map(at).find((r) => r);
    const b = at(base);
    const l = at(last)!;
    const max = Math.max(...samples.map((s) => at(s)?.rssMb ?? 0));
    const growth = b ? ((l.rssMb - b.rssMb) / b.rssMb) * 100 : Number.NaN;
    if (!(growth <= 10)) missed.push(fn);
    const tier = FUNCTION_SPECS[fn as FunctionName]?.memoryMb;
    console.log(
      `| ${fn} | ${tier ?? '?'} | ${probes.containers(fn)} | ${mb(first?.rssMb)} | ${mb(b?.rssMb)} | ` +
        `${mb(l.rssMb)} | ${mb(max)} | ${b ? pct(b.rssMb, l.rssMb) : 'n/a (no sample after warm-up)'} | ` +
        `${mb(b?.anonMb)} → ${mb(l.anonMb)} | ${mb(b?.heapUsedMb)} → ${mb(l.heapUsedMb)} | ${mb(l.heapLimitMb)} |`,
    );
  }
  console.log(
    '\nWhere the RSS is: the largest container at the end, its own readings after warm-up → last ' +
      '(MB; V8 spaces resident)',
  );
  console.log(
    '| function | container | RSS | file-backed | V8 new space | old | code | trusted + large objects | ' +
      'malloc, stacks, rest | external (ArrayBuffers) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const fn of fns) {
    const r = last.memory.get(fn)!;
    const was = base.containers.get(r.label);
    const d = breakdown(r);
    const w = was && breakdown(was);
    const span = (f: (x: MemoryReading) => number | null | undefined) =>
      was ? `${mb(f(was))} → ${mb(f(r))}` : mb(f(r));
    console.log(
      `| ${fn} | ${r.label}${was ? '' : ' (started after warm-up)'} | ${span((x) => x.rssMb)} | ` +
        `${w ? `${mb(w.file)} → ` : ''}${mb(d.file)} | ${span((x) => x.spaces.new)} | ${span((x) => x.spaces.old)} | ` +
        `${span((x) => x.spaces.code)} | ${span((x) => x.spaces.trusted + x.spaces.large)} | ` +
        `${w ? `${mb(w.rest)} → ` : ''}${mb(d.rest)} | ${span((x) => x.externalMb)} |`,
    );
  }
  console.log(
    missed.length
      ? `\nRSS growth after warm-up above 10 %: ${missed.join(', ')}.`
      : '\nRSS growth after warm-up within 10 % for every function.',
  );
}
