import { defineConfig } from 'tsup';

// The tables are ES modules of their own (dist/tables/NAME.js), imported on first use by both
// builds of the index (ESM and CommonJS), so each table ships once and a program, or a browser
// bundle, loads only the tables it asks for.
const tablesExternal = {
  name: 'tables-external',
  setup(build: { onResolve: (o: { filter: RegExp }, f: (a: { path: string }) => { path: string; external: boolean }) => void }) {
    build.onResolve({ filter: /^\.\/tables\// }, (args) => ({ path: args.path, external: true }));
  },
};

export default defineConfig([
  { entry: ['src/tables/*.ts'], outDir: 'dist/tables', format: ['esm'], dts: false, clean: true, target: 'es2022' },
  { entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true, clean: false, target: 'es2022', esbuildPlugins: [tablesExternal] },
]);
