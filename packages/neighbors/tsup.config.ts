import { defineConfig } from 'tsup';
import { workerSourceEsbuild } from './worker-source-plugin.ts';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  esbuildPlugins: [workerSourceEsbuild()],
});
