/**
 * esbuild aliases: the fetch packages the bundles replace with Node's own fetch (size, cold start).
 *
 * - `isomorphic-fetch`: oci-common's lib/http.js requires it for its side effect only (it installs
 *   a global fetch); Node 24 has one, so it becomes an empty module.
 * - `node-fetch`: only oci-common's instance-principal metadata client
 *   (lib/auth/url-based-x509-certificate-supplier.js) imports it, as the default export, for a plain
 *   GET with headers; the shim forwards to the global fetch, which also drops whatwg-url and tr46
 *   (~300 KB).
 * - `@whatwg-node/fetch` (graphql-yoga): its "skip ponyfill" result, Node's native fetch classes,
 *   instead of @whatwg-node/node-fetch (http2, zlib, busboy, ...; ~15 ms of cold start).
 *
 * test/unit/oci-sdk-upgrade.test.ts checks that these are still the packages (and the uses) the SDK
 * has; test/unit/fn-build.test.ts that a bundle signs and calls a client with them.
 */
import { fileURLToPath } from 'node:url';

const shim = (file: string) => fileURLToPath(new URL(`./shims/${file}`, import.meta.url));

/** Package name → the file that stands in for it in every function bundle. */
export const FETCH_SHIM_ALIASES: Readonly<Record<string, string>> = {
  'isomorphic-fetch': shim('empty-module.cjs'),
  'node-fetch': shim('node-fetch.cjs'),
  '@whatwg-node/fetch': shim('whatwg-fetch.cjs'),
};
