import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `.graphql` files import as their text, like the esbuild bundles (loader '.graphql': 'text').
  plugins: [
    {
      name: 'graphql-text',
      transform(code: string, id: string) {
        return id.endsWith('.graphql') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
  // One graphql realm: Node (and the CJS-only deps such as @graphql-tools) load graphql's CJS main;
  // without this vite would resolve its "module" (index.mjs) for our sources ("another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // integration and e2e suites start their own emulator/stack on free ports
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    env: { OCI_SDK_DEFAULT_CIRCUITBREAKER_ENABLED: 'false' },
    // oci-common's retrier prints a line per failed SDK call; tests expect many failures
    setupFiles: ['test/helpers/quiet-oci.ts'],
  },
});
