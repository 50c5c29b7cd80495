/**
 * Runs a parsed statement over a table's rows (already stripped of expired rows and sorted by
 * primary key, which is the order results have without ORDER BY).
 *
 * Semantics follow Oracle NoSQL where it matters to us: a comparison with NULL or a missing
 * field is unknown (three-valued logic; WHERE keeps only true), values of different kinds
 * (number vs string) are not comparable (false), column names are case-insensitive, ORDER BY
 * puts NULL/missing last ascending and first descending, unnamed projections of a path take the
 * last step's name, other unnamed expressions `Column_<n>`.
 */
import { SqlError } from './errors.ts';
import type { Expr, SelectStmt, Statement } from './parser.ts';

export type SqlRow = Record<string, unknown>;
type Tri = boolean | null;

export interface ExecuteOptions {
  /** the table the statement must name (case-insensitive) */
  tableName: string;
  /** the table's column names */
  columns: string[];
  rows: SqlRow[];
  /** bound `$variables`, keyed with or without the `$` */
  variables?: Record<string, unknown>;
}

export type ExecuteResult = { kind: 'select'; items: SqlRow[] } | { kind: 'delete'; matched: SqlRow[] };

const MISSING = Symbol('missing');

export function execute(stmt: Statement, o: ExecuteOptions): ExecuteResult {
  if (stmt.table.toLowerCase() !== o.tableName.toLowerCase())
    throw new SqlError(`the statement names table ${stmt.table}, expected ${o.tableName}`);
  const cols = new Map(o.columns.map((c) => [c.toLowerCase(), c]));
  const prefixes = new Set([stmt.table.toLowerCase(), ...(stmt.alias ? [stmt.alias.toLowerCase()] : [])]);
  const resolve = (steps: string[]): string[] => {
    let s = steps;
    if (s.length > 1 && prefixes.has(s[0]!.toLowerCase()) && !cols.has(s[0]!.toLowerCase())) s = s.slice(1);
    const col = cols.get(s[0]!.toLowerCase());
    if (!col) throw new SqlError(`unknown column ${steps.join('.')} in table ${o.tableName}`);
    return [col, ...s.slice(1)];
  };
  const vars = o.variables ?? {};
  checkPaths(stmt, resolve);
  const ev = makeEvaluator(resolve, vars);
  const matched = stmt.where ? o.rows.filter((r) => ev.cond(stmt.where!, r) === true) : [...o.rows];
  if (stmt.kind === 'delete') return { kind: 'delete', matched };
  return { kind: 'select', items: select(stmt, matched, ev) };
}

/** Resolve every column reference up front, so a bad one fails even on an empty table. */
function checkPaths(stmt: Statement, resolve: (steps: string[]) => string[]): void {
  const walk = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.k) {
      case 'path':
        resolve(e.steps);
        return;
      case 'cmp':
      case 'and':
      case 'or':
        walk(e.l);
        walk(e.r);
        return;
      case 'not':
      case 'isnull':
        walk(e.e);
        return;
      case 'in':
        walk(e.e);
        e.list.forEach(walk);
        return;
      case 'between':
        walk(e.e);
        walk(e.lo);
        walk(e.hi);
        return;
      default:
        return;
    }
  };
  walk(stmt.where);
  if (stmt.kind === 'select') {
    for (const p of stmt.proj) if (p.k === 'expr') walk(p.e);
    for (const t of stmt.orderBy) walk(t.e);
  }
}

function select(stmt: SelectStmt, rows: SqlRow[], ev: Evaluator): SqlRow[] {
  const sorted =
    stmt.orderBy.length === 0
      ? rows
      : [...rows].sort((a, b) => {
          for (const t of stmt.orderBy) {
            const c = orderCompare(ev.value(t.e, a), ev.value(t.e, b));
            if (c !== 0) return t.desc ? -c : c;
          }
          return 0;
        });
  const offset = stmt.offset ? count(ev.value(stmt.offset, {}), 'OFFSET') : 0;
  const limit = stmt.limit ? count(ev.value(stmt.limit, {}), 'LIMIT') : Number.POSITIVE_INFINITY;
  const counting = stmt.proj.some((p) => p.k === 'count');
  if (counting) {
    if (stmt.proj.length > 1)
      throw new SqlError('count(*) cannot be combined with other select expressions without GROUP BY');
    const p = stmt.proj[0]!;
    return [{ [p.as ?? 'Column_1']: sorted.length }].slice(offset, offset + limit);
  }
  const page = sorted.slice(offset, offset + limit);
  if (stmt.star) return page.map((r) => ({ ...r }));
  return page.map((r) => {
    const out: SqlRow = {};
    stmt.proj.forEach((p, i) => {
      if (p.k !== 'expr') return;
      const name = p.as ?? (p.e.k === 'path' ? p.e.steps[p.e.steps.length - 1]! : `Column_${i + 1}`);
      const v = ev.value(p.e, r);
      out[name] = v === MISSING ? null : v;
    });
    return out;
  });
}

function count(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new SqlError(`${what} must be a non-negative integer`);
  return v;
}

interface Evaluator {
  value(e: Expr, row: SqlRow): unknown;
  cond(e: Expr, row: SqlRow): Tri;
}

function makeEvaluator(resolve: (steps: string[]) => string[], vars: Record<string, unknown>): Evaluator {
  const value = (e: Expr, row: SqlRow): unknown => {
    switch (e.k) {
      case 'lit':
        return e.v;
      case 'var': {
        if (e.name in vars) return vars[e.name];
        const bare = e.name.slice(1);
        if (bare in vars) return vars[bare];
        throw new SqlError(`the variable ${e.name} is not bound`);
      }
      case 'path': {
        let cur: unknown = row;
        for (const s of resolve(e.steps)) {
          if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(s in (cur as object))) return MISSING;
          cur = (cur as SqlRow)[s];
        }
        return cur;
      }
      default:
        return cond(e, row);
    }
  };
  const cond = (e: Expr, row: SqlRow): Tri => {
    switch (e.k) {
      case 'and': {
        const l = cond(e.l, row);
        if (l === false) return false;
        const r = cond(e.r, row);
        return r === false ? false : l === null || r === null ? null : true;
      }
      case 'or': {
        const l = cond(e.l, row);
        if (l === true) return true;
        const r = cond(e.r, row);
        return r === true ? true : l === null || r === null ? null : false;
      }
      case 'not': {
        const v = cond(e.e, row);
        return v === null ? null : !v;
      }
      case 'isnull': {
        const v = value(e.e, row);
        const isNull = v === null || v === MISSING;
        return e.neg ? !isNull : isNull;
      }
      case 'cmp':
        return compare(e.op, value(e.l, row), value(e.r, row));
      case 'in': {
        const v = value(e.e, row);
        let res: Tri = false;
        for (const item of e.list) {
          const c = compare('=', v, value(item, row));
          if (c === true) {
            res = true;
            break;
          }
          if (c === null) res = null;
        }
        return e.neg && res !== null ? !res : res;
      }
      case 'between': {
        const v = value(e.e, row);
        const lo = compare('>=', v, value(e.lo, row));
        const hi = compare('<=', v, value(e.hi, row));
        const res: Tri = lo === false || hi === false ? false : lo === null || hi === null ? null : true;
        return e.neg && res !== null ? !res : res;
      }
      default: {
        const v = value(e, row);
        if (v === null || v === MISSING) return null;
        if (typeof v !== 'boolean') throw new SqlError('a condition must be a boolean expression');
        return v;
      }
    }
  };
  return { value, cond };
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function compare(op: string, a: unknown, b: unknown): Tri {
  if (a === MISSING || b === MISSING || a === null || b === null) return null;
  if (kind(a) !== kind(b) || !['number', 'string', 'boolean'].includes(kind(a))) {
    if (op === '=' || op === '!=') {
      const same = kind(a) === kind(b) && JSON.stringify(a) === JSON.stringify(b);
      return op === '=' ? same : !same && kind(a) === kind(b);
    }
    return false;
  }
  const c = (a as number | string | boolean) < (b as number | string | boolean) ? -1 : a === b ? 0 : 1;
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

/** Total order for ORDER BY: numbers < strings < booleans < others; NULL/missing last. */
function orderCompare(a: unknown, b: unknown): number {
  const na = a === null || a === MISSING;
  const nb = b === null || b === MISSING;
  if (na || nb) return na && nb ? 0 : na ? 1 : -1;
  const rank = (v: unknown) => ['number', 'string', 'boolean'].indexOf(kind(v)) >>> 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (['number', 'string', 'boolean'].includes(kind(a))) return (a as number) < (b as number) ? -1 : a === b ? 0 : 1;
  const sa = JSON.stringify(a),
    sb = JSON.stringify(b);
  return sa < sb ? -1 : sa === sb ? 0 : 1;
}
