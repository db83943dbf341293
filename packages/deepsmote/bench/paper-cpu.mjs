// DeepSMOTE against SMOTE on MNIST at CPU scale (issue #16's protocol, the `paper-cpu` profile):
// training split cut to the DeepSMOTE profile x 1/4 (1000, 500, 250, 188, 125, 88, 50, 25, 15, 10
// rows, 2,251 in all; subsample seed 0), every sampler fills the classes up to 1000, a SmallCNN
// (5 epochs) trains on the result and is scored on the test split cut to the same profile (capped
// at what the split holds; subsample seed 0) and on the whole test split (10,000 rows, lower variance).
// One JSON line per (sampler, configuration, seed, AE epoch) goes to stdout (and --out); a
// summary line per run goes to stderr. Sampler and classifier use the same seed.
//
//   node bench/paper-cpu.mjs --samplers none,smote --seeds 1,2,3
//   node bench/paper-cpu.mjs --scale 0.125 --cnn '{"epochs":3,"filters":[16,32],"denseUnits":64}'   (the lite profile)
//   node bench/paper-cpu.mjs --samplers deepsmote --deep '{"penalty":"code","dimH":16}' --checkpoints 5,10,20,40 --seeds 1
//
// --checkpoints evaluates DeepSMOTE at several AE epochs of one training run (the curve of
// docs/figures); without it DeepSMOTE trains `epochs` (from --deep, default 60) and samples once.
import { appendFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { classCounts, resolveSamplingStrategy, appendRows } from '@oversample/core';
import { imbalance, loadMnist } from '@oversample/data';
import { balancedAccuracyScore, f1Score, geometricMeanScore } from '@oversample/metrics';
import { SmallCNN } from '@oversample/models';
import { RandomOverSampler, SMOTE } from '@oversample/smote';
import { initBackend } from '@oversample/tf';
import { DeepSMOTE } from '../dist/index.js';

const { values: args } = parseArgs({
  options: {
    samplers: { type: 'string', default: 'none,smote,deepsmote' },
    seeds: { type: 'string', default: '1' },
    deep: { type: 'string', default: '{}' },
    label: { type: 'string', default: '' },
    checkpoints: { type: 'string', default: '' },
    cnn: { type: 'string', default: '{"epochs":5}' },
    scale: { type: 'string', default: '0.25' },
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

const backend = await initBackend();
const train = imbalance(await loadMnist({ split: 'train', scale: 'unit' }), counts, { seed: 0 });
const fullTest = await loadMnist({ split: 'test', scale: 'unit' });
const have = classCounts(fullTest.y);
const test = imbalance(fullTest, counts.map((n, c) => Math.min(n, have.get(c))), { seed: 0 });
const plan = resolveSamplingStrategy('auto', train.y);
console.error(
  `backend ${backend.name}; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
    `train ${[...classCounts(train.y).values()].join(',')} (${train.y.length}); test ${test.y.length} rows and ${fullTest.y.length}`,
);

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

async function report(row) {
  const line = JSON.stringify({ ...row, scale, cnn: cnnOptions, load: os.loadavg()[0], label: args.label });
  console.log(line);
  if (args.out) await appendFile(args.out, `${line}\n`);
  console.error(
    `${row.sampler}${row.aeEpoch ? ` @${row.aeEpoch}` : ''} seed ${row.seed}: ACSA ${row.acsa.toFixed(2)} GM ${row.gm.toFixed(2)} F1 ${row.f1.toFixed(2)}` +
      ` | full test ACSA ${row.acsaFull.toFixed(2)} | sampler ${row.samplerSeconds.toFixed(0)} s, CNN ${row.cnnSeconds.toFixed(0)} s`,
  );
}

for (const seed of seeds) {
  for (const sampler of args.samplers.split(',')) {
    const started = performance.now();
    if (sampler === 'none' || sampler === 'smote' || sampler === 'random') {
      const s = sampler === 'smote' ? new SMOTE({ seed }) : sampler === 'random' ? new RandomOverSampler({ seed }) : undefined;
      const resampled = s ? await s.fitResample(train) : train;
      const samplerSeconds = (performance.now() - started) / 1000;
      await report({ sampler, seed, samplerSeconds, ...(await evaluate(resampled, seed)) });
      continue;
    }
    if (sampler !== 'deepsmote') throw new Error(`unknown sampler ${sampler}`);
    const deep = new DeepSMOTE({ seed, ...deepOptions, ...(checkpoints.length ? { epochs: Math.max(...checkpoints) } : {}) });
    const options = { ...deepOptions };
    if (checkpoints.length === 0) {
      const resampled = await deep.fitResample(train);
      const samplerSeconds = (performance.now() - started) / 1000;
      const t = deep.training;
      await report({ sampler, options, seed, samplerSeconds, aeEpoch: t.history.length, keptEpoch: t.bestEpoch, ...(await evaluate(resampled, seed)) });
      deep.dispose();
      continue;
    }
    // One training run, evaluated at each checkpoint epoch with the weights of that moment.
    let trainSeconds = 0;
    await deep.fit(train, {
      onEpochEnd: async (entry, model) => {
        trainSeconds += entry.seconds;
        const epoch = entry.epoch;
        if (!checkpoints.includes(epoch)) return;
        const synthetic = await model.sample(plan);
        const resampled = appendRows(train, synthetic.x, synthetic.y);
        const losses = { loss: entry.loss, reconstruction: entry.reconstruction, validation: entry.validation };
        await report({ sampler, options, seed, samplerSeconds: trainSeconds, aeEpoch: epoch, ...losses, ...(await evaluate(resampled, seed)) });
      },
    });
    deep.dispose();
  }
}
