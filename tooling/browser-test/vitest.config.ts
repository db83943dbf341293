import { defineConfig, mergeConfig } from 'vitest/config';
import preset from '@oversample/vitest-config';

// One browser at a time: the test files share a machine with every other package's tests.
export default mergeConfig(preset, defineConfig({ test: { maxWorkers: 1, testTimeout: 600_000, hookTimeout: 600_000 } }));
