import { defineConfig } from 'tsup';

export default defineConfig([
  // The CLI and its worker process (Node); shared code goes to chunks, so the worker's import
  // graph is exactly the cell pipeline (its hash is part of every cell's cache key).
  { entry: ['src/cli.ts', 'src/worker.ts'], format: ['esm'], splitting: true, sourcemap: true, target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // `@oversample/bench/registry`: browser-safe, with types, for the playground.
  { entry: { registry: 'src/registry.ts' }, format: ['esm'], dts: true, sourcemap: true, target: 'es2022', platform: 'browser' },
]);
