/**
 * The function image's build stage (Dockerfile) can run `npm run build` with what it copies: every
 * source file `scripts/build.ts` loads and every entry it bundles lies under a COPY'd path, and the
 * install step is one the lockfile accepts. No Docker here, so this checks the file, not an image.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const buildStage = dockerfile.split(/^FROM /m)[1] ?? '';
const copied = [...buildStage.matchAll(/^COPY (?!--from)(.+?) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));

/** Files under the repo that `entry` loads (static imports, bundled with packages external). */
async function localInputs(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', loader: { '.graphql': 'text' } });
  return Object.keys(r.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
}

describe('Dockerfile build stage', () => {
  it('copies every file the build script and the function entries load', async () => {
    const inputs = [...await localInputs('scripts/build.ts'), ...await localInputs('functions/entry.ts')];
    for (const fn of ['gateway', 'resources', 'exports', 'presign', 'quota']) inputs.push(...await localInputs(`functions/${fn}/handler.ts`));
    expect(inputs.length).toBeGreaterThan(50);
    const missing = [...new Set(inputs)].filter((f) => !copied.some((c) => f === c || f.startsWith(`${c.replace(/\/$/, '')}/`)));
    expect(missing).toEqual([]);
  });

  it('installs with npm ci (the lockfile, exactly) and builds with npm run build', () => {
    expect(buildStage).toMatch(/^RUN npm ci --no-audit --no-fund$/m);
    expect(buildStage).not.toMatch(/^RUN .*npm install\b/m);
    expect(buildStage).toMatch(/^RUN npm run build$/m);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'web'])); // the build also builds web/
  });
});

describe('npm start', () => {
  it('execs the stack as the last step, so a SIGTERM sent to npm reaches it (and it stops its containers)', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    expect(start).toMatch(/&& exec tsx infra\/local\/stack\/main\.ts$/);
  });
});
