/**
 * NoSQL state in the emulator's disk store: `nosql/tables` (key `<compartmentId>|<lower name>`),
 * `nosql/workRequests`, and one collection `nosql/rows-<tableOcid>` per table whose record key
 * is the row's encoded primary key. Expired rows are purged lazily when they are read.
 */
import { OciErrors } from '../../core/errors.ts';
import { isOcid } from '../../core/ids.ts';
import type { Collection } from '../../core/store.ts';
import type { ProviderContext } from '../../core/types.ts';
import type { ColumnDef, Ttl } from './ddl.ts';
import type { RowValue } from './values.ts';

export interface TableLimits {
  maxReadUnits: number;
  maxWriteUnits: number;
  maxStorageInGBs: number;
  capacityMode?: string;
}

export interface TableRecord {
  id: string;
  name: string;
  compartmentId: string;
  ddlStatement: string;
  columns: ColumnDef[];
  primaryKey: string[];
  shardKey: string[];
  ttl?: Ttl;
  tableLimits: TableLimits;
  timeCreated: string;
  timeUpdated: string;
  etag: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
}

export interface RowRecord {
  value: RowValue;
  version: string;
  expiresAt?: number;
  modifiedAt: number;
}

export interface TableWorkRequestRecord {
  id: string;
  operationType: 'CREATE_TABLE' | 'UPDATE_TABLE' | 'DELETE_TABLE';
  compartmentId: string;
  tableId: string;
  tableName: string;
  actionType: 'CREATED' | 'UPDATED' | 'DELETED';
  time: string;
}

export class NosqlStore {
  readonly tables: Collection<TableRecord>;
  readonly workRequests: Collection<TableWorkRequestRecord>;
  constructor(private readonly ctx: ProviderContext) {
    this.tables = ctx.store.collection<TableRecord>('nosql', 'tables');
    this.workRequests = ctx.store.collection<TableWorkRequestRecord>('nosql', 'workRequests');
  }

  static tableKey(compartmentId: string, name: string): string {
    return `${compartmentId}|${name.toLowerCase()}`;
  }

  rows(t: TableRecord): Collection<RowRecord> {
    return this.ctx.store.collection<RowRecord>('nosql', `rows-${t.id}`);
  }

  /** Resolve a table by OCID, or by name within a compartment; 404 TableNotFound otherwise. */
  resolve(nameOrId: string, compartmentId: string | undefined): TableRecord {
    let t: TableRecord | undefined;
    if (isOcid(nameOrId, 'nosqltable')) {
      t = this.tables.values().find((x) => x.id === nameOrId);
      if (t && compartmentId && t.compartmentId !== compartmentId) t = undefined;
    } else {
      if (!compartmentId) throw OciErrors.missingParameter('compartmentId is required when the table is given by name');
      if (!isOcid(compartmentId)) throw OciErrors.invalidParameter('compartmentId must be an OCID');
      t = this.tables.get(NosqlStore.tableKey(compartmentId, nameOrId));
    }
    if (!t)
      throw OciErrors.notFound(
        'TableNotFound',
        `Table ${nameOrId} not found${compartmentId ? ` in compartment ${compartmentId}` : ''}`,
      );
    return t;
  }

  /** The row under `key` unless it expired (an expired row is deleted on the way). */
  live(t: TableRecord, key: string): RowRecord | undefined {
    const rows = this.rows(t);
    const r = rows.get(key);
    if (r && r.expiresAt !== undefined && r.expiresAt <= this.ctx.now()) {
      rows.delete(key);
      return undefined;
    }
    return r;
  }

  /** All live rows as `[key, record]`, in primary-key order. */
  liveRows(t: TableRecord): [string, RowRecord][] {
    const rows = this.rows(t);
    const now = this.ctx.now();
    const out: [string, RowRecord][] = [];
    for (const [k, r] of rows.entries()) {
      if (r.expiresAt !== undefined && r.expiresAt <= now) rows.delete(k);
      else out.push([k, r]);
    }
    return out.sort((a, b) => comparePk(t.primaryKey, a[1].value, b[1].value));
  }

  dropTable(t: TableRecord): void {
    this.rows(t).clear();
    this.tables.delete(NosqlStore.tableKey(t.compartmentId, t.name));
  }
}

function comparePk(pk: string[], a: RowValue, b: RowValue): number {
  for (const k of pk) {
    const x = a[k] as string | number,
      y = b[k] as string | number;
    if (x === y) continue;
    if (typeof x === typeof y) return x < y ? -1 : 1;
    return typeof x === 'number' ? -1 : 1;
  }
  return 0;
}
