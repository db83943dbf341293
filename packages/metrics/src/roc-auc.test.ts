import { OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { rocAucScore } from './roc-auc';
import { expectClose } from './test-helpers';

describe('rocAucScore, binary', () => {
  it('matches the scikit-learn docs example', () => {
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(rocAucScore(Int32Array.from([0, 0, 1, 1]), Float32Array.from([0.1, 0.4, 0.35, 0.8]))).toBe(0.75);
  });

  it('counts tied positive/negative pairs half, whatever their order', () => {
    expect(rocAucScore([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // One tie between a positive and a negative, the other pairs won: (3 + 0.5) / 4.
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.6, 0.6, 0.9])).toBe(0.875);
    expect(rocAucScore([1, 0, 0, 1], [0.6, 0.1, 0.6, 0.9])).toBe(0.875);
  });

  it('takes the greater label as positive, and column 1 of an n x 2 matrix', () => {
    expect(rocAucScore([3, 3, 7, 7], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(rocAucScore([0, 0, 1, 1], [[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])).toBe(0.75);
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { average: 'none' })).toEqual([0.75]);
  });

  it('refuses one class, scores of the wrong length and non-finite scores', () => {
    expect(() => rocAucScore([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(SamplerInputError);
    expect(() => rocAucScore([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(/only one class is present in yTrue \(class 1\)/);
    expect(() => rocAucScore([0, 1, 1], [0.1, 0.2])).toThrow(/yScore has 2 values but yTrue has 3 labels; give 3 scores/);
    expect(() => rocAucScore([0, 1], [0.1, Number.NaN])).toThrow(/yScore\[1\] is NaN; scores must be finite/);
    expect(() => rocAucScore([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(/yTrue holds 3 classes \[0, 1, 2\] but yScore has one score per sample/);
    expect(() => rocAucScore([0, 1], [0.1, 0.2], { labels: [0, 1] })).toThrow(OptionError);
  });
});

describe('rocAucScore, multi-class one-vs-rest', () => {
  const yTrue = [0, 1, 2, 2, 1, 0];
  const yScore = [
    [0.7, 0.2, 0.1],
    [0.3, 0.4, 0.3],
    [0.1, 0.3, 0.6],
    [0.2, 0.5, 0.3],
    [0.1, 0.8, 0.1],
    [0.4, 0.4, 0.2],
  ];
  // Per class, by counting pairs: class 0 wins all 8 pairs; class 1: 0.4 and 0.8 vs 0.2, 0.3, 0.5, 0.4
  // -> (0.4: 2 wins + 1 tie, 0.8: 4 wins) = 6.5 / 8; class 2: 0.6 wins 4, 0.3 beats 0.1, 0.1, 0.2 and ties 0.3 = 7.5 / 8.
  const perClass = [1, 6.5 / 8, 7.5 / 8];

  it('averages per-class AUCs (macro, weighted), or pools them (micro)', () => {
    expectClose(rocAucScore(yTrue, yScore, { average: 'none' }), perClass, 'none');
    expectClose(rocAucScore(yTrue, yScore), (1 + 6.5 / 8 + 7.5 / 8) / 3, 'macro');
    expectClose(rocAucScore(yTrue, yScore, { average: 'weighted' }), (2 * 1 + 2 * (6.5 / 8) + 2 * (7.5 / 8)) / 6, 'weighted');
    const micro = rocAucScore(yTrue, yScore, { average: 'micro' });
    expect(micro).toBeGreaterThan(0.5);
    expect(micro).toBeLessThanOrEqual(1);
  });

  it('reads a flat row-major array with nClasses', () => {
    const flat = Float64Array.from(yScore.flat());
    expectClose(rocAucScore(yTrue, flat, { nClasses: 3, average: 'none' }), perClass, 'flat');
    expect(() => rocAucScore(yTrue, flat, { nClasses: 4 })).toThrow(/yScore has 18 values but yTrue has 6 labels; give 6 x 4 = 24 values/);
    expect(() => rocAucScore(yTrue, yScore, { nClasses: 4 })).toThrow(/nClasses is 4 but the rows of yScore have 3 columns/);
    expect(() => rocAucScore(yTrue, flat, { nClasses: 1 })).toThrow(OptionError);
  });

  it('checks that rows are probabilities (sum 1, float32 rounding allowed)', () => {
    const bad = yScore.map((r, i) => (i === 3 ? [0.2, 0.5, 0.4] : r));
    expect(() => rocAucScore(yTrue, bad)).toThrow(/row 3 of yScore sums to 1.1; .* each row summing to 1/);
    expectClose(rocAucScore(yTrue, Float32Array.from(yScore.flat()), { nClasses: 3 }), (1 + 6.5 / 8 + 7.5 / 8) / 3, 'float32');
  });

  it('needs every class of the columns in yTrue, and labels ascending', () => {
    expect(() => rocAucScore([0, 1, 1, 0], yScore.slice(0, 4))).toThrow(/yTrue holds 2 classes \[0, 1\] but yScore has 3 columns/);
    expect(() => rocAucScore([0, 1, 1, 0], yScore.slice(0, 4), { labels: [0, 1, 2] })).toThrow(/only one class is present in yTrue for class 2 vs rest/);
    expect(() => rocAucScore(yTrue, yScore, { labels: [2, 1, 0] })).toThrow(/must be in ascending order/);
    expect(() => rocAucScore(yTrue, yScore, { labels: [0, 1, 2, 3] })).toThrow(/labels has 4 classes but yScore has 3 columns/);
    expect(() => rocAucScore([0, 1, 2, 5, 1, 0], yScore, { labels: [0, 1, 2] })).toThrow(/yTrue holds \[5\], which labels \[0, 1, 2\] lacks/);
    expectClose(rocAucScore(yTrue.map((v) => v * 10), yScore, { labels: [0, 10, 20] }), (1 + 6.5 / 8 + 7.5 / 8) / 3, 'relabelled');
  });

  it('rejects ragged rows and unknown options', () => {
    expect(() => rocAucScore(yTrue, [...yScore.slice(0, 5), [0.5, 0.5]])).toThrow(/yScore\[5\] has 2 values; every row needs 3 scores/);
    expect(() => rocAucScore(yTrue, yScore, { multiClass: 'ovo' as 'ovr' })).toThrow(/multiClass must be one of "ovr"/);
    expect(() => rocAucScore(yTrue, yScore, { average: 'samples' as 'macro' })).toThrow(OptionError);
  });
});
