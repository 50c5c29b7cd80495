/**
 * The layout check (scripts/check-source.ts): which files it reads, how it measures them, what it reports,
 * and that it reads the files git tracks (or would) in a real repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkSources,
  isHandWrittenSource,
  MAX_COLUMNS,
  MAX_LINES,
  measure,
  offences,
} from '../../scripts/check-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'check-source-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('isHandWrittenSource', () => {
  it('takes the script, component and schema files', () => {
    for (const p of ['a.ts', 'web/src/app.tsx', 'x/y.mjs', 'z.js', 'scripts/shim.cjs', 'schema/quota.graphql']) {
      expect(isHandWrittenSource(p), p).toBe(true);
    }
  });

  it('leaves out generated code, build output, dependencies and other file types', () => {
    for (const p of [
      'infra/oci/generated/stack.ts',
      'local-cloud/emulator/services/resource-kit/catalog.generated.ts',
      'web/src/gql/graphql.ts',
      'node_modules/x/index.js',
      'local-cloud/node_modules/y/a.ts',
      'dist/functions/gateway.cjs',
      'README.md',
      'package.json',
      'Dockerfile',
    ]) {
      expect(isHandWrittenSource(p), p).toBe(false);
    }
  });

  it('keeps a file whose name only starts like a generated one', () => {
    expect(isHandWrittenSource('local-cloud/emulator/seed/generate.ts')).toBe(true);
  });
});

describe('measure and offences', () => {
  it('counts lines without the final newline and numbers the wide ones from 1', () => {
    const rows = ['ok', 'x'.repeat(MAX_COLUMNS), 'y'.repeat(MAX_COLUMNS + 1), 'z'.repeat(MAX_COLUMNS + 5)];
    const text = `${rows.join('\n')}\n`;
    expect(measure('f.ts', text)).toEqual({ path: 'f.ts', lines: 4, wide: [3, 4] });
    expect(offences(measure('f.ts', text))).toEqual([`f.ts: 2 line(s) over ${MAX_COLUMNS} columns (first at line 3)`]);
  });

  it('counts a wide character as one column and ignores CRLF endings', () => {
    const row = '─'.repeat(MAX_COLUMNS);
    expect(measure('g.ts', `${row}\r\n${row}\r\n`)).toEqual({ path: 'g.ts', lines: 2, wide: [] });
  });

  it('reports a file longer than the limit, and nothing for one at the limit', () => {
    expect(offences(measure('long.ts', 'a\n'.repeat(MAX_LINES)))).toEqual([]);
    expect(offences(measure('long.ts', 'a\n'.repeat(MAX_LINES + 1)))).toEqual([
      `long.ts: ${MAX_LINES + 1} lines (max ${MAX_LINES})`,
    ]);
  });
});

describe('checkSources', () => {
  it('reports the tracked and new hand-written files that break a rule, not ignored ones, sorted by path', () => {
    const repo = join(dir, `repo-${process.pid}-${Date.now()}`);
    mkdirSync(join(repo, 'src', 'generated'), { recursive: true });
    const wide = `// ${'w'.repeat(MAX_COLUMNS)}\n`;
    writeFileSync(join(repo, 'src', 'wide.ts'), wide);
    writeFileSync(join(repo, 'src', 'a-long.graphql'), 'type Q { a: Int }\n'.repeat(MAX_LINES + 1));
    writeFileSync(join(repo, 'src', 'fine.ts'), 'export const a = 1;\n');
    writeFileSync(join(repo, 'src', 'generated', 'big.ts'), wide);
    writeFileSync(join(repo, 'notes.md'), wide);
    writeFileSync(join(repo, 'new.ts'), wide);
    writeFileSync(join(repo, 'ignored.ts'), wide);
    writeFileSync(join(repo, '.gitignore'), 'ignored.ts\n');
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['add', 'src', 'notes.md'], { cwd: repo });

    expect(checkSources(repo)).toEqual([
      `new.ts: 1 line(s) over ${MAX_COLUMNS} columns (first at line 1)`,
      `src/a-long.graphql: ${MAX_LINES + 1} lines (max ${MAX_LINES})`,
      `src/wide.ts: 1 line(s) over ${MAX_COLUMNS} columns (first at line 1)`,
    ]);
  });
});
