/**
 * The persistence port: a key-value table with versioned rows, conditional writes, short-lived
 * rows and the SQL query subset. Domain code depends on this; `nosql-oci.ts` implements it over
 * OCI NoSQL, test/helpers/fakes/nosql-memory.ts in memory (unit tests).
 *
 * Expiry: OCI NoSQL row TTL has day/hour granularity (and is rounded up to the next boundary),
 * which is far too coarse for idempotency records and caches that live seconds or minutes. So
 * both implementations keep an `expiresAt` column (ms since epoch, see {@link EXPIRES_AT}) and
 * treat a row whose `expiresAt` has passed as absent: `get` returns undefined, `ifAbsent` puts
 * replace it, queries drop it. The NoSQL TTL (rounded up to whole days) is set too, so the
 * service eventually purges those rows.
 */

/** Name of the expiry column every table made by `ensureTables` carries. */
export const EXPIRES_AT = 'expiresAt';

export type KeyValue = string | number | boolean;
/** Primary key columns and their values, e.g. `{ id: 'u1' }`. */
export type RowKey = Record<string, KeyValue>;
export type Row = Record<string, unknown>;

export interface Versioned<T> {
  value: T;
  /** opaque row version (NoSQL etag); pass back as `ifVersion` */
  version: string;
}

export interface PutOptions {
  /** write only when no live row has this key */
  ifAbsent?: boolean;
  /** write only when a live row has this key */
  ifPresent?: boolean;
  /** write only when the current row has this version */
  ifVersion?: string;
  /** the row expires this many seconds from now; omitted = the table default (usually never) */
  ttlSeconds?: number;
}

/** A refused conditional put says so (no throw); `existing` is the current live row, if any. */
export type PutResult<T> = { ok: true; version: string } | { ok: false; existing?: Versioned<T> };

export interface DeleteOptions {
  /** delete only when the current row has this version */
  ifVersion?: string;
}

export interface QueryOptions {
  /** bound `$variables`, e.g. `{ $owner: 'u1' }` */
  variables?: Record<string, unknown>;
  /** max rows per page */
  limit?: number;
  /** `nextPage` of the previous page */
  page?: string;
}

export interface QueryPage<R> {
  items: R[];
  /** set when more rows follow */
  nextPage?: string;
}

/**
 * One table. Statements name the table as `{table}` (the adapter substitutes the physical name,
 * which may carry `TABLE_PREFIX`), e.g. `SELECT * FROM {table} WHERE owner = $owner`.
 * Expired rows are dropped from query results only when the row carries `expiresAt` (i.e.
 * `SELECT *`); `count(*)` and DELETE also see expired rows the service has not purged yet.
 */
export interface KeyValueTable<T extends Row> {
  /** the physical table name */
  readonly name: string;
  get(key: RowKey): Promise<Versioned<T> | undefined>;
  put(value: T, options?: PutOptions): Promise<PutResult<T>>;
  /** true when a row was deleted */
  delete(key: RowKey, options?: DeleteOptions): Promise<boolean>;
  query<R extends Row = T>(statement: string, options?: QueryOptions): Promise<QueryPage<R>>;
}

export type ColumnType =
  | 'STRING'
  | 'INTEGER'
  | 'LONG'
  | 'DOUBLE'
  | 'NUMBER'
  | 'BOOLEAN'
  | 'JSON'
  | 'BINARY'
  | `TIMESTAMP(${number})`;

/** A table as the application declares it; `ensureTables` creates it. */
export interface TableDef {
  /** logical name (the physical one gets `tablePrefix`) */
  name: string;
  /** column → type; `expiresAt LONG` is added automatically */
  columns: Record<string, ColumnType>;
  primaryKey: string[];
  /** leading primary key columns that form the shard key @default the whole primary key */
  shardKey?: string[];
  /** default row TTL on the NoSQL side */
  ttl?: { value: number; unit: 'DAYS' | 'HOURS' };
  /** @default { maxReadUnits: 50, maxWriteUnits: 50, maxStorageInGBs: 1 } */
  limits?: { maxReadUnits: number; maxWriteUnits: number; maxStorageInGBs: number };
}

/** `CREATE TABLE IF NOT EXISTS` for a definition, under its physical name. */
export function tableDdl(def: TableDef, physicalName: string): string {
  const cols = Object.entries(def.columns).map(([n, t]) => `${n} ${t}`);
  if (!(EXPIRES_AT in def.columns)) cols.push(`${EXPIRES_AT} LONG`);
  const shard = def.shardKey ?? [];
  const rest = def.primaryKey.slice(shard.length);
  const pk = shard.length
    ? `SHARD(${shard.join(', ')})${rest.length ? `, ${rest.join(', ')}` : ''}`
    : def.primaryKey.join(', ');
  const ttl = def.ttl ? ` USING TTL ${def.ttl.value} ${def.ttl.unit}` : '';
  return `CREATE TABLE IF NOT EXISTS ${physicalName} (${cols.join(', ')}, PRIMARY KEY(${pk}))${ttl}`;
}

/** Replace the `{table}` placeholder with the physical table name. */
export function bindTable(statement: string, physicalName: string): string {
  return statement.replace(/\{table\}/g, physicalName);
}

/** Whether a stored row has passed its `expiresAt`. */
export function isExpired(row: Row | undefined, now: number): boolean {
  const e = row?.[EXPIRES_AT];
  return typeof e === 'number' && e <= now;
}

/** The row without the bookkeeping column. */
export function stripExpiry<T extends Row>(row: Row): T {
  const { [EXPIRES_AT]: _drop, ...rest } = row;
  return rest as T;
}
