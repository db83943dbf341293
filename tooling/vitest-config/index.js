// Shared vitest preset: tests sit beside their sources as *.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // A safety net against hangs, not a speed check (benchmarks measure speed): the development
    // machine's 2 cores are shared by many jobs, where a test that takes 2 s alone took over 60.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Two cores: run test files in forked workers, but no more than the machine has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
