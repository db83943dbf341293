// Figures of the first load, printed (a benchmark, not a test): the size of the built site, the
// bytes the first view fetches, and the time from navigation to an interactive page and to the
// first plots, in headless Chromium against `vite preview`, median of RUNS cold loads (fresh
// browser context each: empty cache, no service worker). Build first:
//   pnpm --filter @oversample/playground build && node apps/playground/scripts/measure-load.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '@oversample/chromium';
import { preview } from 'vite';

const RUNS = Number(process.env.RUNS ?? 5);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(appDir, 'dist');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}
const all = files(dist).filter((f) => !f.endsWith('.map'));
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
const total = all.reduce((s, f) => s + statSync(f).size, 0);
const totalGz = all.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0);
console.log(`built site: ${all.length} files, ${kb(total)} (${kb(totalGz)} gzipped)`);

const server = await preview({ root: appDir, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0 } });
const url = server.resolvedUrls.local[0];
const browser = await launchChromium();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ready = [];
const plotted = [];
let firstBytes = [0, 0];
let firstFiles = [];
console.log(`load average before: ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const fetched = [];
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      fetched.push([new URL(r.url()).pathname, body.length, gzipSync(body).length]);
    } catch {
      // a response without a body (redirect)
    }
  });
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 300_000 });
  ready.push(Date.now() - start);
  await page.waitForSelector('body[data-tables="done"]', { timeout: 300_000 });
  plotted.push(Date.now() - start);
  await page.waitForTimeout(200);
  firstBytes = [fetched.reduce((s, [, n]) => s + n, 0), fetched.reduce((s, [, , g]) => s + g, 0)];
  firstFiles = fetched.map(([p, n, g]) => `${p} ${kb(n)} (${kb(g)} gzipped)`);
  await context.close();
}
console.log(`first view fetches ${firstFiles.length} files, ${kb(firstBytes[0])}, ${kb(firstBytes[1])} gzipped (vite preview sends them uncompressed):`);
for (const f of firstFiles) console.log(`  ${f}`);
console.log(`time to interactive (navigation -> controls ready), median of ${RUNS}: ${median(ready)} ms (${ready.join(', ')})`);
console.log(`time to the first plots and scores (3 samplers on moons), median of ${RUNS}: ${median(plotted)} ms (${plotted.join(', ')})`);
console.log(`load average after: ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
await browser.close();
await new Promise((resolve) => server.httpServer.close(resolve));
