/**
 * The stack-trace source map lookup (functions/stack-map.ts) answers as node:module's SourceMap
 * does, on the map of a real function bundle and on hand-made edge cases.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../../scripts/build.ts';
import { asStackSourceMap, findOriginalPositions, type GeneratedPosition } from '../../functions/stack-map.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let payload: SourceMapPayload;
let bundleLines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stack-map-'));
  const outfile = join(dir, 'quota.cjs');
  await buildFunction({ entry: join(ROOT, 'functions/quota/handler.ts'), outfile });
  payload = JSON.parse(readFileSync(`${outfile}.map`, 'utf8')) as SourceMapPayload;
  bundleLines = readFileSync(outfile, 'utf8').split('\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic spread of positions over the bundle (every line, many columns). */
function positionsOver(lines: string[], perLine: number): GeneratedPosition[] {
  const out: GeneratedPosition[] = [];
  let seed = 7;
  lines.forEach((text, line) => {
    for (let k = 0; k < perLine; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      out.push({ line, column: text.length ? seed % text.length : 0 });
    }
  });
  return out;
}

describe('findOriginalPositions', () => {
  it('agrees with node:module SourceMap.findEntry on a real function bundle map', () => {
    const reference = new SourceMap(payload);
    const map = asStackSourceMap(payload);
    const asked = positionsOver(bundleLines, 40);
    expect(asked.length).toBeGreaterThan(1000);
    const found = findOriginalPositions(map, asked);
    type Entry = {
      generatedLine?: number;
      generatedColumn?: number;
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
      name?: string;
    };
    // node reads a name past the end of the mappings for the very last segment (it has none): not compared there
    const last = reference.findEntry(1e9, 0) as Entry;
    let mapped = 0;
    asked.forEach((p, i) => {
      const e = reference.findEntry(p.line, p.column) as Entry;
      const f = found[i];
      if (!e.originalSource) {
        expect(f).toBeUndefined();
        return;
      }
      mapped++;
      const isLast = e.generatedLine === last.generatedLine && e.generatedColumn === last.generatedColumn;
      expect(f).toEqual({
        source: e.originalSource,
        line: e.originalLine,
        column: e.originalColumn,
        name: isLast ? undefined : e.name,
      });
    });
    expect(mapped).toBeGreaterThan(asked.length * 0.9);
    expect(found.some((f) => f?.source.endsWith('functions/quota/handler.ts'))).toBe(true);
  });

  it(
    'answers undefined before the first segment and on a segment without source, and carries a segment over ' +
      'empty lines',
    () => {
      // line 0: col 2 -> a.ts 0:0 named "x", col 3 -> a.ts 0:1, col 5 (1 field: no source); line 1: col 0 -> a.ts 0:2;
      // line 3: col 0 -> b.ts 3:4
      const map = { sources: ['a.ts', 'b.ts'], names: ['x'], mappings: 'EAAAA,CAAC,E;AAAC;;ACGE' };
      const r = findOriginalPositions(map, [
        { line: 0, column: 1 },
        { line: 0, column: 2 },
        { line: 0, column: 4 },
        { line: 0, column: 9 },
        { line: 2, column: 5 },
        { line: 3, column: 9 },
      ]);
      expect(r).toEqual([
        undefined,
        { source: 'a.ts', line: 0, column: 0, name: 'x' },
        { source: 'a.ts', line: 0, column: 1, name: undefined },
        undefined,
        { source: 'a.ts', line: 0, column: 2, name: undefined },
        { source: 'b.ts', line: 3, column: 4, name: undefined },
      ]);
      const reference = new SourceMap({ version: 3, file: 'x.js', sourceRoot: '', sourcesContent: [], ...map });
      expect((reference.findEntry(0, 9) as { originalSource?: string }).originalSource).toBeUndefined();
      expect(reference.findEntry(2, 5)).toMatchObject({ originalSource: 'a.ts', originalLine: 0, originalColumn: 2 });
    },
  );

  it('refuses what is not a v3 map or has a broken mappings string', () => {
    expect(() => asStackSourceMap({ version: 2, mappings: '' })).toThrow(/version 3/);
    expect(() => asStackSourceMap({ version: 3, sources: [1], mappings: 'AAAA' })).toThrow(/sources/);
    expect(asStackSourceMap({ version: 3, sourceRoot: 'src', sources: ['a.ts'], mappings: '' }).sources).toEqual([
      'src/a.ts',
    ]);
    expect(() =>
      findOriginalPositions({ sources: ['a.ts'], names: [], mappings: 'AA!A' }, [{ line: 0, column: 3 }]),
    ).toThrow(/bad character/);
  });
});
