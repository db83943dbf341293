import { checkKnownOptions, checkOneOf } from '@oversample/core';
import { AVERAGES, averageOf, checkBinaryTarget, prfDivide, sum, type Average } from './averaging';
import { oneVsRestCounts } from './confusion-matrix';
import { resolveLabels, toLabelPair, type LabelArray } from './labels';

/** Options of {@link specificityScore} and {@link sensitivitySpecificitySupport}. */
export interface SpecificityOptions {
  /** The classes to score, in the order of per-class results. Default: every label seen, ascending. */
  readonly labels?: LabelArray;
  /** The positive class for `average: 'binary'`. Default 1. */
  readonly posLabel?: number;
  /** Default `'binary'`, as in imbalanced-learn. */
  readonly average?: Average;
}

/** Sensitivity, specificity and support: per class (`average: 'none'`, with `labels`) or averaged. */
export interface SensitivitySpecificity<T extends number | number[]> {
  readonly sensitivity: T;
  readonly specificity: T;
}

/** Per-class sensitivity, specificity and support, in the order of `labels`. */
export interface SensitivitySpecificityPerClass extends SensitivitySpecificity<number[]> {
  readonly labels: number[];
  readonly support: number[];
}

interface SenSpecRaw {
  readonly labels: number[];
  readonly sensitivity: Float64Array;
  readonly specificity: Float64Array;
  readonly support: Float64Array;
  readonly averaged?: SensitivitySpecificity<number>;
}

/**
 * imbalanced-learn 0.10's `sensitivity_specificity_support`. A zero denominator gives 0. Shared with the
 * G-mean and the report, which build on it.
 */
export function senSpec(context: string, yTrue: LabelArray, yPred: LabelArray, options: SpecificityOptions): SenSpecRaw {
  const average = checkOneOf(`${context}: average`, options.average ?? 'binary', AVERAGES);
  const [t, p] = toLabelPair(yTrue, yPred, context);
  let labels: number[];
  if (average === 'binary') {
    const posLabel = options.posLabel ?? 1;
    if (!checkBinaryTarget(context, posLabel, t, p)) {
      // Only negative samples: imbalanced-learn returns 0 for both rather than dividing by zero.
      const zero = new Float64Array(1);
      return { labels: [posLabel], sensitivity: zero, specificity: zero, support: zero, averaged: { sensitivity: 0, specificity: 0 } };
    }
    labels = [posLabel];
  } else {
    labels = resolveLabels(options.labels, context, t, p);
  }
  let { tp, predSum, trueSum } = oneVsRestCounts(t, p, labels);
  let tn = new Float64Array(tp.length);
  for (let i = 0; i < tp.length; i++) tn[i] = t.length - ((predSum[i] as number) + (trueSum[i] as number) - (tp[i] as number));
  const support = trueSum;
  if (average === 'micro') {
    tp = Float64Array.of(sum(tp));
    predSum = Float64Array.of(sum(predSum));
    trueSum = Float64Array.of(sum(trueSum));
    tn = Float64Array.of(sum(tn));
  }
  const negatives = new Float64Array(tp.length);
  for (let i = 0; i < tp.length; i++) negatives[i] = (tn[i] as number) + (predSum[i] as number) - (tp[i] as number);
  const specificity = prfDivide(tn, negatives, 0);
  const sensitivity = prfDivide(tp, trueSum, 0);
  if (average === 'none') return { labels, sensitivity, specificity, support };
  if (average === 'weighted' && sum(trueSum) === 0) {
    return { labels, sensitivity, specificity, support, averaged: { sensitivity: 0, specificity: 0 } };
  }
  const weights = average === 'weighted' ? trueSum : undefined;
  return {
    labels,
    sensitivity,
    specificity,
    support,
    averaged: { sensitivity: averageOf(sensitivity, weights), specificity: averageOf(specificity, weights) },
  };
}

/**
 * Sensitivity (recall), specificity `tn / (tn + fp)` and support, one-vs-rest per class
 * (imbalanced-learn's `sensitivity_specificity_support`).
 *
 * @example
 * sensitivitySpecificitySupport([0, 0, 1, 2], [0, 1, 1, 2], { average: 'none' }).specificity; // [1, 2/3, 1]
 */
export function sensitivitySpecificitySupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: SpecificityOptions & { readonly average: 'none' },
): SensitivitySpecificityPerClass;
export function sensitivitySpecificitySupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: SpecificityOptions & { readonly average?: Exclude<Average, 'none'> },
): SensitivitySpecificity<number>;
export function sensitivitySpecificitySupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: SpecificityOptions,
): SensitivitySpecificityPerClass | SensitivitySpecificity<number>;
export function sensitivitySpecificitySupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: SpecificityOptions = {},
): SensitivitySpecificityPerClass | SensitivitySpecificity<number> {
  const context = 'sensitivitySpecificitySupport';
  checkKnownOptions(context, options, ['labels', 'posLabel', 'average']);
  const raw = senSpec(context, yTrue, yPred, options);
  if (raw.averaged !== undefined) return raw.averaged;
  return {
    labels: raw.labels,
    sensitivity: Array.from(raw.sensitivity),
    specificity: Array.from(raw.specificity),
    support: Array.from(raw.support),
  };
}

/**
 * Specificity `tn / (tn + fp)`: how well the samples *not* of a class are kept out of it
 * (imbalanced-learn's `specificity_score`; default `average: 'binary'` with `posLabel` 1).
 *
 * @example
 * specificityScore([0, 0, 1, 2], [0, 1, 1, 2], { average: 'macro' }); // (1 + 2/3 + 1) / 3
 */
export function specificityScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: SpecificityOptions & { readonly average: 'none' },
): number[];
export function specificityScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: SpecificityOptions & { readonly average?: Exclude<Average, 'none'> },
): number;
export function specificityScore(yTrue: LabelArray, yPred: LabelArray, options?: SpecificityOptions): number | number[];
export function specificityScore(yTrue: LabelArray, yPred: LabelArray, options: SpecificityOptions = {}): number | number[] {
  const context = 'specificityScore';
  checkKnownOptions(context, options, ['labels', 'posLabel', 'average']);
  const raw = senSpec(context, yTrue, yPred, options);
  return raw.averaged === undefined ? Array.from(raw.specificity) : raw.averaged.specificity;
}
