import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { OptionError, Rng, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import type { KernelChoice } from './gram-kernel';
import { kNearestNeighbors, searchNeighbors } from './knn';
import type { KNearestNeighborsOptions } from './search-problem';
import { TREE_MAX_COLUMNS, TREE_MIN_ROWS } from './choose-algorithm';

interface KnnCase {
  n: number;
  d: number;
  k: number;
  X: number[][];
  indices: number[][];
  distances: number[][];
}

// scikit-learn's answers, frozen as a fixture (src/fixtures/README.md says how they were made).
const reference = JSON.parse(
  gunzipSync(readFileSync(new URL('./fixtures/knn-vectors.json.gz', import.meta.url))).toString('utf8'),
) as { cases: KnnCase[] };

/** Plain O(n^2 d) search keeping the k best by (distance, index): the oracle for random inputs. */
function naive(x: Float32Array, q: Float32Array, d: number, k: number, excludeSelf: boolean): { idx: number[]; dist: number[] } {
  const n = x.length / d;
  const m = q.length / d;
  const idx: number[] = [];
  const dist: number[] = [];
  const bs = new Float64Array(k);
  const bi = new Int32Array(k);
  for (let i = 0; i < m; i++) {
    bs.fill(Infinity);
    bi.fill(0x7fffffff);
    for (let c = 0; c < n; c++) {
      if (excludeSelf && c === i) continue;
      let s = 0;
      for (let j = 0; j < d; j++) s += (q[i * d + j]! - x[c * d + j]!) ** 2;
      if (s > bs[k - 1]! || (s === bs[k - 1] && c > bi[k - 1]!)) continue;
      let p = k - 1;
      while (p > 0 && (bs[p - 1]! > s || (bs[p - 1] === s && bi[p - 1]! > c))) {
        bs[p] = bs[p - 1]!;
        bi[p] = bi[p - 1]!;
        p--;
      }
      bs[p] = s;
      bi[p] = c;
    }
    for (let r = 0; r < k; r++) {
      idx.push(bi[r]!);
      dist.push(Math.sqrt(bs[r]!));
    }
  }
  return { idx, dist };
}

/** Largest absolute difference between two lists of distances. */
function maxDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  return worst;
}

/** Every way to search: the tree, brute force with each kernel, and the automatic choice. */
const WAYS: [string, KNearestNeighborsOptions, KernelChoice][] = [
  ['kd-tree', { algorithm: 'kd-tree' }, 'auto'],
  ['brute, auto kernel', { algorithm: 'brute' }, 'auto'],
  ['brute, js kernel', { algorithm: 'brute' }, 'js'],
  ['brute, wasm kernel', { algorithm: 'brute' }, 'wasm'],
  ['brute, wasm32 kernel', { algorithm: 'brute' }, 'wasm32'],
  ['auto', {}, 'auto'],
];

describe('kNearestNeighbors', () => {
  describe.each(WAYS)('%s', (_name, algo, kernel) => {
    it.each(reference.cases.map((c, i) => [i, c] as const))('agrees with scikit-learn on reference case %i', (_i, c) => {
      const x = Float32Array.from(c.X.flat());
      const { indices, distances } = searchNeighbors(x, c.d, c.k, algo, kernel);
      expect(indices.length).toBe(c.n * c.k);
      expect([...indices]).toEqual(c.indices.flat());
      // The file stores distances rounded to 5 decimals, so small ones carry up to 5e-6 of rounding.
      const want = c.distances.flat();
      for (let i = 0; i < want.length; i++) {
        expect(Math.abs(distances[i]! - want[i]!)).toBeLessThanOrEqual(Math.max(1e-4 * Math.abs(want[i]!), 5.0001e-6));
      }
    });

    it('matches a naive search on random data of many shapes, self and with queries', () => {
      const rng = new Rng(3);
      for (const [n, m, d, k] of [
        [7, 5, 1, 3],
        [50, 13, 3, 5],
        [130, 70, 17, 4],
        [301, 9, 784, 6],
        [260, 260, 5, 10],
        [97, 31, 40, 3],
        [700, 40, 2, 6],
        [400, 50, 12, 5],
      ] as const) {
        const sparse = d > 10;
        const draw = (): number => (sparse && rng.uniform() < 0.7 ? 0 : rng.normal() * 3 + 10);
        const x = Float32Array.from({ length: n * d }, draw);
        const q = Float32Array.from({ length: m * d }, draw);
        const selfRes = searchNeighbors(x, d, k, algo, kernel);
        const selfWant = naive(x, x, d, k, true);
        expect([...selfRes.indices]).toEqual(selfWant.idx);
        expect(maxDiff(selfRes.distances, selfWant.dist)).toBeLessThan(5e-5);
        const qRes = searchNeighbors(x, d, k, { ...algo, queries: q }, kernel);
        const qWant = naive(x, q, d, k, false);
        expect([...qRes.indices]).toEqual(qWant.idx);
        expect(maxDiff(qRes.distances, qWant.dist)).toBeLessThan(5e-5);
      }
    });

    it('breaks exact ties by the lower index on lattice data, duplicates included', () => {
      // Rows on a small integer lattice: most distances tie with many others, and rows repeat.
      const rng = new Rng(21);
      for (const d of [1, 2, 3, 6]) {
        const x = Float32Array.from({ length: 600 * d }, () => rng.int(4));
        const res = searchNeighbors(x, d, 7, algo, kernel);
        expect([...res.indices], `d = ${d}`).toEqual(naive(x, x, d, 7, true).idx);
        const q = Float32Array.from({ length: 30 * d }, () => rng.int(6) - 1);
        const withQ = searchNeighbors(x, d, 9, { ...algo, queries: q, excludeSelf: false }, kernel);
        expect([...withQ.indices], `d = ${d}, queries`).toEqual(naive(x, q, d, 9, false).idx);
      }
    });
  });

  it('gives the exact answer from float32 tiles even with many exact ties (rescans them)', () => {
    // Integer lattice rows in 24 dimensions: lots of equal distances at the k-th place.
    const rng = new Rng(8);
    const n = 150;
    const d = 24;
    const x = Float32Array.from({ length: n * d }, () => rng.int(3));
    for (const kernel of ['wasm32', 'wasm', 'js'] as KernelChoice[]) {
      const res = searchNeighbors(x, d, 6, {}, kernel);
      const want = naive(x, x, d, 6, true);
      expect([...res.indices], kernel).toEqual(want.idx);
      want.dist.forEach((v, i) => expect(res.distances[i]).toBeCloseTo(v, 5));
    }
    // A few queries with more tied candidates than spares: those are rescanned one by one.
    const y = Float32Array.from({ length: 200 * d }, () => rng.normal());
    for (let r = 101; r < 106; r++) y.copyWithin(r * d, 100 * d, 101 * d);
    const tied = searchNeighbors(y, d, 1, {}, 'wasm32');
    expect([...tied.indices]).toEqual(naive(y, y, d, 1, true).idx);
    expect([...tied.indices.subarray(100, 106)]).toEqual([101, 100, 100, 100, 100, 100]);
    expect([...tied.distances]).toEqual([...searchNeighbors(y, d, 1, {}, 'wasm').distances]);
    // Large offsets: float32 sums lose many digits, the verified answer must not.
    const far = Float32Array.from({ length: 120 * 32 }, () => 1000 + rng.normal());
    const got = searchNeighbors(far, 32, 4, {}, 'wasm32');
    expect([...got.indices]).toEqual(naive(far, far, 32, 4, true).idx);
    expect([...got.indices]).toEqual([...searchNeighbors(far, 32, 4, {}, 'wasm').indices]);
    expect([...got.distances]).toEqual([...searchNeighbors(far, 32, 4, {}, 'wasm').distances]);
  });

  it('gives the same answer when a common background is shifted to zero', () => {
    // Image-like rows: background -1, a few "ink" values; some columns hold values that do not
    // shift exactly in float32 (1e-8 - (-1) rounds), so those columns must stay as they are.
    const rng = new Rng(12);
    const n = 90;
    const d = 64;
    const x = Float32Array.from({ length: n * d }, (_, i) =>
      rng.uniform() < 0.8 ? -1 : i % d === 5 ? 1e-8 : rng.int(16) / 8 - 1 + 1 / 16,
    );
    const q = x.slice(0, 10 * d).map((v) => (v === -1 ? -1 : v / 2));
    for (const kernel of ['auto', 'wasm', 'wasm32', 'js'] as KernelChoice[]) {
      const res = searchNeighbors(x, d, 5, {}, kernel);
      expect([...res.indices], kernel).toEqual(naive(x, x, d, 5, true).idx);
      const withQ = searchNeighbors(x, d, 4, { queries: q }, kernel);
      const want = naive(x, q, d, 4, false);
      expect([...withQ.indices], kernel).toEqual(want.idx);
      want.dist.forEach((v, i) => expect(withQ.distances[i]).toBeCloseTo(v, 5));
    }
  });

  it('breaks ties by the lower index, duplicates included', () => {
    // Points on an integer lattice: many exactly equal distances.
    const x = new Float32Array([0, 0, 1, 0, 0, 1, -1, 0, 0, -1, 1, 1, 0, 0, 2, 2]);
    const { indices, distances } = kNearestNeighbors(x, 2, 4);
    // Row 0 = (0,0): its duplicate row 6 at distance 0, then rows 1..4 at distance 1 (lowest three).
    expect([...indices.subarray(0, 4)]).toEqual([6, 1, 2, 3]);
    expect([...distances.subarray(0, 4)]).toEqual([0, 1, 1, 1]);
    const naiveRes = naive(x, x, 2, 4, true);
    expect([...indices]).toEqual(naiveRes.idx);
  });

  it('gives accurate small distances between large, nearly equal rows', () => {
    // ||a||^2 + ||b||^2 - 2ab cancels almost everything here; the recomputed distance does not.
    const d = 64;
    const x = new Float32Array(3 * d).fill(1000);
    x[d] = 1000.0625;
    x[2 * d + 5] = 1001;
    const { indices, distances } = kNearestNeighbors(x, d, 2);
    expect([...indices.subarray(0, 2)]).toEqual([1, 2]);
    expect(distances[0]).toBe(0.0625);
    expect(distances[1]).toBe(1);
  });

  it('includes the query row itself when excludeSelf is false', () => {
    const x = new Float32Array([0, 5, 1]);
    const { indices } = kNearestNeighbors(x, 1, 2, { queries: x });
    expect([...indices]).toEqual([0, 2, 1, 2, 2, 0]);
    const same = kNearestNeighbors(x, 1, 1, { queries: x, excludeSelf: true });
    expect([...same.indices]).toEqual([2, 2, 0]);
  });

  it('does not modify its inputs', () => {
    const x = new Float32Array([3, 1, 4, 1, 5, 9, 2, 6]);
    const q = new Float32Array([2, 7]);
    const xc = x.slice();
    const qc = q.slice();
    kNearestNeighbors(x, 2, 2);
    kNearestNeighbors(x, 2, 3, { queries: q });
    expect(x).toEqual(xc);
    expect(q).toEqual(qc);
  });

  it('rejects bad k, d, sizes, NaN and options with clear errors', () => {
    const x = new Float32Array([0, 1, 2, 3, 4, 5]);
    expect(() => kNearestNeighbors(x, 2, 0)).toThrow(OptionError);
    expect(() => kNearestNeighbors(x, 2, 1.5)).toThrow(/k must be an integer >= 1, got 1.5/);
    expect(() => kNearestNeighbors(x, 2, 3)).toThrow(SamplerInputError);
    expect(() => kNearestNeighbors(x, 2, 3)).toThrow(/k = 3 neighbours need at least 4 rows, got 3/);
    expect(kNearestNeighbors(x, 2, 3, { queries: new Float32Array([0, 0]) }).indices.length).toBe(3);
    expect(() => kNearestNeighbors(x, 2, 4, { queries: new Float32Array([0, 0]) })).toThrow(SamplerInputError);
    expect(() => kNearestNeighbors(x, 4, 1)).toThrow(/6 values, which is not a multiple of d = 4/);
    expect(() => kNearestNeighbors(x, 0, 1)).toThrow(OptionError);
    expect(() => kNearestNeighbors(x, 2, 1, { queries: new Float32Array([1, 2, 3]) })).toThrow(/queries has 3 values/);
    expect(() => kNearestNeighbors(new Float32Array([0, Number.NaN, 1, 2]), 2, 1)).toThrow(/row 0, column 1 is NaN/);
    expect(() => kNearestNeighbors(x, 2, 1, { queries: new Float32Array([Number.NaN, 0]) })).toThrow(SamplerInputError);
    expect(() => kNearestNeighbors(x, 2, 1, { queries: new Float32Array([0, 0]), excludeSelf: true })).toThrow(OptionError);
    expect(() => kNearestNeighbors(x, 2, 1, { querys: x } as never)).toThrow(/no option "querys"/);
    expect(() => kNearestNeighbors([0, 1] as unknown as Float32Array, 1, 1)).toThrow(/must be a Float32Array/);
    expect(() => kNearestNeighbors(x, 2, 1, { algorithm: 'ball-tree' as never })).toThrow(OptionError);
    expect(() => kNearestNeighbors(x, 2, 1, { algorithm: 'ball-tree' as never })).toThrow(/algorithm must be 'auto', 'kd-tree' or 'brute', got "ball-tree"/);
    // The synchronous search has no threads or signal: naming them is a mistake, not a no-op.
    expect(() => kNearestNeighbors(x, 2, 1, { threads: 2 } as never)).toThrow(/no option "threads"/);
  });

  it("chooses as scikit-learn's 'auto' does, measuring the tree: the tree where it prunes, else brute force", () => {
    const rng = new Rng(5);
    const gaussian = (n: number, d: number): Float32Array => Float32Array.from({ length: n * d }, () => rng.normal());
    // Rows near a plane embedded in d columns: the tree prunes as in 2 dimensions.
    const surface = (n: number, d: number): Float32Array => {
      const w = Array.from({ length: 2 * d }, () => rng.normal());
      const x = new Float32Array(n * d);
      for (let i = 0; i < n; i++) {
        const a = rng.normal();
        const b = rng.normal();
        for (let j = 0; j < d; j++) x[i * d + j] = a * w[j]! + b * w[d + j]! + 0.05 * rng.normal();
      }
      return x;
    };
    expect(kNearestNeighbors(gaussian(3000, 2), 2, 5).algorithm).toBe('kd-tree');
    expect(kNearestNeighbors(surface(3000, TREE_MAX_COLUMNS), TREE_MAX_COLUMNS, 5).algorithm).toBe('kd-tree');
    // Independent columns: past ~8 the tree compares most rows anyway.
    expect(kNearestNeighbors(gaussian(3000, 12), 12, 5).algorithm).toBe('brute');
    expect(kNearestNeighbors(surface(3000, TREE_MAX_COLUMNS + 1), TREE_MAX_COLUMNS + 1, 5).algorithm).toBe('brute');
    expect(kNearestNeighbors(gaussian(TREE_MIN_ROWS - 1, 2), 2, 5).algorithm).toBe('brute');
    // k at least half the rows: nearly everything is a neighbour, nothing to prune.
    expect(kNearestNeighbors(gaussian(600, 2), 2, 300).algorithm).toBe('brute');
    expect(kNearestNeighbors(gaussian(600, 2), 2, 5, { algorithm: 'brute' }).algorithm).toBe('brute');
    expect(kNearestNeighbors(gaussian(20, 30), 30, 5, { algorithm: 'kd-tree' }).algorithm).toBe('kd-tree');
    const q = gaussian(50, 2);
    expect(kNearestNeighbors(gaussian(3000, 2), 2, 5, { queries: q }).algorithm).toBe('kd-tree');
  });
});
