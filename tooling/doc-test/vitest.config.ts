import { defineConfig, mergeConfig } from 'vitest/config';
import preset from '@oversample/vitest-config';

export default mergeConfig(preset, defineConfig({ test: { maxWorkers: 1 } }));
