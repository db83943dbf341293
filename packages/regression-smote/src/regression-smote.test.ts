import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CancelledError,
  classCounts,
  FileFormatError,
  indicesOfClass,
  NotFittedError,
  OptionError,
  SamplerInputError,
  type Dataset,
  type Progress,
} from '@oversample/core';
import { conformanceDataset, describeGenerativeSamplerConformance, describeSamplerConformance } from '@oversample/core/testkit';
import { loadDataset } from '@oversample/datasets';
import { kNearestNeighbors } from '@oversample/neighbors';
import { SAVED_MODEL_LAYOUT } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { REGRESSION_SMOTE_VARIANTS, RegressionSMOTE, type RegressionSMOTEOptions } from './index';
import { readMnist } from './testing/fixtures';

/** Small and fast: one hidden layer, few epochs, few pairs. */
const FAST: RegressionSMOTEOptions = { hiddenLayers: [16], epochs: 4, pairsPerEpoch: 128, batchSize: 64, kNeighbors: 3 };

describeSamplerConformance('RegressionSMOTE', (o) => new RegressionSMOTE({ ...FAST, ...o }), { smallClassRows: 3 });
describeGenerativeSamplerConformance('RegressionSMOTE', (o) => new RegressionSMOTE({ ...FAST, ...o }), {
  load: (dir) => RegressionSMOTE.load(dir),
  layout: SAVED_MODEL_LAYOUT,
  tensorCount: () => tf.memory().numTensors,
});

function rowsOfClass(data: Dataset, c: number): Float32Array[] {
  const d = data.x.length / data.y.length;
  return [...indicesOfClass(data.y, c)].map((i) => data.x.slice(i * d, (i + 1) * d));
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(s);
}

/** Distance from `row` to the nearest midpoint of a class row and one of its k nearest neighbours. */
function nearestKnnMidpoint(row: Float32Array, rows: Float32Array[], k: number): number {
  const d = row.length;
  const flat = new Float32Array(rows.length * d);
  rows.forEach((r, i) => flat.set(r, i * d));
  const { indices } = kNearestNeighbors(flat, d, k);
  let best = Infinity;
  for (let a = 0; a < rows.length; a++) {
    for (let q = 0; q < k; q++) {
      const b = indices[a * k + q]!;
      const mid = rows[a]!.map((v, j) => (v + rows[b]![j]!) / 2);
      best = Math.min(best, distance(row, mid));
    }
  }
  return best;
}

describe('RegressionSMOTE training', () => {
  it('learns the midpoint: training loss ends far below the loss of predicting the first row', async () => {
    const sampler = new RegressionSMOTE({ gap: 'midpoint', hiddenLayers: [32], epochs: 60, learningRate: 0.005, seed: 3 });
    await sampler.fit(conformanceDataset());
    expect(sampler.fittedClasses).toEqual([1, 2]);
    for (const h of sampler.history.values()) {
      expect(h.midpointLoss).toBe(0);
      expect(h.bestLoss).toBeLessThan(0.02 * h.firstRowLoss);
      expect(h.losses[h.bestEpoch]).toBe(h.bestLoss);
      expect(h.losses[0]!).toBeGreaterThan(h.bestLoss);
    }
  });

  it("with gap 'uniform' under MSE it approaches the midpoint's loss, the best any network can do", async () => {
    const sampler = new RegressionSMOTE({ gap: 'uniform', hiddenLayers: [32], epochs: 40, seed: 3 });
    await sampler.fit(conformanceDataset());
    for (const h of sampler.history.values()) {
      // E[u^2] = 1/3 against Var(u) = 1/12: the midpoint costs a quarter of the first row.
      expect(h.midpointLoss / h.firstRowLoss).toBeGreaterThan(0.2);
      expect(h.midpointLoss / h.firstRowLoss).toBeLessThan(0.3);
      expect(h.bestLoss).toBeLessThan(0.4 * h.firstRowLoss);
      expect(h.bestLoss).toBeLessThan(1.3 * h.midpointLoss);
    }
  });

  it('stops early on a plateau and keeps the lowest-loss epoch', async () => {
    const sampler = new RegressionSMOTE({ gap: 'uniform', hiddenLayers: [8], epochs: 400, patience: 3, learningRate: 0.01, seed: 4 });
    await sampler.fit(conformanceDataset());
    for (const h of sampler.history.values()) {
      expect(h.stoppedEarly).toBe(true);
      expect(h.losses.length).toBeLessThan(400);
      expect(Math.min(...h.losses)).toBe(h.bestLoss);
    }
  });

  it('keeps the tensor count flat across fits and samples', async () => {
    const data = conformanceDataset();
    await new RegressionSMOTE({ ...FAST, seed: 1 }).fitResample(data);
    const before = tf.memory().numTensors;
    const sampler = new RegressionSMOTE({ ...FAST, seed: 2 });
    await sampler.fitResample(data);
    await sampler.sample({ 1: 50 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('RegressionSMOTE generation', () => {
  it('gives rows of the right shape and class, grouped by class', async () => {
    const data = conformanceDataset();
    const sampler = await new RegressionSMOTE({ ...FAST, seed: 5 }).fit(data);
    const out = await sampler.sample({ 2: 3, 1: 7 });
    expect([...out.shape]).toEqual([4]);
    expect([...out.y]).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
    expect(out.x.length).toBe(40);
    expect(out.x.every(Number.isFinite)).toBe(true);
    expect((await sampler.sample({ 1: 0 })).y.length).toBe(0);
  });

  it("with gap 'midpoint' generates rows at the midpoints of k-NN pairs", async () => {
    const data = conformanceDataset();
    const sampler = await new RegressionSMOTE({ gap: 'midpoint', hiddenLayers: [32], epochs: 60, learningRate: 0.005, kNeighbors: 3, seed: 6 }).fit(data);
    const out = await sampler.sample({ 2: 20 });
    const rows = rowsOfClass(data, 2);
    const spread = Math.max(...rows.map((r) => distance(r, rows[0]!)));
    for (const row of rowsOfClass(out, 2)) expect(nearestKnnMidpoint(row, rows, 3)).toBeLessThan(0.05 * spread);
    // interpolate applies the same map to pairs of our choosing: here each row and its nearest neighbour.
    const { indices } = kNearestNeighbors(Float32Array.from(rows.flatMap((r) => [...r])), 4, 1);
    const first = Float32Array.from(rows.flatMap((r) => [...r]));
    const second = Float32Array.from(rows.flatMap((_, i) => [...rows[indices[i]!]!]));
    const mapped = await sampler.interpolate(2, first, second);
    for (let j = 0; j < first.length; j++) expect(Math.abs(mapped[j]! - (first[j]! + second[j]!) / 2)).toBeLessThan(0.05 * spread);
    await expect(sampler.interpolate(2, first, second.subarray(0, 4))).rejects.toThrow(SamplerInputError);
    await expect(sampler.interpolate(0, first, second)).rejects.toThrow(/cannot interpolate class 0: it was not fitted for it/);
  });

  it("with loss 'bce' keeps every column inside the class's range", async () => {
    const data = conformanceDataset();
    const sampler = await new RegressionSMOTE({ ...FAST, loss: 'bce', pairing: 'random', seed: 7 }).fit(data);
    const out = await sampler.sample({ 1: 30 });
    const rows = rowsOfClass(data, 1);
    for (const row of rowsOfClass(out, 1)) {
      row.forEach((v, j) => {
        expect(v).toBeGreaterThanOrEqual(Math.min(...rows.map((r) => r[j]!)) - 1e-5);
        expect(v).toBeLessThanOrEqual(Math.max(...rows.map((r) => r[j]!)) + 1e-5);
      });
    }
  });

  it('gives the same rows for the same seed, and fresh rows on each sample call', async () => {
    const data = conformanceDataset();
    const a = await new RegressionSMOTE({ ...FAST, seed: 9 }).fit(data);
    const b = await new RegressionSMOTE({ ...FAST, seed: 9 }).fit(data);
    const first = await a.sample({ 1: 10 });
    expect([...first.x]).toEqual([...(await b.sample({ 1: 10 })).x]);
    const second = await a.sample({ 1: 10 });
    expect([...second.x]).not.toEqual([...first.x]);
  });

  it('reports progress for training and generation, and can be cancelled mid-training', async () => {
    const seen: Progress[] = [];
    await new RegressionSMOTE({ ...FAST, seed: 1 }).fitResample(conformanceDataset(), { onProgress: (p) => seen.push(p) });
    expect(seen.filter((p) => p.stage === 'train').length).toBe(2 * FAST.epochs!);
    expect(seen.at(-1)).toMatchObject({ stage: 'generate', done: 48, total: 48 });
    const controller = new AbortController();
    const err = await new RegressionSMOTE({ ...FAST, epochs: 1000, patience: 0, seed: 1 })
      .fit(conformanceDataset(), { signal: controller.signal, onProgress: () => controller.abort() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
  });
});

describe('RegressionSMOTE on real data', () => {
  it('balances a KEEL table (glass1) with rows inside the minority class region', async () => {
    const data = await loadDataset('glass1');
    const out = await new RegressionSMOTE({ ...FAST, kNeighbors: 5, seed: 11 }).fitResample(data);
    const counts = classCounts(out.y);
    expect(counts.get(1)).toBe(counts.get(0));
    const minority = rowsOfClass(data, 1);
    const d = data.shape[0]!;
    for (const row of rowsOfClass(out, 1).slice(minority.length)) {
      expect(row.length).toBe(d);
      const nearest = Math.min(...minority.map((r) => distance(r, row)));
      const scale = Math.max(...minority.map((r) => distance(r, minority[0]!)));
      expect(nearest).toBeLessThan(scale);
    }
  });

  it('oversamples MNIST image rows (784 columns) and keeps the image shape', async () => {
    const data = readMnist([3, 8], [200, 40]);
    const sampler = new RegressionSMOTE({ hiddenLayers: [64], loss: 'bce', gap: 'midpoint', epochs: 8, pairsPerEpoch: 256, seed: 12 });
    const out = await sampler.fitResample(data);
    expect([...out.shape]).toEqual([28, 28, 1]);
    expect([...classCounts(out.y)]).toEqual([
      [0, 200],
      [1, 200],
    ]);
    const synth = out.x.subarray(data.x.length);
    expect(synth.length).toBe(160 * 784);
    expect(synth.every((v) => v >= 0 && v <= 1)).toBe(true);
    const h = sampler.history.get(1)!;
    expect(h.bestLoss).toBeLessThan(h.firstRowLoss);
  });
});

describe('RegressionSMOTE save and load', () => {
  it('round-trips weights and state exactly: the loaded sampler generates the same rows', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rsmote-'));
    try {
      const data = conformanceDataset();
      const sampler = await new RegressionSMOTE({ ...FAST, loss: 'bce', samplingStrategy: 'all', seed: 13 }).fit(data);
      expect(sampler.fittedClasses).toEqual([0, 1, 2]);
      await sampler.sample({ 1: 2 });
      await sampler.save(dir);
      const loaded = await RegressionSMOTE.load(dir);
      expect(loaded.options).toEqual(sampler.options);
      expect(loaded.history).toEqual(sampler.history);
      const counts = { 0: 4, 1: 5, 2: 6 };
      const a = await sampler.sample(counts);
      const b = await loaded.sample(counts);
      expect([...b.x]).toEqual([...a.x]);
      expect([...b.y]).toEqual([...a.y]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the file and the problem when a saved model is inconsistent', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rsmote-'));
    try {
      await (await new RegressionSMOTE({ ...FAST, seed: 1 }).fit(conformanceDataset())).save(dir);
      const file = path.join(dir, 'model.json');
      const json = JSON.parse(await readFile(file, 'utf8')) as { modelTopology: { config: { classes: { n: number }[]; options: { epochs: number } } } };
      json.modelTopology.config.classes[0]!.n += 1;
      await writeFile(file, JSON.stringify(json));
      const err = await RegressionSMOTE.load(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileFormatError);
      expect((err as Error).message).toMatch(/model\.json: array "class-1\/neighbors" has shape \[20, 3\], expected \[21, 3\]/);
      json.modelTopology.config.classes[0]!.n -= 1;
      json.modelTopology.config.options.epochs = 0;
      await writeFile(file, JSON.stringify(json));
      const options = await RegressionSMOTE.load(dir).catch((e: unknown) => e);
      expect(options).toBeInstanceOf(FileFormatError);
      expect((options as Error).message).toMatch(/the options cannot be read back: RegressionSMOTE: epochs must be an integer >= 1, got 0|epochs must be/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('RegressionSMOTE errors', () => {
  const bad: [RegressionSMOTEOptions, RegExp][] = [
    [{ pairing: 'nearest' as 'knn' }, /pairing must be one of "knn", "random", got "nearest"/],
    [{ gap: 'middle' as 'midpoint' }, /gap must be one of "uniform", "midpoint", got "middle"/],
    [{ loss: 'l1' as 'mse' }, /loss must be one of "mse", "bce", got "l1"/],
    [{ activation: 'gelu' as 'relu' }, /activation must be one of .*"linear", got "gelu"/],
    [{ hiddenLayers: [16, 0] }, /hiddenLayers\[1\] must be .*>= 1 and <= 65536, got 0/],
    [{ hiddenLayers: [2.5] }, /hiddenLayers\[0\] must be an integer/],
    [{ hiddenLayers: 16 as unknown as number[] }, /hiddenLayers must be an array/],
    [{ epochs: 0 }, /epochs must be .*>= 1, got 0/],
    [{ batchSize: -1 }, /batchSize must be .*>= 1, got -1/],
    [{ learningRate: 0 }, /learningRate must be a finite number > 0/],
    [{ pairsPerEpoch: 1.5 }, /pairsPerEpoch must be an integer/],
    [{ kNeighbors: 0 }, /kNeighbors must be .*>= 1, got 0/],
    [{ patience: -1 }, /patience must be .*>= 0, got -1/],
    [{ seed: -3 }, /seed must be an integer in 0\.\.4294967295 or an Rng, got -3/],
    [{ kNeighbours: 5 } as RegressionSMOTEOptions, /no option "kNeighbours"/],
  ];
  for (const [options, message] of bad) {
    it(`rejects ${JSON.stringify(options)}`, () => {
      expect(() => new RegressionSMOTE(options)).toThrow(OptionError);
      expect(() => new RegressionSMOTE(options)).toThrow(message);
    });
  }

  it('says which class is too small for kNeighbors', async () => {
    const err = await new RegressionSMOTE({ ...FAST, kNeighbors: 12 }).fit(conformanceDataset()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SamplerInputError);
    expect((err as Error).message).toMatch(/class 2 has 12 rows, kNeighbors = 12 needs at least 13/);
  });

  it('refuses to sample before fit, or a class it did not fit', async () => {
    const sampler = new RegressionSMOTE({ ...FAST, samplingStrategy: 'minority', seed: 1 });
    await expect(sampler.sample({ 1: 3 })).rejects.toThrow(NotFittedError);
    await expect(sampler.save(os.tmpdir())).rejects.toThrow(NotFittedError);
    await sampler.fit(conformanceDataset());
    await expect(sampler.sample({ 0: 3 })).rejects.toThrow('RegressionSMOTE cannot sample class 0: it was not fitted for it (fitted classes: 2)');
    await expect(sampler.sample({ 2: -1 })).rejects.toThrow(OptionError);
  });
});

describe('REGRESSION_SMOTE_VARIANTS', () => {
  it("names the publication's configuration and ours", () => {
    expect(new RegressionSMOTE({ ...REGRESSION_SMOTE_VARIANTS.paper }).options).toMatchObject({ pairing: 'random', gap: 'uniform' });
    expect(new RegressionSMOTE({ ...REGRESSION_SMOTE_VARIANTS.knn }).options).toMatchObject(new RegressionSMOTE().options);
  });
});
