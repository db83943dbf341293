import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier } from './load-classifier';
import { ResNet18 } from './resnet18';

beforeAll(async () => {
  await initBackend();
});

function images(n: number, size: number, channels: number, classes: number): { x: Float32Array; y: Int32Array; shape: number[] } {
  const d = size * size * channels;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % classes;
    // Class c brightens the c-th horizontal band, plus a fixed texture.
    for (let p = 0; p < d; p++) {
      const row = Math.floor(p / (size * channels));
      x[i * d + p] = (Math.floor((row * classes) / size) === y[i] ? 1 : 0) + ((p * 7 + i) % 5) / 10;
    }
  }
  return { x, y, shape: [size, size, channels] };
}

describe('ResNet18', () => {
  it('has the parameter count of the CIFAR ResNet-18 at width 64', async () => {
    // torchvision-style CIFAR ResNet-18 with 10 classes: 11,173,962 parameters (conv without
    // bias, BN scale and shift, dense 512 x 10 + 10).
    // Ten 4x4 images, one per class, so the output layer has 10 units; one step of training.
    const net = new ResNet18({ epochs: 1, batchSize: 10, seed: 0 });
    await net.fit(images(10, 4, 3, 10));
    expect(net.parameterCount).toBe(11_173_962);
    const proba = await net.predictProba(images(3, 4, 3, 10));
    expect(proba.length).toBe(30);
    net.dispose();
  });

  it('trains at a small width: loss falls on a tiny batch, tensors stay flat', async () => {
    const data = images(8, 32, 3, 2);
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    const net = new ResNet18({ width: 4, epochs: 6, batchSize: 8, learningRate: 0.01, seed: 3 });
    await net.fit(data, { onProgress: (p) => losses.push(p.metrics!.loss!) });
    expect(losses.length).toBe(6);
    expect(losses[5]!).toBeLessThan(losses[0]!);
    const fitted = tf.memory().numTensors;
    const proba = await net.predictProba(data, { batchSize: 3 });
    expect(proba.length).toBe(16);
    for (let i = 0; i < 8; i++) expect(proba[2 * i]! + proba[2 * i + 1]!).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(fitted);
    // Inference uses the running batch-norm statistics, so it survives a save/load round trip.
    const dir = await mkdtemp(path.join(tmpdir(), 'models-resnet-'));
    try {
      await net.save(dir);
      const again = await loadClassifier(dir);
      expect(again.name).toBe('resnet18');
      expect(await again.predictProba(data)).toEqual(proba);
      again.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
