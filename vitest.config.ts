import { defineConfig } from 'vitest/config';

export default defineConfig({
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
  },
});
