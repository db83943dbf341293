// Benchmark: SMOTE on MNIST's mnist-paper profile (9,000 -> 40,000 rows of 784 values, k = 5) and
// on all 100 KEEL tables. Prints median and min/max seconds over 5 runs after a warm-up, CPU
// seconds, peak memory and the machine's load (other processes skew wall time).
// Run after building: pnpm --filter @oversample/smote build && pnpm --filter @oversample/smote bench
import { loadavg } from 'node:os';
import { createDataset } from '@oversample/core';
import { listDatasets, loadDataset } from '@oversample/datasets';
import { SMOTE } from '../dist/index.js';
import { mnistProfileRows } from './mnist-profile.mjs';

const RUNS = 5;

function mnistProfile(perClass) {
  const { x, y } = mnistProfileRows(perClass);
  return createDataset({ x, y, shape: [28, 28, 1] });
}

function median(a) {
  const s = [...a].sort((p, q) => p - q);
  return s[s.length >> 1];
}

async function measure(label, work) {
  await work(); // warm-up: JIT and first-touch allocation
  const wall = [];
  const cpu = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await work();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const fmt = (v) => v.toFixed(3);
  console.log(
    `${label}: median ${fmt(median(wall))} s (min ${fmt(Math.min(...wall))}, max ${fmt(Math.max(...wall))}) over ${RUNS} runs; ` +
      `CPU median ${fmt(median(cpu))} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ` +
      `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
}

const mnist = mnistProfile([4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40]);
console.log(`MNIST mnist-paper profile: ${mnist.y.length} rows x 784 -> 40000 rows; node ${process.version}`);
await measure('SMOTE MNIST (k = 5)', async () => {
  const out = await new SMOTE({ kNeighbors: 5, seed: 0 }).fitResample(mnist);
  if (out.y.length !== 40000) throw new Error(`expected 40000 rows, got ${out.y.length}`);
});

// The tables bundled in @oversample/datasets; nominal values as codes, missing values imputed.
const tables = [];
for (const { name } of listDatasets()) tables.push({ name, data: await loadDataset(name, { encoding: 'categorical', missing: 'impute' }) });
// A class of 5 rows cannot have 5 neighbours (imbalanced-learn refuses too): those tables use k = 4.
for (const t of tables) {
  const counts = new Map();
  for (const c of t.data.y) counts.set(c, (counts.get(c) ?? 0) + 1);
  t.k = Math.min(5, Math.min(...counts.values()) - 1);
}
const rows = tables.reduce((a, t) => a + t.data.y.length, 0);
const lowered = tables.filter((t) => t.k < 5).map((t) => `${t.name} (k = ${t.k})`);
console.log(`KEEL: ${tables.length} tables, ${rows} rows${lowered.length ? `; smaller k for ${lowered.join(', ')}` : ''}`);
await measure(`SMOTE all ${tables.length} KEEL tables (k = 5)`, async () => {
  for (const t of tables) await new SMOTE({ kNeighbors: t.k, seed: 0 }).fitResample(t.data);
});
