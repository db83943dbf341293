import type { Browser, LaunchOptions } from 'playwright-core';

/** The chromium executable: `$CHROMIUM_PATH`, else the first of the usual Linux paths that exists. */
export declare function chromiumPath(): string;
/** Flags for headless chromium without a GPU: WebGL through SwiftShader, no sandbox. */
export declare const CHROMIUM_ARGS: readonly string[];
/** Launches chromium headless through playwright-core; `options.args` are added to {@link CHROMIUM_ARGS}. */
export declare function launchChromium(options?: LaunchOptions): Promise<Browser>;
/** Serves `root` on 127.0.0.1 at a free port; `crossOriginIsolated` adds COOP/COEP headers. */
export declare function serveDirectory(
  root: string,
  options?: { crossOriginIsolated?: boolean },
): Promise<{ url: string; close: () => Promise<void> }>;
