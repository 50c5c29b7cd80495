/**
 * Where a bundle's V8 code cache lives for a set of V8 flags: `<name>.cache` for a plain
 * `node entry.cjs` (the image's CMD), `<name>.<sha1(flags)>.cache` otherwise (the local runner's
 * heap cap). Shared by the build (code-cache.ts) and functions/entry.ts; node builtins only.
 */
import { createHash } from 'node:crypto';

export function cacheFileFor(bundle: string, execArgv: readonly string[]): string {
  if (execArgv.length === 0) return bundle.replace(/\.cjs$/, '.cache');
  return bundle.replace(/\.cjs$/, `.${createHash('sha1').update(execArgv.join('\0')).digest('hex').slice(0, 8)}.cache`);
}
