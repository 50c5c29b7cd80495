// Stand-in for `@whatwg-node/fetch` in bundles: its own "skip ponyfill" result (what it hands Deno
// and Bun), i.e. Node 20's native fetch classes. The package's Node entry instead loads
// @whatwg-node/node-fetch (http2, https, zlib, busboy, ...; ~15 ms of cold start) and tries to
// require node-libcurl, although Yoga gets the native classes from the gateway's `fetchAPI` anyway.
// Getters, because Node itself loads undici on first access to its fetch globals; URLPattern is not
// global in Node 20, so its polyfill loads on first use.
'use strict';
const NATIVE = [
  'fetch',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'CompressionStream',
  'DecompressionStream',
  'TextDecoderStream',
  'TextEncoderStream',
  'Blob',
  'File',
  'crypto',
  'btoa',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
];
const api = {};
for (const name of NATIVE) Object.defineProperty(api, name, { enumerable: true, get: () => globalThis[name] });
let urlPattern;
Object.defineProperty(api, 'URLPattern', {
  enumerable: true,
  get: () => (urlPattern ??= globalThis.URLPattern ?? require('urlpattern-polyfill').URLPattern),
});
module.exports = api;
module.exports.createFetch = () => api;
