/**
 * The function image's build stage (Dockerfile) can run `npm run build` with what it copies: every
 * source file `scripts/build.ts` loads and every entry it bundles lies under a COPY'd path, and the
 * install step is one the lockfile accepts; the base follows the project's Node, the proxy CA stays
 * out of the image. This checks the file; `npm run image:check` (scripts/image-check.ts) builds and
 * runs the image.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { IMAGE_ALLOCATOR } from '#deployment/node-args.ts';

const dockerfile = readFileSync('Dockerfile', 'utf8');
// instructions with their continuation lines joined, comments dropped
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));
const stages = dockerfile.split(/^FROM /m);
const buildStage = stages[1] ?? '';
const runtimeStage = stages[2] ?? '';
const firstRuntime = instructions.lastIndexOf(instructions.filter((l) => l.startsWith('FROM ')).at(-1)!);
const buildRuns = instructions.slice(0, firstRuntime).filter((l) => l.startsWith('RUN '));
const copied = [...buildStage.matchAll(/^COPY (?!--from)(.+?) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
  scripts: Record<string, string>;
};

/** Files under the repo that `entry` loads (static imports, bundled with packages external). */
async function localInputs(entry: string): Promise<string[]> {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    loader: { '.graphql': 'text' },
  });
  return Object.keys(r.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
}

describe('Dockerfile build stage', () => {
  it('copies every file the build script and the function entries load', async () => {
    const inputs = [...(await localInputs('scripts/build.ts')), ...(await localInputs('functions/entry.ts'))];
    for (const fn of ['gateway', 'resources', 'exports', 'presign', 'quota'])
      inputs.push(...(await localInputs(`functions/${fn}/handler.ts`)));
    expect(inputs.length).toBeGreaterThan(50);
    const missing = [...new Set(inputs)].filter(
      (f) => !copied.some((c) => f === c || f.startsWith(`${c.replace(/\/$/, '')}/`)),
    );
    expect(missing).toEqual([]);
  });

  it(
    'installs with npm ci (the lockfile, exactly), runs only the install scripts the build needs, and builds ' +
      'with npm run build',
    () => {
      const install = buildRuns.find((l) => l.includes('npm ci'));
      expect(install).toMatch(/ npm ci --no-audit --no-fund --ignore-scripts && npm rebuild esbuild$/);
      // the approved install scripts, less the `node` package's (the base's node runs the build)
      expect(Object.keys(pkg.allowScripts).filter((p) => p !== 'node')).toEqual(['esbuild']);
      expect(dockerfile).not.toMatch(/npm install\b/);
      // only the image's code caches, none of the local runner's per-flag ones
      expect(buildRuns.at(-1)).toBe('RUN BUILD_CODE_CACHE=image npm run build');
      expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'web']));
    },
  );

  it('gives the proxy CA to npm ci as a build secret only: no ENV, ARG or COPY carries it', () => {
    const install = buildRuns.find((l) => l.includes('npm ci'))!;
    expect(install).toMatch(/^RUN --mount=type=secret,id=npm_ca /);
    expect(install).toContain('export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca');
    expect(
      instructions.filter((l) => /^(ENV|ARG|COPY|ADD)\b/.test(l) && /CA_CERT|\.(pem|crt)\b|secrets/i.test(l)),
    ).toEqual([]);
  });
});

describe('Dockerfile base and runtime stage', () => {
  it('builds and runs on the Node the project runs on (the node devDependency), one ARG for both stages', () => {
    expect(instructions).toContain(`ARG NODE_IMAGE=node:${pkg.devDependencies.node}-slim`);
    expect(instructions.filter((l) => l.startsWith('FROM '))).toEqual([
      'FROM ${NODE_IMAGE} AS build',
      'FROM ${NODE_IMAGE}',
    ]);
  });

  it('copies only dist/functions into the image and runs entry.cjs as a non-root user without node flags', () => {
    expect([...runtimeStage.matchAll(/^(COPY|ADD) .*$/gm)].map((m) => m[0])).toEqual([
      'COPY --from=build /src/dist/functions ./dist/functions',
    ]);
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^CMD \["node", "dist\/functions\/entry\.cjs"\]$/m);
    expect(runtimeStage).not.toMatch(/NODE_OPTIONS/);
  });

  it("preloads Debian's jemalloc with the allocator settings of deployment/node-args.ts", () => {
    const runtime = instructions.slice(firstRuntime);
    const env = runtime.find((l) => l.startsWith('ENV LD_PRELOAD='));
    expect(env).toBe(`ENV LD_PRELOAD=${IMAGE_ALLOCATOR.preload} MALLOC_CONF=${IMAGE_ALLOCATOR.conf}`);
    const install = runtime.find((l) => l.includes('apt-get install'));
    expect(install).toMatch(/--no-install-recommends libjemalloc2 /);
    expect(install).toContain(`/libjemalloc\\.so\\.2$')" ${IMAGE_ALLOCATOR.preload}`);
    expect(install).toContain('rm -rf /var/lib/apt/lists/*');
    // before the user switch: apt needs root
    expect(runtime.indexOf(install!)).toBeLessThan(runtime.findIndex((l) => l.startsWith('USER ')));
  });
});

describe('npm start', () => {
  it('execs the stack as the last step, so a SIGTERM sent to npm reaches it (and it stops its containers)', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
      .start!;
    expect(start).toMatch(/&& exec tsx local-cloud\/stack\/main\.ts$/);
  });
});

describe('npm run image:check', () => {
  it('is the script .ci/run calls', () => {
    expect(pkg.scripts['image:check']).toBe('tsx scripts/image-check.ts');
  });
});
