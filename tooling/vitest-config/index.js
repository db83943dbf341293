// Shared vitest preset: tests sit beside their sources as *.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: run test files in forked workers, but no more than the machine has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
