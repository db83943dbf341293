// Shared build preset: every published package's tsup.config.ts is one call to packageConfig().
// One source, three outputs (see docs/design.md, "Platforms"):
//   dist/index.js + index.d.ts      ESM for Node and bundlers      ("import" condition)
//   dist/index.cjs + index.d.cts    CommonJS for require()          ("require" condition)
//   dist/browser/index.js           ESM for browsers                ("browser" condition), built only
//                                   when the package has platform modules (src/**/*.node.ts): every
//                                   import of `./x.node.js` is swapped for `./x.browser.ts` there.
// Platform modules are imported as `./x.node.js`, with the extension: tsup takes a specifier
// ending in `.node` for a native addon.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'tsup';

/** The platform modules (`*.node.ts`) under `dir`, relative to it. */
export function platformModules(dir = 'src') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.node.ts'))
    .map((f) => f.split(path.sep).join('/'));
}

/**
 * esbuild plugin of the browser build: resolves every relative import of `./x.node.js` to
 * `./x.browser.ts`, and fails the build when that file is missing.
 */
export function browserVariants() {
  return {
    name: 'oversample-browser-variants',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/.*\.node(\.js)?$/ }, (args) => {
        const base = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '').replace(/\.node$/, ''));
        const browser = `${base}.browser.ts`;
        if (existsSync(browser)) return { path: browser };
        return {
          errors: [
            {
              text: `${args.path} is a platform module but ${path.relative(process.cwd(), browser)} does not exist: every x.node.ts needs an x.browser.ts with the same exports (docs/design.md, "Platforms")`,
            },
          ],
        };
      });
    },
  };
}

/**
 * The build of one published package.
 * @param {{ entry: string[], browserEntry?: string[] }} options `entry`: every entry point (one per
 *   subpath export); `browserEntry`: those also built for browsers (default: `src/index.ts`).
 */
export function packageConfig({ entry, browserEntry = ['src/index.ts'] }) {
  const hasBrowserBuild = platformModules().length > 0;
  if (hasBrowserBuild) {
    // A browser build nobody resolves to is a Node build in browsers: insist on the condition.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const root = pkg.exports?.['.'];
    if (typeof root !== 'object' || root === null || Object.keys(root)[0] !== 'browser') {
      throw new Error(
        `${pkg.name} has platform modules (${platformModules().join(', ')}), so its exports["."] must start with ` +
          `"browser": { "types": "./dist/index.d.ts", "default": "./dist/browser/index.js" } (docs/design.md, "Platforms")`,
      );
    }
  }
  const node = {
    entry,
    format: ['esm', 'cjs'],
    platform: 'node',
    target: 'node20',
    dts: true,
    sourcemap: true,
    // One copy of shared modules (errors, state) in both formats, so that instanceof holds
    // between entry points of the same package.
    splitting: true,
    // `import.meta.url` has no meaning in CommonJS: the shim derives it from __filename there.
    shims: true,
    // esbuild renames a class that refers to itself (`_Autoencoder`); keep `.name` as written.
    keepNames: true,
    clean: hasBrowserBuild ? ['!browser/**'] : true,
  };
  if (!hasBrowserBuild) return defineConfig(node);
  const browser = {
    entry: browserEntry,
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    outDir: 'dist/browser',
    dts: false,
    sourcemap: true,
    splitting: true,
    keepNames: true,
    clean: true,
    esbuildPlugins: [browserVariants()],
  };
  return defineConfig([node, browser]);
}
