import { Rng } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { aggregateRow, CROSS_CLASS_STEP } from './aggregation';
import { buildNeighborhood, withCrossNeighbors } from './neighborhood';

// One feature: class 1 sits at 0, 1 and 10; class 0 at 0.4, 9 and 20 (pool order below).
const pool = Float32Array.from([0, 0.4, 1, 9, 10, 20]);
const labels = [1, 0, 1, 0, 1, 0];
const classRows = [0, 2, 4];

describe('withCrossNeighbors', () => {
  const own = buildNeighborhood(1, Float32Array.from(classRows.map((i) => pool[i]!)), 1, 2);
  const nb = withCrossNeighbors(own, pool, labels, classRows);

  it('finds each row its nearest rows of any class, itself excluded, and marks the other-class ones', () => {
    expect([...own.nn]).toEqual([1, 2, 0, 2, 1, 0]);
    // Row 0 (at 0): 0.4 (class 0), then 1 (class 1); row 1 (at 1): 0.4, then 0; row 2 (at 10): 9, then 1.
    expect([...nb.cross!.nn]).toEqual([1, 2, 1, 0, 3, 2]);
    expect([...nb.cross!.other]).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('steps at most half way towards a row of another class, the whole gap towards its own', () => {
    const out = new Float32Array(1);
    // k = 1: the nearest neighbour, 0.4 of class 0, approached with gap 0.8 * 0.5.
    aggregateRow(nb, 0, 'interpolate', 1, 0.8, new Rng(1), out, 0, 'all');
    expect(out[0]).toBeCloseTo(0.8 * CROSS_CLASS_STEP * 0.4, 6);
    // SMOTE's pool: its nearest own-class row, 1, with the whole gap.
    aggregateRow(nb, 0, 'interpolate', 1, 0.8, new Rng(1), out, 0, 'class');
    expect(out[0]).toBeCloseTo(0.8, 6);
    // A centroid over a mixed neighbourhood (0.4 and 1): mean of 0, 0.4, 1, half the gap.
    aggregateRow(nb, 0, 'centroid', 2, 1, new Rng(1), out, 0, 'all');
    expect(out[0]).toBeCloseTo(CROSS_CLASS_STEP * (1.4 / 3), 6);
  });
});
