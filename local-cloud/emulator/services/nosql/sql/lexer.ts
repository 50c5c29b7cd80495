/**
 * Tokenizer for the NoSQL SQL subset (see `parser.ts`). Keywords are case-insensitive; string
 * literals use single or double quotes with the quote doubled to escape it.
 */
import { SqlError } from './errors.ts';

export type TokenKind = 'ident' | 'var' | 'number' | 'string' | 'op' | 'eof';
export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  value?: string | number;
}

const OPS = [
  '<=',
  '>=',
  '!=',
  '<>',
  '=',
  '<',
  '>',
  '(',
  ')',
  ',',
  '.',
  '*',
  ';',
  '+',
  '-',
  '/',
  '[',
  ']',
  '{',
  '}',
  ':',
];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new SqlError(`unterminated comment at position ${i}`);
      i = end + 2;
      continue;
    }
    if (c === '-' && src[i + 1] === '-') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ kind: 'ident', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '$') {
      const m = /^\$[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      if (!m) throw new SqlError(`invalid variable name at position ${i}`);
      out.push({ kind: 'var', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      out.push({ kind: 'number', text: m[0], pos: i, value: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) throw new SqlError(`unterminated string literal at position ${i}`);
        if (src[j] === c) {
          if (src[j + 1] === c) {
            s += c;
            j += 2;
            continue;
          }
          break;
        }
        s += src[j];
        j++;
      }
      out.push({ kind: 'string', text: src.slice(i, j + 1), pos: i, value: s });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new SqlError(`unexpected character '${c}' at position ${i}`);
    out.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  out.push({ kind: 'eof', text: '', pos: src.length });
  return out;
}
