// Benchmark: the samplers added after SMOTE (SMOTEN, K-Means SMOTE, SVM-SMOTE, Tomek links, ENN,
// SMOTE-ENN, SMOTE-Tomek) against imbalanced-learn 0.10 on the same tables in the same run. The
// tables are generated here from a fixed seed (no files needed) and handed to
// imblearn-new-samplers.py, which times imbalanced-learn on them, case by case interleaved with
// ours so both see the same load. Each side reports the median wall and CPU seconds (the process's,
// all threads) of fit_resample / fitResample over RUNS runs after a warm-up; the ratio is ours /
// theirs. On a loaded machine the CPU figures are the steadier ones.
// Run after building: pnpm --filter @oversample/smote build && pnpm --filter @oversample/smote bench:new
// Python: OVERSAMPLE_PYTHON (default /usr/bin/python3) with imbalanced-learn 0.10; without it only
// our figures are printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, createDataset } from '@oversample/core';
import { EditedNearestNeighbours, KMeansSMOTE, SMOTEENN, SMOTEN, SMOTETomek, SVMSMOTE, TomekLinks } from '../dist/index.js';

const RUNS = Number(process.env.OVERSAMPLE_BENCH_RUNS ?? 5);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Gaussian classes of `counts` rows in `d` columns, class c centred at 2.5 on column c mod d. */
function gaussian(name, counts, d, seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  counts.forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) x.push((j === c % d ? 2.5 : 0) + rng.normal());
      y.push(c);
    }
  });
  return { name, d, x: Float32Array.from(x), y: Int32Array.from(y) };
}

/** Category codes (0..levels-1) whose frequencies lean towards (class + column) mod levels. */
function categorical(name, counts, d, levels, seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  counts.forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) x.push(rng.uniform() < 0.5 ? (c + j) % levels : rng.int(levels));
      y.push(c);
    }
  });
  return { name, d, x: Float32Array.from(x), y: Int32Array.from(y) };
}

const tables = {
  small: gaussian('gauss-2k', [1800, 200], 10, 1),
  large: gaussian('gauss-10k', [8000, 1500, 500], 20, 2),
  cat: categorical('cat-5k', [4000, 700, 300], 8, 5, 3),
};

/** What is timed: sampler x table, with the same options on both sides (imbalanced-learn's names in `py`). */
const cases = [
  { sampler: 'SMOTEN', table: 'cat', make: () => new SMOTEN({ seed: 0 }) },
  { sampler: 'KMeansSMOTE', table: 'small', make: () => new KMeansSMOTE({ seed: 0 }) },
  { sampler: 'KMeansSMOTE', table: 'large', make: () => new KMeansSMOTE({ seed: 0 }) },
  { sampler: 'SVMSMOTE', table: 'small', make: () => new SVMSMOTE({ seed: 0 }) },
  { sampler: 'SVMSMOTE', table: 'large', make: () => new SVMSMOTE({ seed: 0 }) },
  { sampler: 'TomekLinks', table: 'small', make: () => new TomekLinks() },
  { sampler: 'TomekLinks', table: 'large', make: () => new TomekLinks() },
  { sampler: 'EditedNearestNeighbours', table: 'small', make: () => new EditedNearestNeighbours() },
  { sampler: 'EditedNearestNeighbours', table: 'large', make: () => new EditedNearestNeighbours() },
  { sampler: 'SMOTEENN', table: 'small', make: () => new SMOTEENN({ seed: 0 }) },
  { sampler: 'SMOTEENN', table: 'large', make: () => new SMOTEENN({ seed: 0 }) },
  { sampler: 'SMOTETomek', table: 'small', make: () => new SMOTETomek({ seed: 0 }) },
  { sampler: 'SMOTETomek', table: 'large', make: () => new SMOTETomek({ seed: 0 }) },
];
const only = process.env.OVERSAMPLE_BENCH_ONLY?.split(',');
const chosen = only ? cases.filter((c) => only.includes(c.sampler)) : cases;

function median(a) {
  const s = [...a].sort((p, q) => p - q);
  return s[s.length >> 1];
}

async function timeOurs(c) {
  const t = tables[c.table];
  const data = createDataset({ x: t.x, y: t.y, shape: [t.d] });
  let rows = 0;
  const run = async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    rows = (await c.make().fitResample(data)).y.length;
    const cpu = process.cpuUsage(c0);
    return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  };
  await run(); // warm-up: JIT, first-touch allocation, the lazy SVC import
  const wall = [];
  const cpu = [];
  for (let r = 0; r < RUNS; r++) {
    const t = await run();
    wall.push(t.wall);
    cpu.push(t.cpu);
  }
  return { seconds: median(wall), cpu: median(cpu), rows };
}

const python = process.env.OVERSAMPLE_PYTHON ?? '/usr/bin/python3';
const dir = mkdtempSync(path.join(tmpdir(), 'oversample-bench-'));
const input = path.join(dir, 'tables.json');
writeFileSync(
  input,
  JSON.stringify({ runs: RUNS, tables: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, { d: t.d, x: [...t.x], y: [...t.y] }])) }),
);

/** imbalanced-learn's median seconds and output rows for one case, or a line saying why not. */
function timeTheirs(c) {
  const r = spawnSync(python, [path.join(here, 'imblearn-new-samplers.py'), input, c.sampler, c.table], { encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.error?.message ?? r.stderr).trim().split('\n').pop() };
  return JSON.parse(r.stdout);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`node ${process.version}, ${cpus().length} cores, ${RUNS} runs each (median seconds after a warm-up); load at start ${load()}`);
for (const [k, t] of Object.entries(tables)) console.log(`  ${k}: ${t.name}, ${t.y.length} rows x ${t.d} columns`);
console.log('| sampler | table | ours: wall (CPU) s | imbalanced-learn: wall (CPU) s | ours / theirs: wall (CPU) | rows out (ours, theirs) |');
console.log('|---|---|---|---|---|---|');
let version;
try {
  // Interleaved case by case, so both sides see the same load.
  for (const c of chosen) {
    const them = timeTheirs(c);
    const ours = await timeOurs(c);
    if (them.error) console.log(`imbalanced-learn not timed for ${c.sampler} (${python}: ${them.error})`);
    else version = them.version;
    const ok = !them.error;
    const pair = (wall, cpu) => `${wall.toFixed(3)} (${cpu.toFixed(3)})`;
    const ratio = ok ? `${(ours.seconds / them.seconds).toFixed(2)} (${(ours.cpu / them.cpu).toFixed(2)})` : '-';
    console.log(
      `| ${c.sampler} | ${tables[c.table].name} | ${pair(ours.seconds, ours.cpu)} | ${ok ? pair(them.seconds, them.cpu) : '-'} | ${ratio} | ${ours.rows}, ${ok ? them.rows : '-'} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (version) console.log(version);
console.log(`load at end ${load()}`);
