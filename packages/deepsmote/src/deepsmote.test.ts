import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileFormatError, NotFittedError, OptionError, SamplerInputError, classCounts, createDataset, subsetDataset, type Dataset } from '@oversample/core';
import { conformanceDataset, describeGenerativeSamplerConformance, describeSamplerConformance } from '@oversample/core/testkit';
import { loadMnist } from '@oversample/data';
import { initBackend, SAVED_MODEL_LAYOUT } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeepSMOTE } from './deepsmote';

// Tiny, fast configuration: the dense autoencoder on the kit's 4-column table.
const small = { dimH: 8, latentDim: 3, epochs: 2, batchSize: 32, kNeighbors: 3 } as const;
describeSamplerConformance('DeepSMOTE', (o) => new DeepSMOTE({ ...small, ...o }), { timeout: 60_000, smallClassRows: 3 });
describeGenerativeSamplerConformance('DeepSMOTE', (o) => new DeepSMOTE({ ...small, ...o }), {
  timeout: 60_000,
  load: (dir) => DeepSMOTE.load(dir),
  layout: SAVED_MODEL_LAYOUT,
  tensorCount: () => tf.memory().numTensors,
});

function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return ua.every((v, i) => v === ub[i]);
}

/** 90 / 45 / 20 MNIST test digits of classes 0, 1 and 7, raw pixels 0..255. */
async function smallMnist(): Promise<Dataset> {
  const all = await loadMnist({ split: 'test' });
  const want = new Map([
    [0, 90],
    [1, 45],
    [7, 20],
  ]);
  const picked: number[] = [];
  for (let i = 0; i < all.y.length; i++) {
    const c = all.y[i]!;
    const left = want.get(c) ?? 0;
    if (left > 0) {
      picked.push(i);
      want.set(c, left - 1);
    }
  }
  return subsetDataset(all, picked);
}

const tiny = { dimH: 4, latentDim: 8, epochs: 3, batchSize: 50, learningRate: 2e-3, kNeighbors: 5 } as const;

describe('DeepSMOTE on MNIST digits', () => {
  let mnist: Dataset;
  let dir: string;
  let model: DeepSMOTE;
  let resampled: Dataset;

  beforeAll(async () => {
    await initBackend();
    mnist = await smallMnist();
    dir = await mkdtemp(path.join(os.tmpdir(), 'oversample-deepsmote-'));
    model = new DeepSMOTE({ ...tiny, seed: 3 });
    resampled = await model.fitResample(mnist);
  });
  afterAll(async () => {
    model.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('trains the convolutional autoencoder (the loss falls) and balances every class', () => {
    const history = model.training!.history;
    expect(history.length).toBe(3);
    expect(history[2]!.loss).toBeLessThan(history[0]!.loss);
    expect(model.autoencoder.architecture.kind).toBe('conv28');
    expect([...classCounts(resampled.y)]).toEqual([
      [0, 90],
      [1, 90],
      [7, 90],
    ]);
    expect(resampled.shape).toEqual([28, 28, 1]);
    expect(resampled.x.length).toBe(270 * 784);
  });

  it('returns synthetic pixels in the data\'s own range 0..255, not [-1, 1]', () => {
    const synth = resampled.x.subarray(mnist.x.length);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of synth) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(255);
    expect(hi - lo).toBeGreaterThan(50);
  });

  it('gives the same synthetic rows for the same seed', async () => {
    const again = new DeepSMOTE({ ...tiny, seed: 3 });
    const out = await again.fitResample(mnist);
    again.dispose();
    expect(sameBits(out.x, resampled.x)).toBe(true);
  });

  it('saves and loads: the weights round-trip exactly and sampling gives the same rows', async () => {
    const fresh = new DeepSMOTE({ ...tiny, seed: 4 });
    await fresh.fit(mnist);
    await fresh.save(dir);
    const loaded = await DeepSMOTE.load(dir);
    const w1 = fresh.autoencoder.weights();
    const w2 = loaded.autoencoder.weights();
    for (const [name, v] of w1) expect(sameBits(v, w2.get(name)!), name).toBe(true);
    const a = await fresh.sample({ 7: 12, 1: 3 });
    const b = await loaded.sample({ 7: 12, 1: 3 });
    expect([...a.y]).toEqual([1, 1, 1, ...new Array<number>(12).fill(7)]);
    expect(sameBits(a.x, b.x)).toBe(true);
    expect(await loaded.reconstructionError(mnist)).toBeCloseTo(await fresh.reconstructionError(mnist), 3);
    fresh.dispose();
    loaded.dispose();
  });

  it('does not leak tensors when sampling', async () => {
    const before = tf.memory().numTensors;
    await model.sample({ 0: 5, 7: 5 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('DeepSMOTE errors', () => {
  const table = createDataset({ x: new Float32Array(24), y: new Int32Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]), shape: [2] });

  it('rejects unknown or bad options, naming them', () => {
    expect(() => new DeepSMOTE({ kNeighbours: 5 } as never)).toThrow(/kNeighbours/);
    expect(() => new DeepSMOTE({ penalty: 'both' as never })).toThrow(OptionError);
    expect(() => new DeepSMOTE({ epochs: 0 })).toThrow(/epochs/);
  });

  it('rejects shapes it has no network for', async () => {
    const img = createDataset({ x: new Float32Array(2 * 100), y: new Int32Array([0, 1]), shape: [10, 10, 1] });
    await expect(new DeepSMOTE().fitResample(img)).rejects.toThrow(/\[10,10,1\]/);
  });

  it('says which class is too small for kNeighbors before training', async () => {
    const err = await new DeepSMOTE({ kNeighbors: 5, epochs: 1 }).fitResample(table).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SamplerInputError);
    expect((err as Error).message).toMatch(/class 1 has 4 rows/);
  });

  it('refuses a saved model whose codes do not match their labels, leaking no tensors (issue #14.10)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oversample-deepsmote-codes-'));
    try {
      const model = await new DeepSMOTE({ ...small, seed: 1 }).fit(conformanceDataset());
      await model.save(dir);
      model.dispose();
      // One code row too few: the manifest's codes shape and the labels disagree.
      const file = path.join(dir, 'model.json');
      const json = JSON.parse(await readFile(file, 'utf8')) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
      const codes = json.weightsManifest[0]!.weights.find((w) => w.name === 'codes')!;
      codes.shape = [codes.shape[0]! - 1, codes.shape[1]!];
      await writeFile(file, JSON.stringify(json));
      const bytes = await readFile(path.join(dir, 'weights.bin'));
      const labelsAt = bytes.length - 72 * 4;
      await writeFile(path.join(dir, 'weights.bin'), Buffer.concat([bytes.subarray(0, labelsAt - 3 * 4), bytes.subarray(labelsAt)]));
      const before = tf.memory().numTensors;
      const err = await DeepSMOTE.load(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileFormatError);
      expect((err as Error).message).toMatch(/array "codes" has shape \[71, 3\], expected \[72, 3\]/);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("trains with Algorithm 1's penalty by default, the autoencoder's ('code' is the released code's)", async () => {
    const losses = async (o: object) => {
      const m = await new DeepSMOTE({ ...small, seed: 5, ...o }).fit(conformanceDataset());
      const out = m.training?.history.map((e) => e.loss) ?? [];
      m.dispose();
      return out;
    };
    const byDefault = await losses({});
    expect(byDefault).toEqual(await losses({ penalty: 'paper' }));
    expect(byDefault).not.toEqual(await losses({ penalty: 'code' }));
  });

  it('checks its options in the constructor, with the autoencoder\'s training checks', () => {
    expect(() => new DeepSMOTE({ learningRate: 0 })).toThrow(/^DeepSMOTE: learningRate must be a finite number > 0, got 0/);
    expect(() => new DeepSMOTE({ betas: [0.9] as unknown as [number, number] })).toThrow(/^DeepSMOTE: betas must be \[beta1, beta2\]/);
    expect(() => new DeepSMOTE({ backend: 'gpu' as never })).toThrow(/^DeepSMOTE: backend must be one of/);
    expect(() => new DeepSMOTE({ samplingStrategy: 'foo' as never })).toThrow(OptionError);
    expect(() => new DeepSMOTE({ seed: '42' as never })).toThrow(/^DeepSMOTE: seed must be an integer/);
    for (const bad of [[0.5, 0.2], [-2, 1], [0, 0], [-1], 'wide', [-1, Number.NaN]]) {
      expect(() => new DeepSMOTE({ inputRange: bad as never })).toThrow(/^DeepSMOTE: inputRange must be \[lo, hi\] with -1 <= lo < hi <= 1 \(the decoder ends in tanh\), got /);
    }
    expect(() => new DeepSMOTE({ inputRange: [0, 1] })).not.toThrow();
  });

  it('scales to inputRange, keeps synthetic rows in the observed range, and saves the range with the model', async () => {
    const data = conformanceDataset();
    const d = data.shape[0]!;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oversample-deepsmote-range-'));
    try {
      const model = await new DeepSMOTE({ ...small, seed: 6, inputRange: [-0.5, 0.5], synthesis: 'decode' }).fit(data);
      const plain = await new DeepSMOTE({ ...small, seed: 6, synthesis: 'decode' }).fit(data);
      expect(model.training!.history.map((e) => e.loss)).not.toEqual(plain.training!.history.map((e) => e.loss));
      plain.dispose();
      await model.save(dir);
      const loaded = await DeepSMOTE.load(dir);
      const a = await model.sample({ 1: 20 });
      const b = await loaded.sample({ 1: 20 });
      expect(sameBits(a.x, b.x)).toBe(true);
      for (let j = 0; j < d; j++) {
        const column = data.x.filter((_, i) => i % d === j);
        const [lo, hi] = [Math.min(...column), Math.max(...column)];
        for (let r = 0; r < 20; r++) {
          const v = a.x[r * d + j]!;
          expect(v).toBeGreaterThanOrEqual(lo - 1e-4 * (hi - lo));
          expect(v).toBeLessThanOrEqual(hi + 1e-4 * (hi - lo));
        }
      }
      model.dispose();
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('needs fit before sample or save', async () => {
    await expect(new DeepSMOTE().sample({ 0: 1 })).rejects.toThrow(NotFittedError);
    await expect(new DeepSMOTE().save('/nowhere')).rejects.toThrow(NotFittedError);
  });
});

describe('DeepSMOTE held-out stopping and the epoch hook', () => {
  // The dense autoencoder on a small two-class table: fast enough for several epochs.
  const table = createDataset({
    x: Array.from({ length: 60 * 4 }, (_, i) => Math.sin(i * 0.7) * 3 + (i % 4)),
    y: Array.from({ length: 60 }, (_, i) => (i < 40 ? 0 : 1)),
    shape: [4],
  });

  it('keeps the epoch with the lowest held-out error and can sample inside the hook', async () => {
    const epochs: number[] = [];
    const sampled: number[] = [];
    const model = new DeepSMOTE({ dimH: 8, latentDim: 3, epochs: 3, batchSize: 32, kNeighbors: 3, validationFraction: 0.2, seed: 2 });
    await model.fit(table, {
      onEpochEnd: async (entry, m) => {
        epochs.push(entry.epoch);
        expect(Number.isFinite(entry.validation)).toBe(true);
        if (entry.epoch === 2) sampled.push((await m.sample({ 1: 7 })).y.length);
      },
    });
    expect(epochs).toEqual([1, 2, 3]);
    expect(sampled).toEqual([7]);
    const t = model.training!;
    const validation = t.history.map((h) => h.validation!);
    expect(t.bestLoss).toBe(Math.min(...validation));
    // The hook drew from streams of its own: the final model samples what one fitted without a hook does.
    const plain = new DeepSMOTE({ dimH: 8, latentDim: 3, epochs: 3, batchSize: 32, kNeighbors: 3, validationFraction: 0.2, seed: 2 });
    await plain.fit(table);
    expect([...(await model.sample({ 1: 5 })).x]).toEqual([...(await plain.sample({ 1: 5 })).x]);
    expect(() => new DeepSMOTE({ validationFraction: 0.9 })).toThrow(/validationFraction/);
    model.dispose();
    plain.dispose();
  });
});
