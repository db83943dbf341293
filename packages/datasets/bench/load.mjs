#!/usr/bin/env node
// Load time of all bundled tables, cold (a fresh process: module import, decompression and
// parsing of every table) and warm (the same process again, table modules already imported),
// and what the decompression step alone costs with DecompressionStream (what the package uses,
// in Node and browsers) against node:zlib's gunzipSync (Node only). Needs `pnpm build` first.
// The CPU may be shared: the load average is printed alongside.
//
//   pnpm --filter @oversample/datasets bench [-- --runs 3]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;

async function child() {
  const t0 = performance.now();
  const { listDatasets, loadDataset } = await import('@oversample/datasets');
  const imported = performance.now() - t0;
  const names = listDatasets().map((d) => d.name);
  const listed = performance.now() - t0 - imported;
  const pass = async () => {
    const start = performance.now();
    let rows = 0;
    for (const name of names) rows += (await loadDataset(name)).y.length;
    return { ms: performance.now() - start, rows };
  };
  const cold = await pass();
  const warm = await pass();
  console.log(JSON.stringify({ imported, listed, cold: cold.ms, warm: warm.ms, rows: cold.rows, rssMiB: process.memoryUsage().rss / 2 ** 20 }));
}

async function decompression() {
  // The table modules themselves (dist/tables/NAME.js), decoded from base64 once.
  const { listDatasets } = await import('@oversample/datasets');
  const blobs = [];
  for (const { name } of listDatasets()) {
    const mod = await import(new URL(`../dist/tables/${name}.js`, import.meta.url).href);
    blobs.push(Buffer.from(mod.default, 'base64'));
  }
  const time = async (f) => {
    const start = performance.now();
    for (const b of blobs) await f(b);
    return performance.now() - start;
  };
  const stream = (b) => new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  const zlib = (b) => gunzipSync(b);
  const results = { stream: [], zlib: [] };
  for (let i = 0; i < 3; i++) {
    results.stream.push(await time(stream));
    results.zlib.push(await time(zlib));
  }
  return { stream: Math.min(...results.stream), zlib: Math.min(...results.zlib), bytes: blobs.reduce((a, b) => a + b.length, 0) };
}

if (process.argv.includes('--child')) {
  await child();
} else {
  const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.versions.node}`);
  console.log('run   import  list    all 100 cold   all 100 warm   rows    rss');
  const script = fileURLToPath(import.meta.url);
  for (let r = 1; r <= runs; r++) {
    const out = JSON.parse(execFileSync(process.execPath, [script, '--child'], { encoding: 'utf8' }));
    console.log(
      `${String(r).padEnd(4)} ${fmt(out.imported)} ${out.listed.toFixed(1).padStart(4)} ms ${fmt(out.cold)}      ${fmt(out.warm)}      ${out.rows}  ${out.rssMiB.toFixed(0)} MiB`,
    );
  }
  const d = await decompression();
  console.log(
    `decompression alone, all 100 tables (${(d.bytes / 1e6).toFixed(2)} MB gzip): DecompressionStream ${fmt(d.stream)}, node:zlib gunzipSync ${fmt(d.zlib)}`,
  );
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
