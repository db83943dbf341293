import type { Options } from 'tsup';

/** The platform modules (`*.node.ts`) under `dir` (default `src`), relative to it. */
export declare function platformModules(dir?: string): string[];

/** esbuild plugin of the browser build: `./x.node.js` imports resolve to `./x.browser.ts`. */
export declare function browserVariants(): NonNullable<Options['esbuildPlugins']>[number];

/** Options of {@link packageConfig}. */
export interface PackageConfigOptions {
  /** Every entry point, one per subpath export, e.g. `['src/index.ts', 'src/testkit.ts']`. */
  entry: string[];
  /** The entries also built for browsers when the package has platform modules; default `['src/index.ts']`. */
  browserEntry?: string[];
}

/** The dual ESM/CommonJS build (plus a browser build when the package has `*.node.ts` modules). */
export declare function packageConfig(options: PackageConfigOptions): Options | Options[];
