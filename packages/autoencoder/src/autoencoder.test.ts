import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CancelledError, FileFormatError, OptionError, type Progress } from '@oversample/core';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Autoencoder } from './autoencoder';
import { squaresDataset } from './test-images';

let dir: string;
beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(path.join(os.tmpdir(), 'oversample-ae-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return ua.every((v, i) => v === ub[i]);
}

const tiny = { inputShape: [28, 28, 1], dimH: 4, latentDim: 8 } as const;
const data = squaresDataset([60, 30, 10]);

describe('Autoencoder', () => {
  it('trains: the loss falls, each epoch is reported, and the tensor count stays flat', async () => {
    const ae = await Autoencoder.create({ ...tiny, seed: 1 });
    const before = tf.memory().numTensors;
    const progress: Progress[] = [];
    const result = await ae.fit(data.x, data.y, { epochs: 4, batchSize: 25, learningRate: 2e-3, onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => [p.stage, p.done, p.total])).toEqual([1, 2, 3, 4].map((e) => ['train', e, 4]));
    expect(progress[0]!.metrics).toMatchObject({ loss: result.history[0]!.loss });
    const first = result.history[0]!;
    const last = result.history[result.history.length - 1]!;
    expect(last.loss).toBeLessThan(first.loss * 0.8);
    expect(first.penalty).toBeGreaterThan(0);
    expect(result.bestLoss).toBe(Math.min(...result.history.map((h) => h.loss)));
    ae.dispose();
  });

  it('keeps the epoch with the lowest held-out error, stops after patience, and awaits onEpochEnd', async () => {
    // The dense network: fast enough for several epochs under a loaded CPU.
    const rows = (n: number, phase: number): Float32Array => new Float32Array(n * 6).map((_, i) => Math.sin(i * 0.37 + phase) * 0.8);
    const x = rows(80, 0);
    const y = new Int32Array(80).map((_, i) => i % 2);
    const held = rows(20, 1);
    const ae = await Autoencoder.create({ inputShape: [6], dimH: 8, latentDim: 3, seed: 2 });
    const seen: number[] = [];
    const result = await ae.fit(x, y, {
      epochs: 12,
      batchSize: 20,
      learningRate: 5e-2,
      validation: held,
      patience: 2,
      onEpochEnd: async (entry) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(entry.epoch);
      },
    });
    expect(seen).toEqual(result.history.map((h) => h.epoch));
    const validation = result.history.map((h) => h.validation!);
    expect(validation.every((v) => Number.isFinite(v))).toBe(true);
    expect(result.bestLoss).toBe(Math.min(...validation));
    expect(result.history[result.bestEpoch - 1]!.validation).toBe(result.bestLoss);
    // It stopped exactly when `patience` epochs had passed without a better one, or ran to the end.
    const last = result.history.length;
    expect(result.stoppedEarly).toBe(last < 12);
    if (result.stoppedEarly) expect(last - result.bestEpoch).toBe(2);
    // The kept weights are the best epoch's: the held-out error now is the kept one.
    expect(await ae.reconstructionError(held)).toBeCloseTo(result.bestLoss, 5);
    await expect(ae.fit(x, y, { epochs: 1, patience: -1 })).rejects.toThrow(OptionError);
    ae.dispose();
  });

  it('trains the 32x32x3 and the dense networks too (gradients reach every trainable weight)', async () => {
    for (const [inputShape, rows] of [
      [[32, 32, 3], 20],
      [[6], 60],
    ] as const) {
      const d = inputShape.reduce((a: number, b: number) => a * b, 1);
      const x = new Float32Array(rows * d).map((_, i) => Math.sin(i * 0.37) * 0.8);
      const y = new Int32Array(rows).map((_, i) => i % 2);
      const ae = await Autoencoder.create({ inputShape, dimH: 2, latentDim: 4, seed: 1 });
      const before = ae.weights();
      const result = await ae.fit(x, y, { epochs: 2, batchSize: 10, learningRate: 1e-2 });
      expect(result.history.every((h) => Number.isFinite(h.loss))).toBe(true);
      expect(result.history[1]!.loss, String(inputShape)).toBeLessThan(result.history[0]!.loss);
      for (const [name, v] of ae.weights()) {
        if (name.includes('running')) continue;
        expect(sameBits(v, before.get(name)!), `${name} unchanged`).toBe(false);
      }
      ae.dispose();
    }
  });

  it('encodes and decodes in batches: right lengths, tanh range, no leaked tensors, BN in inference mode', async () => {
    const ae = await Autoencoder.create({ ...tiny, seed: 2 });
    await ae.fit(data.x, data.y, { epochs: 1, batchSize: 50 });
    const before = tf.memory().numTensors;
    const z = await ae.encode(data.x, { batchSize: 7 });
    const out = await ae.decode(z, { batchSize: 13 });
    await ae.reconstructionError(data.x);
    expect(tf.memory().numTensors).toBe(before);
    expect(z.length).toBe(100 * 8);
    expect(out.length).toBe(100 * 784);
    expect(out.every((v) => v > -1 && v < 1)).toBe(true);
    // Inference-mode batch norm: a row's code does not depend on the rows batched with it.
    const one = await ae.encode(data.x.subarray(0, 784), { batchSize: 1 });
    for (let i = 0; i < 8; i++) expect(one[i]).toBeCloseTo(z[i]!, 5);
    ae.dispose();
  });

  it("decodes with each batch's own statistics when asked (batchNorm 'batch'), and rejects other modes", async () => {
    const ae = await Autoencoder.create({ ...tiny, seed: 3 });
    await ae.fit(data.x, data.y, { epochs: 1, batchSize: 50 });
    const z = await ae.encode(data.x.subarray(0, 10 * 784));
    const running = await ae.decode(z);
    const batch = await ae.decode(z, { batchNorm: 'batch' });
    expect(batch.length).toBe(running.length);
    expect(batch.some((v, i) => Math.abs(v - running[i]!) > 1e-3)).toBe(true);
    // Batch statistics: the first row's output depends on the rows decoded with it.
    const alone = await ae.decode(z, { batchNorm: 'batch', batchSize: 5 });
    expect(alone.subarray(0, 784).some((v, i) => Math.abs(v - batch[i]!) > 1e-4)).toBe(true);
    await expect(ae.decode(z, { batchNorm: 'eval' as never })).rejects.toThrow(/batchNorm must be one of "running", "batch", got "eval"/);
    ae.dispose();
  });

  it('gives the same weights for the same seed and different ones for another', async () => {
    const run = async (seed: number): Promise<Float32Array> => {
      const ae = await Autoencoder.create({ ...tiny, seed });
      await ae.fit(data.x, data.y, { epochs: 1, batchSize: 50 });
      const w = ae.weights().get('dec.deconv3.weight')!;
      ae.dispose();
      return w;
    };
    const a = await run(5);
    expect(sameBits(a, await run(5))).toBe(true);
    expect(sameBits(a, await run(6))).toBe(false);
  });

  it('saves and loads bit for bit, running batch-norm statistics included', async () => {
    const ae = await Autoencoder.create({ ...tiny, seed: 3 });
    await ae.fit(data.x, data.y, { epochs: 1, batchSize: 50 });
    const target = path.join(dir, 'round-trip');
    await ae.save(target);
    const back = await Autoencoder.load(target);
    expect(back.config).toEqual(ae.config);
    const w1 = ae.weights();
    const w2 = back.weights();
    expect([...w2.keys()]).toEqual([...w1.keys()]);
    for (const [name, v] of w1) expect(sameBits(v, w2.get(name)!), name).toBe(true);
    expect(w1.get('enc.bn2.runningMean')!.some((v) => v !== 0)).toBe(true);
    expect(sameBits(await ae.encode(data.x), await back.encode(data.x))).toBe(true);
    ae.dispose();
    back.dispose();
  });

  it('ends with the weights of the epoch with the lowest loss, not the last', async () => {
    const ae = await Autoencoder.create({ ...tiny, seed: 4 });
    const perEpoch: Map<string, Float32Array>[] = [];
    // A step size this large makes later epochs worse than an earlier one.
    const result = await ae.fit(data.x, data.y, {
      epochs: 4,
      batchSize: 50,
      learningRate: 3,
      penalty: 'none',
      onProgress: () => perEpoch.push(ae.weights()),
    });
    expect(result.bestEpoch).toBeLessThan(4);
    expect(result.history[result.bestEpoch - 1]!.loss).toBe(result.bestLoss);
    const kept = perEpoch[result.bestEpoch - 1]!;
    for (const [name, v] of ae.weights()) expect(sameBits(v, kept.get(name)!), name).toBe(true);
    expect(sameBits(perEpoch[3]!.get('dec.fc.weight')!, kept.get('dec.fc.weight')!)).toBe(false);
    ae.dispose();
  });

  it('stops with CancelledError when aborted between epochs', async () => {
    const ae = await Autoencoder.create({ ...tiny, seed: 1 });
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const err = await ae
      .fit(data.x, data.y, { epochs: 5, batchSize: 50, signal: controller.signal, onProgress: () => controller.abort() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
    ae.dispose();
  });

  it('rejects bad options and files with errors naming them', async () => {
    await expect(Autoencoder.create({ inputShape: [20, 20, 1], dimH: 4, latentDim: 2 })).rejects.toThrow(OptionError);
    const ae = await Autoencoder.create({ ...tiny, seed: 1 });
    await expect(ae.fit(data.x, data.y, { epochs: 1, penalty: 'both' as never })).rejects.toThrow(/penalty/);
    await expect(ae.fit(data.x, data.y, { epochs: 0 })).rejects.toThrow(/epochs/);
    await expect(ae.encode(new Float32Array(100))).rejects.toThrow(/784/);
    ae.dispose();
    await expect(Autoencoder.load(path.join(dir, 'missing'))).rejects.toThrow(FileFormatError);
  });
});
