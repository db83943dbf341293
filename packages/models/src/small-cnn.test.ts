import { SamplerInputError } from '@oversample/core';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SmallCNN } from './small-cnn';
import { accuracy, readMnist } from './test-fixtures';

beforeAll(async () => {
  await initBackend();
});

describe('SmallCNN', () => {
  it('learns MNIST digits from a small subset', async () => {
    const train = readMnist('train', 1000);
    const test = readMnist('t10k', 300);
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    const cnn = new SmallCNN({ filters: [8, 16], denseUnits: 32, epochs: 3, batchSize: 32, learningRate: 2e-3, seed: 1 });
    await cnn.fit(train, { onProgress: (p) => losses.push(p.metrics!.loss!) });
    expect(losses.length).toBe(3);
    expect(losses[2]!).toBeLessThan(losses[0]!);
    // Ten classes, chance 0.1; a two-block CNN on 1000 digits for 3 epochs reaches about 0.85-0.9.
    const acc = accuracy(test.y, await cnn.predict(test, { batchSize: 128 }));
    expect(acc).toBeGreaterThan(0.75);
    expect(cnn.nClasses).toBe(10);
    // conv1 3x3x1x8 + 8, conv2 3x3x8x16 + 16, dense 7*7*16 x 32 + 32, output 32 x 10 + 10.
    expect(cnn.parameterCount).toBe(80 + 1168 + 25120 + 330);
    cnn.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // Three epochs on 1000 digits: over a minute on a loaded 2-core machine.
  }, 300_000);

  it('handles 32x32x3 images and odd sizes, and rejects flat rows', async () => {
    const n = 6;
    const colour = { x: new Float32Array(n * 15 * 17 * 3).map((_, i) => (i % 11) / 11), y: new Int32Array([0, 1, 2, 0, 1, 2]), shape: [15, 17, 3] };
    const cnn = await new SmallCNN({ filters: [2, 3], denseUnits: 4, epochs: 1, seed: 0 }).fit(colour);
    const proba = await cnn.predictProba(colour);
    expect(proba.length).toBe(n * 3);
    // Pooling floors 15x17 to 7x8 then 3x4.
    expect(cnn.parameterCount).toBe(3 * 3 * 3 * 2 + 2 + 3 * 3 * 2 * 3 + 3 + 3 * 4 * 3 * 4 + 4 + 4 * 3 + 3);
    // Same seed, same backend: the same network.
    const again = await new SmallCNN({ filters: [2, 3], denseUnits: 4, epochs: 1, seed: 0 }).fit(colour);
    expect(await again.predictProba(colour)).toEqual(proba);
    again.dispose();
    cnn.dispose();
    expect(() => new SmallCNN({ filters: 32 as never })).toThrow(/filters must be two filter counts/);
    const flat = { x: new Float32Array(2 * 784), y: new Int32Array([0, 1]), shape: [784] };
    await expect(new SmallCNN().fit(flat)).rejects.toBeInstanceOf(SamplerInputError);
    await expect(new SmallCNN().fit(flat)).rejects.toThrow(/\[height, width, channels\], got \[784\]/);
  });
});
