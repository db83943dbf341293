import { OptionError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { f1Score, fbetaScore, precisionRecallFscoreSupport, precisionScore, recallScore } from './precision-recall';
import { expectClose } from './test-helpers';

// scikit-learn's docs examples for precision_score, recall_score, f1_score and fbeta_score.
const yTrue = [0, 1, 2, 0, 1, 2];
const yPred = [0, 2, 1, 0, 0, 1];

describe('precision, recall, F1 and F-beta', () => {
  it('matches the scikit-learn docs for every average', () => {
    expectClose(precisionScore(yTrue, yPred, { average: 'macro' }), 2 / 9, 'precision macro');
    expectClose(precisionScore(yTrue, yPred, { average: 'micro' }), 1 / 3, 'precision micro');
    expectClose(precisionScore(yTrue, yPred, { average: 'weighted' }), 2 / 9, 'precision weighted');
    expectClose(precisionScore(yTrue, yPred, { average: 'none' }), [2 / 3, 0, 0], 'precision none');
    expectClose(recallScore(yTrue, yPred, { average: 'macro' }), 1 / 3, 'recall macro');
    expectClose(recallScore(yTrue, yPred, { average: 'none' }), [1, 0, 0], 'recall none');
    expectClose(f1Score(yTrue, yPred, { average: 'macro' }), 0.26666666666666666, 'f1 macro');
    expectClose(f1Score(yTrue, yPred, { average: 'weighted' }), 0.26666666666666666, 'f1 weighted');
    expectClose(f1Score(yTrue, yPred, { average: 'none' }), [0.8, 0, 0], 'f1 none');
    expectClose(fbetaScore(yTrue, yPred, 0.5, { average: 'macro' }), 0.23809523809523805, 'f0.5 macro');
    expectClose(fbetaScore(yTrue, yPred, 0.5, { average: 'none' }), [0.7142857142857142, 0, 0], 'f0.5 none');
  });

  it('gives precision at beta 0 and recall at beta Infinity', () => {
    expect(fbetaScore(yTrue, yPred, 0, { average: 'none' })).toEqual(precisionScore(yTrue, yPred, { average: 'none' }));
    expect(fbetaScore(yTrue, yPred, Infinity, { average: 'none' })).toEqual(recallScore(yTrue, yPred, { average: 'none' }));
    expect(() => fbetaScore(yTrue, yPred, -1, { average: 'macro' })).toThrow(/beta must be a number >= 0/);
  });

  it('uses zeroDivision for empty denominators, as scikit-learn 1.2', () => {
    const none = [0, 0, 0, 0, 0, 0];
    expectClose(precisionScore(yTrue, none, { average: 'none' }), [1 / 3, 0, 0], 'warn = 0');
    expectClose(precisionScore(yTrue, none, { average: 'none', zeroDivision: 1 }), [1 / 3, 1, 1], 'zeroDivision 1');
    // No positive anywhere: precision and recall are 0/0, so F is zeroDivision too.
    expect(f1Score(none, none)).toBe(0);
    expect(f1Score(none, none, { zeroDivision: 1 })).toBe(1);
    expect(() => f1Score(none, none, { zeroDivision: 2 as 1 })).toThrow(/zeroDivision must be one of "warn", 0, 1, got 2/);
  });

  it("scores posLabel alone with average 'binary', the default", () => {
    const t = [0, 1, 1, 1, 0];
    const p = [0, 1, 0, 1, 1];
    expect(precisionScore(t, p)).toBeCloseTo(2 / 3, 15);
    expect(recallScore(t, p, { posLabel: 0 })).toBe(0.5);
    expect(() => precisionScore(t, p, { posLabel: 2 })).toThrow(/posLabel 2 is not a class here; it should be one of \[0, 1\]/);
    expect(() => f1Score(yTrue, yPred)).toThrow(OptionError);
    expect(() => f1Score(yTrue, yPred)).toThrow(/average 'binary' needs at most 2 classes .* choose average 'macro'/);
  });

  it('restricts averaging to labels, other labels still counting as negatives', () => {
    expectClose(recallScore(yTrue, yPred, { average: 'macro', labels: [0, 2] }), 0.5, 'macro over [0, 2]');
    expectClose(precisionScore(yTrue, yPred, { average: 'micro', labels: [0] }), 2 / 3, 'micro over [0]');
    expectClose(recallScore(yTrue, yPred, { average: 'none', labels: [2, 0] }), [0, 1], 'order of labels');
    // Only absent classes listed: scikit-learn's weighted special case.
    expect(precisionScore([0, 0], [1, 1], { average: 'weighted', labels: [1] })).toBe(0);
    expect(recallScore([0, 0], [1, 1], { average: 'weighted', labels: [1], zeroDivision: 1 })).toBe(1);
  });

  it('returns every part at once from precisionRecallFscoreSupport', () => {
    const all = precisionRecallFscoreSupport(yTrue, yPred, { average: 'none' });
    expect(all.labels).toEqual([0, 1, 2]);
    expect(all.support).toEqual([2, 2, 2]);
    expectClose(all.fScore, [0.8, 0, 0], 'f');
    const avg = precisionRecallFscoreSupport(yTrue, yPred, { average: 'macro', beta: 0.5 });
    expectClose(avg.fScore, 0.23809523809523805, 'f0.5');
  });

  it('rejects unknown averages and options', () => {
    expect(() => f1Score(yTrue, yPred, { average: 'samples' as 'macro' })).toThrow(/average must be one of/);
    expect(() => f1Score(yTrue, yPred, { averag: 'macro' } as object)).toThrow(/has no option "averag"/);
  });
});

describe('overloads', () => {
  it('accept an average only known at run time', () => {
    const averages: ('macro' | 'none')[] = ['macro', 'none'];
    const results = averages.map((average) => f1Score(yTrue, yPred, { average }));
    expectClose(results, [0.26666666666666666, [0.8, 0, 0]], 'dynamic average');
  });
});
