/**
 * The SQL subset engine shared by the local NoSQL emulator and the in-memory table: parse, run,
 * and cut results into pages with opaque continuation tokens.
 *
 * @example
 * const stmt = parseStatement('SELECT * FROM users WHERE age > $min ORDER BY age DESC');
 * const r = execute(stmt, { tableName: 'users', columns, rows, variables: { $min: 18 } });
 */
import { createHash } from 'node:crypto';
import { SqlError } from './errors.ts';

export { SqlError, SqlUnsupportedError } from './errors.ts';
export { parseStatement, type Statement, type SelectStmt, type DeleteStmt, type Expr } from './parser.ts';
export { execute, type ExecuteOptions, type ExecuteResult, type SqlRow } from './execute.ts';

/** A token that binds a page position to the statement and variables it was made for. */
export function fingerprint(statement: string, variables: unknown): string {
  return createHash('sha1')
    .update(statement)
    .update('\0')
    .update(JSON.stringify(variables ?? {}))
    .digest('hex')
    .slice(0, 16);
}

export interface RowPageOptions {
  /** max items per page; undefined = everything left */
  limit?: number;
  /** a token from a previous page's `nextPage` */
  page?: string;
  /** `fingerprint(statement, variables)`; a token made for another query is refused */
  fingerprint: string;
}

/** Cut `items` into the page `page` points at; `nextPage` is set when items remain. */
export function paginateRows<T>(items: T[], o: RowPageOptions): { items: T[]; nextPage?: string } {
  let offset = 0;
  if (o.page !== undefined && o.page !== '') {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(o.page, 'base64url').toString('utf8'));
    } catch {
      throw new SqlError('the page token is not valid');
    }
    const d = decoded as { o?: unknown; f?: unknown };
    if (!d || typeof d.o !== 'number' || !Number.isInteger(d.o) || d.o < 0 || typeof d.f !== 'string')
      throw new SqlError('the page token is not valid');
    if (d.f !== o.fingerprint) throw new SqlError('the page token belongs to a different statement or variables');
    offset = d.o;
  }
  if (o.limit !== undefined && (!Number.isInteger(o.limit) || o.limit < 1))
    throw new SqlError('limit must be a positive integer');
  const end = o.limit === undefined ? items.length : offset + o.limit;
  const page = items.slice(offset, end);
  return end < items.length
    ? { items: page, nextPage: Buffer.from(JSON.stringify({ o: end, f: o.fingerprint })).toString('base64url') }
    : { items: page };
}
