import { mergeConfig } from 'vitest/config';
import base from '@oversample/vitest-config';
import { workerSourceVite } from './worker-source-plugin.ts';

export default mergeConfig(base, { plugins: [workerSourceVite()] });
