// DeepSMOTE on MNIST cut to the paper's imbalance (4000, 2000, ..., 40 rows per class): trains the
// autoencoder, generates every class's missing rows up to 4000, writes a PNG grid (one row per
// class: real digits, then synthetic ones) and prints reconstruction MSE and time per epoch.
//
//   pnpm --filter @oversample/deepsmote build && pnpm --filter @oversample/deepsmote demo
//   node demo/mnist.mjs --epochs 10 --dimH 8 --seed 1 --out demo/output/mnist-grid.png
//
// The defaults are sized for a 2-core CPU on the wasm backend (26.5 minutes measured on a shared one); the published
// configuration is --dimH 64 --epochs 200, which needs a GPU (tfjs-node-gpu).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classCounts, resolveSamplingStrategy, subsetDataset } from '@oversample/core';
import { imbalance, loadMnist, writeImageGrid } from '@oversample/data';
import { DeepSMOTE } from '@oversample/deepsmote';
import { initBackend } from '@oversample/tf';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    dimH: { type: 'string', default: '8' },
    latentDim: { type: 'string', default: '300' },
    penalty: { type: 'string', default: 'paper' },
    seed: { type: 'string', default: '1' },
    real: { type: 'string', default: '5' },
    synthetic: { type: 'string', default: '10' },
    out: { type: 'string', default: path.join(here, 'output', 'mnist-grid.png') },
  },
});
const epochs = Number(args.epochs);
const dimH = Number(args.dimH);
const seed = Number(args.seed);
const nReal = Number(args.real);
const nSynth = Number(args.synthetic);

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
const info = await initBackend();
console.log(`backend: ${info.name} (${info.reason}); ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const train = imbalance(await loadMnist({ split: 'train' }), 'mnist-paper', { seed });
const test = await loadMnist({ split: 'test' });
console.log(`training rows per class: ${[...classCounts(train.y).values()].join(', ')} (${train.y.length} in all)`);
console.log(`DeepSMOTE: dimH ${dimH}, latentDim ${args.latentDim}, ${epochs} epochs, batch 100, Adam 2e-4, penalty '${args.penalty}'`);

const model = new DeepSMOTE({ dimH, latentDim: Number(args.latentDim), epochs, penalty: args.penalty, seed });
await model.fit(train, {
  onProgress: (p) => {
    if (p.stage !== 'train') return;
    const m = p.metrics;
    console.log(
      `epoch ${String(p.done).padStart(3)}/${p.total}: loss ${m.loss.toFixed(4)} ` +
        `(reconstruction ${m.reconstruction.toFixed(4)}, penalty ${m.penalty.toFixed(4)}), ${m.seconds.toFixed(1)} s` +
        ` (${(train.y.length / m.seconds).toFixed(0)} rows/s)`,
    );
  },
});
const history = model.training.history;
const perEpoch = history.reduce((a, h) => a + h.seconds, 0) / history.length;
console.log(`kept epoch ${model.training.bestEpoch}; mean time per epoch ${perEpoch.toFixed(1)} s`);

// Reconstruction error in inference mode, in pixel units (0..255) and in the [-1, 1] training scale.
const testRows = subsetDataset(test, Array.from({ length: 1000 }, (_, i) => i));
for (const [name, data] of [
  ['train', train],
  ['test (first 1000)', testRows],
]) {
  const mse = await model.reconstructionError(data);
  console.log(`reconstruction MSE, ${name}: ${mse.toFixed(1)} (pixels 0..255), ${(mse / 127.5 ** 2).toFixed(4)} (scaled to [-1, 1])`);
}

const plan = resolveSamplingStrategy('auto', train.y);
const genStart = performance.now();
const synthetic = await model.sample(plan);
const genSeconds = (performance.now() - genStart) / 1000;
console.log(`generated ${synthetic.y.length} rows (${[...plan.values()].join(', ')}) in ${genSeconds.toFixed(1)} s`);

// One grid row per class: nReal real digits, then nSynth synthetic ones.
const d = 28 * 28;
const cells = new Float32Array(10 * (nReal + nSynth) * d);
let cell = 0;
const firstRows = (data, c, n) => {
  const rows = [];
  for (let i = 0; i < data.y.length && rows.length < n; i++) if (data.y[i] === c) rows.push(i);
  return rows;
};
for (let c = 0; c < 10; c++) {
  const real = firstRows(train, c, nReal);
  const synth = firstRows(synthetic, c, nSynth);
  for (const i of real) cells.set(train.x.subarray(i * d, (i + 1) * d), d * cell++);
  cell += nReal - real.length;
  for (const i of synth) cells.set(synthetic.x.subarray(i * d, (i + 1) * d), d * cell++);
  cell += nSynth - synth.length;
}
await writeImageGrid(args.out, cells, { shape: [28, 28, 1], rows: 10, cols: nReal + nSynth, range: [0, 255], scale: 2, gap: 2 });
console.log(`wrote ${args.out}: one row per class 0..9, ${nReal} real then ${nSynth} synthetic (class 0 has none to generate)`);
console.log(`total ${seconds()} s`);
model.dispose();
