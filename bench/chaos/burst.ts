/**
 * The chaos bench without `--soak`: the fan-out request of issue 12, then the uploads workload and
 * a few mixed rounds under faults, one table row each (docs/operations.md "Chaos bench").
 */
import { gql, ociCalls, setFaults, type Stack } from './client.ts';
import { type Fixture, mixedBooks, mixedRound, type PutBooks, tallies, uploadsWorkload } from './workloads.ts';

export interface BurstOptions {
  faults: boolean;
  uploads: number;
  users: number;
  concurrency: number;
  rounds: number;
}

/** 15 aliases of a fresh subtree scan of the tenancy, then 15 different scans: OCI calls each made. */
async function fanOut(stack: Stack, fx: Fixture): Promise<void> {
  const cases: [string, (i: number) => string][] = [
    ['15 aliases, same scan', () => fx.tenancy],
    [
      '15 different scans',
      (i) => (i === 0 ? fx.tenancy : `ocid1.compartment.oc1..aaaaaaaachaos${String(i).padStart(4, '0')}`),
    ],
  ];
  for (const [label, root] of cases) {
    const fields = Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: resources(compartmentId: "${root(i)}", includeSubtree: true, fresh: true) ` +
        '{ healthSummary { status count } }',
    );
    const since = stack.emulator.requests.lastSeq;
    const token = await stack.mintToken({ sub: `chaos-fanout-${label.length}`, roles: ['viewer'] });
    const a = await gql(stack, token, `{ ${fields.join(' ')} }`);
    const c = ociCalls(stack, since);
    const api = c.calls - (c.services.get('functions') ?? 0) - (c.services.get('nosql') ?? 0);
    console.log(
      `Fan-out, ${label} (fresh, includeSubtree, healthSummary): HTTP ${a.status}${a.code ? ` ${a.code}` : ''}, ` +
        `${api} OCI API calls besides invokes and the NoSQL cache (${c.byService}), ${a.ms.toFixed(0)} ms`,
    );
  }
}

export async function burst(stack: Stack, fx: Fixture, put: PutBooks, o: BurstOptions): Promise<void> {
  await fanOut(stack, fx);
  const u = await uploadsWorkload(stack, fx.admin, {
    total: o.uploads,
    users: o.users,
    concurrency: o.concurrency,
    faults: o.faults,
  });
  console.log('| workload | n | success | errors by code | OCI calls (faults injected) | books | duplicates | s |');
  console.log('|---|---|---|---|---|---|---|---|');
  const calls = (c: typeof u.calls) => `${c.calls} (${c.faults}${c.retained ? '' : '+'}): ${c.byService}`;
  console.log(
    `| createUploadUrl, ${o.users} users | ${u.tally.total} | ${u.tally.rate()} (target ≥ 99 %) | ` +
      `${u.tally.errors()} | ${calls(u.calls)} | ${u.exact ? 'exact' : `MISMATCH ${u.mismatches.join('; ')}`} | ` +
      `${u.duplicates} | ${u.seconds.toFixed(1)} |`,
  );

  const t = tallies();
  const since = stack.emulator.requests.lastSeq;
  setFaults(stack, o.faults);
  const started = performance.now();
  for (let r = 0; r < o.rounds; r++) await mixedRound(stack, fx, r, t, put);
  setFaults(stack, false);
  const mixed = ociCalls(stack, since);
  const books = await mixedBooks(stack, fx, put);
  const all = Object.values(t).reduce((s, x) => ({ ok: s.ok + x.ok, n: s.n + x.total }), { ok: 0, n: 0 });
  const kinds = Object.entries(t)
    .map(([k, x]) => `${k} ${x.rate()}${x.failed ? ` (${x.errors()})` : ''}`)
    .join('; ');
  console.log(
    `| mixed, ${o.rounds} rounds | ${all.n} | ${((100 * all.ok) / all.n).toFixed(1)} % | ${kinds} | ` +
      `${calls(mixed)} | ${books} | – | ${((performance.now() - started) / 1000).toFixed(1)} |`,
  );
  console.log(
    '\nOCI calls: requests the emulator answered (retries included); faults: injected 429/503/drops among them' +
      ' ("+": the request log kept only the last 5,000).',
  );
}
