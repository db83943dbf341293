import { checkKnownOptions, checkOneOf } from '@oversample/core';
import { countMatrix } from './confusion-matrix';
import { toLabelPair, type LabelArray } from './labels';

/** Options of {@link cohenKappaScore}. */
export interface CohenKappaOptions {
  /** The classes, in order (the order sets the distances for weighted kappa). Default: every label seen, ascending. */
  readonly labels?: LabelArray;
  /**
   * Disagreement weights: none (every disagreement counts 1), `'linear'` (|i - j|) or `'quadratic'`
   * ((i - j)^2), with i, j positions in the class list.
   */
  readonly weights?: 'linear' | 'quadratic';
}

/**
 * Cohen's kappa: agreement between two labelings corrected for chance (scikit-learn's
 * `cohen_kappa_score`). NaN when chance disagreement is 0 (both sides use one and the same class), as
 * in scikit-learn.
 *
 * @example
 * cohenKappaScore([0, 1, 2, 2], [0, 1, 2, 1]);                          // 0.6363636363636364
 * cohenKappaScore(grader1, grader2, { weights: 'quadratic' });
 */
export function cohenKappaScore(y1: LabelArray, y2: LabelArray, options: CohenKappaOptions = {}): number {
  const context = 'cohenKappaScore';
  checkKnownOptions(context, options, ['labels', 'weights']);
  const weights = options.weights === undefined ? undefined : checkOneOf(`${context}: weights`, options.weights, ['linear', 'quadratic'] as const);
  const [a, b] = toLabelPair(y1, y2, context, ['y1', 'y2']);
  const cm = countMatrix(context, a, b, options.labels, 'y1');
  const k = cm.length;
  const rowSums = cm.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: k }, (_, j) => cm.reduce((a, row) => a + (row[j] as number), 0));
  const total = colSums.reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const d = Math.abs(i - j);
      const w = weights === undefined ? (d === 0 ? 0 : 1) : weights === 'linear' ? d : d * d;
      observed += w * ((cm[i] as number[])[j] as number);
      // scikit-learn's outer(sum0, sum1) / total: column sum times row sum.
      expected += w * (((colSums[i] as number) * (rowSums[j] as number)) / total);
    }
  }
  return 1 - observed / expected;
}
