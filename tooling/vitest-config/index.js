// Shared vitest preset: tests sit beside their sources as *.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // A guard against hangs at CI's own time budget, not a speed check (benchmarks measure speed):
    // the development machine's 2 cores are shared by many jobs, where a test that takes 2 s alone
    // took over 60, and the wasm-vs-cpu training step of @oversample/tf over 6 minutes.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    // Two cores: run test files in forked workers, but no more than the machine has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
