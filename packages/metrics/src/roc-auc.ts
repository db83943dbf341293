import { OptionError, SamplerInputError, checkKnownOptions, checkOneOf } from '@oversample/core';
import { averageOf } from './averaging';
import { binaryCurve } from './binary-curve';
import { checkLabelsOption, describeLabels, toLabels, uniqueLabels, type LabelArray } from './labels';
import { toScoreBlock, type Scores } from './scores';

/** Options of {@link rocAucScore}. */
export interface RocAucOptions {
  /**
   * Multi-class only (one-vs-rest): `'macro'` mean of per-class AUCs (default), `'weighted'` weighted by
   * class support, `'micro'` one AUC over all (sample, class) pairs, `'none'` the per-class array.
   * Ignored for two classes, as in scikit-learn.
   */
  readonly average?: 'macro' | 'weighted' | 'micro' | 'none';
  /** Only `'ovr'` (one-vs-rest) is offered. */
  readonly multiClass?: 'ovr';
  /**
   * The classes of the score columns, ascending; needed when `yTrue` lacks some class. Default: the
   * labels of `yTrue`, ascending.
   */
  readonly labels?: LabelArray;
  /** Columns per row when `yScore` is a flat row-major array of `n * nClasses` values. */
  readonly nClasses?: number;
}

/** ROC AUC of one positive-vs-rest split: trapezoids over the ROC points of distinct thresholds. */
export function binaryRocAuc(context: string, positive: Uint8Array, score: Float64Array, what: string): number {
  let nPos = 0;
  for (const v of positive) nPos += v;
  if (nPos === 0 || nPos === positive.length) {
    throw new SamplerInputError(
      `${context}: only one class is present in yTrue${what}; ROC AUC needs samples of both the positive class and the rest`,
    );
  }
  let { fps, tps } = binaryCurve(positive, score);
  // scikit-learn's drop_intermediate: collinear points add nothing but rounding, drop them the same way.
  if (fps.length > 2) {
    const keptF = new Float64Array(fps.length);
    const keptT = new Float64Array(fps.length);
    let m = 0;
    for (let i = 0; i < fps.length; i++) {
      const inner = i > 0 && i < fps.length - 1;
      if (inner) {
        const d2f = (fps[i + 1] as number) - (fps[i] as number) - ((fps[i] as number) - (fps[i - 1] as number));
        const d2t = (tps[i + 1] as number) - (tps[i] as number) - ((tps[i] as number) - (tps[i - 1] as number));
        if (d2f === 0 && d2t === 0) continue;
      }
      keptF[m] = fps[i] as number;
      keptT[m] = tps[i] as number;
      m++;
    }
    fps = keptF.subarray(0, m);
    tps = keptT.subarray(0, m);
  }
  const lastF = fps[fps.length - 1] as number;
  const lastT = tps[tps.length - 1] as number;
  let area = 0;
  let x0 = 0;
  let y0 = 0;
  for (let i = 0; i < fps.length; i++) {
    const x1 = (fps[i] as number) / lastF;
    const y1 = (tps[i] as number) / lastT;
    area += ((x1 - x0) * (y1 + y0)) / 2;
    x0 = x1;
    y0 = y1;
  }
  return area;
}

/**
 * Area under the ROC curve (scikit-learn's `roc_auc_score`).
 *
 * Two classes: `yScore` is the score of the greater label per sample (or an `n x 2` matrix, whose
 * second column is used). More classes: `yScore` is an `n x k` matrix of class probabilities (rows sum
 * to 1), column `c` for the `c`-th class ascending, scored one-vs-rest. Tied scores count half, as
 * trapezoids over distinct thresholds.
 *
 * @example
 * rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);                       // 0.75
 * rocAucScore([0, 1, 2], [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4]]); // 1
 * rocAucScore(yTest, new Float32Array(probs), { nClasses: 10, average: 'weighted' });
 */
export function rocAucScore(yTrue: LabelArray, yScore: Scores, options: RocAucOptions & { readonly average: 'none' }): number[];
export function rocAucScore(
  yTrue: LabelArray,
  yScore: Scores,
  options?: RocAucOptions & { readonly average?: 'macro' | 'weighted' | 'micro' },
): number;
export function rocAucScore(yTrue: LabelArray, yScore: Scores, options?: RocAucOptions): number | number[];
export function rocAucScore(yTrue: LabelArray, yScore: Scores, options: RocAucOptions = {}): number | number[] {
  const context = 'rocAucScore';
  checkKnownOptions(context, options, ['average', 'multiClass', 'labels', 'nClasses']);
  const average = checkOneOf(`${context}: average`, options.average ?? 'macro', ['macro', 'weighted', 'micro', 'none'] as const);
  checkOneOf(`${context}: multiClass`, options.multiClass ?? 'ovr', ['ovr'] as const);
  const t = toLabels('yTrue', yTrue, context);
  const block = toScoreBlock(context, yScore, t.length, options.nClasses);
  const { n, k, values } = block;
  const present = uniqueLabels(t);
  if (k <= 2) {
    if (options.labels !== undefined) {
      throw new OptionError(`${context}: labels applies to multi-class score matrices; for two classes the greater label is positive`);
    }
    if (present.length > 2) {
      throw new SamplerInputError(
        `${context}: yTrue holds ${present.length} classes ${describeLabels(present)} but yScore has ${k === 1 ? 'one score' : '2 scores'} per sample; ` +
          `give an n x ${present.length} probability matrix`,
      );
    }
    const positiveLabel = present[present.length - 1] as number;
    const positive = new Uint8Array(n);
    const score = k === 1 ? values : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      positive[i] = t[i] === positiveLabel && present.length === 2 ? 1 : 0;
      if (k === 2) score[i] = values[i * 2 + 1] as number;
    }
    const auc = binaryRocAuc(context, positive, score, ` (class ${present[0]})`);
    return average === 'none' ? [auc] : auc;
  }
  let classes: number[];
  if (options.labels !== undefined) {
    classes = checkLabelsOption(options.labels, context);
    if (classes.some((c, i) => i > 0 && c < (classes[i - 1] as number))) {
      throw new OptionError(`${context}: labels ${describeLabels(classes)} must be in ascending order, the order of the score columns`);
    }
    if (classes.length !== k) {
      throw new OptionError(`${context}: labels has ${classes.length} classes but yScore has ${k} columns; they must match`);
    }
    const outside = present.filter((c) => !classes.includes(c));
    if (outside.length > 0) {
      throw new SamplerInputError(`${context}: yTrue holds ${describeLabels(outside)}, which labels ${describeLabels(classes)} lacks`);
    }
  } else {
    classes = present;
    if (classes.length !== k) {
      throw new SamplerInputError(
        `${context}: yTrue holds ${classes.length} classes ${describeLabels(classes)} but yScore has ${k} columns; ` +
          `they must match (pass labels when yTrue lacks a class)`,
      );
    }
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += values[i * k + c] as number;
    // numpy's allclose(1, s): rtol 1e-5, atol 1e-8, so float32 probabilities pass.
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new SamplerInputError(
        `${context}: row ${i} of yScore sums to ${s}; multi-class ROC AUC needs class probabilities, each row summing to 1`,
      );
    }
  }
  if (average === 'micro') {
    const column = new Map(classes.map((c, i) => [c, i]));
    const positive = new Uint8Array(n * k);
    for (let i = 0; i < n; i++) positive[i * k + (column.get(t[i] as number) as number)] = 1;
    return binaryRocAuc(context, positive, values, '');
  }
  const aucs = new Float64Array(k);
  const support = new Float64Array(k);
  const positive = new Uint8Array(n);
  const score = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    const label = classes[c] as number;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const isPos = t[i] === label ? 1 : 0;
      positive[i] = isPos;
      count += isPos;
      score[i] = values[i * k + c] as number;
    }
    support[c] = count;
    aucs[c] = binaryRocAuc(context, positive, score, ` for class ${label} vs rest`);
  }
  if (average === 'none') return Array.from(aucs);
  return averageOf(aucs, average === 'weighted' ? support : undefined);
}
