/**
 * esbuild plugin: oci-common's request builder gets the transport's `LightHeaders` (cold start).
 *
 * oci-common's `lib/request-generator.js` (`computeHeaders`) makes each request's headers with the
 * global `Headers`, whose first use loads Node's fetch (undici, ≈50 ms of a cold start). In the
 * bundles it gets `LightHeaders` (shared/oci/http-transport.ts), which the node:http transport
 * sends; the file is otherwise unchanged. The build fails if the SDK stops matching.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/** The module that exports `LightHeaders` (the node:http transport). */
export const LIGHT_HEADERS_MODULE = fileURLToPath(new URL('../shared/oci/http-transport.ts', import.meta.url));

/** request-generator.js with its one `new Headers()` replaced; throws naming the file when it has not exactly one. */
export function withLightHeaders(source: string, file: string, module = LIGHT_HEADERS_MODULE): string {
  const count = source.split('new Headers()').length - 1;
  if (count !== 1)
    throw new Error(`oci-light-headers: expected one "new Headers()" in ${file}, found ${count}; re-check the SDK`);
  return source.replace('new Headers()', `new (require(${JSON.stringify(module)}).LightHeaders)()`);
}

/** The esbuild plugin. */
export function ociLightHeadersPlugin(): Plugin {
  return {
    name: 'oci-light-headers',
    setup(b) {
      b.onLoad({ filter: /[\\/]oci-common[\\/]lib[\\/]request-generator\.js$/ }, (a) => ({
        contents: withLightHeaders(readFileSync(a.path, 'utf8'), a.path),
        loader: 'js',
        resolveDir: dirname(a.path),
      }));
    },
  };
}
