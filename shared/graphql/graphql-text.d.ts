/**
 * `.graphql` files are imported as their text: esbuild `loader: { '.graphql': 'text' }` in bundles,
 * the `graphql-text` plugin in vitest.config.ts under vitest, and `schema/register.mjs` under tsx
 * (`tsx --import ./schema/register.mjs ...`).
 */
declare module '*.graphql' {
  const text: string;
  export default text;
}
