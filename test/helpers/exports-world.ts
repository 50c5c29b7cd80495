/**
 * The export service over in-memory ports, for the exports unit tests: a fake Compute with one instance
 * (`web 1`), a memory object store whose buckets `exports` and `other` exist, a memory job table, and a clock
 * the test moves. Event hints as the Events router would hand them over.
 */
import { NotFoundError } from '#shared/errors.ts';
import { createLogger } from '#shared/log.ts';
import { MemoryTable } from './fakes/nosql-memory.ts';
import { MemoryObjectStore } from './fakes/storage-memory.ts';
import { FakeCompute } from './fakes/exports-memory.ts';
import { createJobStore, type JobRow } from '../../functions/exports/job-store.ts';
import { createExportService, type ExportService } from '../../functions/exports/service.ts';
import { EXPORT_JOBS_TABLE } from '../../functions/exports/tables.ts';
import type { JobStore } from '../../functions/exports/ports.ts';

const log = createLogger({ level: 'error' });

export interface World {
  svc: ExportService;
  compute: FakeCompute;
  store: MemoryObjectStore;
  jobs: JobStore;
  instanceId: string;
  clock: { t: number };
}

/** A fresh world; `buckets` are the ones that exist (default `exports` and `other`). */
export function world(o: { buckets?: string[] } = {}): World {
  const clock = { t: Date.parse('2024-05-01T10:00:00Z') };
  const store = new MemoryObjectStore('ns1', () => clock.t);
  const buckets = new Set(o.buckets ?? ['exports', 'other']);
  const storage = Object.assign(Object.create(store) as MemoryObjectStore, {
    list: async (a: { bucket: string; prefix: string; limit?: number }) => {
      if (!buckets.has(a.bucket)) throw new NotFoundError(`bucket ${a.bucket} not found`);
      return store.list(a);
    },
  });
  const compute = new FakeCompute(store);
  const jobs = createJobStore(new MemoryTable<JobRow>({ def: EXPORT_JOBS_TABLE, now: () => clock.t }));
  const svc = createExportService({
    jobs,
    compute,
    workRequests: compute,
    storage,
    log,
    defaultBucket: 'exports',
    allowedBuckets: ['exports', 'other', 'nope'],
    now: () => clock.t,
    cleanupWaitMs: 0,
    pollMs: 1,
    staleAfterMs: 60_000,
  });
  const inst = compute.addInstance({ displayName: 'web 1' });
  return { svc, compute, store, jobs, instanceId: inst.id, clock };
}

export const imageHint = (imageId: string) => ({ kind: 'image' as const, imageId });
export const objectHint = (bucket: string, objectName: string) => ({ kind: 'object' as const, bucket, objectName });
