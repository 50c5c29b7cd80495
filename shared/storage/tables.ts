/**
 * The quota tables and the adapter from the shared KeyValueTable port to the ledger's RowStore:
 * each row is `{ <key column>: key, data: <JSON document> }`, written with `ifVersion` /
 * `ifAbsent` so every change is a conditional write on the row version.
 */
import type { KeyValueTable, Row, TableDef } from '../persistence/port.ts';
import type { EventRow, JobOwnerRow, ObjectRow, RowStore, UsageRow } from './rows.ts';

const SECONDS_PER_DAY = 86_400;

/** Table definitions (created by `ensureTables` in the stack / deployment). */
export const QUOTA_TABLES = {
  usage: { name: 'quota_usage', columns: { userId: 'STRING', data: 'JSON' }, primaryKey: ['userId'] },
  objects: { name: 'quota_objects', columns: { path: 'STRING', data: 'JSON' }, primaryKey: ['path'] },
  events: {
    name: 'quota_events',
    columns: { eventId: 'STRING', data: 'JSON' },
    primaryKey: ['eventId'],
    ttl: { value: 7, unit: 'DAYS' },
  },
  jobs: { name: 'quota_jobs', columns: { jobId: 'STRING', data: 'JSON' }, primaryKey: ['jobId'] },
} as const satisfies Record<string, TableDef>;

export type QuotaTableName = keyof typeof QUOTA_TABLES;

/** A row of every quota table: the key column plus the JSON document. */
export type DocRow = Row & { data: unknown };

/** RowStore over a KeyValueTable whose primary key is the single string column `keyColumn`. */
export function rowStore<T>(table: KeyValueTable<DocRow>, keyColumn: string): RowStore<T> {
  return {
    async get(key) {
      const r = await table.get({ [keyColumn]: key });
      return r ? { value: r.value.data as T, version: r.version } : undefined;
    },
    async putIf(key, value, expected, options) {
      const res = await table.put(
        { [keyColumn]: key, data: value },
        {
          ...(expected === null ? { ifAbsent: true } : { ifVersion: expected }),
          ...(options?.ttlDays !== undefined ? { ttlSeconds: options.ttlDays * SECONDS_PER_DAY } : {}),
        },
      );
      return res.ok ? res.version : undefined;
    },
    async delete(key) {
      await table.delete({ [keyColumn]: key });
    },
  };
}

/** The four stores the ledger, settlement and job owners use. */
export interface QuotaStores {
  usage: RowStore<UsageRow>;
  objects: RowStore<ObjectRow>;
  events: RowStore<EventRow>;
  jobs: RowStore<JobOwnerRow>;
}

/** Stores from a table factory (OCI NoSQL in functions, memory in unit tests). */
export function quotaStores(open: (def: TableDef) => KeyValueTable<DocRow>): QuotaStores {
  return {
    usage: rowStore(open(QUOTA_TABLES.usage), 'userId'),
    objects: rowStore(open(QUOTA_TABLES.objects), 'path'),
    events: rowStore(open(QUOTA_TABLES.events), 'eventId'),
    jobs: rowStore(open(QUOTA_TABLES.jobs), 'jobId'),
  };
}
