import { OptionError, checkKnownOptions, checkOneOf, describeValue } from '@oversample/core';
import {
  AVERAGES,
  averageOf,
  checkBinaryTarget,
  checkZeroDivision,
  prfDivide,
  sum,
  type Average,
  type ZeroDivision,
} from './averaging';
import { oneVsRestCounts } from './confusion-matrix';
import { resolveLabels, toLabelPair, type LabelArray } from './labels';

/** Options shared by the precision / recall / F family. */
export interface PrfBaseOptions {
  /**
   * The classes to score, in the order of per-class results; labels outside the list are not averaged
   * over (but still count as negatives). Default: every label in `yTrue` or `yPred`, ascending.
   * Ignored with `average: 'binary'`.
   */
  readonly labels?: LabelArray;
  /** The positive class for `average: 'binary'`. Default 1. */
  readonly posLabel?: number;
  /** Score given when a denominator is 0 (no predictions, or no true samples, of a class). Default `'warn'` (= 0). */
  readonly zeroDivision?: ZeroDivision;
}

/** Options for one averaged score. `average` defaults to `'binary'`, as in scikit-learn. */
export interface PrfAveragedOptions extends PrfBaseOptions {
  readonly average?: Exclude<Average, 'none'>;
}

/** Options for per-class scores (`average: 'none'`). */
export interface PrfPerClassOptions extends PrfBaseOptions {
  readonly average: 'none';
}

/** Averaged precision, recall and F-beta ({@link precisionRecallFscoreSupport} with an average). */
export interface PrfAveraged {
  readonly precision: number;
  readonly recall: number;
  readonly fScore: number;
}

/** Per-class precision, recall, F-beta and support (true count), in the order of the class list. */
export interface PrfPerClass {
  readonly labels: number[];
  readonly precision: number[];
  readonly recall: number[];
  readonly fScore: number[];
  readonly support: number[];
}

const PRF_KEYS = ['labels', 'posLabel', 'zeroDivision', 'average'] as const;

interface PrfRaw {
  readonly labels: number[];
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly fScore: Float64Array;
  readonly support: Float64Array;
  readonly averaged?: PrfAveraged;
}

function checkBeta(context: string, beta: unknown): number {
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) {
    throw new OptionError(`${context}: beta must be a number >= 0 (Infinity allowed), got ${describeValue(beta)}`);
  }
  return beta;
}

/** scikit-learn 1.2's `precision_recall_fscore_support`, written once for every public function here. */
function prf(context: string, yTrue: LabelArray, yPred: LabelArray, beta: number, options: PrfBaseOptions & { average?: Average }): PrfRaw {
  checkKnownOptions(context, options, PRF_KEYS);
  const average = checkOneOf(`${context}: average`, options.average ?? 'binary', AVERAGES);
  const zero = checkZeroDivision(context, options.zeroDivision ?? 'warn');
  const [t, p] = toLabelPair(yTrue, yPred, context);
  let labels: number[];
  if (average === 'binary') {
    const posLabel = options.posLabel ?? 1;
    checkBinaryTarget(context, posLabel, t, p);
    labels = [posLabel];
  } else {
    labels = resolveLabels(options.labels, context, t, p);
  }
  const counts = oneVsRestCounts(t, p, labels);
  let { tp, predSum, trueSum } = counts;
  const support = trueSum;
  if (average === 'micro') {
    tp = Float64Array.of(sum(tp));
    predSum = Float64Array.of(sum(predSum));
    trueSum = Float64Array.of(sum(trueSum));
  }
  const precision = prfDivide(tp, predSum, zero);
  const recall = prfDivide(tp, trueSum, zero);
  const fScore = new Float64Array(precision.length);
  const beta2 = beta * beta;
  for (let i = 0; i < fScore.length; i++) {
    const pr = precision[i] as number;
    const re = recall[i] as number;
    if (beta === Infinity) {
      fScore[i] = re;
    } else {
      let denom = beta2 * pr + re;
      if (denom === 0) denom = 1;
      fScore[i] = ((1 + beta2) * pr * re) / denom;
    }
  }
  if (average === 'none') return { labels, precision, recall, fScore, support };
  if (average === 'weighted' && sum(trueSum) === 0) {
    // No true sample of any listed class: scikit-learn's special case rather than 0/0.
    const averaged =
      sum(predSum) === 0 ? { precision: zero, recall: zero, fScore: zero } : { precision: 0, recall: zero, fScore: 0 };
    return { labels, precision, recall, fScore, support, averaged };
  }
  const weights = average === 'weighted' ? trueSum : undefined;
  const averaged = {
    precision: averageOf(precision, weights),
    recall: averageOf(recall, weights),
    fScore: averageOf(fScore, weights),
  };
  return { labels, precision, recall, fScore, support, averaged };
}

function perClass(raw: PrfRaw): PrfPerClass {
  return {
    labels: raw.labels,
    precision: Array.from(raw.precision),
    recall: Array.from(raw.recall),
    fScore: Array.from(raw.fScore),
    support: Array.from(raw.support),
  };
}

function pick(raw: PrfRaw, which: keyof PrfAveraged): number | number[] {
  return raw.averaged === undefined ? Array.from(raw[which]) : raw.averaged[which];
}

/**
 * Precision, recall, F-beta and support in one pass (scikit-learn's `precision_recall_fscore_support`).
 * With `average: 'none'` every field is per class; otherwise the three scores are averaged.
 *
 * @example
 * precisionRecallFscoreSupport([0, 1, 2, 2], [0, 2, 2, 2], { average: 'none' }).recall; // [1, 0, 1]
 */
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfPerClassOptions & { beta?: number },
): PrfPerClass;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: PrfAveragedOptions & { beta?: number },
): PrfAveraged;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: (PrfAveragedOptions | PrfPerClassOptions) & { beta?: number },
): PrfPerClass | PrfAveraged;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: (PrfAveragedOptions | PrfPerClassOptions) & { beta?: number } = {},
): PrfPerClass | PrfAveraged {
  const context = 'precisionRecallFscoreSupport';
  const { beta = 1, ...rest } = options;
  const raw = prf(context, yTrue, yPred, checkBeta(context, beta), rest);
  return raw.averaged ?? perClass(raw);
}

/**
 * Precision `tp / (tp + fp)` (scikit-learn's `precision_score`).
 *
 * @example
 * precisionScore([0, 1, 2, 2], [0, 2, 2, 1], { average: 'macro' }); // (1 + 0 + 0.5) / 3
 */
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options: PrfPerClassOptions): number[];
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options?: PrfAveragedOptions): number;
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options?: PrfAveragedOptions | PrfPerClassOptions): number | number[];
export function precisionScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfAveragedOptions | PrfPerClassOptions = {},
): number | number[] {
  return pick(prf('precisionScore', yTrue, yPred, 1, options), 'precision');
}

/**
 * Recall (sensitivity) `tp / (tp + fn)` (scikit-learn's `recall_score`). Its macro average over all
 * classes is the balanced accuracy (ACSA).
 *
 * @example
 * recallScore([0, 1, 2, 2], [0, 2, 2, 1], { average: 'none' }); // [1, 0, 0.5]
 */
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options: PrfPerClassOptions): number[];
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options?: PrfAveragedOptions): number;
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options?: PrfAveragedOptions | PrfPerClassOptions): number | number[];
export function recallScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfAveragedOptions | PrfPerClassOptions = {},
): number | number[] {
  return pick(prf('recallScore', yTrue, yPred, 1, options), 'recall');
}

/**
 * F1 `2 * precision * recall / (precision + recall)` (scikit-learn's `f1_score`).
 *
 * @example
 * f1Score(yTrue, yPred, { average: 'macro' }); // the "F1" of the DeepSMOTE tables
 */
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options: PrfPerClassOptions): number[];
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options?: PrfAveragedOptions): number;
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options?: PrfAveragedOptions | PrfPerClassOptions): number | number[];
export function f1Score(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfAveragedOptions | PrfPerClassOptions = {},
): number | number[] {
  return pick(prf('f1Score', yTrue, yPred, 1, options), 'fScore');
}

/**
 * F-beta `(1 + beta^2) * precision * recall / (beta^2 * precision + recall)` (scikit-learn's
 * `fbeta_score`): `beta > 1` favours recall, `beta = 0` is precision, `beta = Infinity` recall.
 *
 * @example
 * fbetaScore(yTrue, yPred, 2, { average: 'macro' });
 */
export function fbetaScore(yTrue: LabelArray, yPred: LabelArray, beta: number, options: PrfPerClassOptions): number[];
export function fbetaScore(yTrue: LabelArray, yPred: LabelArray, beta: number, options?: PrfAveragedOptions): number;
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  beta: number,
  options?: PrfAveragedOptions | PrfPerClassOptions,
): number | number[];
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  beta: number,
  options: PrfAveragedOptions | PrfPerClassOptions = {},
): number | number[] {
  return pick(prf('fbetaScore', yTrue, yPred, checkBeta('fbetaScore', beta), options), 'fScore');
}
