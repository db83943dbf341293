import type { Browser, LaunchOptions } from 'playwright-core';

/** Environment variable naming a Chromium or Chrome executable to use instead of the defaults. */
export declare const CHROMIUM_ENV_VAR: 'OVERSAMPLE_CHROMIUM';
/** The path of the Chromium to drive: `$OVERSAMPLE_CHROMIUM`, else the first usual system location that exists. */
export declare function findChromium(env?: Readonly<Record<string, string | undefined>>): string;
/** Flags for headless Chromium without a GPU: WebGL through SwiftShader, no sandbox. */
export declare const CHROMIUM_ARGS: readonly string[];
/** Launches a headless Chromium through playwright-core; `options.args` are added to {@link CHROMIUM_ARGS}. */
export declare function launchChromium(options?: LaunchOptions): Promise<Browser>;
/** Serves `root` on 127.0.0.1 at a free port; `crossOriginIsolated` adds COOP/COEP headers. */
export declare function serveDirectory(
  root: string,
  options?: { crossOriginIsolated?: boolean },
): Promise<{ url: string; close: () => Promise<void> }>;
