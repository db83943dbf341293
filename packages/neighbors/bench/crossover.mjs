// Where the KD-tree and brute force cross: one-thread CPU time of a self search (k = 5) on
// Gaussian rows (the tree's hard case: every column independent) and on rows near a 2-D
// surface embedded in d columns (the usual case in real tables), for several sizes.
//
//   pnpm --filter @oversample/neighbors build && node bench/crossover.mjs [--quick]
//
// CPU seconds (process.cpuUsage) rather than wall time: the machine is shared. The load is printed.
import { loadavg } from 'node:os';
import { kNearestNeighbors } from '../dist/index.js';

const quick = process.argv.includes('--quick');
let seed = 1;
const uniform = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return (seed + 0.5) / 2 ** 32;
};
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

function rows(kind, n, d) {
  const x = new Float32Array(n * d);
  // A fixed random embedding of 2-D points into d columns, plus a little noise.
  const w = Array.from({ length: 2 * d }, normal);
  for (let i = 0; i < n; i++) {
    const a = normal();
    const b = normal();
    for (let j = 0; j < d; j++) x[i * d + j] = kind === 'gaussian' ? normal() : a * w[j] + b * w[d + j] + 0.05 * normal();
  }
  return x;
}

function cpuMs(fn) {
  const best = [];
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    const c = process.cpuUsage();
    fn();
    const u = process.cpuUsage(c);
    best.push((u.user + u.system) / 1000);
  }
  return Math.min(...best);
}

console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; node ${process.version}; one thread, k = 5, self search; CPU ms (best of ${quick ? 1 : 3})`);
const sizes = quick ? [1000, 8000] : [256, 1000, 4000, 16000];
const dims = quick ? [2, 8, 16] : [2, 3, 4, 6, 8, 10, 12, 15, 16, 20, 24];
for (const kind of ['gaussian', 'surface']) {
  console.log(`\n${kind} rows`);
  console.log(`${'n'.padStart(6)} ${'d'.padStart(3)} ${'kd-tree'.padStart(9)} ${'brute'.padStart(9)}  faster`);
  for (const n of sizes) {
    for (const d of dims) {
      const x = rows(kind, n, d);
      kNearestNeighbors(x, d, 5, { algorithm: 'kd-tree' }); // warm-up (JIT, wasm compile)
      const tree = cpuMs(() => kNearestNeighbors(x, d, 5, { algorithm: 'kd-tree' }));
      const brute = cpuMs(() => kNearestNeighbors(x, d, 5, { algorithm: 'brute' }));
      const auto = kNearestNeighbors(x, d, 5).algorithm;
      console.log(
        `${String(n).padStart(6)} ${String(d).padStart(3)} ${tree.toFixed(1).padStart(9)} ${brute.toFixed(1).padStart(9)}  ${tree < brute ? 'kd-tree' : 'brute'} (${(Math.max(tree, brute) / Math.min(tree, brute)).toFixed(1)}x); auto: ${auto}`,
      );
    }
  }
}
