/**
 * Table DDL the emulator understands:
 *
 *   CREATE TABLE [IF NOT EXISTS] name (col TYPE [NOT NULL] [DEFAULT literal], ...,
 *     PRIMARY KEY([SHARD(a, ...),] b, ...)) [USING TTL n DAYS|HOURS]
 *   ALTER TABLE name USING TTL n DAYS|HOURS
 *
 * TYPE: STRING, INTEGER, LONG, DOUBLE, NUMBER, BOOLEAN, JSON, TIMESTAMP(p), BINARY. Anything
 * else throws `DdlError` naming the problem (the provider answers 400 InvalidParameter).
 */
import { tokenize, type Token } from './sql/lexer.ts';
import { SqlError } from './sql/errors.ts';

export const COLUMN_TYPES = [
  'STRING',
  'INTEGER',
  'LONG',
  'DOUBLE',
  'NUMBER',
  'BOOLEAN',
  'JSON',
  'TIMESTAMP',
  'BINARY',
] as const;
export type BaseType = (typeof COLUMN_TYPES)[number];

export interface ColumnDef {
  name: string;
  type: BaseType;
  precision?: number;
  nullable: boolean;
  defaultValue?: string | number | boolean;
}
export interface Ttl {
  value: number;
  unit: 'DAYS' | 'HOURS';
}
export interface CreateTableDdl {
  kind: 'create';
  ifNotExists: boolean;
  name: string;
  columns: ColumnDef[];
  primaryKey: string[];
  shardKey: string[];
  ttl?: Ttl;
}
export interface AlterTtlDdl {
  kind: 'alterTtl';
  name: string;
  ttl: Ttl;
}

export class DdlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DdlError';
  }
}

/** Type name as the real service prints it in `schema.columns[].type`. */
export function typeName(c: ColumnDef): string {
  return c.type === 'TIMESTAMP' ? `TIMESTAMP(${c.precision ?? 9})` : c.type;
}

export function ttlMs(ttl: Ttl | undefined): number | undefined {
  if (!ttl || ttl.value === 0) return undefined;
  return ttl.value * (ttl.unit === 'DAYS' ? 86_400_000 : 3_600_000);
}

class DdlParser {
  private i = 0;
  constructor(private readonly t: Token[]) {}
  private peek(o = 0): Token {
    return this.t[Math.min(this.i + o, this.t.length - 1)]!;
  }
  private kw(k: string): boolean {
    const p = this.peek();
    if (p.kind === 'ident' && p.text.toUpperCase() === k) {
      this.i++;
      return true;
    }
    return false;
  }
  private op(o: string): boolean {
    const p = this.peek();
    if (p.kind === 'op' && p.text === o) {
      this.i++;
      return true;
    }
    return false;
  }
  fail(what: string): never {
    const p = this.peek();
    throw new DdlError(
      `DDL syntax error: ${what} at position ` +
        `${p.pos}${p.kind === 'eof' ? ' (end of statement)' : `, found '${p.text}'`}`,
    );
  }
  private need(k: string): void {
    if (!this.kw(k)) this.fail(`expected ${k}`);
  }
  private needOp(o: string): void {
    if (!this.op(o)) this.fail(`expected '${o}'`);
  }
  private name(what: string): string {
    const p = this.peek();
    if (p.kind !== 'ident') this.fail(`expected ${what}`);
    this.i++;
    return p.text;
  }
  private int(what: string): number {
    const p = this.peek();
    if (p.kind !== 'number' || !Number.isInteger(p.value)) this.fail(`expected ${what}`);
    this.i++;
    return p.value as number;
  }
  end(): void {
    this.op(';');
    if (this.peek().kind !== 'eof') this.fail('unexpected text after the statement');
  }

  statement(): CreateTableDdl | AlterTtlDdl {
    if (this.kw('CREATE')) {
      if (this.kw('INDEX')) throw new DdlError('CREATE INDEX is not supported by the local emulator');
      this.need('TABLE');
      return this.create();
    }
    if (this.kw('ALTER')) {
      this.need('TABLE');
      const name = this.name('a table name');
      if (!this.kw('USING'))
        throw new DdlError('only ALTER TABLE <name> USING TTL n DAYS|HOURS is supported by the local emulator');
      const ttl = this.ttl();
      this.end();
      return { kind: 'alterTtl', name, ttl };
    }
    return this.fail('expected CREATE TABLE or ALTER TABLE');
  }

  private ttl(): Ttl {
    this.need('TTL');
    const value = this.int('a TTL number');
    if (value < 0) this.fail('TTL must not be negative');
    const unit = this.peek().text.toUpperCase();
    if (unit !== 'DAYS' && unit !== 'HOURS') this.fail('expected DAYS or HOURS');
    this.i++;
    return { value, unit };
  }

  private create(): CreateTableDdl {
    let ifNotExists = false;
    if (this.kw('IF')) {
      this.need('NOT');
      this.need('EXISTS');
      ifNotExists = true;
    }
    const name = this.name('a table name');
    if (this.op('.')) throw new DdlError('child tables (parent.child) are not supported by the local emulator');
    this.needOp('(');
    const columns: ColumnDef[] = [];
    let pk: string[] | undefined;
    let shard: string[] | undefined;
    do {
      if (this.kw('PRIMARY')) {
        if (pk) this.fail('PRIMARY KEY given twice');
        this.need('KEY');
        this.needOp('(');
        pk = [];
        if (this.kw('SHARD')) {
          this.needOp('(');
          shard = this.nameList();
          this.needOp(')');
          pk.push(...shard);
          if (this.op(',')) pk.push(...this.nameList());
        } else pk.push(...this.nameList());
        this.needOp(')');
      } else columns.push(this.column());
    } while (this.op(','));
    this.needOp(')');
    let ttl: Ttl | undefined;
    if (this.kw('USING')) ttl = this.ttl();
    this.end();
    if (!pk) throw new DdlError(`CREATE TABLE ${name}: a PRIMARY KEY clause is required`);
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name.toLowerCase()))
        throw new DdlError(`CREATE TABLE ${name}: column ${c.name} is declared twice`);
      seen.add(c.name.toLowerCase());
    }
    const primaryKey = pk.map((k) => {
      const col = columns.find((c) => c.name.toLowerCase() === k.toLowerCase());
      if (!col) throw new DdlError(`CREATE TABLE ${name}: primary key column ${k} is not declared`);
      if (col.type === 'JSON' || col.type === 'BINARY')
        throw new DdlError(`CREATE TABLE ${name}: primary key column ${k} cannot be of type ${col.type}`);
      col.nullable = false;
      return col.name;
    });
    if (new Set(primaryKey).size !== primaryKey.length)
      throw new DdlError(`CREATE TABLE ${name}: a primary key column is listed twice`);
    const shardKey = shard ? primaryKey.slice(0, shard.length) : [...primaryKey];
    return { kind: 'create', ifNotExists, name, columns, primaryKey, shardKey, ...(ttl ? { ttl } : {}) };
  }

  private nameList(): string[] {
    const out = [this.name('a column name')];
    while (this.peek().text === ',' && this.peek(1).kind === 'ident' && this.peek(1).text.toUpperCase() !== 'SHARD') {
      this.i++;
      out.push(this.name('a column name'));
    }
    return out;
  }

  private column(): ColumnDef {
    const name = this.name('a column definition or PRIMARY KEY');
    const tp = this.peek();
    const type = tp.text.toUpperCase() as BaseType;
    if (tp.kind !== 'ident' || !COLUMN_TYPES.includes(type))
      this.fail(`unknown type for column ${name} (supported: ${COLUMN_TYPES.join(', ')})`);
    this.i++;
    const col: ColumnDef = { name, type, nullable: true };
    if (type === 'TIMESTAMP') {
      this.needOp('(');
      const p = this.int('a TIMESTAMP precision 0..9');
      if (p < 0 || p > 9) this.fail('TIMESTAMP precision must be 0..9');
      col.precision = p;
      this.needOp(')');
    }
    for (;;) {
      if (this.kw('NOT')) {
        this.need('NULL');
        col.nullable = false;
        continue;
      }
      if (this.kw('DEFAULT')) {
        const p = this.peek();
        if (p.kind === 'number' || p.kind === 'string') {
          col.defaultValue = p.value!;
          this.i++;
          continue;
        }
        if (p.kind === 'ident' && ['TRUE', 'FALSE'].includes(p.text.toUpperCase())) {
          col.defaultValue = p.text.toUpperCase() === 'TRUE';
          this.i++;
          continue;
        }
        this.fail('expected a literal after DEFAULT');
      }
      if (this.peek().kind === 'ident' && this.peek().text.toUpperCase() === 'PRIMARY')
        throw new DdlError(`column ${name}: inline PRIMARY KEY is not supported; use a PRIMARY KEY(...) clause`);
      break;
    }
    return col;
  }
}

export function parseDdl(ddl: string): CreateTableDdl | AlterTtlDdl {
  if (typeof ddl !== 'string' || !ddl.trim()) throw new DdlError('ddlStatement is empty');
  try {
    return new DdlParser(tokenize(ddl)).statement();
  } catch (e) {
    if (e instanceof SqlError) throw new DdlError(`DDL syntax error: ${e.message}`);
    throw e;
  }
}
