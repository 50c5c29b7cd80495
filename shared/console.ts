/**
 * Console output of libraries as structured log lines. oci-common writes with `console.warn`
 * (its retrier: "Request cannot be retried...", "All retry attempts have exhausted... [object
 * Object]", once per failed SDK call even with retries off), the FDK with `console.log/warn`, and
 * Node prints process warnings (oci-common's `url.parse()` deprecation, DEP0169) as plain text:
 * between the JSON lines of a function that is noise no log query can parse.
 *
 * `routeConsole(log)` (installed by `startFunction` for every function process) makes every
 * console call one JSON line at a matching level, and every process warning one `warn` line per
 * warning code. oci-common's retrier lines go to `debug`: the SDK's retrier is off on our clients
 * (shared/oci/client.ts) and `withRetry` decides and reports what is retried, so at the default
 * level they are silent.
 */
import { format } from 'node:util';
import type { Logger } from './log.ts';

/** The three messages of oci-common's retrier (lib/retrier.js). */
export const OCI_RETRIER_LINE =
  /^(Request cannot be retried\. Not Retrying\.|All retry attempts have exhausted\.|Request failed with Exception :)/;

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
const LEVEL: Record<ConsoleMethod, 'debug' | 'info' | 'warn' | 'error'> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  debug: 'debug',
  trace: 'debug',
};

let restore: (() => void) | undefined;

/**
 * Routes `console.*` and process warnings through `log`. Idempotent per process (a second call
 * replaces the first); returns a function that puts the originals back (tests).
 */
export function routeConsole(log: Logger): () => void {
  restore?.();
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of Object.keys(LEVEL) as ConsoleMethod[]) {
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => {
      const text = format(...args);
      if (OCI_RETRIER_LINE.test(text)) return log.debug('oci-sdk retrier', { text });
      log[LEVEL[method]]('console', { text });
    };
  }
  const seen = new Set<string>();
  const defaults = process.listeners('warning');
  process.removeAllListeners('warning');
  const onWarning = (w: Error & { code?: string }) => {
    const key = w.code ?? w.message;
    if (seen.has(key)) return;
    seen.add(key);
    log.warn('process warning', { name: w.name, ...(w.code ? { code: w.code } : {}), message: w.message });
  };
  process.on('warning', onWarning);
  const undo = () => {
    for (const [m, f] of originals) console[m] = f;
    process.off('warning', onWarning);
    for (const l of defaults) process.on('warning', l);
    restore = undefined;
  };
  restore = undo;
  return undo;
}

/**
 * Drops oci-common's retrier lines and passes everything else to the original console (test runs
 * and tools that print for people, where the other console output is wanted as it is).
 */
export function quietOciRetrier(): void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && OCI_RETRIER_LINE.test(args[0])) return;
    warn(...args);
  };
}
