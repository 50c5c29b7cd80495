/**
 * The condition language OCI shares between policy `where` clauses and dynamic-group matching
 * rules: `var = 'value'`, `var != 'value'`, `any { c, ... }`, `all { c, ... }` (keywords in any
 * case), values quoted with `'` or `"` or bare words. Variables are looked up in a flat map; a
 * variable the request does not supply makes its clause false (OCI: a condition on a variable that
 * does not apply to the request does not match), so a statement on an undocumented variable grants nothing.
 */
import { IamSyntaxError } from './errors.ts';

export type IamCondition =
  | { kind: 'clause'; variable: string; op: '=' | '!='; value: string }
  | { kind: 'any' | 'all'; items: IamCondition[] };

export type ConditionToken = { t: 'word' | 'string' | '{' | '}' | ',' | '=' | '!='; v: string; at: number };

/** Split a statement or rule into words, quoted strings and punctuation. */
export function tokenizeCondition(text: string): ConditionToken[] {
  const out: ConditionToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '{' || c === '}' || c === ',' || c === '=') {
      out.push({ t: c, v: c, at: i });
      i++;
      continue;
    }
    if (c === '!' && text[i + 1] === '=') {
      out.push({ t: '!=', v: '!=', at: i });
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new IamSyntaxError(`unterminated quoted value at ${i}`, text);
      out.push({ t: 'string', v: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const m = /^[^\s{},=!'"]+/.exec(text.slice(i));
    if (!m) throw new IamSyntaxError(`unexpected character ${JSON.stringify(c)} at ${i}`, text);
    out.push({ t: 'word', v: m[0], at: i });
    i += m[0].length;
  }
  return out;
}

/** A cursor over tokens, shared by the statement parser. */
export class Cursor {
  i = 0;
  constructor(
    readonly tokens: ConditionToken[],
    readonly text: string,
  ) {}
  peek(): ConditionToken | undefined {
    return this.tokens[this.i];
  }
  next(what: string): ConditionToken {
    const t = this.tokens[this.i++];
    if (!t) throw new IamSyntaxError(`expected ${what} at the end`, this.text);
    return t;
  }
  word(what: string): string {
    const t = this.next(what);
    if (t.t !== 'word')
      throw new IamSyntaxError(`expected ${what} at ${t.at}, found ${JSON.stringify(t.v)}`, this.text);
    return t.v;
  }
  isWord(...options: string[]): boolean {
    const t = this.peek();
    return t?.t === 'word' && options.includes(t.v.toLowerCase());
  }
  expect(type: ConditionToken['t'], what: string): ConditionToken {
    const t = this.next(what);
    if (t.t !== type) throw new IamSyntaxError(`expected ${what} at ${t.at}, found ${JSON.stringify(t.v)}`, this.text);
    return t;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

export function parseCondition(c: Cursor): IamCondition {
  if (c.isWord('any', 'all')) {
    const kind = c.word('any/all').toLowerCase() as 'any' | 'all';
    c.expect('{', `"{" after ${kind}`);
    const items: IamCondition[] = [];
    for (;;) {
      items.push(parseCondition(c));
      const t = c.next('"," or "}"');
      if (t.t === '}') break;
      if (t.t !== ',') throw new IamSyntaxError(`expected "," or "}" at ${t.at}`, c.text);
    }
    return { kind, items };
  }
  const variable = c.word('a variable');
  if (!/^[a-z][a-z0-9_.-]*$/i.test(variable)) throw new IamSyntaxError(`not a variable name: ${variable}`, c.text);
  const op = c.next('"=" or "!="');
  if (op.t !== '=' && op.t !== '!=')
    throw new IamSyntaxError(`expected "=" or "!=" after ${variable}, found ${JSON.stringify(op.v)}`, c.text);
  const value = c.next('a value');
  if (value.t !== 'string' && value.t !== 'word')
    throw new IamSyntaxError(`expected a value after ${variable} ${op.v}`, c.text);
  return { kind: 'clause', variable: variable.toLowerCase(), op: op.t, value: value.v };
}

/** Parse a whole condition text (a matching rule, or tests). */
export function parseConditionText(text: string): IamCondition {
  const c = new Cursor(tokenizeCondition(text), text);
  const cond = parseCondition(c);
  if (!c.done()) throw new IamSyntaxError(`unexpected ${JSON.stringify(c.peek()!.v)} after the condition`, text);
  return cond;
}

/** Variables of a request; a list value (request.groups.id) matches `=` if any element equals. */
export type Variables = Readonly<Record<string, string | readonly string[] | undefined>>;

/** OCIDs and the documented string variables compare case-insensitively for OCIDs and exactly otherwise. */
function equal(variable: string, a: string, b: string): boolean {
  if (
    a.startsWith('ocid1.') ||
    variable.endsWith('.type') ||
    variable === 'request.permission' ||
    variable === 'request.operation'
  )
    return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

export function evaluate(cond: IamCondition, vars: Variables): boolean {
  if (cond.kind !== 'clause')
    return cond.kind === 'any' ? cond.items.some((x) => evaluate(x, vars)) : cond.items.every((x) => evaluate(x, vars));
  const v = vars[cond.variable];
  if (v === undefined) return false;
  const values = typeof v === 'string' ? [v] : v;
  const hit = values.some((x) => equal(cond.variable, x, cond.value));
  return cond.op === '=' ? hit : !hit && values.length > 0;
}

/** Every variable a condition names (for checks against the documented ones). */
export function variablesOf(cond: IamCondition): string[] {
  return cond.kind === 'clause' ? [cond.variable] : cond.items.flatMap(variablesOf);
}
