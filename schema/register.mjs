// Node module hook so tsx (and plain node) can import `.graphql` files as text, like the esbuild
// bundles (`loader: { '.graphql': 'text' }`) and vitest (plugin in vitest.config.ts) do.
// Usage: tsx --import ./schema/register.mjs some-entry.ts
import { register } from 'node:module';

const hook = `
import { readFile } from 'node:fs/promises';
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.graphql')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
  }
  return next(url, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
