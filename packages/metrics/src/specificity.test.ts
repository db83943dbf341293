import { describe, expect, it } from 'vitest';
import { sensitivitySpecificitySupport, specificityScore } from './specificity';
import { expectClose } from './test-helpers';

// imbalanced-learn's docs example.
const yTrue = [0, 1, 2, 0, 1, 2];
const yPred = [0, 2, 1, 0, 0, 1];

describe('specificityScore', () => {
  it('matches the imbalanced-learn docs for every average', () => {
    expectClose(specificityScore(yTrue, yPred, { average: 'macro' }), 2 / 3, 'macro');
    expectClose(specificityScore(yTrue, yPred, { average: 'micro' }), 2 / 3, 'micro');
    expectClose(specificityScore(yTrue, yPred, { average: 'weighted' }), 2 / 3, 'weighted');
    expectClose(specificityScore(yTrue, yPred, { average: 'none' }), [0.75, 0.5, 0.75], 'none');
  });

  it("scores posLabel with average 'binary' and gives 0 when there are only negatives", () => {
    expect(specificityScore([0, 0, 1, 1], [0, 1, 1, 1])).toBe(0.5);
    expect(specificityScore([0, 0, 1, 1], [0, 1, 1, 1], { posLabel: 0 })).toBe(1);
    expect(specificityScore([0, 0], [0, 0])).toBe(0);
  });

  it('gives 0 where a class has no negatives at all', () => {
    expect(specificityScore([1, 1], [1, 1], { average: 'none' })).toEqual([0]);
  });
});

describe('sensitivitySpecificitySupport', () => {
  it('returns per-class sensitivity, specificity and support', () => {
    const r = sensitivitySpecificitySupport(yTrue, yPred, { average: 'none' });
    expect(r.labels).toEqual([0, 1, 2]);
    expect(r.support).toEqual([2, 2, 2]);
    expectClose(r.sensitivity, [1, 0, 0], 'sensitivity');
    const avg = sensitivitySpecificitySupport(yTrue, yPred, { average: 'macro' });
    expectClose(avg.sensitivity, 1 / 3, 'macro sensitivity');
    expectClose(avg.specificity, 2 / 3, 'macro specificity');
  });
});
