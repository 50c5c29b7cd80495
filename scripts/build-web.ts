/**
 * The web app's build: esbuild bundles web/src/main.tsx (Preact, uPlot, urql, oauth4webapi) into
 * dist/web/assets/app-<hash>.js and .css, writes dist/web/index.html naming them, and a `.br` and
 * `.gz` beside every file (the local front serves those; on OCI the bucket objects carry the
 * encoding). Budget: WEB_BUDGET_GZIP_BYTES for JS + CSS gzipped, the bytes a first visit downloads.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** JS + CSS, gzipped: what the first visit downloads (brotli is smaller still). */
export const WEB_BUDGET_GZIP_BYTES = 80 * 1024;

export interface WebBuildResult {
  outdir: string;
  files: { file: string; bytes: number; gzip: number; br: number }[];
  /** JS + CSS gzipped */
  gzipTotal: number;
  brTotal: number;
  rawTotal: number;
}

function compressBeside(file: string): { bytes: number; gzip: number; br: number } {
  const body = readFileSync(file);
  const gz = gzipSync(body, { level: 9 });
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  writeFileSync(`${file}.gz`, gz);
  writeFileSync(`${file}.br`, br);
  return { bytes: body.length, gzip: gz.length, br: br.length };
}

/** Builds dist/web; throws when JS + CSS gzipped exceed the budget. */
export async function buildWeb(root = ROOT): Promise<WebBuildResult> {
  const outdir = join(root, 'dist', 'web');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, 'assets'), { recursive: true });
  const r = await build({
    entryPoints: { app: join(root, 'web', 'src', 'main.tsx') },
    outdir: join(outdir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    treeShaking: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    tsconfig: join(root, 'web', 'tsconfig.json'),
  });
  const outputs = Object.keys(r.metafile.outputs).map((f) => resolve(root, f));
  const js = outputs.find((f) => f.endsWith('.js'));
  const css = outputs.find((f) => f.endsWith('.css'));
  if (!js || !css) throw new Error('the web build made no .js or no .css');
  const html = readFileSync(join(root, 'web', 'index.html'), 'utf8')
    .replace('%JS%', `assets/${basename(js)}`)
    .replace('%CSS%', `assets/${basename(css)}`);
  writeFileSync(join(outdir, 'index.html'), html);
  const files = [join(outdir, 'index.html'), js, css].map((file) => ({
    file: relative(root, file),
    ...compressBeside(file),
  }));
  const assets = files.filter((f) => !f.file.endsWith('.html'));
  const result = {
    outdir,
    files,
    gzipTotal: assets.reduce((n, f) => n + f.gzip, 0),
    brTotal: assets.reduce((n, f) => n + f.br, 0),
    rawTotal: assets.reduce((n, f) => n + f.bytes, 0),
  };
  if (result.gzipTotal > WEB_BUDGET_GZIP_BYTES) {
    throw new Error(
      `the web app is ${(result.gzipTotal / 1024).toFixed(1)} KB gzipped, over its ${WEB_BUDGET_GZIP_BYTES / 1024} ` +
        `KB budget`,
    );
  }
  return result;
}

/** The files of dist/web (for the OCI upload), relative paths. */
export function webFiles(root = ROOT): string[] {
  const dir = join(root, 'dist', 'web');
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) =>
      statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [relative(dir, join(d, n))],
    );
  return walk(dir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb().then(
    (r) =>
      process.stdout.write(
        `dist/web: JS + CSS ${(r.rawTotal / 1024).toFixed(1)} KB, gzip ${(r.gzipTotal / 1024).toFixed(1)} KB (budget ` +
          `${WEB_BUDGET_GZIP_BYTES / 1024} KB), br ${(r.brTotal / 1024).toFixed(1)} KB\n`,
      ),
    (e: unknown) => {
      process.stderr.write(`web build failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
