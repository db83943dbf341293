import { SamplerInputError, checkKnownOptions, checkOneOf } from '@oversample/core';
import { describeLabels, encodeLabels, resolveLabels, toLabelPair, type LabelArray } from './labels';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * The classes, in the order of rows and columns. Samples whose true or predicted label is not listed are
   * left out. Default: every label in `yTrue` or `yPred`, ascending.
   */
  readonly labels?: LabelArray;
  /** Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); empty rows or columns give 0. */
  readonly normalize?: 'true' | 'pred' | 'all';
}

/**
 * The confusion matrix: `m[i][j]` counts samples of class `labels[i]` predicted as `labels[j]`
 * (scikit-learn's `confusion_matrix`).
 *
 * @example
 * confusionMatrix([0, 1, 1, 2], [0, 1, 2, 2]); // [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
 */
export function confusionMatrix(yTrue: LabelArray, yPred: LabelArray, options: ConfusionMatrixOptions = {}): number[][] {
  const context = 'confusionMatrix';
  checkKnownOptions(context, options, ['labels', 'normalize']);
  if (options.normalize !== undefined) checkOneOf(`${context}: normalize`, options.normalize, ['true', 'pred', 'all'] as const);
  const [t, p] = toLabelPair(yTrue, yPred, context);
  const m = countMatrix(context, t, p, options.labels, 'yTrue');
  if (options.normalize === undefined) return m;
  return normalizeMatrix(m, options.normalize);
}

/**
 * The confusion counts of checked label vectors, for `labels` (validated) or every label seen. A caller's
 * `labels` must include at least one label of `t`, as in scikit-learn.
 */
export function countMatrix(context: string, t: Float64Array, p: Float64Array, labelsOption: unknown, tName: string): number[][] {
  const labels = resolveLabels(labelsOption, context, t, p);
  if (labelsOption !== undefined && !labels.some((l) => t.includes(l))) {
    throw new SamplerInputError(`${context}: none of labels ${describeLabels(labels)} occurs in ${tName}; at least one must`);
  }
  const k = labels.length;
  const ti = encodeLabels(t, labels);
  const pi = encodeLabels(p, labels);
  const m: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let s = 0; s < ti.length; s++) {
    const a = ti[s] as number;
    const b = pi[s] as number;
    if (a >= 0 && b >= 0) (m[a] as number[])[b] = ((m[a] as number[])[b] as number) + 1;
  }
  return m;
}

function normalizeMatrix(m: number[][], how: 'true' | 'pred' | 'all'): number[][] {
  const k = m.length;
  const rowSums = m.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: k }, (_, j) => m.reduce((a, row) => a + (row[j] as number), 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  return m.map((row, i) =>
    row.map((v, j) => {
      const d = how === 'true' ? (rowSums[i] as number) : how === 'pred' ? (colSums[j] as number) : total;
      // scikit-learn turns the 0/0 of an empty row or column into 0 (nan_to_num).
      return d === 0 ? 0 : v / d;
    }),
  );
}

/** Per-class one-vs-rest counts: true positives, predicted and true totals, and the sample count. */
export interface ClassCountsTable {
  readonly tp: Float64Array;
  readonly predSum: Float64Array;
  readonly trueSum: Float64Array;
  readonly n: number;
}

/**
 * One-vs-rest counts for each of `labels` (scikit-learn's `multilabel_confusion_matrix`); samples with
 * other labels still count as negatives, which is what makes `tn = n - tp - fp - fn` right.
 */
export function oneVsRestCounts(t: Float64Array, p: Float64Array, labels: readonly number[]): ClassCountsTable {
  const k = labels.length;
  const ti = encodeLabels(t, labels);
  const pi = encodeLabels(p, labels);
  const tp = new Float64Array(k);
  const predSum = new Float64Array(k);
  const trueSum = new Float64Array(k);
  for (let s = 0; s < ti.length; s++) {
    const a = ti[s] as number;
    const b = pi[s] as number;
    if (a >= 0) trueSum[a] = (trueSum[a] as number) + 1;
    if (b >= 0) predSum[b] = (predSum[b] as number) + 1;
    if (a >= 0 && a === b) tp[a] = (tp[a] as number) + 1;
  }
  return { tp, predSum, trueSum, n: t.length };
}
