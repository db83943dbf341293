import type { Browser } from 'playwright-core';

/** Environment variable naming a Chromium or Chrome executable to use instead of the defaults. */
export declare const CHROMIUM_ENV_VAR: 'OVERSAMPLE_CHROMIUM';

/** The path of the Chromium to drive: `$OVERSAMPLE_CHROMIUM`, else the first usual system location that exists. */
export declare function findChromium(env?: Readonly<Record<string, string | undefined>>): string;

/** Launches a headless Chromium (WebGL on SwiftShader; no sandbox as root). */
export declare function launchChromium(options?: { readonly args?: readonly string[]; readonly headless?: boolean }): Promise<Browser>;
