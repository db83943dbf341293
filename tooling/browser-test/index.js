// The one place browser tests get a browser from: Debian's `chromium` (or another Chromium the
// environment names), driven by playwright-core, which downloads nothing.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Environment variable naming a Chromium or Chrome executable to use instead of the defaults. */
export const CHROMIUM_ENV_VAR = 'OVERSAMPLE_CHROMIUM';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/**
 * The path of the Chromium to drive: `$OVERSAMPLE_CHROMIUM`, else the first of the usual
 * system locations that exists. Throws an Error saying how to get one when there is none.
 */
export function findChromium(env = process.env) {
  const named = env[CHROMIUM_ENV_VAR]?.trim();
  if (named) {
    if (!existsSync(named)) throw new Error(`${CHROMIUM_ENV_VAR}=${named}: no such file`);
    return named;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `no Chromium found (looked for ${CANDIDATES.join(', ')}): install one (Debian: apt-get install chromium) or set ${CHROMIUM_ENV_VAR} to its path`,
    );
  }
  return found;
}

/**
 * Launches a headless Chromium. WebGL runs on SwiftShader (software), so TensorFlow.js's webgl
 * backend works on machines without a GPU; as root (containers, CI) the sandbox is off, as
 * Chromium refuses to start otherwise.
 *
 * @param {{ args?: string[], headless?: boolean }} [options]
 */
export async function launchChromium(options = {}) {
  const args = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', ...(options.args ?? [])];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath: findChromium(), headless: options.headless ?? true, args });
}
