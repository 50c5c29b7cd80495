/**
 * Cold-start machinery: lazy oci-* barrels (build plugin), OCI clients built on first use, and the
 * V8 code cache the build trains and entry.cjs loads (accepted, rejected, stale).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../../scripts/build.ts';
import { buildCodeCache, stampBundle } from '#bundle/code-cache.ts';
import { lazyBarrelFor, lazyBarrelSource, parseBarrel } from '#bundle/lazy-barrels.ts';
import { createOciClient } from '../../shared/oci/index.ts';
import { lazyObject } from '../../shared/oci/lazy.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NM = join(ROOT, 'node_modules');

const BARREL = `"use strict";
var __importStar = (this && this.__importStar) || function (mod) { return mod; };
Object.defineProperty(exports, "__esModule", { value: true });
exports.B = exports.A = void 0;
const a = __importStar(require("./lib/a"));
exports.A = a.A;
const b_1 = require("./lib/b");
Object.defineProperty(exports, "B", { enumerable: true, get: function () { return b_1.B; } });
__exportStar(require("./lib/c"), exports);
`;

describe('lazy oci-* barrels', () => {
  it('parses a TS re-export barrel and generates getters that require a submodule only when read', () => {
    const parsed = parseBarrel(BARREL);
    expect(parsed?.map((e) => e.name)).toEqual(['A', 'B', null]);
    const src = lazyBarrelSource(parsed!, () => ['C1', 'A']);
    const loaded: string[] = [];
    const fakeRequire = (spec: string) => {
      loaded.push(spec);
      return { A: `A from ${spec}`, B: 'b', C1: 'c1' };
    };
    const exp: Record<string, unknown> = {};
    new Function('exports', 'require', src)(exp, fakeRequire);
    expect(Object.keys(exp).sort()).toEqual(['A', 'B', 'C1']);
    expect(loaded).toEqual([]);
    expect(exp.B).toBe('b');
    expect(loaded).toEqual(['./lib/b']);
    expect(exp.A).toBe('A from ./lib/a'); // the explicit export wins over `export *`
    expect(exp.C1).toBe('c1');
  });

  it('refuses anything that is more than a barrel', () => {
    expect(parseBarrel(BARREL.replace('exports.A = a.A;', 'exports.A = a.A;\nconsole.log("side effect");'))).toBeNull();
    expect(
      parseBarrel(
        BARREL.replace(
          'const b_1 = require("./lib/b");',
          'require("./lib/polyfill");\nconst b_1 = require("./lib/b");',
        ),
      ),
    ).toBeNull();
    expect(lazyBarrelFor(join(NM, 'oci-common/lib/helper.js'))).toBeNull();
  });
});

describe('OCI clients built on first use', () => {
  it('constructs the SDK client on first access, once, and forwards methods, writes and instanceof', () => {
    let built = 0;
    class FakeClient {
      endpoint = '';
      constructor() {
        built++;
      }
      hello(this: FakeClient) {
        return `hi from ${this.endpoint}`;
      }
    }
    const c = createOciClient(FakeClient as never, {
      service: 'FAKE',
      auth: 'none',
      endpoint: 'http://127.0.0.1:1/',
    }) as unknown as FakeClient;
    expect(built).toBe(0);
    expect(c.hello()).toBe('hi from http://127.0.0.1:1');
    expect(c.hello).toBe(c.hello);
    c.endpoint = 'http://other';
    expect(c.hello()).toBe('hi from http://other');
    expect(c).toBeInstanceOf(FakeClient);
    expect(built).toBe(1);
  });

  it('still refuses a client without endpoint or region at creation', () => {
    expect(() =>
      createOciClient(
        class {
          endpoint = '';
        } as never,
        { service: 'NOSQL', auth: 'none', env: {} },
      ),
    ).toThrow(/no endpoint for NOSQL/);
  });

  it('lazyObject reports the target keys without tripping proxy invariants', () => {
    const o = lazyObject(() => ({ a: 1, b: 2 }));
    expect(Object.keys(o)).toEqual(['a', 'b']);
    expect('a' in o).toBe(true);
  });
});

describe('V8 code cache (build → entry.cjs)', () => {
  let dir = '';
  let bundle = '';
  let entry = '';
  beforeAll(async () => {
    dir = mkdtempSync('/tmp/fncc-');
    const probe = join(dir, 'probe.ts');
    writeFileSync(
      probe,
      `
      import { startFunction } from ${JSON.stringify(join(ROOT, 'shared/fn/index.ts'))};
      startFunction({ name: 'quota', invoke: async (body) => ({ echo: body }) });
    `,
    );
    bundle = join(dir, 'out', 'quota.cjs');
    entry = join(dir, 'out', 'entry.cjs');
    await buildFunction({ entry: probe, outfile: bundle });
    await buildFunction({ entry: join(ROOT, 'functions/entry.ts'), outfile: entry });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Loads the bundle through entry.cjs without a socket: the FDK exits at once, after the entry logged. */
  const load = () =>
    spawnSync(process.execPath, [entry], {
      env: { PATH: process.env.PATH, FUNCTION_NAME: 'quota', LOG_LEVEL: 'debug' },
      encoding: 'utf8',
    });

  it('trains the cache with real calls and the entry accepts it', async () => {
    const r = await buildCodeCache({ name: 'quota', bundle, entry });
    expect(r.mode).toBe('trained');
    expect(r.note).toBe('training calls 200 200 200 200'); // quota also gets its first-OCI-call training request
    expect(readFileSync(bundle, 'utf8')).toMatch(/\/\/# codeCacheKey=[0-9a-f]{32}\n$/);
    expect(load().stderr).toContain('code cache accepted');
  }, 60_000);

  it('compiles from source, with a warning, when V8 rejects the data', async () => {
    await buildCodeCache({ name: 'quota', bundle, entry });
    const cache = readFileSync(r(bundle));
    const nl = cache.indexOf(10);
    cache.fill(7, nl + 1, nl + 64); // break V8's header (magic/version/flags hash)
    writeFileSync(r(bundle), cache);
    const out = load().stderr;
    expect(out).toContain('code cache rejected by V8');
    expect(out).not.toContain('code cache accepted');
  }, 60_000);

  it('ignores a cache made for another build of the bundle', async () => {
    await buildCodeCache({ name: 'quota', bundle, entry });
    copyFileSync(bundle, `${bundle}.bak`);
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace('echo', 'ohce'));
    stampBundle(bundle); // same length, new key: V8 alone would accept the old cache
    const out = load().stderr;
    expect(out).toContain('code cache is stale or not ours');
    expect(out).not.toMatch(/code cache (accepted|rejected)/);
  }, 60_000);
});

function r(bundle: string): string {
  return bundle.replace(/\.cjs$/, '.cache');
}
