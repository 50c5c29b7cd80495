/**
 * {@link JobStore} over the shared KeyValueTable port (OCI NoSQL in the function, the in-memory
 * table in unit tests). Writes are conditional on the row version (`ifVersion` / `ifAbsent`).
 */
import { retryBudget } from '#shared/oci/retry.ts';
import type { KeyValueTable, Row } from '#shared/persistence/port.ts';
import { needsWork, type ExportJob } from './model.ts';
import type { JobPage, JobStore, StoredJob } from './ports.ts';

export type JobRow = Row & { id: string; data: ExportJob };

const rowOf = (j: ExportJob): JobRow => ({
  id: j.id,
  state: j.state,
  instanceId: j.instanceId,
  imageId: j.imageId ?? null,
  bucket: j.bucket,
  objectName: j.objectName,
  needsWork: needsWork(j),
  updatedAt: j.updatedAt,
  data: j,
});

/** JSON with sorted keys: a stored document may come back with its fields in another order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export function createJobStore(table: KeyValueTable<JobRow>): JobStore {
  /** Up to `n` rows: NoSQL may answer a query in several batches (`nextPage`) even under LIMIT. */
  async function collect<R extends Row>(
    statement: string,
    variables: Record<string, unknown>,
    n: number,
  ): Promise<R[]> {
    const out: R[] = [];
    let page: string | undefined;
    do {
      const r = await table.query<R>(statement, { variables, ...(page ? { page } : {}) });
      out.push(...r.items);
      page = r.nextPage;
    } while (page && out.length < n);
    return out.slice(0, n);
  }
  const first = async (statement: string, variables: Record<string, unknown>): Promise<StoredJob | undefined> => {
    const id = (await collect<{ id: string }>(statement, variables, 1))[0]?.id;
    return id ? get(id) : undefined;
  };
  async function get(id: string): Promise<StoredJob | undefined> {
    const r = await table.get({ id });
    return r ? { job: r.value.data, version: r.version } : undefined;
  }
  /**
   * A conditional write retried through transient failures. A failure may hide a write that
   * landed, so the row is re-read before anything is written again: our own record there → it
   * landed (its version is returned); the row as it was (`expected`, or still absent) → write
   * again; anything else → someone else wrote first, a conflict (undefined) like a refused write,
   * and the caller re-reads and decides again from facts.
   */
  async function writeResolved(
    job: ExportJob,
    condition: { ifAbsent: true } | { ifVersion: string },
    expected: string | undefined,
  ): Promise<string | undefined> {
    const budget = retryBudget();
    const mine = canonical(job);
    for (;;) {
      try {
        const r = await table.put(rowOf(job), condition);
        return r.ok ? r.version : undefined;
      } catch (e: unknown) {
        await budget.retry(e);
      }
      for (;;) {
        let now: StoredJob | undefined;
        try {
          now = await get(job.id);
        } catch (e: unknown) {
          await budget.retry(e);
          continue;
        }
        if (now && canonical(now.job) === mine) return now.version;
        if (now?.version !== expected) return undefined;
        break;
      }
    }
  }
  return {
    get,
    create: (job) => writeResolved(job, { ifAbsent: true }, undefined),
    update: (job, version) => writeResolved(job, { ifVersion: version }, version),
    findByImage: (imageId) => first('SELECT id FROM {table} WHERE imageId = $imageId', { $imageId: imageId }),
    findByObject: (bucket, objectName) =>
      first('SELECT id FROM {table} WHERE objectName = $objectName AND bucket = $bucket', {
        $objectName: objectName,
        $bucket: bucket,
      }),
    async list(o): Promise<JobPage> {
      const where: string[] = [];
      const variables: Record<string, unknown> = {};
      if (o.state) {
        where.push('state = $state');
        variables.$state = o.state;
      }
      if (o.instanceId) {
        where.push('instanceId = $instanceId');
        variables.$instanceId = o.instanceId;
      }
      if (o.before) {
        where.push('id < $before');
        variables.$before = o.before;
      }
      const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      const sql = `SELECT * FROM {table}${filter} ORDER BY id DESC LIMIT ${o.first + 1}`;
      const rows = await collect<JobRow>(sql, variables, o.first + 1);
      return { jobs: rows.slice(0, o.first).map((r) => r.data), hasMore: rows.length > o.first };
    },
    async listNeedingWork(o) {
      const n = Math.max(1, Math.floor(o.limit));
      const after = o.after === undefined ? '' : ' AND id > $after';
      const sql = `SELECT id FROM {table} WHERE needsWork = true${after} ORDER BY id LIMIT ${n}`;
      return (await collect<{ id: string }>(sql, o.after === undefined ? {} : { $after: o.after }, n)).map((r) => r.id);
    },
  };
}
