import { OptionError, SamplerInputError, checkKnownOptions, describeValue } from '@oversample/core';
import { oneVsRestCounts } from './confusion-matrix';
import { toLabelPair, uniqueLabels, type LabelArray } from './labels';

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new OptionError(`${name} must be true or false, got ${describeValue(value)}`);
  return value;
}

/**
 * Fraction of samples predicted right (scikit-learn's `accuracy_score`); with `normalize: false`, their
 * count.
 *
 * @example
 * accuracyScore([0, 1, 1, 2], [0, 1, 2, 2]); // 0.75
 */
export function accuracyScore(yTrue: LabelArray, yPred: LabelArray, options: { readonly normalize?: boolean } = {}): number {
  const context = 'accuracyScore';
  checkKnownOptions(context, options, ['normalize']);
  const normalize = checkBoolean(`${context}: normalize`, options.normalize ?? true);
  const [t, p] = toLabelPair(yTrue, yPred, context);
  let right = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) right++;
  return normalize ? right / t.length : right;
}

/**
 * Balanced accuracy, the ACSA of the DeepSMOTE tables: the mean of per-class recall over the classes
 * present in `yTrue` (scikit-learn's `balanced_accuracy_score`; classes seen only in `yPred` are left out,
 * as there). With `adjusted: true`, rescaled so chance is 0 and perfect is 1.
 *
 * @example
 * balancedAccuracyScore([0, 0, 0, 1], [0, 0, 1, 1]); // (2/3 + 1) / 2
 */
export function balancedAccuracyScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: { readonly adjusted?: boolean } = {},
): number {
  const context = 'balancedAccuracyScore';
  checkKnownOptions(context, options, ['adjusted']);
  const adjusted = checkBoolean(`${context}: adjusted`, options.adjusted ?? false);
  const [t, p] = toLabelPair(yTrue, yPred, context);
  const { tp, trueSum } = oneVsRestCounts(t, p, uniqueLabels(t));
  let score = 0;
  for (let i = 0; i < tp.length; i++) score += (tp[i] as number) / (trueSum[i] as number);
  score /= tp.length;
  if (adjusted) {
    if (tp.length < 2) {
      throw new SamplerInputError(`${context}: adjusted needs at least 2 classes in yTrue, got only class ${uniqueLabels(t)[0]}`);
    }
    const chance = 1 / tp.length;
    score -= chance;
    score /= 1 - chance;
  }
  return score;
}
