import { defineConfig, mergeConfig } from 'vitest/config';
import preset from '@oversample/vitest-config';

// Packing and npm install take minutes on a loaded 2-core machine.
export default mergeConfig(preset, defineConfig({ test: { maxWorkers: 1, testTimeout: 300_000, hookTimeout: 600_000 } }));
