import { OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { accuracyScore, balancedAccuracyScore } from './accuracy';

describe('accuracyScore', () => {
  it('gives the fraction or count of right predictions', () => {
    expect(accuracyScore([0, 2, 1, 3], [0, 1, 2, 3])).toBe(0.5);
    expect(accuracyScore(Int32Array.from([0, 2, 1, 3]), [0, 1, 2, 3], { normalize: false })).toBe(2);
  });

  it('rejects mismatched lengths and bad options', () => {
    expect(() => accuracyScore([0, 1, 2], [0, 1])).toThrow(SamplerInputError);
    expect(() => accuracyScore([0], [0], { normalize: 'yes' as unknown as boolean })).toThrow(OptionError);
  });
});

describe('balancedAccuracyScore', () => {
  it('is the mean recall of the classes in yTrue (scikit-learn docs example)', () => {
    expect(balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])).toBeCloseTo(0.625, 15);
  });

  it('leaves out classes seen only in predictions, as scikit-learn', () => {
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 2, 1, 1])).toBeCloseTo((0.5 + 1) / 2, 15);
  });

  it('rescales chance to 0 with adjusted', () => {
    // Recalls 1/2 and 1/2 over 2 classes: exactly chance.
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 1, 0, 1], { adjusted: true })).toBe(0);
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 0, 1, 1], { adjusted: true })).toBe(1);
    expect(() => balancedAccuracyScore([3, 3], [3, 3], { adjusted: true })).toThrow(/at least 2 classes in yTrue, got only class 3/);
  });
});
