/**
 * `npm run check:source` (run by `npm run lint` after Biome): keeps two layout rules that Biome cannot keep alone.
 * No line of a hand-written source file is wider than {@link MAX_COLUMNS} columns (Biome formats code to 120 but
 * cannot wrap strings and comments), and no such file is longer than {@link MAX_LINES} lines.
 *
 * The files checked are the ones git tracks or would track (not ignored) ending in .ts, .tsx, .mjs, .js, .cjs or
 * .graphql, except generated ones (a `generated` folder or a `.generated.` name, `web/src/gql/`) and anything under
 * `node_modules` or `dist`. Width counts Unicode code points, so `é` or `─` is one column. Prints one line per offender
 * (`path: N lines over 120 columns (first at line L)`, `path: N lines (max 400)`) and exits 1 if there is any,
 * else prints nothing and exits 0. A tracked file deleted from the work tree is skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_COLUMNS = 120;
export const MAX_LINES = 400;

const SOURCE = /\.(ts|tsx|mjs|js|cjs|graphql)$/;
const GENERATED = [/(^|\/)generated\//, /\.generated\.[^/]+$/, /^web\/src\/gql\//, /(^|\/)(node_modules|dist)\//];

/** Whether a repository-relative path (forward slashes) is a hand-written source file the rules apply to. */
export function isHandWrittenSource(path: string): boolean {
  return SOURCE.test(path) && !GENERATED.some((re) => re.test(path));
}

/** What is wrong with one file; `wide` holds the 1-based numbers of the lines over {@link MAX_COLUMNS}. */
export interface SourceFinding {
  path: string;
  lines: number;
  wide: number[];
}

/** Measure one file's text: its line count (a final newline does not start a line) and its wide lines. */
export function measure(path: string, text: string): SourceFinding {
  const rows = text.split(/\r?\n/);
  if (rows.at(-1) === '') rows.pop();
  const wide: number[] = [];
  rows.forEach((row, i) => {
    if ([...row].length > MAX_COLUMNS) wide.push(i + 1);
  });
  return { path, lines: rows.length, wide };
}

/** The offences of one finding, one message each; empty when the file keeps both rules. */
export function offences(f: SourceFinding): string[] {
  const out: string[] = [];
  if (f.wide.length > 0) {
    out.push(`${f.path}: ${f.wide.length} line(s) over ${MAX_COLUMNS} columns (first at line ${f.wide[0]})`);
  }
  if (f.lines > MAX_LINES) out.push(`${f.path}: ${f.lines} lines (max ${MAX_LINES})`);
  return out;
}

/**
 * Check every hand-written source file of the repository at `root` that git tracks or would track (new files
 * not yet added count, ignored ones do not); the messages, sorted by path.
 */
export function checkSources(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const paths = listed
    .split('\0')
    .filter((p) => p !== '' && isHandWrittenSource(p) && existsSync(resolve(root, p)))
    .sort();
  return paths.flatMap((p) => offences(measure(p, readFileSync(resolve(root, p), 'utf8'))));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const found = checkSources(root);
  for (const line of found) process.stderr.write(`${line}\n`);
  if (found.length > 0) {
    process.stderr.write(`check-source: ${found.length} offence(s); wrap the lines, split the files along a seam\n`);
    process.exitCode = 1;
  }
}
