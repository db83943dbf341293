import { Rng } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { drawPairs, fillPairRows } from './pairs';

describe('drawPairs', () => {
  it("'random' pairing never pairs a row with itself and reaches every other row", () => {
    const pairs = drawPairs({ pairing: 'random', n: 4, k: 0 }, 2000, 'uniform', new Rng(1));
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      expect(pairs.second[i]).not.toBe(pairs.first[i]);
      seen.add(`${pairs.first[i]}-${pairs.second[i]}`);
    }
    expect(seen.size).toBe(12);
  });

  it("'knn' pairing takes the second row from the first's neighbours", () => {
    const neighbors = new Int32Array([1, 2, 0, 2, 1, 0]); // 3 rows, k = 2
    const pairs = drawPairs({ pairing: 'knn', n: 3, k: 2, neighbors }, 500, 'uniform', new Rng(2));
    for (let i = 0; i < 500; i++) {
      const a = pairs.first[i]!;
      expect([neighbors[2 * a], neighbors[2 * a + 1]]).toContain(pairs.second[i]);
    }
  });

  it("gives u = 1/2 for 'midpoint' and u in [0, 1) spread out for 'uniform'", () => {
    const mid = drawPairs({ pairing: 'random', n: 5, k: 0 }, 100, 'midpoint', new Rng(3));
    expect(mid.u.every((u) => u === 0.5)).toBe(true);
    const uni = drawPairs({ pairing: 'random', n: 5, k: 0 }, 1000, 'uniform', new Rng(3));
    expect(uni.u.every((u) => u >= 0 && u < 1)).toBe(true);
    const mean = uni.u.reduce((a, b) => a + b, 0) / 1000;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it('draws the same pairs from the same stream', () => {
    const a = drawPairs({ pairing: 'random', n: 9, k: 0 }, 50, 'uniform', new Rng(4));
    const b = drawPairs({ pairing: 'random', n: 9, k: 0 }, 50, 'uniform', new Rng(4));
    expect([...a.first, ...a.second, ...a.u]).toEqual([...b.first, ...b.second, ...b.u]);
  });
});

describe('fillPairRows', () => {
  it('writes [a, b] inputs and a + u (b - a) targets for a range of pairs', () => {
    const z = new Float32Array([0, 0, 2, 4, 10, 20]); // 3 rows of 2 columns
    const pairs = { first: new Int32Array([0, 1]), second: new Int32Array([2, 0]), u: new Float32Array([0.5, 0.25]) };
    const input = new Float32Array(4);
    const target = new Float32Array(2);
    fillPairRows(z, 2, pairs, 1, 2, input, target);
    expect([...input]).toEqual([2, 4, 0, 0]);
    expect([...target]).toEqual([1.5, 3]);
  });
});
