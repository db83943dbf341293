import { packageConfig } from '@oversample/tsup-config';
import type { Options } from 'tsup';
import { workerSourceEsbuild } from './worker-source-plugin.ts';

// The shared preset, plus the plugin that bundles the k-NN worker script into a string.
const configs = packageConfig({ entry: ['src/index.ts'] });
const withWorker: Options[] = (Array.isArray(configs) ? configs : [configs]).map((c) => ({
  ...c,
  esbuildPlugins: [...(c.esbuildPlugins ?? []), workerSourceEsbuild()],
}));
export default withWorker;
