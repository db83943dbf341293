// SMOTE side by side with imbalanced-learn 0.10 (the Python peer, run in the same process tree):
// the MNIST paper profile (9,000 x 784 -> 40,000 rows, k = 5) and 1,000,000 x 2 rows with a
// minority of 10k / 100k / 400k. Both sides read the same rows (written once to a temporary
// folder), warm up once, then run `--runs` times; ours and the peer alternate for `--rounds`
// rounds so that a change in the machine's load hits both. Each side runs in its own child
// process, so peak RSS is its own. Prints median, min and max wall seconds, CPU seconds, peak
// memory, the ratio ours / peer, and the load.
//
//   pnpm --filter @oversample/smote build
//   node bench/versus-imblearn.mjs [--cases mnist,tall10k,tall100k,tall400k] [--runs 3] [--rounds 2] [--python /usr/bin/python3]
import { execFileSync, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mnistProfileRows } from './mnist-profile.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    cases: { type: 'string', default: 'mnist,tall10k,tall100k,tall400k' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    python: { type: 'string', default: '/usr/bin/python3' },
    child: { type: 'string' },
  },
});

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');


/** 1,000,000 rows of 2 values: a Gaussian majority and a minority of `minority` rows shifted by 1. */
function tall(minority) {
  const n = 1_000_000;
  let seed = 7;
  const uniform = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return (seed + 0.5) / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i < minority ? 1 : 0;
    x[2 * i] = normal() + y[i];
    x[2 * i + 1] = normal() + y[i];
  }
  return { x, y, d: 2 };
}

const CASES = {
  mnist: { label: 'MNIST paper profile, 9,000 x 784 -> 40,000', make: () => mnistProfileRows() },
  tall10k: { label: '1,000,000 x 2, minority 10k', make: () => tall(10_000) },
  tall100k: { label: '1,000,000 x 2, minority 100k', make: () => tall(100_000) },
  tall400k: { label: '1,000,000 x 2, minority 400k', make: () => tall(400_000) },
};

/** Runs one child (ours: this script; the peer: the Python script) and returns its JSON report. */
function runSide(side, job) {
  return new Promise((resolve) => {
    const child =
      side === 'ours'
        ? fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
        : spawn(values.python, [path.join(here, 'imblearn_smote.py'), job.xPath, job.yPath, String(job.d), '5', String(job.runs)], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', (e) => resolve({ error: e.message }));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(code === 0 ? JSON.parse(line) : { error: `exit ${code}: ${err.trim().split('\n').at(-1) ?? ''}` });
      } catch {
        resolve({ error: `unreadable output: ${line.slice(0, 200)}` });
      }
    });
  });
}

function median(a) {
  const s = [...a].sort((p, q) => p - q);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function runParent() {
  let peerVersion = '';
  try {
    peerVersion = execFileSync(values.python, ['-c', 'import imblearn; print(imblearn.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    peerVersion = '';
  }
  console.log(
    `node ${process.version}; peer: ${peerVersion ? `imbalanced-learn ${peerVersion} (${values.python})` : `none (${values.python} has no imbalanced-learn)`}; ` +
      `${values.runs} runs x ${values.rounds} rounds after a warm-up each; load ${load()}`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'smote-peer-'));
  const rows = [];
  try {
    for (const name of values.cases.split(',')) {
      const spec = CASES[name];
      if (!spec) throw new Error(`unknown case ${name}; known: ${Object.keys(CASES).join(', ')}`);
      const { x, y, d } = spec.make();
      const job = { xPath: path.join(dir, `${name}.f32`), yPath: path.join(dir, `${name}.i32`), d, runs: Number(values.runs) };
      writeFileSync(job.xPath, new Uint8Array(x.buffer));
      writeFileSync(job.yPath, new Uint8Array(y.buffer));
      const got = { ours: { wall: [], cpu: [], rss: 0, rows: 0 }, peer: { wall: [], cpu: [], rss: 0, rows: 0 } };
      const loads = [loadavg()[0]];
      for (let r = 0; r < Number(values.rounds); r++) {
        for (const side of peerVersion ? ['ours', 'peer'] : ['ours']) {
          const res = await runSide(side, job);
          if (res.error) throw new Error(`${side} failed on ${name}: ${res.error}`);
          got[side].wall.push(...res.wall);
          got[side].cpu.push(...res.cpu);
          got[side].rss = Math.max(got[side].rss, res.peakRssMiB);
          got[side].rows = res.rows;
          loads.push(loadavg()[0]);
        }
      }
      if (peerVersion && got.ours.rows !== got.peer.rows) throw new Error(`${name}: ours gave ${got.ours.rows} rows, the peer ${got.peer.rows}`);
      rows.push({ name, label: spec.label, got, loads });
      const fmt = (s) => (s.wall.length ? `${median(s.wall).toFixed(3)} s (${Math.min(...s.wall).toFixed(3)}-${Math.max(...s.wall).toFixed(3)}), CPU ${median(s.cpu).toFixed(2)} s, peak ${Math.round(s.rss)} MiB` : '-');
      const ratio = got.peer.wall.length ? (median(got.ours.wall) / median(got.peer.wall)).toFixed(2) : '-';
      console.log(`\n${spec.label} (${got.ours.rows} rows out)`);
      console.log(`  ours (@oversample/smote): ${fmt(got.ours)}`);
      console.log(`  peer (imbalanced-learn):  ${fmt(got.peer)}`);
      console.log(`  ratio ours / peer (median wall): ${ratio}; CPU ratio ${got.peer.cpu.length ? (median(got.ours.cpu) / median(got.peer.cpu)).toFixed(2) : '-'}; load ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n| case | ours median s | peer median s | ratio | ours peak MiB | peer peak MiB | load (1-min) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const { label, got, loads } of rows) {
    const m = (s) => (s.wall.length ? median(s.wall).toFixed(3) : '-');
    const ratio = got.peer.wall.length ? `${(median(got.ours.wall) / median(got.peer.wall)).toFixed(2)}x` : '-';
    console.log(`| ${label} | ${m(got.ours)} | ${m(got.peer)} | ${ratio} | ${Math.round(got.ours.rss)} | ${got.peer.wall.length ? Math.round(got.peer.rss) : '-'} | ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} |`);
  }
}

async function runChild({ xPath, yPath, d, runs }) {
  const { createDataset } = await import('@oversample/core');
  const { SMOTE } = await import('../dist/index.js');
  const bytes = (p) => {
    const b = readFileSync(p);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  const x = new Float32Array(bytes(xPath));
  const y = new Int32Array(bytes(yPath));
  const data = createDataset({ x, y, shape: [d] });
  const wall = [];
  const cpu = [];
  let rows = 0;
  for (let r = 0; r <= runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await new SMOTE({ kNeighbors: 5, seed: 0 }).fitResample(data);
    // The first run warms up (JIT, wasm compile, workers).
    if (r > 0) {
      wall.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
    }
    rows = out.y.length;
  }
  console.log(JSON.stringify({ wall, cpu, rows, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

if (values.child !== undefined) await runChild(JSON.parse(values.child));
else await runParent();
