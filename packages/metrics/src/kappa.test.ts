import { OptionError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { cohenKappaScore } from './kappa';
import { expectClose } from './test-helpers';

/** Weighted kappa straight from its definition, for checking. */
function kappaByDefinition(a: number[], b: number[], classes: number[], w: (i: number, j: number) => number): number {
  const n = a.length;
  const k = classes.length;
  let obs = 0;
  let exp = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const both = a.filter((v, s) => v === classes[i] && b[s] === classes[j]).length;
      const pa = a.filter((v) => v === classes[i]).length;
      const pb = b.filter((v) => v === classes[j]).length;
      obs += (w(i, j) * both) / n;
      exp += (w(i, j) * pa * pb) / (n * n);
    }
  }
  return 1 - obs / exp;
}

describe('cohenKappaScore', () => {
  const a = [0, 1, 2, 2, 3, 1, 0, 2];
  const b = [0, 2, 2, 2, 3, 1, 1, 3];

  it('is (po - pe) / (1 - pe) without weights', () => {
    expectClose(cohenKappaScore([0, 1, 2, 2], [0, 1, 2, 1]), 0.6363636363636364, 'small');
    expectClose(cohenKappaScore(a, b), kappaByDefinition(a, b, [0, 1, 2, 3], (i, j) => (i === j ? 0 : 1)), 'unweighted');
  });

  it('weights disagreements by class-position distance', () => {
    expectClose(cohenKappaScore(a, b, { weights: 'linear' }), kappaByDefinition(a, b, [0, 1, 2, 3], (i, j) => Math.abs(i - j)), 'linear');
    expectClose(cohenKappaScore(a, b, { weights: 'quadratic' }), kappaByDefinition(a, b, [0, 1, 2, 3], (i, j) => (i - j) ** 2), 'quadratic');
  });

  it('is NaN when both sides use one and the same class, as scikit-learn', () => {
    expect(cohenKappaScore([4, 4], [4, 4])).toBeNaN();
  });

  it('rejects unknown weights and names y1/y2 in errors', () => {
    expect(() => cohenKappaScore(a, b, { weights: 'cubic' as 'linear' })).toThrow(OptionError);
    expect(() => cohenKappaScore([0, 1], [0])).toThrow(/y1 has 2 labels but y2 has 1/);
  });
});
