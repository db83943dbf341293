import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CancelledError, FileFormatError, NotFittedError, OptionError, Rng } from '@oversample/core';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier } from './load-classifier';
import { MLPClassifier } from './mlp';
import { SmallCNN } from './small-cnn';
import { accuracy, balancedAccuracy, blobs, readKeel, standardize, stratifiedSplit } from './test-fixtures';

beforeAll(async () => {
  await initBackend();
});

describe('MLPClassifier', () => {
  it('separates blobs, reporting the loss once per epoch', async () => {
    // Centres 3 apart, noise within [-1, 1]: separable, so a small network gets (almost) all right.
    const train = blobs(50, 3, 4, 1);
    const test = blobs(30, 3, 4, 2);
    const losses: number[] = [];
    const mlp = new MLPClassifier({ hiddenLayers: [16], epochs: 20, learningRate: 0.01, seed: 3 });
    await mlp.fit(train, { onProgress: (p) => losses.push(p.metrics!.loss!) });
    expect(losses.length).toBe(20);
    expect(losses[19]!).toBeLessThan(losses[0]! / 4);
    expect(accuracy(test.y, await mlp.predict(test))).toBeGreaterThanOrEqual(0.97);
    expect(mlp.parameterCount).toBe(4 * 16 + 16 + 16 * 3 + 3);
  });

  it('gives balanced accuracy well above chance on ecoli1', async () => {
    const [rawTrain, rawTest] = stratifiedSplit(await readKeel('ecoli1'), 3);
    const [train, test] = standardize(rawTrain, rawTest);
    const mlp = new MLPClassifier({ hiddenLayers: [32], epochs: 40, learningRate: 0.01, classWeight: 'balanced', seed: 0 });
    await mlp.fit(train);
    // Chance is 0.5; logistic regression reaches about 0.9 on this split.
    expect(balancedAccuracy(test.y, await mlp.predict(test))).toBeGreaterThan(0.8);
  });

  it('is deterministic per seed and differs between seeds', async () => {
    const train = blobs(20, 2, 3, 4, 1);
    const run = async (seed: number): Promise<Float32Array> => {
      const mlp = await new MLPClassifier({ hiddenLayers: [8, 8], activation: 'tanh', epochs: 3, batchSize: 8, seed }).fit(train);
      const proba = await mlp.predictProba(train);
      mlp.dispose();
      return proba;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
    // An Rng seed is consumed: two fits from one generator differ, two generators of one seed agree.
    const rng = new Rng(5);
    const m1 = await new MLPClassifier({ hiddenLayers: [4], epochs: 1, seed: rng }).fit(train);
    const m2 = await new MLPClassifier({ hiddenLayers: [4], epochs: 1, seed: rng }).fit(train);
    const m3 = await new MLPClassifier({ hiddenLayers: [4], epochs: 1, seed: new Rng(5) }).fit(train);
    expect(await m2.predictProba(train)).not.toEqual(await m1.predictProba(train));
    expect(await m3.predictProba(train)).toEqual(await m1.predictProba(train));
    for (const m of [m1, m2, m3]) m.dispose();
  });

  it('leaves no tensors behind across fit, refit, predict, cancel and dispose', async () => {
    const train = blobs(20, 2, 3, 5);
    const before = tf.memory().numTensors;
    const mlp = new MLPClassifier({ hiddenLayers: [8], epochs: 2, batchSize: 8, weightDecay: 1e-3, seed: 1 });
    await mlp.fit(train, { validation: 0.2 });
    const fitted = tf.memory().numTensors;
    expect(fitted - before).toBe(4);
    await mlp.fit(train);
    await mlp.predictProba(train, { batchSize: 7 });
    await mlp.predict(train);
    expect(tf.memory().numTensors).toBe(fitted);
    const controller = new AbortController();
    const fit = mlp.fit(train, { epochs: 50, onProgress: (p) => p.done === 1 && controller.abort() , signal: controller.signal });
    await expect(fit).rejects.toBeInstanceOf(CancelledError);
    // A cancelled fit frees its partial network; the previous one was replaced.
    expect(tf.memory().numTensors).toBe(before);
    await expect(mlp.predict(train)).rejects.toBeInstanceOf(NotFittedError);
    await mlp.fit(train);
    mlp.dispose();
    mlp.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early on a stalled validation loss and keeps the best weights', async () => {
    // Overlapping classes (centres 1 apart on one axis, noise within [-1, 1]): the Bayes accuracy
    // is 0.75 and the validation loss bottoms out after a few epochs.
    const train = blobs(40, 2, 3, 6, 1);
    const validation = blobs(20, 2, 3, 16, 1);
    const reports: Record<string, number>[] = [];
    const mlp = new MLPClassifier({ hiddenLayers: [8], epochs: 300, learningRate: 0.05, earlyStopping: { patience: 3 }, seed: 2 });
    await mlp.fit(train, { validation, onProgress: (p) => reports.push({ ...p.metrics! }) });
    expect(reports.length).toBeLessThan(300);
    const best = Math.min(...reports.map((r) => r.valLoss!));
    expect(reports[reports.length - 1]!.valLoss).toBeGreaterThanOrEqual(best);
    // The network now is the best epoch's: its validation loss is the minimum reported.
    const proba = await mlp.predictProba(validation);
    let loss = 0;
    for (let i = 0; i < validation.y.length; i++) loss -= Math.log(proba[i * 2 + validation.y[i]!]!);
    expect(loss / validation.y.length).toBeCloseTo(best, 5);
    expect(accuracy(validation.y, await mlp.predict(validation))).toBeGreaterThanOrEqual(0.65);
    mlp.dispose();
  });

  it('holds out a fraction of the rows for validation', async () => {
    const reports: Record<string, number>[] = [];
    const mlp = new MLPClassifier({ hiddenLayers: [4], epochs: 2, seed: 1 });
    await mlp.fit(blobs(20, 2, 3, 6), { validation: 0.25, onProgress: (p) => reports.push({ ...p.metrics! }) });
    expect(reports.map((r) => Object.keys(r).sort())).toEqual([
      ['loss', 'valAccuracy', 'valLoss'],
      ['loss', 'valAccuracy', 'valLoss'],
    ]);
    // 10 of 40 rows: accuracy moves in steps of 0.1.
    expect(Math.round(reports[0]!.valAccuracy! * 10) / 10).toBeCloseTo(reports[0]!.valAccuracy!, 10);
    mlp.dispose();
  });

  it('saves and loads a fitted network', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'models-mlp-'));
    try {
      const train = blobs(10, 3, 2, 7);
      const mlp = await new MLPClassifier({ hiddenLayers: [6], epochs: 2, seed: 9 }).fit(train);
      await mlp.save(dir);
      const again = await MLPClassifier.load(dir);
      expect(await again.predictProba(train)).toEqual(await mlp.predictProba(train));
      const any = await loadClassifier(dir);
      expect(any).toBeInstanceOf(MLPClassifier);
      await expect(SmallCNN.load(dir)).rejects.toThrow(/holds a "mlp" model, not "small-cnn"/);
      // A network of another width does not take these weights.
      const json = path.join(dir, 'model.json');
      const saved = JSON.parse(await readFile(json, 'utf8')) as { modelTopology: { config: { options: { hiddenLayers: number[] } } } };
      saved.modelTopology.config.options.hiddenLayers = [5];
      await writeFile(json, JSON.stringify(saved));
      await expect(MLPClassifier.load(dir)).rejects.toThrow(/does not fit a mlp network: weight "hidden0\/kernel" has shape \[2, 6\], the network needs \[2, 5\]/);
      await writeFile(path.join(dir, 'weights.bin'), new Uint8Array(12));
      await expect(loadClassifier(dir)).rejects.toBeInstanceOf(FileFormatError);
      for (const m of [mlp, again, any]) m.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad options and input with clear errors', async () => {
    expect(() => new MLPClassifier({ hiddenLayers: [0] })).toThrow(/hiddenLayers\[0\] must be an integer >= 1, got 0/);
    expect(() => new MLPClassifier({ activation: 'swish' as never })).toThrow(OptionError);
    expect(() => new MLPClassifier({ learningRate: -1 })).toThrow(/learningRate/);
    expect(() => new MLPClassifier({ earlyStopping: { patience: 0 } })).toThrow(/patience/);
    expect(() => new MLPClassifier({ epoch: 3 } as never)).toThrow(/no option "epoch"/);
    const mlp = new MLPClassifier({ epochs: 1, seed: 0 });
    await expect(mlp.predictProba(new Float32Array(3))).rejects.toBeInstanceOf(NotFittedError);
    await expect(mlp.save('/nonexistent')).rejects.toBeInstanceOf(NotFittedError);
    const train = blobs(5, 2, 3, 1);
    await expect(mlp.fit(train, { validation: 1.5 })).rejects.toThrow(/validation must be/);
    await expect(mlp.fit(train, { validation: blobs(2, 2, 4, 1) })).rejects.toThrow(/shape \[4\]/);
    await mlp.fit(train);
    await expect(mlp.predict({ x: new Float32Array(8), y: new Int32Array(2), shape: [4] })).rejects.toThrow(
      /rows have shape \[4\] but the classifier was fitted on shape \[3\]/,
    );
    mlp.dispose();
  });
});
