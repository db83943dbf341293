// The one place the project's browser tests (tooling/browser-test, apps/playground) get a browser
// from: the system's Chromium (Debian's `chromium`, or the executable $OVERSAMPLE_CHROMIUM names)
// driven by playwright-core, which downloads no browser of its own; and a static server for the
// page under test.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Environment variable naming a Chromium or Chrome executable to use instead of the defaults. */
export const CHROMIUM_ENV_VAR = 'OVERSAMPLE_CHROMIUM';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/**
 * The path of the Chromium to drive: `$OVERSAMPLE_CHROMIUM`, else the first of the usual system
 * locations that exists. Throws an Error saying how to get one when there is none.
 * @param {Readonly<Record<string, string | undefined>>} [env]
 */
export function findChromium(env = process.env) {
  const named = env[CHROMIUM_ENV_VAR]?.trim();
  if (named) {
    if (!existsSync(named)) throw new Error(`${CHROMIUM_ENV_VAR}=${named}: no such file`);
    return named;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found === undefined) {
    throw new Error(
      `no Chromium found (looked for ${CANDIDATES.join(', ')}): install one (Debian: apt-get install chromium) or set ${CHROMIUM_ENV_VAR} to its path`,
    );
  }
  return found;
}

/**
 * Flags for a headless Chromium without a GPU: WebGL through SwiftShader (software), so
 * TensorFlow.js's webgl backend works anywhere. The sandbox is off: the pages are the project's
 * own, and Chromium refuses to start sandboxed as root or in containers without user namespaces
 * (CI). WebGPU stays as the browser ships it: `--enable-unsafe-webgpu` gives a SwiftShader adapter
 * whose buffer limits TensorFlow.js's webgpu backend exceeds in training (createBuffer fails),
 * which is no user's situation; pass it in `args` to try anyway.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];

/**
 * Launches a headless Chromium. `options` go to playwright's `chromium.launch` (`args` are added
 * to {@link CHROMIUM_ARGS}; `headless: false` shows the window).
 * @param {import('playwright-core').LaunchOptions} [options]
 */
export async function launchChromium(options = {}) {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.map': 'application/json',
};

/**
 * Serves the files under `root` on 127.0.0.1 (a free port). With `crossOriginIsolated`, every
 * response carries COOP/COEP headers, so the page gets SharedArrayBuffer (wasm threads).
 * @param {string} root
 * @param {{ crossOriginIsolated?: boolean }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveDirectory(root, options = {}) {
  const base = path.resolve(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end(`not found: ${url.pathname}`);
      return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (options.crossOriginIsolated) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    res.writeHead(200, headers).end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
