import { defineConfig } from 'tsup';

export default defineConfig([
  // The CLI (Node).
  { entry: ['src/cli.ts'], format: ['esm'], sourcemap: true, target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // `@oversample/bench/registry`: browser-safe, with types, for the playground.
  { entry: { registry: 'src/registry.ts' }, format: ['esm'], dts: true, sourcemap: true, target: 'es2022', platform: 'browser' },
]);
