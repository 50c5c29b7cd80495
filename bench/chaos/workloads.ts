/**
 * The chaos bench's workloads (docs/operations.md "Chaos bench"): createUploadUrl across users with
 * the books check, and the mixed round (dashboards, uploads with PUT, an export, an instance action).
 */
import {
  ACTION,
  DASHBOARD,
  EXPORT,
  gql,
  INSTANCES,
  JOB,
  ociCalls,
  pool,
  putObject,
  quotaOf,
  setFaults,
  type Stack,
  Tally,
  UPLOAD,
} from './client.ts';

/** Workload 1: `total` createUploadUrl across `users` users; books must hold exactly the successes. */
export async function uploadsWorkload(
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
    const admitted = q.rateLimits.uploadsLastHour;
    if (admitted > g.count) duplicates += admitted - g.count;
    if (admitted !== g.count || q.storage.reservedBytes !== g.bytes) {
      exact = false;
      mismatches.push(
        `${user}: ${admitted} admissions / ${q.storage.reservedBytes} B reserved, ` +
          `${g.count} URLs / ${g.bytes} B granted`,
      );
    }
  }
  return { tally, seconds, calls, exact, duplicates, mismatches };
}

export interface Fixture {
  tenancy: string;
  instances: string[];
  viewer: string;
  viewers: string[];
  operator: string;
  /** the operator's user id (its uploads are the books of the mixed workload) */
  operatorId: string;
  admin: string;
}

/** Tokens and the demo tenancy's instances the mixed workload works on. */
export async function fixture(stack: Stack): Promise<Fixture> {
  const tenancy = stack.emulator.tenancy.tenancyId;
  const viewer = await stack.mintToken({ sub: 'chaos-viewer', roles: ['viewer'] });
  // dashboards of many viewers: one viewer's subtree scans are priced against its own budget of
  // the minute (functions/gateway/fanout.ts), which one busy loop of the bench would spend
  const viewers = await Promise.all(
    Array.from({ length: 30 }, (_, i) => stack.mintToken({ sub: `chaos-viewer-${i}`, roles: ['viewer'] })),
  );
  const operatorId = `chaos-op-${Date.now().toString(36)}`;
  const operator = await stack.mintToken({ sub: operatorId, roles: ['operator', 'viewer'] });
  const admin = await stack.mintToken({ sub: 'chaos-admin', roles: ['admin', 'operator', 'viewer'] });
  const a = await gql(stack, viewer, INSTANCES, { c: tenancy });
  if (a.code) throw new Error(`listing the seeded instances failed: ${a.code}`);
  const instances = (a.data!.resources.nodes as { id: string; lifecycleState: string }[])
    .filter((i) => i.lifecycleState === 'RUNNING' || i.lifecycleState === 'STOPPED')
    .map((i) => i.id);
  if (instances.length < 2) throw new Error('the demo tenancy has too few instances for the mixed workload');
  return { tenancy, instances, viewer, viewers, operator, operatorId, admin };
}

/** The answers of the mixed workload, by kind. */
export type MixedTallies = Record<'dashboard' | 'upload' | 'export' | 'exportDone' | 'action', Tally>;

export function tallies(): MixedTallies {
  return {
    dashboard: new Tally(),
    upload: new Tally(),
    export: new Tally(),
    exportDone: new Tally(),
    action: new Tally(),
  };
}

/** Bytes the operator PUT (what usedBytes must come to once the events settled). */
export interface PutBooks {
  bytes: number;
  user: string;
}

/** Workload 2 (one round): dashboard queries, uploads with PUT, one export, instance actions. */
export async function mixedRound(
  stack: Stack,
  fx: Fixture,
  round: number,
  t: MixedTallies,
  put: PutBooks,
): Promise<void> {
  const jobs: string[] = [];
  const tasks: (() => Promise<void>)[] = [];
  const viewer = fx.viewers[round % fx.viewers.length]!;
  for (let i = 0; i < 4; i++)
    tasks.push(async () => {
      t.dashboard.add(await gql(stack, viewer, DASHBOARD, { c: fx.tenancy }));
    });
  for (let i = 0; i < 4; i++) {
    tasks.push(async () => {
      const size = 512 + ((round * 7 + i) % 200);
      const a = await gql(stack, fx.operator, UPLOAD, {
        i: { kind: 'DATASET', collectionId: `mixed${round}`, filename: `m${i}.bin`, sizeBytes: size },
      });
      const failed = a.code ? undefined : await putObject(a.data!.createUploadUrl.url as string, size);
      if (failed) a.code = failed;
      if (!a.code) put.bytes += size;
      t.upload.add(a);
    });
  }
  tasks.push(async () => {
    const id = fx.instances[round % fx.instances.length]!;
    const a = await gql(stack, fx.operator, EXPORT, {
      i: { instanceId: id, format: 'QCOW2', objectNamePrefix: `chaos/${round}/` },
    });
    t.export.add(a);
    if (!a.code) jobs.push(a.data!.exportInstance.id as string);
  });
  tasks.push(async () => {
    // an instance other than the exported one; CONFLICT (already in that state) is a correct answer
    const id = fx.instances[(round + 1) % fx.instances.length]!;
    const a = await gql(stack, fx.operator, ACTION, { id, a: round % 2 === 0 ? 'STOP' : 'START' });
    if (a.code === 'CONFLICT') delete a.code;
    t.action.add(a);
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
    t.exportDone.add({ status: 200, ms: 0, ...(state === 'SUCCEEDED' ? {} : { code: `EXPORT_${state}` }) });
  }
}

/** The mixed workload's books: usedBytes against the bytes PUT, once every event was delivered. */
export async function mixedBooks(stack: Stack, fx: Fixture, put: PutBooks): Promise<string> {
  await stack.router.idle();
  const q = await quotaOf(stack, fx.admin, put.user);
  return q.storage.usedBytes === put.bytes
    ? `exact (usedBytes ${q.storage.usedBytes} = bytes PUT)`
    : `MISMATCH: usedBytes ${q.storage.usedBytes}, bytes PUT ${put.bytes}`;
}
