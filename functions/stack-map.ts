/**
 * Source map lookups for stack traces (functions/entry.ts), without decoding the whole map.
 *
 * node:module's `SourceMap` decodes every segment into an array up front: for a function bundle's
 * map (~1.3 MB of mappings, ~220k segments) that is ~0.25 s of CPU and ~25 MB of heap kept for the
 * container's life, a fifth of a 128 MB function. Here the map stays a string and each stack trace
 * takes one pass over it, answering all its frames at once with no allocation per segment.
 * Lookups follow `SourceMap.findEntry`: the last segment at or before the position (none for a
 * segment with only a generated column), the name only from a 5-field segment.
 * Node builtins only (the entry stays small).
 */

/** The fields of a source map (v3) the lookup reads. */
export interface StackSourceMap {
  sources: string[];
  names: string[];
  mappings: string;
}

/** 0-based, like the map. */
export interface GeneratedPosition {
  line: number;
  column: number;
}

/** 0-based original position; `name` from the map's names when the segment has one. */
export interface OriginalPosition {
  source: string;
  line: number;
  column: number;
  name: string | undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;
const COMMA = 44;
const SEMICOLON = 59;

/** Checks the shape of a parsed map; throws naming what is wrong. */
export function asStackSourceMap(json: unknown): StackSourceMap {
  const m = json as Partial<Record<keyof StackSourceMap | 'version' | 'sourceRoot', unknown>> | null;
  if (!m || typeof m !== 'object' || m.version !== 3) throw new Error('not a version 3 source map');
  if (typeof m.mappings !== 'string') throw new Error('source map has no mappings string');
  const strings = (v: unknown, what: string): string[] => {
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      throw new Error(`source map ${what} is not a list of strings`);
    return v as string[];
  };
  const root = typeof m.sourceRoot === 'string' && m.sourceRoot ? m.sourceRoot.replace(/\/?$/, '/') : '';
  return {
    sources: strings(m.sources, 'sources').map((s) => root + s),
    names: m.names === undefined ? [] : strings(m.names, 'names'),
    mappings: m.mappings,
  };
}

/**
 * For each position, the original position of the last segment at or before it (undefined before the first segment or
 * on a segment with no source).
 */
export function findOriginalPositions(
  map: StackSourceMap,
  positions: readonly GeneratedPosition[],
): (OriginalPosition | undefined)[] {
  const out: (OriginalPosition | undefined)[] = positions.map(() => undefined);
  const order = positions
    .map((_, i) => i)
    .sort((a, b) => positions[a]!.line - positions[b]!.line || positions[a]!.column - positions[b]!.column);
  const m = map.mappings;
  const n = m.length;
  // segment fields, relative to the previous segment (the column only within its line)
  const field = [0, 0, 0, 0, 0];
  let line = 0;
  // the last segment read: -1 = none yet, 0 = no source (1-field), 1 = mapped
  let lastKind = -1;
  let lastSource = 0;
  let lastLine = 0;
  let lastColumn = 0;
  let lastName = -1;
  let q = 0;
  let i = 0;
  const answer = (): OriginalPosition | undefined => {
    if (lastKind !== 1) return undefined;
    const src = map.sources[lastSource];
    return src === undefined
      ? undefined
      : { source: src, line: lastLine, column: lastColumn, name: lastName >= 0 ? map.names[lastName] : undefined };
  };
  while (q < order.length && i < n) {
    let c = m.charCodeAt(i);
    if (c === SEMICOLON) {
      line++;
      field[0] = 0;
      i++;
      continue;
    }
    if (c === COMMA) {
      i++;
      continue;
    }
    // up to 5 base64 VLQ fields, until a separator
    let k = 0;
    while (i < n && c !== COMMA && c !== SEMICOLON) {
      let value = 0;
      let shift = 0;
      let digit: number;
      do {
        digit = c < 128 ? DIGIT[c]! : -1;
        if (digit < 0 || shift > 30) throw new Error(`source map mappings: bad character or value at ${i}`);
        value |= (digit & 31) << shift;
        shift += 5;
        c = ++i < n ? m.charCodeAt(i) : COMMA;
      } while (digit & 32);
      if (k > 4) throw new Error(`source map mappings: more than 5 fields at ${i}`);
      field[k++]! += value & 1 ? -(value >>> 1) : value >>> 1;
    }
    // queries before this segment are answered by the previous one
    const column = field[0]!;
    while (q < order.length) {
      const p = positions[order[q]!]!;
      if (p.line > line || (p.line === line && p.column >= column)) break;
      out[order[q++]!] = answer();
    }
    lastKind = k >= 4 ? 1 : 0;
    lastSource = field[1]!;
    lastLine = field[2]!;
    lastColumn = field[3]!;
    lastName = k === 5 ? field[4]! : -1;
  }
  while (q < order.length) out[order[q++]!] = answer();
  return out;
}
