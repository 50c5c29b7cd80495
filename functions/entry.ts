/**
 * The image's single entrypoint: `node dist/functions/entry.cjs`. Every function ships in the same
 * image; Fn config `FUNCTION_NAME` (an env var inside the container) picks the bundle to load,
 * which starts the FDK on require. Kept free of imports beyond node builtins for cold start.
 *
 * Cold start: the bundle is compiled through `vm.Script` with the V8 code cache the build made for
 * it (`<name>.cache`, bundle/code-cache.ts), which skips parsing and compiling the ~1 MB bundle and
 * every function its first call ran during the build. The cache is used only when its key matches
 * the `//# codeCacheKey=` trailer of the bundle (V8 itself only checks the source length) and V8
 * accepts it (same Node/V8 version and flags); otherwise the bundle compiles from source as usual,
 * with one warning line when V8 rejected a matching cache.
 *
 * Stack traces name the TypeScript sources: frames in the (minified) bundle are mapped through the
 * `<name>.cjs.map` the build writes beside it (see {@link mapStackTraces}).
 *
 * Build-time only: `FN_CODE_CACHE_OUT=<file>` writes the cache after the bundle ran and the process
 * got SIGUSR2 (or right after compiling, without running, when `FN_CODE_CACHE_RUN=0`).
 */
import { cacheFileFor } from '#bundle/code-cache-file.ts';
import {
  asStackSourceMap,
  findOriginalPositions,
  type GeneratedPosition,
  type OriginalPosition,
  type StackSourceMap,
} from './stack-map.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';

import { FUNCTIONS as FUNCTION_NAMES, type FunctionName } from '#deployment/manifest.ts';

/** Functions the image can run (bundles `dist/functions/<name>.cjs`), from the deployment manifest. */
export { FUNCTION_NAMES, type FunctionName };

/** First line of a `.cache` file: magic and the bundle's key; the V8 data follows. */
const CACHE_MAGIC = 'fn-code-cache-v1 ';

function logLine(level: 'error' | 'warn' | 'debug', msg: string, extra: Record<string, unknown> = {}): void {
  if (level === 'debug' && (process.env.LOG_LEVEL ?? '').toLowerCase() !== 'debug') return;
  process.stderr.write(
    JSON.stringify({ time: new Date().toISOString(), level, msg, component: 'entry', ...extra }) + '\n',
  );
}

function fail(message: string): never {
  logLine('error', message);
  process.exit(2);
}

/** The `//# codeCacheKey=<hex>` trailer the build appends to a bundle, if any. */
function cacheKeyOf(source: string): string | undefined {
  return /\/\/# codeCacheKey=([0-9a-f]{16,64})\s*$/.exec(source.slice(-100))?.[1];
}

/** The V8 data of `cacheFile` when it was made for the bundle with `key`, else undefined. */
function readCache(cacheFile: string, key: string | undefined): Buffer | undefined {
  if (!key) return undefined;
  let buf: Buffer;
  try {
    buf = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(10);
  if (nl < 0 || buf.toString('latin1', 0, nl) !== CACHE_MAGIC + key) {
    logLine('debug', 'code cache is stale or not ours; compiling from source', { cacheFile });
    return undefined;
  }
  return buf.subarray(nl + 1);
}

/**
 * Same wrapper as Node's CJS loader, so line numbers in stack traces match the file (columns on line 1 are
 * shifted by its length).
 */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';

/**
 * Maps the stack frames that lie in `bundle` to the sources through `<bundle>.map`, the way Node's
 * `--enable-source-maps` does for modules it loads itself (it does not see code compiled through
 * `vm.Script`): `at resolveCaller (/function/functions/gateway/handler.ts:42:7)`. The map is read
 * on the first stack trace that has a frame in the bundle, not at start, and kept as a string
 * (stack-map.ts: ~3 MB for a function; ~15 ms per trace, positions already seen are remembered);
 * if it cannot be read, frames stay as V8 wrote them (one warning). Other frames are formatted as
 * V8 does.
 */
function mapStackTraces(bundle: string): void {
  const mapFile = `${bundle}.map`;
  if (!existsSync(mapFile)) return;
  let map: StackSourceMap | null | undefined;
  const sourceMap = (): StackSourceMap | null => {
    if (map !== undefined) return map;
    try {
      map = asStackSourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
    } catch (e: unknown) {
      map = null;
      logLine('warn', 'source map unreadable; stack traces name bundle positions', {
        mapFile,
        error: e instanceof Error ? e.message : String(e),
      });
    }
    return map;
  };
  const dir = dirname(mapFile);
  const seen = new Map<string, OriginalPosition | undefined>();
  // call sites are 1-based, the map 0-based; line 1 carries the wrapper
  const position = (line: number | null, column: number | null): GeneratedPosition | undefined =>
    line === null || column === null
      ? undefined
      : { line: line - 1, column: column - 1 - (line === 1 ? WRAPPER.length : 0) };
  const format = (frames: NodeJS.CallSite[]): string[] => {
    const inBundle = frames.map((f) => f.getFileName() === bundle);
    const m = inBundle.includes(true) ? sourceMap() : null;
    if (!m) return frames.map((f) => `    at ${String(f)}`);
    // per frame: its position, its enclosing function's start, its caller's position (for the name, as Node does)
    const asked: GeneratedPosition[] = [];
    const ask = (p: GeneratedPosition | undefined): number => (p ? asked.push(p) - 1 : -1);
    const slots = frames.map((f, i) =>
      !inBundle[i]
        ? undefined
        : {
            at: ask(position(f.getLineNumber(), f.getColumnNumber())),
            enclosing: ask(position(f.getEnclosingLineNumber(), f.getEnclosingColumnNumber())),
            caller: inBundle[i + 1]
              ? ask(position(frames[i + 1]!.getLineNumber(), frames[i + 1]!.getColumnNumber()))
              : -1,
          },
    );
    // each trace scans the map once for the positions no earlier trace asked for (errors repeat their sites)
    const key = (p: GeneratedPosition) => `${p.line}:${p.column}`;
    const unseen = asked.filter((p) => !seen.has(key(p)));
    if (unseen.length) {
      let found: ReturnType<typeof findOriginalPositions>;
      try {
        found = findOriginalPositions(m, unseen);
      } catch {
        return frames.map((f) => `    at ${String(f)}`);
      }
      if (seen.size > 10_000) seen.clear();
      for (let k = 0; k < unseen.length; k++) seen.set(key(unseen[k]!), found[k]);
    }
    const get = (k: number) => (k >= 0 ? seen.get(key(asked[k]!)) : undefined);
    return frames.map((f, i) => {
      const slot = slots[i];
      const at = slot && get(slot.at);
      if (!slot || !at) return `    at ${String(f)}`;
      const name = get(slot.enclosing)?.name ?? get(slot.caller)?.name ?? f.getFunctionName() ?? '<anonymous>';
      const where = `${resolve(dir, at.source)}:${at.line + 1}:${at.column + 1}`;
      return `    at ${f.isAsync() ? 'async ' : ''}${name} (${where})`;
    });
  };
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): string => {
    let head: string;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = 'Error';
    }
    return [head, ...format(frames)].join('\n');
  };
}

/** Loads a CJS bundle like `require` does, but compiled with its code cache when valid. */
function loadBundle(file: string): void {
  const source = readFileSync(file, 'utf8');
  const key = cacheKeyOf(source);
  const cacheFile = cacheFileFor(file, process.execArgv);
  const out = process.env.FN_CODE_CACHE_OUT;
  const cachedData = out ? undefined : readCache(cacheFile, key);
  const script = new Script(`${WRAPPER}${source}\n});`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData) {
    if (script.cachedDataRejected)
      logLine('warn', 'code cache rejected by V8 (built with another Node version or flags?); compiled from source', {
        cacheFile,
      });
    else logLine('debug', 'code cache accepted', { cacheFile });
  }
  const writeCache = () =>
    writeFileSync(
      out!,
      Buffer.concat([Buffer.from(`${CACHE_MAGIC}${key ?? 'none'}\n`, 'latin1'), script.createCachedData()]),
    );
  if (out && process.env.FN_CODE_CACHE_RUN === '0') {
    writeCache();
    process.exit(0);
  }
  if (out) {
    process.on('SIGUSR2', () => {
      writeCache();
      process.exit(0);
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: Module, f: string, d: string) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
}

const name = process.env.FUNCTION_NAME?.trim() ?? '';
if (!name) fail(`FUNCTION_NAME is not set; set it in the function's config to one of: ${FUNCTION_NAMES.join(', ')}`);
if (!(FUNCTION_NAMES as readonly string[]).includes(name)) {
  fail(`FUNCTION_NAME="${name}" is not a known function (${FUNCTION_NAMES.join(', ')})`);
}
// The entry bundle is CJS, so __dirname is dist/functions. A computed path keeps esbuild from
// inlining every function into this entry.
const bundle = join(__dirname, `${name}.cjs`);
if (!existsSync(bundle)) fail(`bundle for "${name}" is missing (${bundle}); run npm run build`);
mapStackTraces(bundle);
loadBundle(bundle);
