/**
 * In-memory {@link KeyValueTable} with the same semantics as the OCI adapter (versions,
 * conditional writes, `expiresAt` expiry, the SQL subset), for unit tests of domain code.
 *
 * @example
 * const users = new MemoryTable<User>({
 *   def: { name: 'users', columns: { id: 'STRING', name: 'STRING' }, primaryKey: ['id'] },
 * });
 */
import { randomUUID } from 'node:crypto';
import { BadUserInputError } from '#shared/errors.ts';
import {
  execute,
  fingerprint,
  paginateRows,
  parseStatement,
  SqlError,
} from '#local/emulator/services/nosql/sql/index.ts';
import {
  EXPIRES_AT,
  bindTable,
  isExpired,
  stripExpiry,
  type DeleteOptions,
  type KeyValue,
  type KeyValueTable,
  type PutOptions,
  type PutResult,
  type QueryOptions,
  type QueryPage,
  type Row,
  type RowKey,
  type TableDef,
  type Versioned,
} from '#shared/persistence/port.ts';

export interface MemoryTableOptions {
  def: TableDef;
  /** prefix for the physical name, as with the OCI adapter @default '' */
  tablePrefix?: string;
  /** the clock (ms) @default Date.now */
  now?: () => number;
}

interface Stored {
  row: Row;
  version: string;
}

export class MemoryTable<T extends Row> implements KeyValueTable<T> {
  readonly name: string;
  private readonly rows = new Map<string, Stored>();
  private readonly def: TableDef;
  private readonly now: () => number;

  constructor(options: MemoryTableOptions) {
    this.def = options.def;
    this.name = `${options.tablePrefix ?? ''}${options.def.name}`;
    this.now = options.now ?? Date.now;
  }

  private keyOf(row: Row): string {
    return JSON.stringify(
      this.def.primaryKey.map((k) => {
        const v = row[k];
        if (v === undefined || v === null)
          throw new BadUserInputError(`${this.name}: the primary key column ${k} is missing`);
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
          throw new BadUserInputError(`${this.name}: the primary key column ${k} must be a scalar`);
        return v;
      }),
    );
  }

  /** primary-key order, as the service returns rows without ORDER BY */
  private comparePk(a: Row, b: Row): number {
    for (const k of this.def.primaryKey) {
      const x = a[k] as KeyValue,
        y = b[k] as KeyValue;
      if (x === y) continue;
      if (typeof x === typeof y) return x < y ? -1 : 1;
      return typeof x === 'number' ? -1 : 1;
    }
    return 0;
  }

  private live(key: string): Stored | undefined {
    const s = this.rows.get(key);
    if (s && isExpired(s.row, this.now())) return undefined;
    return s;
  }

  async get(key: RowKey): Promise<Versioned<T> | undefined> {
    const s = this.live(this.keyOf(key));
    return s ? { value: stripExpiry<T>(s.row), version: s.version } : undefined;
  }

  async put(value: T, options: PutOptions = {}): Promise<PutResult<T>> {
    if (options.ttlSeconds !== undefined && !(options.ttlSeconds > 0))
      throw new BadUserInputError('ttlSeconds must be positive');
    const key = this.keyOf(value);
    const cur = this.live(key);
    const existing = cur ? { value: stripExpiry<T>(cur.row), version: cur.version } : undefined;
    if (
      (options.ifAbsent && cur) ||
      (options.ifPresent && !cur) ||
      (options.ifVersion !== undefined && cur?.version !== options.ifVersion)
    ) {
      return existing ? { ok: false, existing } : { ok: false };
    }
    const row: Row = {
      ...Object.fromEntries(Object.keys(this.def.columns).map((c) => [c, null])),
      ...stripExpiry(value),
    };
    row[EXPIRES_AT] = options.ttlSeconds === undefined ? null : this.now() + options.ttlSeconds * 1000;
    const version = randomUUID();
    this.rows.set(key, { row, version });
    return { ok: true, version };
  }

  async delete(key: RowKey, options: DeleteOptions = {}): Promise<boolean> {
    const k = this.keyOf(key);
    const cur = this.live(k);
    if (!cur || (options.ifVersion !== undefined && cur.version !== options.ifVersion)) return false;
    return this.rows.delete(k);
  }

  async query<R extends Row = T>(statement: string, options: QueryOptions = {}): Promise<QueryPage<R>> {
    const sql = bindTable(statement, this.name);
    const now = this.now();
    try {
      const stmt = parseStatement(sql);
      const all = [...this.rows.entries()].sort((a, b) => this.comparePk(a[1].row, b[1].row));
      const result = execute(stmt, {
        tableName: this.name,
        columns: [...Object.keys(this.def.columns), EXPIRES_AT],
        rows: all.filter(([, s]) => !isExpired(s.row, now)).map(([, s]) => s.row),
        variables: options.variables ?? {},
      });
      if (result.kind === 'delete') {
        const hit = new Set(result.matched);
        for (const [k, s] of all) if (hit.has(s.row)) this.rows.delete(k);
        return { items: [{ numRowsDeleted: hit.size } as unknown as R] };
      }
      const page = paginateRows(result.items, {
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.page ? { page: options.page } : {}),
        fingerprint: fingerprint(sql, options.variables),
      });
      const items = page.items.map((r) => (EXPIRES_AT in r ? stripExpiry<R>(r) : (r as R)));
      return page.nextPage ? { items, nextPage: page.nextPage } : { items };
    } catch (e) {
      if (e instanceof SqlError) throw new BadUserInputError(`${this.name}: ${e.message}`, { cause: e });
      throw e;
    }
  }
}
