import { OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { averagePrecisionScore } from './average-precision';
import { expectClose } from './test-helpers';

describe('averagePrecisionScore', () => {
  it('matches the scikit-learn docs example', () => {
    expectClose(averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.8333333333333333, 'docs');
  });

  it('is a step sum over distinct thresholds, tied samples entering together', () => {
    // Thresholds 0.9 (1 tp), 0.6 (2 tp, 1 fp), 0.1 (2 tp, 2 fp): 0.5 * 1 + 0.5 * 2/3.
    expectClose(averagePrecisionScore([1, 0, 1, 0], [0.9, 0.6, 0.6, 0.1]), 0.5 + 1 / 3, 'ties');
    expectClose(averagePrecisionScore(Int32Array.from([0, 1, 0, 1]), Float32Array.from([0.5, 0.5, 0.5, 0.5])), 0.5, 'all tied');
  });

  it('scores posLabel', () => {
    expectClose(averagePrecisionScore([5, 5, 2, 2], [0.9, 0.6, 0.35, 0.2], { posLabel: 5 }), 1, 'posLabel 5');
    expect(() => averagePrecisionScore([5, 5, 2, 2], [0.9, 0.6, 0.35, 0.2])).toThrow(/posLabel 1 is not a class of yTrue; it should be one of \[2, 5\]/);
  });

  it('refuses no positives, more than two classes and mismatched lengths', () => {
    expect(() => averagePrecisionScore([0, 0], [0.1, 0.2])).toThrow(/no sample of posLabel 1 \(only class 0\)/);
    expect(() => averagePrecisionScore([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(SamplerInputError);
    expect(() => averagePrecisionScore([0, 1], [0.1])).toThrow(SamplerInputError);
    expect(() => averagePrecisionScore([0, 1], [0.1, 0.2], { posLabel: 0.5 })).toThrow(OptionError);
  });
});
