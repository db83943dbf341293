import { OptionError, Rng, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { smotePairs, smoteRows } from './smote-rows';
import { naiveNeighbors, row } from './test-support';

describe('smoteRows / smotePairs', () => {
  const rng = new Rng(4);
  const d = 3;
  const x = Float32Array.from({ length: 30 * d }, () => rng.normal());

  it('draws base rows, neighbours among their k nearest and gaps in [0, 1)', () => {
    const k = 4;
    const pairs = smotePairs(x, d, 500, { kNeighbors: k, rng: new Rng(1) });
    const nns = naiveNeighbors(x, d, k);
    const bases = new Set<number>();
    for (let s = 0; s < 500; s++) {
      const b = pairs.base[s]!;
      bases.add(b);
      expect([...nns.subarray(b * k, b * k + k)]).toContain(pairs.neighbor[s]);
      expect(pairs.gap[s]).toBeGreaterThanOrEqual(0);
      expect(pairs.gap[s]).toBeLessThan(1);
    }
    expect(bases.size).toBe(30);
  });

  it('interpolates exactly the pairs smotePairs draws for the same rng', () => {
    const pairs = smotePairs(x, d, 50, { kNeighbors: 5, rng: new Rng(2) });
    const rows = smoteRows(x, d, 50, { kNeighbors: 5, rng: new Rng(2) });
    expect(rows.length).toBe(50 * d);
    for (let s = 0; s < 50; s++) {
      const a = row(x, d, pairs.base[s]!);
      const b = row(x, d, pairs.neighbor[s]!);
      for (let j = 0; j < d; j++) expect(rows[s * d + j]).toBeCloseTo(a[j]! + pairs.gap[s]! * (b[j]! - a[j]!), 6);
    }
    expect(x).toEqual(Float32Array.from(x));
  });

  it('rejects too few rows, bad k and a bad count', () => {
    expect(() => smoteRows(x.subarray(0, 3 * d), d, 5, { kNeighbors: 3, rng })).toThrow(SamplerInputError);
    expect(() => smoteRows(x.subarray(0, 3 * d), d, 5, { kNeighbors: 3, rng })).toThrow(/3 rows are too few for kNeighbors = 3/);
    expect(() => smoteRows(x, d, 5, { kNeighbors: 0, rng })).toThrow(OptionError);
    expect(() => smoteRows(x, d, -1, { kNeighbors: 2, rng })).toThrow(OptionError);
    expect(() => smoteRows(x, 7, 1, { kNeighbors: 2, rng })).toThrow(/not a multiple of d = 7/);
  });

  it('refuses a count whose rows no typed array can hold, stating the limit (issue #14.9)', () => {
    expect(() => smoteRows(x, d, 1e12, { kNeighbors: 2, rng })).toThrow(OptionError);
    expect(() => smoteRows(x, d, 1e12, { kNeighbors: 2, rng })).toThrow(/smotePairs: nNew = 1000000000000 would hold .* the limit is \d+ rows/);
  });
});
