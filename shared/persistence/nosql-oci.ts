/**
 * {@link KeyValueTable} over OCI NoSQL (`oci-nosql` NosqlClient, REST).
 *
 * - Versions are the row etags; `ifVersion` goes out as `if-match`, `ifAbsent`/`ifPresent` as
 *   the put `option`. A refused write is `{ ok: false, existing }` (the service answers 200 with
 *   no `version`; we always ask `isGetReturnRow`).
 * - Expiry is our `expiresAt` column (see port.ts for why); the NoSQL `ttl` is set to the
 *   expiry rounded up to whole days so the service purges the row eventually. An `ifAbsent` put
 *   over a row that is expired by `expiresAt` but not yet purged replaces it with `if-match`.
 * - Key values are percent-encoded by us: the SDK sends query values raw (reference §3.2), so
 *   `+`, `&`, `#`, `%` in keys would otherwise be mangled.
 * - Reads (get, SELECT) and unconditional puts are retried with `withRetry`; conditional writes
 *   and DELETE statements are not (a retried write whose first attempt landed would report a
 *   false conflict). Callers retry them by re-reading: the quota ledger's `updateRow`
 *   (shared/storage/cas.ts) re-reads after a transient failure and its state-based mutations see
 *   whether the write landed; the export job store's writers re-read likewise.
 * - Errors leave as AppErrors via `toAppError` (400 → BadUserInputError, 404 → NotFoundError, ...).
 */
import { NosqlClient } from 'oci-nosql';
import type { AuthenticationDetailsProvider } from 'oci-common';
import { BadUserInputError, UpstreamError } from '../errors.ts';
import { createOciClient, toAppError, withRetry, type RetryOptions } from '../oci/index.ts';
import {
  EXPIRES_AT,
  bindTable,
  isExpired,
  stripExpiry,
  type DeleteOptions,
  type KeyValueTable,
  type PutOptions,
  type PutResult,
  type QueryOptions,
  type QueryPage,
  type Row,
  type RowKey,
  type TableDef,
  type Versioned,
} from './port.ts';

const DAY_S = 86_400;

/** Where and how to reach NoSQL: a ready client, or settings for `createOciClient`. */
export interface NosqlSettings {
  /** compartment of the tables (env NOSQL_COMPARTMENT_ID) */
  compartmentId: string;
  /** prepended to logical table names (env TABLE_PREFIX) @default '' */
  tablePrefix?: string;
  /** a constructed client (tests, the local stack); else one is built with `createOciClient` */
  client?: NosqlClient;
  /** for the built client: credentials @default createAuthProvider() */
  auth?: AuthenticationDetailsProvider;
  /** for the built client: base URL @default OCI_ENDPOINT_NOSQL / OCI_ENDPOINT / region */
  endpoint?: string;
  /** retry policy for reads and unconditional writes @default RETRY_DEFAULTS */
  retry?: RetryOptions;
  /** the clock for `expiresAt` @default Date.now */
  now?: () => number;
}

/** The client the settings describe. */
export function nosqlClientFrom(s: Pick<NosqlSettings, 'client' | 'auth' | 'endpoint'>): NosqlClient {
  if (s.client) return s.client;
  return createOciClient(NosqlClient, {
    service: 'NOSQL',
    ...(s.auth ? { auth: s.auth } : {}),
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
  });
}

/** Percent-encode a `column:value` key part (the SDK sends query values unencoded). */
export function keyParam(column: string, value: unknown): string {
  return `${column}:${encodeURIComponent(String(value))}`;
}

export class OciNosqlTable<T extends Row> implements KeyValueTable<T> {
  readonly name: string;
  private readonly client: NosqlClient;
  private readonly compartmentId: string;
  private readonly now: () => number;
  private readonly retry: RetryOptions;

  private readonly primaryKey: string[];

  /** `def` names the table (logical name; the physical one gets `tablePrefix`) and its key. */
  constructor(def: Pick<TableDef, 'name' | 'primaryKey'>, settings: NosqlSettings) {
    this.name = `${settings.tablePrefix ?? ''}${def.name}`;
    this.primaryKey = def.primaryKey;
    this.client = nosqlClientFrom(settings);
    this.compartmentId = settings.compartmentId;
    this.now = settings.now ?? Date.now;
    this.retry = settings.retry ?? {};
  }

  private async call<R>(op: () => Promise<R>, retried: boolean): Promise<R> {
    try {
      return retried ? await withRetry(op, this.retry) : await op();
    } catch (e) {
      throw toAppError(e);
    }
  }

  private keyFromRow(row: Row): RowKey {
    return Object.fromEntries(this.primaryKey.map((k) => [k, row[k] as RowKey[string]]));
  }

  private keyOf(key: RowKey): string[] {
    return Object.entries(key).map(([k, v]) => keyParam(k, v));
  }

  async get(key: RowKey): Promise<Versioned<T> | undefined> {
    const r = await this.call(
      () => this.client.getRow({ tableNameOrId: this.name, compartmentId: this.compartmentId, key: this.keyOf(key) }),
      true,
    );
    const value = r.row.value;
    if (!value || isExpired(value, this.now()) || !r.etag) return undefined;
    return { value: stripExpiry<T>(value), version: r.etag };
  }

  private async rawPut(value: T, o: { ttlSeconds?: number; option?: 'IF_ABSENT' | 'IF_PRESENT'; ifMatch?: string }) {
    const row: Row = {
      ...stripExpiry(value),
      [EXPIRES_AT]: o.ttlSeconds === undefined ? null : this.now() + o.ttlSeconds * 1000,
    };
    const conditional = o.option !== undefined || o.ifMatch !== undefined;
    const r = await this.call(
      () =>
        this.client.updateRow({
          tableNameOrId: this.name,
          updateRowDetails: {
            compartmentId: this.compartmentId,
            value: row,
            isGetReturnRow: true,
            ...(o.option ? { option: o.option as never } : {}),
            ...(o.ttlSeconds === undefined ? { isTtlUseTableDefault: true } : { ttl: Math.ceil(o.ttlSeconds / DAY_S) }),
          },
          ...(o.ifMatch ? { ifMatch: o.ifMatch } : {}),
        }),
      !conditional,
    );
    const res = r.updateRowResult;
    const existing =
      res.existingValue && res.existingVersion
        ? { row: res.existingValue as Row, version: res.existingVersion }
        : undefined;
    return { version: res.version ?? undefined, existing };
  }

  async put(value: T, options: PutOptions = {}): Promise<PutResult<T>> {
    if (options.ttlSeconds !== undefined && !(options.ttlSeconds > 0))
      throw new BadUserInputError('ttlSeconds must be positive');
    const base = options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds };
    const refused = (ex?: { row: Row; version: string }): PutResult<T> =>
      ex && !isExpired(ex.row, this.now())
        ? { ok: false, existing: { value: stripExpiry<T>(ex.row), version: ex.version } }
        : { ok: false };

    if (options.ifVersion !== undefined) {
      const r = await this.rawPut(value, { ...base, ifMatch: options.ifVersion });
      return r.version ? { ok: true, version: r.version } : refused(r.existing);
    }
    if (options.ifPresent) {
      // IF_PRESENT would also hit a row expired by `expiresAt`: go through the live version
      let last: Versioned<T> | undefined;
      for (let i = 0; i < 5; i++) {
        last = await this.get(this.keyFromRow(value));
        if (!last) return { ok: false };
        const r = await this.rawPut(value, { ...base, ifMatch: last.version });
        if (r.version) return { ok: true, version: r.version };
      }
      return last ? { ok: false, existing: last } : { ok: false };
    }
    if (options.ifAbsent) {
      for (let i = 0; i < 5; i++) {
        const r = await this.rawPut(value, { ...base, option: 'IF_ABSENT' });
        if (r.version) return { ok: true, version: r.version };
        if (!r.existing || !isExpired(r.existing.row, this.now())) return refused(r.existing);
        // the row there is expired by our clock: replace exactly that version
        const over = await this.rawPut(value, { ...base, ifMatch: r.existing.version });
        if (over.version) return { ok: true, version: over.version };
      }
      return { ok: false };
    }
    const r = await this.rawPut(value, base);
    if (!r.version)
      throw new UpstreamError(`${this.name}: the service answered an unconditional put without a version`);
    return { ok: true, version: r.version };
  }

  async delete(key: RowKey, options: DeleteOptions = {}): Promise<boolean> {
    const r = await this.call(
      () =>
        this.client.deleteRow({
          tableNameOrId: this.name,
          compartmentId: this.compartmentId,
          key: this.keyOf(key),
          ...(options.ifVersion !== undefined ? { ifMatch: options.ifVersion } : {}),
        }),
      options.ifVersion === undefined,
    );
    return r.deleteRowResult.isSuccess === true;
  }

  async query<R extends Row = T>(statement: string, options: QueryOptions = {}): Promise<QueryPage<R>> {
    const sql = bindTable(statement, this.name);
    const isDelete = /^\s*(declare\b[\s\S]*?;\s*)*delete\b/i.test(sql);
    const r = await this.call(
      () =>
        this.client.query({
          queryDetails: {
            compartmentId: this.compartmentId,
            statement: sql,
            ...(options.variables ? { variables: options.variables } : {}),
          },
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(options.page ? { page: options.page } : {}),
        }),
      !isDelete,
    );
    const now = this.now();
    const items = (r.queryResultCollection.items ?? [])
      .filter((row) => !isExpired(row, now))
      .map((row) => (EXPIRES_AT in row ? stripExpiry<R>(row) : (row as R)));
    return r.opcNextPage ? { items, nextPage: r.opcNextPage } : { items };
  }
}
