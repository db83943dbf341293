/**
 * Build-time helper: bundles `src/worker-entry.ts` (and what it imports) into one classic script
 * and serves it as the default export of `virtual:knn-worker`, a string. The package then starts
 * workers from that string (`eval` in Node, a `blob:` URL in browsers): no separate file for
 * users' bundlers to find, in ESM and CommonJS builds alike. Used by tsup (esbuild plugin) and
 * by vitest (vite plugin), so tests run the same worker code as the package.
 */
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ID = 'virtual:knn-worker';
const entry = fileURLToPath(new URL('./src/worker-entry.ts', import.meta.url));

/** The worker script as a module exporting it as a string. */
async function workerModule(): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return `export default ${JSON.stringify(out.outputFiles[0]!.text)};`;
}

/** For tsup's `esbuildPlugins`. */
export function workerSourceEsbuild(): Plugin {
  return {
    name: 'knn-worker-source',
    setup(b) {
      b.onResolve({ filter: /^virtual:knn-worker$/ }, () => ({ path: ID, namespace: 'knn-worker' }));
      b.onLoad({ filter: /.*/, namespace: 'knn-worker' }, async () => ({ contents: await workerModule(), loader: 'js' }));
    },
  };
}

/** For vitest's `plugins` (a vite plugin). */
export function workerSourceVite(): { name: string; resolveId(id: string): string | undefined; load(id: string): Promise<string | undefined> } {
  return {
    name: 'knn-worker-source',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load: async (id) => (id === `\0${ID}` ? workerModule() : undefined),
  };
}
