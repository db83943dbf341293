import { SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { checkFinite, columnStats, standardise, unstandardise } from './standardization';

describe('columnStats', () => {
  it('stays finite for features near 2e19, where float32 sums of squares overflow (#14.4)', () => {
    const x = Float32Array.from([1e19, 1, 3e19, 2, 2e19, 3, -2e19, 4]);
    const s = columnStats(x, 2);
    expect(Number.isFinite(s.std[0]!)).toBe(true);
    expect(s.mean[0]! / 1e19).toBeCloseTo(1, 5);
    expect(s.std[0]! / 1.8708e19).toBeCloseTo(1, 3);
    const back = unstandardise(standardise(x, s), s);
    for (let i = 0; i < x.length; i++) expect(back[i]! / x[i]!).toBeCloseTo(1, 5);
  });

  it('gives a constant column std 1', () => {
    expect([...columnStats(Float32Array.from([5, 5, 5]), 1).std]).toEqual([1]);
  });

  it('checkFinite names the first bad value', () => {
    expect(() => checkFinite(Float32Array.from([1, 2, 3, Infinity]), 2, 'ctx')).toThrow(SamplerInputError);
    expect(() => checkFinite(Float32Array.from([1, 2, NaN, 4]), 2, 'ctx')).toThrow(/ctx: row 1, feature 0 is NaN/);
  });
});
