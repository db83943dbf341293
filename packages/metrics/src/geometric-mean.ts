import { checkKnownOptions, checkNumber, checkOneOf } from '@oversample/core';
import type { Average } from './averaging';
import { oneVsRestCounts } from './confusion-matrix';
import { resolveLabels, toLabelPair, type LabelArray } from './labels';
import { senSpec } from './specificity';

/**
 * `'multiclass'`: geometric mean of the per-class recalls. Any other value: `sqrt(sensitivity *
 * specificity)` one-vs-rest, where `'macro'` / `'weighted'` / `'micro'` / `'binary'` average sensitivity
 * and specificity first (imbalanced-learn) and `'none'` gives one value per class.
 */
export type GeometricMeanAverage = 'multiclass' | Average;

/** Options of {@link geometricMeanScore}. */
export interface GeometricMeanOptions {
  /** Default `'multiclass'`, as in imbalanced-learn. */
  readonly average?: GeometricMeanAverage;
  /** The classes to score, in the order of per-class results. Default: every label seen, ascending. */
  readonly labels?: LabelArray;
  /** The positive class for `average: 'binary'`. Default 1. */
  readonly posLabel?: number;
  /**
   * `'multiclass'` only: a recall of 0 is replaced by this (0..1), so one missed class does not make the
   * whole score 0. Default 0.
   */
  readonly correction?: number;
}

const AVERAGES: readonly GeometricMeanAverage[] = ['multiclass', 'binary', 'macro', 'weighted', 'micro', 'none'];

/**
 * The G-mean of imbalanced-learn 0.10's `geometric_mean_score`.
 *
 * The DeepSMOTE tables' GM is `average: 'macro'`: `sqrt(mean sensitivity * mean specificity)` over the
 * classes one-vs-rest, which is never below ACSA. The textbook G-mean, the geometric mean of per-class
 * recalls (never above ACSA), is `average: 'multiclass'`.
 *
 * @example
 * geometricMeanScore([0, 0, 1, 1], [0, 1, 1, 1]);                       // sqrt(0.5 * 1)
 * geometricMeanScore(yTrue, yPred, { average: 'macro' });              // the published GM
 * geometricMeanScore(yTrue, yPred, { correction: 0.001 });              // a missed class no longer zeroes it
 */
export function geometricMeanScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: GeometricMeanOptions & { readonly average: 'none' },
): number[];
export function geometricMeanScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: GeometricMeanOptions & { readonly average?: Exclude<GeometricMeanAverage, 'none'> },
): number;
export function geometricMeanScore(yTrue: LabelArray, yPred: LabelArray, options?: GeometricMeanOptions): number | number[];
export function geometricMeanScore(yTrue: LabelArray, yPred: LabelArray, options: GeometricMeanOptions = {}): number | number[] {
  const context = 'geometricMeanScore';
  checkKnownOptions(context, options, ['average', 'labels', 'posLabel', 'correction']);
  const average = checkOneOf(`${context}: average`, options.average ?? 'multiclass', AVERAGES);
  const correction = checkNumber(`${context}: correction`, options.correction ?? 0, { min: 0, max: 1 });
  if (average !== 'multiclass') {
    const raw = senSpec(context, yTrue, yPred, { labels: options.labels, posLabel: options.posLabel, average });
    if (raw.averaged !== undefined) return Math.sqrt(raw.averaged.sensitivity * raw.averaged.specificity);
    return Array.from(raw.sensitivity, (sen, i) => Math.sqrt(sen * (raw.specificity[i] as number)));
  }
  const [t, p] = toLabelPair(yTrue, yPred, context);
  const labels = resolveLabels(options.labels, context, t, p);
  const { tp, trueSum } = oneVsRestCounts(t, p, labels);
  // scipy's gmean: exp(mean(log(recall))); a recall of 0 (after correction) makes it exactly 0.
  let logSum = 0;
  for (let i = 0; i < tp.length; i++) {
    const ts = trueSum[i] as number;
    let recall = ts === 0 ? 0 : (tp[i] as number) / ts;
    if (recall === 0) recall = correction;
    logSum += Math.log(recall);
  }
  return Math.exp(logSum / tp.length);
}
