import { SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { matthewsCorrcoef } from './mcc';

describe('matthewsCorrcoef', () => {
  it('matches the scikit-learn docs example', () => {
    expect(matthewsCorrcoef([1, 1, 1, -1], [1, -1, 1, 1])).toBeCloseTo(-1 / 3, 15);
  });

  it('is 1 for perfect predictions, -1 for swapped binary ones, 0 for a constant prediction', () => {
    expect(matthewsCorrcoef([0, 1, 2, 2], [0, 1, 2, 2])).toBe(1);
    expect(matthewsCorrcoef([0, 0, 1, 1], [1, 1, 0, 0])).toBe(-1);
    expect(matthewsCorrcoef([0, 0, 1, 1], [1, 1, 1, 1])).toBe(0);
  });

  it('rejects mismatched lengths', () => {
    expect(() => matthewsCorrcoef([0, 1], [0, 1, 1])).toThrow(SamplerInputError);
  });
});
