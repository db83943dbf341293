// The real-browser test (issue #12): the packages bundled for browsers by esbuild, run in Debian's
// chromium through playwright-core. SMOTE, ADASYN and the metrics must give what Node gives, bad
// input the same typed errors, Node-only calls a PlatformError, and a one-epoch DeepSMOTE (32 digits)
// must train on webgl and on wasm. Writes out/screenshot-<backend>.png and out/summary.json.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, serveDirectory } from '@oversample/chromium';
import { loadMnist } from '@oversample/data';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputScenario, classicScenario, datasetsScenario } from './scenarios';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.resolve(here, '..', 'out');
const site = path.join(out, 'site');
const require = createRequire(import.meta.url);

/** Every published package: each must bundle for a browser on its own. */
const PACKAGES = ['core', 'data', 'datasets', 'metrics', 'neighbors', 'smote', 'tf', 'autoencoder', 'deepsmote', 'regression-smote', 'autosmote', 'models'];

interface Sizes {
  [bundle: string]: { bytes: number; gzip: number };
}
const sizes: Sizes = {};
const summary: Record<string, unknown> = { sizes };

function measure(name: string, files: string[]): void {
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const gzip = files.reduce((a, f) => a + gzipSync(readFileSync(f)).length, 0);
  sizes[name] = { bytes, gzip };
}

/** The tiny DeepSMOTE set: 24 zeros and 8 ones from MNIST's test split, one batch of 32. */
const ZEROS = 24;
const ONES = 8;

async function writeMnistSubset(): Promise<void> {
  // Small on purpose: WebGL in a GPU-less CI runs on SwiftShader (software), where every image
  // costs; the test checks that DeepSMOTE trains and generates there, not how well.
  const mnist = await loadMnist({ split: 'test' });
  const rows: number[] = [];
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < mnist.y.length && (zeros < ZEROS || ones < ONES); i++) {
    if (mnist.y[i] === 0 && zeros < ZEROS) {
      rows.push(i);
      zeros++;
    } else if (mnist.y[i] === 1 && ones < ONES) {
      rows.push(i);
      ones++;
    }
  }
  const x = new Float32Array(rows.length * 784);
  rows.forEach((r, k) => x.set(mnist.x.subarray(r * 784, (r + 1) * 784), k * 784));
  mkdirSync(path.join(site, 'data'), { recursive: true });
  writeFileSync(path.join(site, 'data', 'mnist.bin'), new Uint8Array(x.buffer));
  writeFileSync(path.join(site, 'data', 'mnist.json'), JSON.stringify({ y: rows.map((r) => mnist.y[r]), shape: [28, 28, 1] }));
}

async function bundlePage(): Promise<void> {
  const common = { bundle: true, platform: 'browser', format: 'esm', target: 'es2022', minify: true, logLevel: 'error', absWorkingDir: path.resolve(here, '..') } as const;
  await build({ ...common, entryPoints: [path.join(here, 'page', 'classic.ts')], outfile: path.join(site, 'classic.js') });
  // Each TensorFlow.js backend is its own chunk, loaded only when initBackend tries it.
  await build({ ...common, entryPoints: [path.join(here, 'page', 'deep.ts')], outdir: path.join(site, 'deep'), splitting: true, chunkNames: 'chunk-[hash]' });
  // The bundled KEEL tables: one chunk per table, named after it, fetched only when loaded.
  await build({ ...common, entryPoints: [path.join(here, 'page', 'tables.ts')], outdir: path.join(site, 'tables'), splitting: true, chunkNames: '[name]-[hash]' });
  writeFileSync(
    path.join(site, 'tables.html'),
    '<!doctype html><meta charset="utf-8"><title>bundled KEEL tables in a browser</title>' +
      '<style>body{font:13px system-ui;margin:16px;width:980px}pre{white-space:pre-wrap}</style>' +
      '<h1>@oversample/datasets in Chromium</h1><script type="module" src="tables/tables.js"></script>',
  );
  measure('smote+metrics (classic.js)', [path.join(site, 'classic.js')]);
  const deepDir = path.join(site, 'deep');
  measure('deepsmote+tf, entry (deep.js)', [path.join(deepDir, 'deep.js')]);
  measure('deepsmote+tf, all chunks', readdirSync(deepDir).map((f) => path.join(deepDir, f)));
  // The wasm backend's binaries, served where initBackend({ wasmPaths }) points.
  const wasmDist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  mkdirSync(path.join(site, 'wasm'), { recursive: true });
  for (const f of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'))) copyFileSync(path.join(wasmDist, f), path.join(site, 'wasm', f));
  writeFileSync(
    path.join(site, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>oversample in a browser</title>' +
      '<style>body{font:13px system-ui;margin:16px;width:980px}pre{white-space:pre-wrap}img{image-rendering:pixelated;border:1px solid #ccc}</style>' +
      '<h1>oversample in Chromium</h1><script type="module" src="classic.js"></script><script type="module" src="deep/deep.js"></script>',
  );
}

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  await Promise.all([bundlePage(), writeMnistSubset()]);
  server = await serveDirectory(site);
  browser = await launchChromium();
  summary['chromium'] = browser.version();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  writeFileSync(path.join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
});

describe('in a browser', () => {
  it('every package bundles for browsers without reaching a Node built-in', async () => {
    // One build with an entry per package (shared code bundled once), not eleven builds.
    const entries = path.join(out, 'entries');
    mkdirSync(entries, { recursive: true });
    const entryPoints = PACKAGES.map((name) => {
      const file = path.join(entries, `${name}.js`);
      writeFileSync(file, `export * from '@oversample/${name}';\n`);
      return file;
    });
    const result = await build({
      entryPoints,
      bundle: true,
      splitting: true,
      platform: 'browser',
      format: 'esm',
      outdir: path.join(out, 'entries-built'),
      write: false,
      logLevel: 'silent',
      absWorkingDir: path.resolve(here, '..'),
      // tfjs's own Node fallbacks are mapped away by its "browser" field; ours must need none.
    }).catch((error: unknown) => ({ error }));
    // esbuild's message names the file that reached for a Node built-in.
    expect('error' in result ? String(result.error) : 'bundled').toBe('bundled');
    const outputs = 'outputFiles' in result ? result.outputFiles.map((f) => path.basename(f.path)) : [];
    for (const name of PACKAGES) expect(outputs).toContain(`${name}.js`);
    console.log('bundle sizes (minified, bytes / gzip):', JSON.stringify(sizes));
  }, 300_000);

  it('loads bundled KEEL tables as Node does, fetching only the tables asked for', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 400 } });
    const logs: string[] = [];
    const fetched: string[] = [];
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}tables.html`);
    await page.waitForFunction(() => (globalThis as { __results?: Record<string, unknown> }).__results?.['tables'] !== undefined, undefined, {
      timeout: 120_000,
      polling: 200,
    });
    const results = (await page.evaluate(() => (globalThis as { __results?: unknown }).__results)) as {
      tables: { failure?: string; seconds: number } & Awaited<ReturnType<typeof datasetsScenario>>;
    };
    const shot = path.join(out, 'screenshot-tables.png');
    await page.screenshot({ path: shot, fullPage: true });
    await page.close();
    expect(results.tables.failure, logs.join('\n')).toBeUndefined();
    const { seconds, ...inBrowser } = results.tables;
    // The browser's DecompressionStream and bundle give the same tables, value for value, as Node.
    expect(inBrowser).toEqual(await datasetsScenario());
    expect(inBrowser.tables.map((t) => [t.rows, t.classes])).toEqual([
      [214, ['negative', 'positive']],
      [4174, ['negative', 'positive']],
    ]);
    expect(inBrowser.unknown).toMatchObject({ name: 'UnknownDatasetError', typed: true });
    expect(inBrowser.unknown.message).toContain("'glass1'");
    // Lazy: of the 100 table chunks only the two loaded ones were fetched.
    const tableChunks = fetched.filter((p) => /^\/tables\/(?!tables\.js)[^/]+-[A-Z0-9]{8}\.js$/.test(p) && !/\/chunk-/.test(p));
    expect(tableChunks.map((p) => p.replace(/^\/tables\/|-[A-Z0-9]{8}\.js$/g, '')).sort()).toEqual(['abalone19', 'glass1']);
    summary['datasets'] = { seconds, fetched: tableChunks, screenshot: shot };
    console.log(`datasets: 2 tables in ${seconds.toFixed(2)} s; fetched ${tableChunks.join(', ')}`);
  }, 300_000);

  // auto: initBackend's browser order; headless chromium without a GPU has no WebGPU adapter, so webgl.
  for (const backend of ['auto', 'wasm'] as const) {
    it(`runs SMOTE, ADASYN, the metrics and a one-epoch DeepSMOTE on ${backend}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
      const logs: string[] = [];
      page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
      await page.goto(`${server.url}?backend=${backend}`);
      await page.waitForFunction(() => {
        const r = (globalThis as { __results?: Record<string, unknown> }).__results;
        return r?.['classic'] !== undefined && r['deep'] !== undefined;
      }, undefined, { timeout: 540_000, polling: 500 });
      const results = (await page.evaluate(() => (globalThis as { __results?: unknown }).__results)) as {
        classic: { failure?: string; classic: Awaited<ReturnType<typeof classicScenario>>; errors: unknown; platform: { name: string; typed: boolean; message: string }[]; pngBytes: number };
        deep: { failure?: string; backend: string; skipped: { name: string; reason: string }[]; counts: Record<string, number>; synthetic: number; allFinite: boolean; inRange: boolean; seconds: number; saveError?: { name: string; typed: boolean }; threads?: unknown; reason: string };
      };
      const shot = path.join(out, `screenshot-${backend}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await page.close();
      expect(results.classic.failure, logs.join('\n')).toBeUndefined();
      expect(results.deep.failure, logs.join('\n')).toBeUndefined();

      // The browser builds give exactly what the Node builds give.
      const node = await classicScenario();
      const { classic } = results.classic;
      expect(classic.smote.counts).toEqual({ 0: 60, 1: 60 });
      expect(classic.adasyn.counts[0]).toBe(60);
      for (const s of [classic.smote, classic.adasyn]) expect([s.allFinite, s.inRange]).toEqual([true, true]);
      expect(classic.smote.checksum).toBeCloseTo(node.smote.checksum, 3);
      expect(classic.adasyn.checksum).toBeCloseTo(node.adasyn.checksum, 3);
      expect(classic.metrics).toEqual(node.metrics);
      expect(results.classic.errors).toEqual(await badInputScenario());
      for (const e of results.classic.platform) expect([e.name, e.typed]).toEqual(['PlatformError', true]);
      expect(results.classic.pngBytes).toBeGreaterThan(60);

      const deep = results.deep;
      summary[backend] = { backend: deep.backend, reason: deep.reason, skipped: deep.skipped, threads: deep.threads, seconds: deep.seconds, screenshot: shot };
      console.log(`${backend}: took ${deep.backend} (${deep.reason}) in ${deep.seconds.toFixed(1)} s; skipped ${JSON.stringify(deep.skipped)}`);
      const order = ['webgpu', 'webgl', 'wasm', 'cpu'];
      if (backend === 'auto') {
        // Every backend before the one taken is reported skipped, each with its reason.
        expect(['webgpu', 'webgl']).toContain(deep.backend);
        expect(deep.skipped.map((s) => s.name)).toEqual(order.slice(0, order.indexOf(deep.backend)));
        for (const s of deep.skipped) expect(s.reason.length).toBeGreaterThan(10);
      } else {
        expect(deep.backend).toBe('wasm');
        expect(deep.skipped).toEqual([]);
      }
      expect(deep.counts).toEqual({ 0: ZEROS, 1: ZEROS });
      expect(deep.synthetic).toBe(ZEROS - ONES);
      expect([deep.allFinite, deep.inRange]).toEqual([true, true]);
      expect(deep.saveError).toMatchObject({ name: 'PlatformError', typed: true });
    }, 600_000);
  }
});
