/**
 * The layout's boundary (ARCHITECTURE.md "The tree"): the product imports nothing from the local cloud,
 * the local cloud reaches product code only through local-cloud/product.ts, and the image copies none of
 * it. Read from the sources' import specifiers, so a new sideways import fails here, not in a review.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ALIASES: Record<string, string> = {
  '#shared/': 'shared/',
  '#deployment/': 'deployment/',
  '#local/': 'local-cloud/',
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    // generated code (codegen, the emulator catalog) is checked by its own drift tests
    if (name === 'node_modules' || name === 'gql' || name.includes('generated')) continue;
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx|mts|cts|mjs|cjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Every import/export/require specifier of a file, resolved to a repository path (packages are left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  const out: string[] = [];
  for (const s of specs) {
    const alias = Object.keys(ALIASES).find((a) => s.startsWith(a));
    if (alias) out.push(ALIASES[alias] + s.slice(alias.length));
    else if (s.startsWith('.')) out.push(relative(ROOT, resolve(ROOT, dirname(file), s)));
  }
  return out;
}

const PRODUCT = ['functions', 'shared', 'deployment', 'schema', 'bundle', 'web/src'];

describe('layout boundary', () => {
  it('the product (functions, shared, deployment, schema, web, the build) imports nothing from local-cloud/', () => {
    const build = sources('scripts').filter((f) => f !== 'scripts/image-check.ts');
    const offenders = [...PRODUCT.flatMap(sources), ...build].flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('local-cloud/'))
        .map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
    expect(PRODUCT.flatMap(sources).length).toBeGreaterThan(100);
  });

  it('the local cloud reaches product code only through local-cloud/product.ts', () => {
    const files = sources('local-cloud').filter((f) => f !== 'local-cloud/product.ts');
    const offenders = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.startsWith('local-cloud/'))
        .map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
    const door = importsOf('local-cloud/product.ts');
    expect(door.length).toBeGreaterThan(0);
    expect(door.every((i) => i.startsWith('deployment/') || i.startsWith('shared/'))).toBe(true);
  });

  it('the Dockerfile copies nothing of local-cloud/ but the package.json npm ci needs', () => {
    const copies = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((l) => /^\s*COPY\b/i.test(l) && !/--from=/i.test(l));
    expect(copies.length).toBeGreaterThan(0);
    const local = copies.filter((l) => /local-cloud/.test(l));
    expect(local).toEqual(['COPY local-cloud/package.json ./local-cloud/package.json']);
    expect(
      copies.some((l) => /^\s*COPY\s+\.\s/.test(l)),
      'no COPY of the whole context',
    ).toBe(false);
  });

  it('no two modules export the same name, but for the conventions that want it', () => {
    // fromEnv: each function's wiring; SERVICE: each emulator service's name; MAX_PARTS: OCI's one limit
    const allowed = new Set(['fromEnv', 'SERVICE', 'MAX_PARTS']);
    const where = new Map<string, string[]>();
    for (const f of ['functions', 'shared', 'deployment', 'bundle', 'local-cloud', 'scripts'].flatMap(sources)) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(
        /^export (?:async )?(?:function|const|class|interface|type|enum) ([A-Za-z0-9_$]+)/gm,
      ))
        where.set(m[1]!, [...(where.get(m[1]!) ?? []), f]);
    }
    const twins = [...where].filter(([name, files]) => files.length > 1 && !allowed.has(name));
    expect(twins.map(([name, files]) => `${name}: ${files.join(', ')}`)).toEqual([]);
    expect(where.size).toBeGreaterThan(300);
  });
});
