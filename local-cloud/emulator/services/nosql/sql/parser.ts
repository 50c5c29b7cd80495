/**
 * Recursive-descent parser for the subset of Oracle NoSQL SQL the project uses:
 *
 *   [DECLARE $v TYPE; ...]
 *   SELECT * | expr [AS name], ... | count(*) [AS name] FROM table [[AS] alias]
 *     [WHERE cond] [ORDER BY path [ASC|DESC], ...] [LIMIT n] [OFFSET n]
 *   DELETE FROM table [[AS] alias] [WHERE cond]
 *
 * cond: OR / AND / NOT, parentheses, `= != <> < <= > >=`, IS [NOT] NULL, [NOT] IN (...),
 * [NOT] BETWEEN a AND b; operands are column paths (`t.col.field`), `$variables` and
 * string / number / boolean / null literals. Anything else is rejected with a message naming it.
 */
import { SqlError, SqlUnsupportedError } from './errors.ts';
import { tokenize, type Token } from './lexer.ts';

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Expr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'var'; name: string }
  | { k: 'path'; steps: string[] }
  | { k: 'cmp'; op: CmpOp; l: Expr; r: Expr }
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'isnull'; e: Expr; neg: boolean }
  | { k: 'in'; e: Expr; list: Expr[]; neg: boolean }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; neg: boolean };

export type Projection = { k: 'expr'; e: Expr; as?: string } | { k: 'count'; as?: string };
export interface OrderTerm {
  e: Expr;
  desc: boolean;
}
export interface SelectStmt {
  kind: 'select';
  table: string;
  alias?: string;
  star: boolean;
  proj: Projection[];
  where?: Expr;
  orderBy: OrderTerm[];
  limit?: Expr;
  offset?: Expr;
}
export interface DeleteStmt {
  kind: 'delete';
  table: string;
  alias?: string;
  where?: Expr;
}
export type Statement = SelectStmt | DeleteStmt;

const RESERVED = new Set([
  'select',
  'from',
  'where',
  'order',
  'by',
  'limit',
  'offset',
  'and',
  'or',
  'not',
  'as',
  'is',
  'null',
  'in',
  'between',
  'asc',
  'desc',
  'true',
  'false',
  'group',
  'having',
  'join',
  'union',
  'on',
  'left',
  'right',
  'inner',
  'outer',
  'nested',
  'returning',
  'set',
]);
const UNSUPPORTED_CLAUSES: Record<string, string> = {
  group: 'GROUP BY',
  having: 'HAVING',
  join: 'JOIN',
  union: 'UNION',
  left: 'JOIN',
  right: 'JOIN',
  inner: 'JOIN',
  outer: 'JOIN',
  nested: 'NESTED TABLES',
  returning: 'RETURNING',
  on: 'JOIN',
};

class Parser {
  private i = 0;
  constructor(private readonly t: Token[]) {}
  private peek(o = 0): Token {
    return this.t[Math.min(this.i + o, this.t.length - 1)]!;
  }
  private next(): Token {
    return this.t[this.i++]!;
  }
  private isKw(kw: string, o = 0): boolean {
    const p = this.peek(o);
    return p.kind === 'ident' && p.text.toLowerCase() === kw;
  }
  private isOp(op: string): boolean {
    const p = this.peek();
    return p.kind === 'op' && p.text === op;
  }
  private acceptKw(kw: string): boolean {
    if (this.isKw(kw)) {
      this.i++;
      return true;
    }
    return false;
  }
  private acceptOp(op: string): boolean {
    if (this.isOp(op)) {
      this.i++;
      return true;
    }
    return false;
  }
  private fail(what: string): never {
    const p = this.peek();
    throw new SqlError(
      `${what} at position ${p.pos}${p.kind === 'eof' ? ' (end of statement)' : `, found '${p.text}'`}`,
    );
  }
  private expectKw(kw: string): void {
    if (!this.acceptKw(kw)) this.fail(`expected ${kw.toUpperCase()}`);
  }
  private expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`expected '${op}'`);
  }
  private ident(what: string): string {
    const p = this.peek();
    if (p.kind !== 'ident' || RESERVED.has(p.text.toLowerCase())) {
      if (p.kind === 'ident' && UNSUPPORTED_CLAUSES[p.text.toLowerCase()])
        throw new SqlUnsupportedError(UNSUPPORTED_CLAUSES[p.text.toLowerCase()]!);
      this.fail(`expected ${what}`);
    }
    return this.next().text;
  }

  statement(): Statement {
    while (this.acceptKw('declare')) {
      do {
        this.expectVar();
        this.ident('a variable type');
        this.skipTypeArgs();
        this.expectOp(';');
      } while (this.peek().kind === 'var');
    }
    const first = this.peek();
    let stmt: Statement;
    if (this.acceptKw('select')) stmt = this.select();
    else if (this.acceptKw('delete')) stmt = this.del();
    else if (first.kind === 'ident') throw new SqlUnsupportedError(`${first.text.toUpperCase()} statement`);
    else this.fail('expected SELECT or DELETE');
    this.acceptOp(';');
    if (this.peek().kind !== 'eof') this.trailing();
    return stmt;
  }
  private expectVar(): void {
    if (this.peek().kind !== 'var') this.fail('expected a $variable');
    this.i++;
  }
  private skipTypeArgs(): void {
    if (this.acceptOp('(')) {
      while (!this.acceptOp(')')) {
        if (this.peek().kind === 'eof') this.fail("expected ')'");
        this.i++;
      }
    }
  }
  private trailing(): never {
    const p = this.peek();
    const name = p.kind === 'ident' ? UNSUPPORTED_CLAUSES[p.text.toLowerCase()] : undefined;
    if (name) throw new SqlUnsupportedError(name);
    this.fail('unexpected text after the statement');
  }

  private tableRef(): { table: string; alias?: string } {
    const table = this.ident('a table name');
    let alias: string | undefined;
    if (this.acceptKw('as')) alias = this.ident('an alias');
    else {
      const p = this.peek();
      if (p.kind === 'ident' && !RESERVED.has(p.text.toLowerCase())) alias = this.next().text;
      else if (p.kind === 'ident' && UNSUPPORTED_CLAUSES[p.text.toLowerCase()])
        throw new SqlUnsupportedError(UNSUPPORTED_CLAUSES[p.text.toLowerCase()]!);
    }
    if (this.isOp(',')) throw new SqlUnsupportedError('a join (several tables in FROM)');
    return alias === undefined ? { table } : { table, alias };
  }

  private select(): SelectStmt {
    if (this.isKw('distinct')) throw new SqlUnsupportedError('SELECT DISTINCT');
    let star = false;
    const proj: Projection[] = [];
    if (this.acceptOp('*')) star = true;
    else {
      do proj.push(this.projection());
      while (this.acceptOp(','));
    }
    this.expectKw('from');
    if (this.isOp('(')) throw new SqlUnsupportedError('a subquery');
    const ref = this.tableRef();
    const s: SelectStmt = { kind: 'select', ...ref, star, proj, orderBy: [] };
    if (this.acceptKw('where')) s.where = this.expr();
    if (this.isKw('group')) throw new SqlUnsupportedError('GROUP BY');
    if (this.acceptKw('order')) {
      this.expectKw('by');
      do {
        const e = this.operand();
        const desc = this.acceptKw('desc') ? true : (this.acceptKw('asc'), false);
        if (this.isKw('nulls')) throw new SqlUnsupportedError('NULLS FIRST/LAST');
        s.orderBy.push({ e, desc });
      } while (this.acceptOp(','));
    }
    if (this.acceptKw('limit')) s.limit = this.operand();
    if (this.acceptKw('offset')) s.offset = this.operand();
    return s;
  }

  private projection(): Projection {
    let p: Projection;
    if (this.isKw('count') && this.peek(1).text === '(') {
      this.i += 2;
      if (!this.acceptOp('*')) throw new SqlUnsupportedError('count(expr) (only count(*))');
      this.expectOp(')');
      p = { k: 'count' };
    } else if (this.peek().kind === 'ident' && this.peek(1).text === '(') {
      throw new SqlUnsupportedError(`the function ${this.peek().text}()`);
    } else {
      p = { k: 'expr', e: this.operand() };
    }
    if (this.acceptKw('as')) p.as = this.ident('a column alias');
    return p;
  }

  private del(): DeleteStmt {
    this.expectKw('from');
    const s: DeleteStmt = { kind: 'delete', ...this.tableRef() };
    if (this.acceptKw('where')) s.where = this.expr();
    return s;
  }

  expr(): Expr {
    let l = this.andExpr();
    while (this.acceptKw('or')) l = { k: 'or', l, r: this.andExpr() };
    return l;
  }
  private andExpr(): Expr {
    let l = this.notExpr();
    while (this.acceptKw('and')) l = { k: 'and', l, r: this.notExpr() };
    return l;
  }
  private notExpr(): Expr {
    if (this.acceptKw('not')) return { k: 'not', e: this.notExpr() };
    return this.predicate();
  }
  private predicate(): Expr {
    if (this.isOp('(')) {
      if (this.isKw('select', 1)) throw new SqlUnsupportedError('a subquery');
      this.i++;
      const e = this.expr();
      this.expectOp(')');
      return e;
    }
    const e = this.operand();
    if (this.acceptKw('is')) {
      const neg = this.acceptKw('not');
      this.expectKw('null');
      return { k: 'isnull', e, neg };
    }
    const neg = this.acceptKw('not');
    if (this.acceptKw('in')) {
      this.expectOp('(');
      if (this.isKw('select')) throw new SqlUnsupportedError('a subquery');
      const list: Expr[] = [];
      do list.push(this.operand());
      while (this.acceptOp(','));
      this.expectOp(')');
      return { k: 'in', e, list, neg };
    }
    if (this.acceptKw('between')) {
      const lo = this.operand();
      this.expectKw('and');
      return { k: 'between', e, lo, hi: this.operand(), neg };
    }
    if (neg) this.fail('expected IN or BETWEEN after NOT');
    const p = this.peek();
    if (p.kind === 'op' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(p.text)) {
      this.i++;
      const op = (p.text === '<>' ? '!=' : p.text) as CmpOp;
      return { k: 'cmp', op, l: e, r: this.operand() };
    }
    if (p.kind === 'ident' && ['like', 'exists', 'any'].includes(p.text.toLowerCase()))
      throw new SqlUnsupportedError(p.text.toUpperCase());
    if (p.kind === 'op' && ['+', '-', '*', '/'].includes(p.text))
      throw new SqlUnsupportedError(`the arithmetic operator '${p.text}'`);
    return e;
  }

  private operand(): Expr {
    const p = this.peek();
    if (p.kind === 'number') {
      this.i++;
      return { k: 'lit', v: p.value as number };
    }
    if (p.kind === 'op' && p.text === '-' && this.peek(1).kind === 'number') {
      this.i += 2;
      return { k: 'lit', v: -(this.t[this.i - 1]!.value as number) };
    }
    if (p.kind === 'string') {
      this.i++;
      return { k: 'lit', v: p.value as string };
    }
    if (p.kind === 'var') {
      this.i++;
      return { k: 'var', name: p.text };
    }
    if (p.kind === 'ident') {
      const lower = p.text.toLowerCase();
      if (lower === 'true' || lower === 'false') {
        this.i++;
        return { k: 'lit', v: lower === 'true' };
      }
      if (lower === 'null') {
        this.i++;
        return { k: 'lit', v: null };
      }
      if (lower === 'select') throw new SqlUnsupportedError('a subquery');
      if (this.peek(1).text === '(' && this.peek(1).kind === 'op')
        throw new SqlUnsupportedError(`the function ${p.text}()`);
      const steps = [this.ident('a column name')];
      while (this.acceptOp('.')) {
        const s = this.peek();
        if (s.kind === 'ident' || s.kind === 'string') {
          this.i++;
          steps.push(String(s.value ?? s.text));
        } else this.fail('expected a field name after "."');
      }
      if (this.isOp('[')) throw new SqlUnsupportedError('array filter steps ([...])');
      return { k: 'path', steps };
    }
    if (p.kind === 'op' && (p.text === '[' || p.text === '{'))
      throw new SqlUnsupportedError('array and map constructors');
    return this.fail('expected a column, variable or literal');
  }
}

/** Parse one statement; throws `SqlError` (with position) or `SqlUnsupportedError`. */
export function parseStatement(sql: string): Statement {
  if (typeof sql !== 'string' || !sql.trim()) throw new SqlError('the statement is empty');
  return new Parser(tokenize(sql)).statement();
}
