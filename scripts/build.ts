/**
 * `npm run build`: one esbuild bundle per function (ARCHITECTURE.md "Function runtime").
 *   functions/<fn>/handler.ts -> dist/functions/<fn>.cjs, metafile dist/meta/<fn>.json
 *   functions/entry.ts        -> dist/functions/entry.cjs (dispatches on FUNCTION_NAME)
 * `tsx scripts/build.ts --entry <file> --out <file>` bundles one file the same way (tests, experiments).
 *
 * The tricks that make the bundles small and quick to start live in bundle/ (bundle/README.md): the
 * fetch shims (esbuild aliases), oci-prune, lazy barrels, LightHeaders in oci-common's request
 * builder, and the V8 code cache. Bundles are verified to sign and call a client
 * (test/unit/fn-build.test.ts). `mainFields: module,main` picks ESM builds where packages have them
 * (better tree shaking); NODE_ENV is defined as production so dev-only branches drop out.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { buildSchema } from 'graphql';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCodeCache } from '#bundle/code-cache.ts';
import { FETCH_SHIM_ALIASES } from '#bundle/fetch-shims.ts';
import { lazyBarrelsPlugin } from '#bundle/lazy-barrels.ts';
import { ociLightHeadersPlugin } from '#bundle/light-headers.ts';
import { ociPrunePlugin, type PruneStats } from '#bundle/oci-prune.ts';
import { containerNodeArgs } from '#deployment/node-args.ts';
import { FUNCTIONS, FUNCTION_SPECS, type FunctionName } from '#deployment/manifest.ts';

import { buildWeb, WEB_BUDGET_GZIP_BYTES } from './build-web.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Warn above this size: the target for a function bundle. */
export const BUNDLE_BUDGET_BYTES = 1.5 * 1024 * 1024;

export interface BuildFunctionOptions {
  /** Entry TypeScript file. */
  entry: string;
  /** Output `.cjs` file. */
  outfile: string;
  /** Where to write the esbuild metafile (JSON). @default none */
  metafile?: string;
  /** @default true */
  minify?: boolean;
  /** Collects what bundle/oci-prune.ts removed per oci-* package. */
  pruneStats?: PruneStats[];
  /** Rewrite the oci-* re-export barrels to load each export on first access (bundle/lazy-barrels.ts). @default true */
  lazyBarrels?: boolean;
  /**
   * Write `<outfile>.map` beside the bundle (positions and names only, no sources inlined);
   * functions/entry.ts maps stack frames through it, so stack traces name the TypeScript sources. @default true
   */
  sourcemap?: boolean;
}

export interface BuildResult {
  outfile: string;
  bytes: number;
  metafile: Metafile;
  warnings: string[];
}

const requireFromRoot = createRequire(join(ROOT, 'package.json'));

/**
 * `graphql` ships CJS (`.js`) and ESM (`.mjs`) builds side by side; with `mainFields: module,main`
 * ESM importers got `index.mjs` while CJS requirers got the `.js` files, so a bundle held two
 * GraphQLError classes and `instanceof` checks failed (a syntax error was masked as a 500). Every
 * `graphql` import resolves to one build (the ESM one), one realm.
 */
function graphqlOneRealmPlugin(): Plugin {
  return {
    name: 'graphql-one-realm',
    setup(b) {
      b.onResolve({ filter: /^graphql(\/.*)?$/ }, (a) => {
        // the ESM build tree-shakes better; CJS requirers get it through esbuild's interop
        const cjs = requireFromRoot.resolve(a.path);
        const esm = cjs.replace(/\.js$/, '.mjs');
        return { path: existsSync(esm) ? esm : cjs };
      });
    },
  };
}

/** Bundle one entry for the Fn runtime (node24, CJS, minified, `.graphql` as text). Throws on any error. */
export async function buildFunction(options: BuildFunctionOptions): Promise<BuildResult> {
  const result = await build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: options.minify ?? true,
    // 'external': the .map is written but the bundle names none (entry.cjs finds it as <bundle>.map)
    ...((options.sourcemap ?? true) ? { sourcemap: 'external' as const, sourcesContent: false } : {}),
    mainFields: ['module', 'main'],
    loader: { '.graphql': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { ...FETCH_SHIM_ALIASES },
    legalComments: 'none',
    // order matters: the first plugin that loads a file wins; oci-prune owns client.js and model/index.js
    plugins: [
      graphqlOneRealmPlugin(),
      ociLightHeadersPlugin(),
      ociPrunePlugin({ root: ROOT, ...(options.pruneStats ? { stats: options.pruneStats } : {}) }),
      ...(options.lazyBarrels === false ? [] : [lazyBarrelsPlugin()]),
    ],
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('\n'));
  const out = Object.entries(result.metafile.outputs).find(([p]) => resolve(ROOT, p) === resolve(options.outfile));
  const bytes = out ? out[1].bytes : 0;
  if (options.metafile) {
    mkdirSync(dirname(options.metafile), { recursive: true });
    writeFileSync(options.metafile, JSON.stringify(result.metafile));
  }
  return { outfile: options.outfile, bytes, metafile: result.metafile, warnings: result.warnings.map((w) => w.text) };
}

/** The manifest's functions, each of which must have `functions/<fn>/handler.ts`. */
export function functionNames(root = ROOT): FunctionName[] {
  for (const fn of FUNCTIONS) {
    if (!existsSync(join(root, 'functions', fn, 'handler.ts')))
      throw new Error(`functions/${fn}/handler.ts is missing (deployment/manifest.ts lists ${fn})`);
  }
  return [...FUNCTIONS].sort();
}

/**
 * Validates every `schema/<name>.graphql` or `schema/<name>/` (with the shared `scalars.graphql` prepended, as the
 * functions build them). The deployed gateway builds its stitched schema with `trustedSdl` (no SDL
 * validation at cold start), which is sound only because an invalid SDL never gets past the build.
 * Throws naming the file and graphql's message.
 */
export function validateSchemas(root = ROOT): string[] {
  const dir = join(root, 'schema');
  const scalars = readFileSync(join(dir, 'scalars.graphql'), 'utf8');
  // a subschema is schema/<name>.graphql, or the .graphql files of schema/<name>/ joined
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isDirectory() || e.name.endsWith('.graphql')) && e.name !== 'scalars.graphql')
    .filter((e) => !e.isDirectory() || readdirSync(join(dir, e.name)).some((f) => f.endsWith('.graphql')))
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .sort();
  const sdlOf = (f: string) =>
    f.endsWith('/')
      ? readdirSync(join(dir, f))
          .filter((g) => g.endsWith('.graphql'))
          .sort()
          .map((g) => readFileSync(join(dir, f, g), 'utf8'))
          .join('\n')
      : readFileSync(join(dir, f), 'utf8');
  for (const f of files) {
    try {
      buildSchema(`${scalars}\n${sdlOf(f)}`);
    } catch (e: unknown) {
      throw new Error(`schema/${f} is not a valid subschema: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return files;
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

/** Options of {@link buildAll}. */
export interface BuildAllOptions {
  /**
   * Whether to write the V8 code caches (bundle/code-cache.ts): one per function, trained under the
   * tier's NODE_OPTIONS that both the image and the local runner use, so `all` and `image` (the
   * Dockerfile's spelling) write the same files; `none` writes none.
   * @default env BUILD_CODE_CACHE (`0` = none, `image`), else `all`
   */
  codeCache?: 'all' | 'image' | 'none';
}

function codeCacheMode(env = process.env.BUILD_CODE_CACHE): 'all' | 'image' | 'none' {
  if (env === undefined || env === '' || env === '1' || env === 'all') return 'all';
  if (env === '0' || env === 'none') return 'none';
  if (env === 'image') return 'image';
  throw new Error(`BUILD_CODE_CACHE=${JSON.stringify(env)} is not one of all, image, 0`);
}

/** Build every function plus the entry dispatcher into `dist/`, then each function's code cache. */
export async function buildAll(root = ROOT, options: BuildAllOptions = {}): Promise<BuildResult[]> {
  const dist = join(root, 'dist');
  validateSchemas(root);
  const fns: string[] = functionNames(root);
  const jobs: Array<BuildFunctionOptions & { name: string }> = fns.map((fn) => ({
    name: fn,
    entry: join(root, 'functions', fn, 'handler.ts'),
    outfile: join(dist, 'functions', `${fn}.cjs`),
    metafile: join(dist, 'meta', `${fn}.json`),
  }));
  // the entry maps the functions' frames, not its own (3 KB): no source map for it
  jobs.push({
    name: 'entry',
    entry: join(root, 'functions', 'entry.ts'),
    outfile: join(dist, 'functions', 'entry.cjs'),
    metafile: join(dist, 'meta', 'entry.json'),
    sourcemap: false,
  });
  const results: BuildResult[] = [];
  for (const job of jobs) {
    const r = await buildFunction(job);
    const over = r.bytes > BUNDLE_BUDGET_BYTES ? `  (over the ${kb(BUNDLE_BUDGET_BYTES)} budget)` : '';
    process.stdout.write(`${relative(root, r.outfile).padEnd(32)} ${kb(r.bytes).padStart(8)}${over}\n`);
    for (const w of r.warnings) process.stdout.write(`  warning: ${w}\n`);
    results.push(r);
  }
  const cacheMode = options.codeCache ?? codeCacheMode();
  if (cacheMode !== 'none') {
    for (const fn of fns) {
      const bundle = join(dist, 'functions', `${fn}.cjs`);
      // one cache per function, trained under the NODE_OPTIONS its containers get (deployment/node-args.ts)
      const nodeOptions = containerNodeArgs(FUNCTION_SPECS[fn as FunctionName].memoryMb);
      const c = await buildCodeCache({ name: fn, bundle, entry: join(dist, 'functions', 'entry.cjs'), nodeOptions });
      const line = `${relative(root, c.cacheFile).padEnd(32)} ${kb(c.bytes).padStart(8)}`;
      process.stdout.write(`${line}  ${c.mode}: ${c.note} (${nodeOptions.join(' ')})\n`);
    }
  }
  return results;
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const entry = argValue(args, '--entry');
  const out = argValue(args, '--out');
  if (entry || out) {
    if (!entry || !out) throw new Error('usage: tsx scripts/build.ts [--entry <file.ts> --out <file.cjs>]');
    const r = await buildFunction({
      entry: resolve(entry),
      outfile: resolve(out),
      metafile: join(ROOT, 'dist', 'meta', `${basename(out, '.cjs')}.json`),
    });
    process.stdout.write(`${relative(ROOT, r.outfile)} ${kb(r.bytes)}\n`);
    return;
  }
  await buildAll();
  const web = await buildWeb();
  for (const f of web.files)
    process.stdout.write(`${f.file.padEnd(32)} ${kb(f.bytes).padStart(8)}  gzip ${kb(f.gzip)}, br ${kb(f.br)}\n`);
  const gzip = `gzip ${(web.gzipTotal / 1024).toFixed(1)} KB of the ${WEB_BUDGET_GZIP_BYTES / 1024} KB budget`;
  process.stdout.write(`web app (JS + CSS): ${kb(web.rawTotal)}, ${gzip}, br ${(web.brTotal / 1024).toFixed(1)} KB\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
