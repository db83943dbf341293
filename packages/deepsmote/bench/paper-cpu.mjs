// DeepSMOTE against SMOTE on MNIST at CPU scale (issue #16's protocol, the `paper-cpu` profile):
// training split cut to the DeepSMOTE profile x 1/4 (1000, 500, 250, 188, 125, 88, 50, 25, 15, 10
// rows, 2,251 in all; subsample seed 0), every sampler fills the classes up to 1000, a SmallCNN
// (5 epochs) trains on the result and is scored on the test split cut to the same profile (capped
// at what the split holds; subsample seed 0) and on the whole test split (10,000 rows, lower variance).
// One JSON line per (sampler, configuration, variant, seed, AE epoch) goes to stdout (and --out);
// a summary line per run goes to stderr. Sampler and classifier use the same seed.
//
//   node bench/paper-cpu.mjs --samplers none,smote,random --seeds 1,2,3
//   node bench/paper-cpu.mjs --scale 0.125 --cnn '{"epochs":3,"filters":[16,32],"denseUnits":64}'   (the lite profile)
//   node bench/paper-cpu.mjs --samplers deepsmote --deep '{"penalty":"code","dimH":16}' --checkpoints 5,10,20,40 --seeds 1
//
// --checkpoints evaluates DeepSMOTE at several AE epochs of one training run (the curve of
// docs/figures); without it DeepSMOTE trains `epochs` (from --deep, default 60) and samples once.
// Measuring one trained network several ways:
//   --variants '{"decode":{},"residual":{"synthesis":"residual"}}'   generation options per variant
//       (DeepSMOTE.sample's overrides), each evaluated at every checkpoint on the same weights;
//   --save DIR     writes the model at every checkpoint to DIR/seed-S/epoch-E (+ meta.json);
//   --from DIR     evaluates models saved by --save instead of training (same seeds, checkpoints);
//   --heldout N    N rows per class of the training split outside the cut: their reconstruction
//                  error after every epoch goes out as {"kind":"epoch"} lines (the stopping curve);
//   --stats        pixel statistics of real and synthetic digits (bench/image-stats.mjs);
//   --grid DIR     a PNG per checkpoint and variant: per class 5 real digits, then 10 synthetic.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appendRows, classCounts, gatherRows, indicesOfClass, resolveSamplingStrategy, subsetDataset } from '@oversample/core';
import { imbalance, loadMnist, writeImageGrid } from '@oversample/data';
import { balancedAccuracyScore, f1Score, geometricMeanScore } from '@oversample/metrics';
import { SmallCNN } from '@oversample/models';
import { RandomOverSampler, SMOTE } from '@oversample/smote';
import { initBackend } from '@oversample/tf';
import { DeepSMOTE } from '../dist/index.js';
import { backgroundMask, imageStats } from './image-stats.mjs';

const { values: args } = parseArgs({
  options: {
    samplers: { type: 'string', default: 'none,smote,deepsmote' },
    seeds: { type: 'string', default: '1' },
    deep: { type: 'string', default: '{}' },
    label: { type: 'string', default: '' },
    checkpoints: { type: 'string', default: '' },
    cnn: { type: 'string', default: '{"epochs":5}' },
    scale: { type: 'string', default: '0.25' },
    variants: { type: 'string', default: '{"":{}}' },
    save: { type: 'string' },
    from: { type: 'string' },
    heldout: { type: 'string', default: '0' },
    stats: { type: 'boolean', default: false },
    grid: { type: 'string' },
    out: { type: 'string' },
  },
});
const PROFILE = [4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40];
const scale = Number(args.scale);
const counts = PROFILE.map((n) => Math.max(10, Math.round(n * scale)));
const seeds = args.seeds.split(',').map(Number);
const deepOptions = JSON.parse(args.deep);
const checkpoints = args.checkpoints ? args.checkpoints.split(',').map(Number) : [];
const cnnOptions = JSON.parse(args.cnn);
const variants = Object.entries(JSON.parse(args.variants));
const heldoutPerClass = Number(args.heldout);
if (args.from && checkpoints.length === 0) throw new Error('--from needs --checkpoints (the saved epochs to evaluate)');

const backend = await initBackend();
const trainSplit = await loadMnist({ split: 'train', scale: 'unit' });
const train = imbalance(trainSplit, counts, { seed: 0 });
const fullTest = await loadMnist({ split: 'test', scale: 'unit' });
const have = classCounts(fullTest.y);
const test = imbalance(fullTest, counts.map((n, c) => Math.min(n, have.get(c))), { seed: 0 });
const plan = resolveSamplingStrategy('auto', train.y);
const heldout = heldoutPerClass > 0 ? outsideCut(trainSplit, train, heldoutPerClass) : undefined;
const realMask = backgroundMask(train.x);
console.error(
  `backend ${backend.name}; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
    `train ${[...classCounts(train.y).values()].join(',')} (${train.y.length}); test ${test.y.length} rows and ${fullTest.y.length}` +
    (heldout ? `; held out ${heldout.y.length}` : ''),
);

/** `perClass` rows of each class of `split` that are not in `cut` (compared by content), first in split order. */
function outsideCut(split, cut, perClass) {
  const d = 784;
  const key = (x, r) => Buffer.from(x.buffer, x.byteOffset + r * d * 4, d * 4).toString('base64');
  const used = new Set();
  for (let r = 0; r < cut.y.length; r++) used.add(key(cut.x, r));
  const taken = new Map();
  const picked = [];
  for (let r = 0; r < split.y.length; r++) {
    const c = split.y[r];
    if ((taken.get(c) ?? 0) >= perClass || used.has(key(split.x, r))) continue;
    taken.set(c, (taken.get(c) ?? 0) + 1);
    picked.push(r);
  }
  return subsetDataset(split, picked);
}

function scores(truth, pred) {
  return {
    acsa: 100 * balancedAccuracyScore(truth, pred),
    gm: 100 * geometricMeanScore(truth, pred, { average: 'macro' }),
    f1: 100 * f1Score(truth, pred, { average: 'macro', zeroDivision: 0 }),
  };
}

async function evaluate(resampled, seed) {
  const started = performance.now();
  const cnn = new SmallCNN({ ...cnnOptions, seed });
  await cnn.fit(resampled);
  const onProfile = scores(test.y, await cnn.predict(test));
  const full = scores(fullTest.y, await cnn.predict(fullTest));
  cnn.dispose();
  return { ...onProfile, acsaFull: full.acsa, f1Full: full.f1, cnnSeconds: (performance.now() - started) / 1000 };
}

async function emit(row) {
  const line = JSON.stringify({ ...row, scale, cnn: cnnOptions, load: os.loadavg()[0], label: args.label });
  console.log(line);
  if (args.out) await appendFile(args.out, `${line}\n`);
}

async function report(row) {
  await emit(row);
  const name = `${row.sampler}${row.variant ? `/${row.variant}` : ''}`;
  console.error(
    `${name}${row.aeEpoch ? ` @${row.aeEpoch}` : ''} seed ${row.seed}: ACSA ${row.acsa.toFixed(2)} GM ${row.gm.toFixed(2)} F1 ${row.f1.toFixed(2)}` +
      ` | full test ACSA ${row.acsaFull.toFixed(2)} | sampler ${row.samplerSeconds.toFixed(0)} s, CNN ${row.cnnSeconds.toFixed(0)} s`,
  );
}

/** Seconds of CPU (user + system) this process has used. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Pixel statistics of the synthetic rows: all of them, and those of the three smallest classes. */
function syntheticStats(synthetic) {
  const smallest = [...classCounts(train.y)].sort((a, b) => a[1] - b[1]).slice(0, 3).map(([c]) => c);
  const rows = smallest.flatMap((c) => [...indicesOfClass(synthetic.y, c)]);
  return { all: imageStats(synthetic.x, realMask), smallest: imageStats(gatherRows(synthetic.x, 784, rows), realMask) };
}

async function drawGrid(synthetic, file) {
  const cells = [];
  for (const c of [...classCounts(train.y).keys()].sort((a, b) => a - b)) {
    cells.push(gatherRows(train.x, 784, [...indicesOfClass(train.y, c)].slice(0, 5)));
    // A class that is not grown (the largest) has no synthetic rows: its cells stay blank, so every class keeps its row.
    const made = gatherRows(synthetic.x, 784, [...indicesOfClass(synthetic.y, c)].slice(0, 10));
    const padded = new Float32Array(10 * 784);
    padded.set(made);
    cells.push(padded);
  }
  const images = new Float32Array(cells.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const cell of cells) {
    images.set(cell, at);
    at += cell.length;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeImageGrid(file, images, { shape: [28, 28, 1], rows: 10, cols: 15, range: [0, 1], scale: 2 });
}

/** Every variant of one model (trained to `epoch`), each evaluated with the CNN. */
async function evaluateVariants(model, seed, epoch, costs, extra) {
  for (const [variant, generation] of variants) {
    const synthetic = await model.sample(plan, generation);
    const resampled = appendRows(train, synthetic.x, synthetic.y);
    if (args.grid) await drawGrid(synthetic, path.join(args.grid, `${args.label || 'deepsmote'}-${variant || 'default'}-seed${seed}-epoch${epoch}.png`));
    const images = args.stats ? syntheticStats(synthetic) : undefined;
    const options = { ...deepOptions, ...generation };
    await report({ sampler: 'deepsmote', options, variant, seed, aeEpoch: epoch, ...costs, ...extra, ...(images ? { images } : {}), ...(await evaluate(resampled, seed)) });
  }
}

if (args.stats) await emit({ kind: 'real-images', images: imageStats(train.x, realMask) });

for (const seed of seeds) {
  for (const sampler of args.samplers.split(',')) {
    const started = performance.now();
    if (sampler === 'none' || sampler === 'smote' || sampler === 'random') {
      const s = sampler === 'smote' ? new SMOTE({ seed }) : sampler === 'random' ? new RandomOverSampler({ seed }) : undefined;
      const cpu = cpuSeconds();
      const resampled = s ? await s.fitResample(train) : train;
      const samplerSeconds = (performance.now() - started) / 1000;
      const samplerCpuSeconds = cpuSeconds() - cpu;
      const images = args.stats && s ? syntheticStats(subsetDataset(resampled, Array.from({ length: resampled.y.length - train.y.length }, (_, i) => train.y.length + i))) : undefined;
      await report({ sampler, seed, samplerSeconds, samplerCpuSeconds, ...(images ? { images } : {}), ...(await evaluate(resampled, seed)) });
      continue;
    }
    if (sampler !== 'deepsmote') throw new Error(`unknown sampler ${sampler}`);
    if (args.from) {
      for (const epoch of checkpoints) {
        const dir = path.join(args.from, `seed-${seed}`, `epoch-${epoch}`);
        const meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8'));
        const model = await DeepSMOTE.load(dir);
        await evaluateVariants(model, seed, epoch, { samplerSeconds: meta.samplerSeconds, samplerCpuSeconds: meta.samplerCpuSeconds }, meta.losses);
        model.dispose();
      }
      continue;
    }
    const deep = new DeepSMOTE({ seed, ...deepOptions, ...(checkpoints.length ? { epochs: Math.max(...checkpoints) } : {}) });
    if (checkpoints.length === 0) {
      const cpu = cpuSeconds();
      await deep.fit(train);
      const costs = { samplerSeconds: (performance.now() - started) / 1000, samplerCpuSeconds: cpuSeconds() - cpu };
      const t = deep.training;
      await evaluateVariants(deep, seed, t.history.length, costs, { keptEpoch: t.bestEpoch });
      deep.dispose();
      continue;
    }
    // One training run, evaluated at each checkpoint epoch with the weights of that moment. The
    // hook's own time (held-out error, sampling, the CNN) is not counted as training.
    let trainSeconds = 0;
    let hookCpu = 0;
    const cpuStart = cpuSeconds();
    await deep.fit(train, {
      onEpochEnd: async (entry, model) => {
        const hookStarted = cpuSeconds();
        trainSeconds += entry.seconds;
        const epoch = entry.epoch;
        const losses = { loss: entry.loss, reconstruction: entry.reconstruction, validation: entry.validation };
        const costs = { samplerSeconds: trainSeconds, samplerCpuSeconds: hookStarted - cpuStart - hookCpu };
        if (heldout) {
          const error = await model.reconstructionError(heldout);
          await emit({ kind: 'epoch', sampler: 'deepsmote', options: deepOptions, seed, epoch, ...losses, heldout: error, ...costs });
        }
        if (checkpoints.includes(epoch)) {
          if (args.save) {
            const dir = path.join(args.save, `seed-${seed}`, `epoch-${epoch}`);
            await model.save(dir);
            await writeFile(path.join(dir, 'meta.json'), `${JSON.stringify({ ...costs, losses, options: deepOptions, load: os.loadavg()[0] })}\n`);
          }
          await evaluateVariants(model, seed, epoch, costs, losses);
        }
        hookCpu += cpuSeconds() - hookStarted;
      },
    });
    deep.dispose();
  }
}
