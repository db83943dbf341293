import type { Rng } from '@oversample/core';
import type { Gap, Pairing } from './options';

/** Where the rows of a pair come from: one class's `n` rows and, for k-NN pairing, their neighbours. */
export interface PairSource {
  readonly pairing: Pairing;
  /** Rows of the class. */
  readonly n: number;
  /** Row-major `n x k` neighbour indices (into the class's rows) for `pairing: 'knn'`. */
  readonly neighbors?: Int32Array;
  /** Neighbours per row in `neighbors`. */
  readonly k: number;
}

/** `count` pairs `(first[i], second[i])` of row indices and the gap `u[i]` of each target. */
export interface Pairs {
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly u: Float32Array;
}

/**
 * Draws `count` pairs as SMOTE does: a first row uniformly with replacement, then a second row
 * (one of its k nearest neighbours uniformly, or any other row of the class uniformly), then the gap.
 * The draws per pair come in that order from `rng`, so the same stream gives the same pairs.
 */
export function drawPairs(source: PairSource, count: number, gap: Gap, rng: Rng): Pairs {
  const first = new Int32Array(count);
  const second = new Int32Array(count);
  const u = new Float32Array(count);
  const { n, k, neighbors } = source;
  for (let i = 0; i < count; i++) {
    const a = rng.int(n);
    let b: number;
    if (source.pairing === 'knn') {
      b = neighbors![a * k + rng.int(k)]!;
    } else {
      // Any row but `a` itself, uniformly: draw from n - 1 and skip over `a`.
      b = rng.int(n - 1);
      if (b >= a) b++;
    }
    first[i] = a;
    second[i] = b;
    u[i] = gap === 'midpoint' ? 0.5 : rng.uniform();
  }
  return { first, second, u };
}

/**
 * Fills network inputs (`[a, b]`, 2d values per pair) and targets (`a + u (b - a)`, d values)
 * for pairs `from..to-1` from the (scaled) class rows `z`. Writes into the given buffers from
 * their start, so one pair of buffers serves every batch.
 */
export function fillPairRows(
  z: Float32Array,
  d: number,
  pairs: Pairs,
  from: number,
  to: number,
  input: Float32Array,
  target?: Float32Array,
): void {
  for (let i = from; i < to; i++) {
    const a = pairs.first[i]! * d;
    const b = pairs.second[i]! * d;
    const u = pairs.u[i]!;
    const r = i - from;
    const inOff = r * 2 * d;
    input.set(z.subarray(a, a + d), inOff);
    input.set(z.subarray(b, b + d), inOff + d);
    if (target) {
      const tOff = r * d;
      for (let j = 0; j < d; j++) {
        const va = z[a + j]!;
        target[tOff + j] = va + u * (z[b + j]! - va);
      }
    }
  }
}
