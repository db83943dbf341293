import { OptionError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { balancedAccuracyScore } from './accuracy';
import { geometricMeanScore } from './geometric-mean';
import { expectClose } from './test-helpers';

// imbalanced-learn's docs example.
const yTrue = [0, 1, 2, 0, 1, 2];
const yPred = [0, 2, 1, 0, 0, 1];

describe('geometricMeanScore', () => {
  it('matches the imbalanced-learn docs', () => {
    expect(geometricMeanScore(yTrue, yPred)).toBe(0);
    expectClose(geometricMeanScore(yTrue, yPred, { correction: 0.001 }), 0.010000000000000004, 'correction');
    expectClose(geometricMeanScore(yTrue, yPred, { average: 'macro' }), 0.47140452079103168, 'macro');
    expectClose(geometricMeanScore(yTrue, yPred, { average: 'micro' }), 0.47140452079103168, 'micro');
    expectClose(geometricMeanScore(yTrue, yPred, { average: 'weighted' }), 0.47140452079103168, 'weighted');
    expectClose(geometricMeanScore(yTrue, yPred, { average: 'none' }), [Math.sqrt(0.75), 0, 0], 'none');
  });

  it("'multiclass' is the geometric mean of recalls and 'binary' uses posLabel", () => {
    const t = [0, 0, 0, 0, 1, 1];
    const p = [0, 0, 0, 1, 1, 0];
    expectClose(geometricMeanScore(t, p), Math.sqrt(0.75 * 0.5), 'multiclass');
    expectClose(geometricMeanScore(t, p, { average: 'binary' }), Math.sqrt(0.5 * 0.75), 'binary');
    expect(() => geometricMeanScore(yTrue, yPred, { average: 'binary' })).toThrow(OptionError);
  });

  it("'macro' is sqrt(mean sensitivity * mean specificity), never below ACSA", () => {
    const t = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    const p = [0, 1, 0, 1, 2, 2, 2, 0, 2];
    const gm = geometricMeanScore(t, p, { average: 'macro' });
    expect(gm).toBeGreaterThanOrEqual(balancedAccuracyScore(t, p));
    expect(geometricMeanScore(t, p)).toBeLessThanOrEqual(balancedAccuracyScore(t, p));
  });

  it('counts a listed class with no sample as recall 0 (then correction)', () => {
    expect(geometricMeanScore([0, 1], [0, 1], { labels: [0, 1, 2] })).toBe(0);
    expectClose(geometricMeanScore([0, 1], [0, 1], { labels: [0, 1, 2], correction: 0.125 }), 0.5, 'corrected');
  });

  it('rejects a correction outside 0..1 and unknown averages', () => {
    expect(() => geometricMeanScore(yTrue, yPred, { correction: 2 })).toThrow(/correction must be a finite number >= 0 and <= 1, got 2/);
    expect(() => geometricMeanScore(yTrue, yPred, { average: 'samples' as 'macro' })).toThrow(/average must be one of/);
  });
});
