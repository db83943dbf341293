import { OptionError, classCounts, validateDataset } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { makeBlobs, makeCircles, makeMoons } from './toy-datasets';

// Frozen from scikit-learn 1.2.1 (noise-free, unshuffled, so exact):
//   make_moons(n_samples=(5, 3), shuffle=False); make_circles(n_samples=(4, 3), shuffle=False, factor=0.5)
const SK_MOONS = {
  x: [[1, 0], [0.707106781187, 0.707106781187], [0, 1], [-0.707106781187, 0.707106781187], [-1, 0], [0, 0.5], [1, -0.5], [2, 0.5]],
  y: [0, 0, 0, 0, 0, 1, 1, 1],
};
const SK_CIRCLES = {
  x: [[1, 0], [0, 1], [-1, 0], [0, -1], [0.5, 0], [-0.25, 0.433012701892], [-0.25, -0.433012701892]],
  y: [0, 0, 0, 0, 1, 1, 1],
};

function rows(x: Float32Array, d: number): number[][] {
  return Array.from({ length: x.length / d }, (_, i) => [...x.subarray(i * d, (i + 1) * d)]);
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v, `row ${i} col ${j}`).toBeCloseTo(expected[i]![j]!, 6)));
}

describe('makeMoons', () => {
  it('draws the same points as scikit-learn without noise or shuffling', () => {
    const moons = makeMoons({ nSamples: [5, 3], shuffle: false });
    expectClose(rows(moons.x, 2), SK_MOONS.x);
    expect([...moons.y]).toEqual(SK_MOONS.y);
    expect(moons.shape).toEqual([2]);
    expect(moons.features?.map((f) => f.name)).toEqual(['x1', 'x2']);
  });

  it('splits an odd total as scikit-learn does (the inner moon gets the extra row)', () => {
    expect([...classCounts(makeMoons({ nSamples: 7, seed: 0 }).y).values()]).toEqual([3, 4]);
  });

  it('shuffles rows and labels together and adds seeded noise', () => {
    const plain = makeMoons({ nSamples: [40, 10], shuffle: false });
    const a = makeMoons({ nSamples: [40, 10], noise: 0.1, seed: 3 });
    const b = makeMoons({ nSamples: [40, 10], noise: 0.1, seed: 3 });
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
    expect([...classCounts(a.y).values()]).toEqual([40, 10]);
    // Every noisy point is within a few noise widths of a point of its own class's curve.
    const clean = rows(plain.x, 2);
    rows(a.x, 2).forEach(([px, py], i) => {
      const nearest = Math.min(
        ...clean.filter((_, j) => plain.y[j] === a.y[i]).map(([qx, qy]) => Math.hypot(px! - qx!, py! - qy!)),
      );
      expect(nearest).toBeLessThan(0.6);
    });
    expect(makeMoons({ nSamples: [40, 10], noise: 0.1, seed: 4 }).x).not.toEqual(a.x);
    validateDataset(a);
  });

  it('rejects bad options with OptionError naming the value', () => {
    expect(() => makeMoons({ nSamples: [5] })).toThrow(OptionError);
    expect(() => makeMoons({ nSamples: [5] })).toThrow(/array of 2 counts/);
    expect(() => makeMoons({ nSamples: 0 })).toThrow(/nSamples must be an integer >= 1, got 0/);
    expect(() => makeMoons({ nSamples: [3, -1] })).toThrow(/nSamples\[1\]/);
    expect(() => makeMoons({ noise: -1 })).toThrow(/noise must be a finite number >= 0, got -1/);
    expect(() => makeMoons({ shuffle: 'yes' as unknown as boolean })).toThrow(/shuffle must be true or false/);
    expect(() => makeMoons({ nSample: 3 } as unknown as object)).toThrow(/no option "nSample"/);
  });
});

describe('makeCircles', () => {
  it('draws the same points as scikit-learn without noise or shuffling', () => {
    const rings = makeCircles({ nSamples: [4, 3], factor: 0.5, shuffle: false });
    expectClose(rows(rings.x, 2), SK_CIRCLES.x);
    expect([...rings.y]).toEqual(SK_CIRCLES.y);
  });

  it('keeps the factor below 1 and splits totals like scikit-learn', () => {
    expect(() => makeCircles({ factor: 1 })).toThrow(/factor must be a finite number >= 0 and < 1, got 1/);
    expect([...classCounts(makeCircles({ nSamples: 7 }).y).values()]).toEqual([3, 4]);
  });
});

describe('makeBlobs', () => {
  it('puts each class around its centre with the asked spread and counts', () => {
    const blobs = makeBlobs({ nSamples: [2000, 200], centers: [[0, 0], [5, -5]], clusterStd: [1, 0.5], seed: 7 });
    expect([...classCounts(blobs.y).values()]).toEqual([2000, 200]);
    for (const [c, centre, std] of [[0, [0, 0], 1], [1, [5, -5], 0.5]] as const) {
      const pts = rows(blobs.x, 2).filter((_, i) => blobs.y[i] === c);
      for (const j of [0, 1]) {
        const mean = pts.reduce((s, p) => s + p[j]!, 0) / pts.length;
        const sd = Math.sqrt(pts.reduce((s, p) => s + (p[j]! - mean) ** 2, 0) / pts.length);
        expect(Math.abs(mean - centre[j]!)).toBeLessThan((4 * std) / Math.sqrt(pts.length));
        expect(sd / std).toBeGreaterThan(0.85);
        expect(sd / std).toBeLessThan(1.15);
      }
    }
  });

  it('draws centres in the box, one per count, and splits totals with the remainder first', () => {
    const blobs = makeBlobs({ nSamples: 10, nFeatures: 3, centerBox: [-1, 1], clusterStd: 0, shuffle: false, seed: 1 });
    expect(blobs.shape).toEqual([3]);
    expect([...classCounts(blobs.y).values()]).toEqual([4, 3, 3]);
    for (const v of blobs.x) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(makeBlobs({ nSamples: [5, 6, 7, 8], seed: 1 }).classNames).toEqual(['0', '1', '2', '3']);
  });

  it('rejects inconsistent centres, spreads and boxes', () => {
    expect(() => makeBlobs({ centers: [[0, 0], [1]] })).toThrow(/centers\[1\] must be an array of 2 numbers/);
    expect(() => makeBlobs({ nSamples: [1, 2, 3], centers: [[0, 0], [1, 1]] })).toThrow(/array of 2 counts/);
    expect(() => makeBlobs({ centers: 2, clusterStd: [1, 2, 3] })).toThrow(/one per centre/);
    expect(() => makeBlobs({ centerBox: [1, 1] })).toThrow(/low < high/);
    expect(() => makeBlobs({ centers: [[0, 0]], nFeatures: 3 })).toThrow(/nFeatures is 3/);
  });
});
