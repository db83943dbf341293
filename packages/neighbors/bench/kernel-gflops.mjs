// GFLOP/s of the k-NN Gram-tile kernels on one thread, against the wasm matrix-multiply limit:
// XNNPACK's single-threaded SIMD matMul in TensorFlow.js's wasm backend (the fastest wasm
// matrix multiply at hand), on the same shapes, when the workspace's @oversample/tf is built.
//
//   node bench/kernel-gflops.mjs [--dims 64,256,784] [--rows 2048] [--reps 3]
//
// The kernels are internal: this script bundles src/gram-kernel.ts with esbuild (a dev
// dependency) into a temporary file. Dense rows (Gaussian: no zero to skip), tiles as the
// search uses them (`tileRows`), a self scan: every pair of tiles, 2 FLOPs per product.
// CPU time, best of `--reps` (the machine is shared); the load is printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    dims: { type: 'string', default: '64,256,784' },
    rows: { type: 'string', default: '2048' },
    reps: { type: 'string', default: '3' },
  },
});
const n = Number(values.rows);
const reps = Number(values.reps);

const dir = mkdtempSync(path.join(tmpdir(), 'knn-kernel-'));
const bundled = path.join(dir, 'kernels.mjs');
let kernels;
try {
  await build({
    stdin: {
      contents: "export { createKernel } from './gram-kernel';\nexport { tileRows } from './brute-search';\n",
      resolveDir: path.join(here, '../src'),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: bundled,
    logLevel: 'error',
  });
  kernels = await import(pathToFileURL(bundled).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { createKernel, tileRows } = kernels;

let seed = 3;
const uniform = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return (seed + 0.5) / 2 ** 32;
};
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

/**
 * Best CPU seconds of `reps` runs of `fn` (one thread: CPU time is the time it ran, whatever
 * else the machine was doing; wall time on a loaded machine measures the queue).
 */
function best(fn) {
  let s = Infinity;
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    fn();
    const u = process.cpuUsage(c);
    s = Math.min(s, (u.user + u.system) / 1e6);
  }
  return s;
}

/** XNNPACK's matMul on one thread through @oversample/tf's wasm backend, or undefined. */
async function matMulLimit() {
  process.env.OVERSAMPLE_TF_WASM_THREADS = '1';
  try {
    // tfjs-core as @oversample/tf resolves it (one instance, the backend it registers).
    const tfPackage = path.join(here, '../../tf/package.json');
    const tf = await import(pathToFileURL(createRequire(tfPackage).resolve('@tensorflow/tfjs-core')).href);
    const { initBackend } = await import(pathToFileURL(path.join(here, '../../tf/dist/index.js')).href);
    const info = await initBackend({ prefer: 'wasm', wasmThreads: 1 });
    if (info.name !== 'wasm') return undefined;
    return (x, n, d) => {
      const a = tf.tensor2d(x, [n, d]);
      const run = () => {
        const c = tf.matMul(a, a, false, true);
        c.dataSync();
        c.dispose();
      };
      run(); // warm-up
      const s = best(run);
      a.dispose();
      return s;
    };
  } catch {
    return undefined;
  }
}

const limit = await matMulLimit();
console.log(
  `one thread, ${n} dense rows, self scan (all tile pairs); CPU time, best of ${reps}; node ${process.version}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);
console.log(`limit: ${limit ? "XNNPACK f32 matMul, tfjs wasm backend, 1 thread (x x^T, same rows)" : 'none (build @oversample/tf for the XNNPACK figure)'}`);
console.log('    d  tile  wasm32 GFLOP/s  wasm (f64 sums) GFLOP/s  XNNPACK GFLOP/s  wasm32 / XNNPACK');
for (const d of values.dims.split(',').map(Number)) {
  const x = Float32Array.from({ length: n * d }, normal);
  const t = tileRows(d);
  const flops = 2 * n * n * d;
  const rate = {};
  for (const name of ['wasm32', 'wasm']) {
    const k = createKernel(name, x, x, true, d, t);
    if (k.name !== name) throw new Error(`the ${name} kernel did not start (got ${k.name})`);
    const s = best(() => {
      for (let i0 = 0; i0 < n; i0 += t) {
        k.setQueries(i0, Math.min(n, i0 + t));
        for (let j0 = 0; j0 < n; j0 += t) k.tile(j0, Math.min(n, j0 + t));
      }
    });
    rate[name] = flops / s / 1e9;
  }
  let xnn;
  if (limit) xnn = flops / limit(x, n, d) / 1e9;
  console.log(
    `${String(d).padStart(5)} ${String(t).padStart(5)} ${rate.wasm32.toFixed(1).padStart(15)} ${rate.wasm.toFixed(1).padStart(24)} ${(xnn ? xnn.toFixed(1) : '-').padStart(16)} ${(xnn ? `${((100 * rate.wasm32) / xnn).toFixed(0)}%` : '-').padStart(17)}`,
  );
}
if (limit) {
  // XNNPACK at its best: a square product, large enough to amortise the call and the copies.
  const m = 1024;
  const x = Float32Array.from({ length: m * m }, normal);
  console.log(`XNNPACK ${m} x ${m} x ${m}: ${((2 * m * m * m) / limit(x, m, m) / 1e9).toFixed(1)} GFLOP/s (one thread)`);
}
