import type { Options } from 'tsup';
import { packageConfig } from '@oversample/tsup-config';

// The shared preset builds the index (ESM + CommonJS). The tables are ES modules of their own
// (dist/tables/NAME.js), built once and imported on first use by both formats of the index, so
// each table ships once and a program, or a browser bundle, loads only the tables it asks for.
const tablesExternal: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'tables-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/tables\// }, (args) => ({ path: args.path, external: true }));
  },
};

const index = [packageConfig({ entry: ['src/index.ts'] })].flat().map((config) => ({
  ...config,
  // dist/tables belongs to the tables build below.
  clean: ['!tables/**'],
  // One entry, so nothing to share between entries; and tsup's CommonJS splitting would turn each
  // table's import() into a require() of an ES module, which Node 20 refuses.
  splitting: false,
  esbuildPlugins: [...(config.esbuildPlugins ?? []), tablesExternal],
}));

const configs: Options[] = [
  ...index,
  // No source maps: a table's map would hold its base64 text a second time.
  { entry: ['src/tables/*.ts'], outDir: 'dist/tables', format: ['esm'], platform: 'neutral', target: 'es2022', dts: false, sourcemap: false, clean: true },
];

export default configs;
