import { OptionError, SamplerInputError, checkKnownOptions, describeValue } from '@oversample/core';
import { binaryCurve } from './binary-curve';
import { describeLabels, toLabels, uniqueLabels, type LabelArray } from './labels';
import { toScoreBlock, type BinaryScores } from './scores';

/** Options of {@link averagePrecisionScore}. */
export interface AveragePrecisionOptions {
  /** The positive class, which `yScore` scores. Default 1. */
  readonly posLabel?: number;
}

/**
 * Average precision, the area under the precision-recall curve as a step function:
 * `sum_k (R_k - R_{k-1}) * P_k` over distinct score thresholds, highest first (scikit-learn's
 * `average_precision_score`, binary). Unlike scikit-learn, which returns 0 with a warning, `yTrue`
 * without any `posLabel` sample is an error: the score is undefined there.
 *
 * @example
 * averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333333333333333
 */
export function averagePrecisionScore(yTrue: LabelArray, yScore: BinaryScores, options: AveragePrecisionOptions = {}): number {
  const context = 'averagePrecisionScore';
  checkKnownOptions(context, options, ['posLabel']);
  const posLabel = options.posLabel ?? 1;
  if (typeof posLabel !== 'number' || !Number.isSafeInteger(posLabel)) {
    throw new OptionError(`${context}: posLabel must be an integer class label, got ${describeValue(posLabel)}`);
  }
  const t = toLabels('yTrue', yTrue, context);
  const { values } = toScoreBlock(context, yScore, t.length, undefined);
  const present = uniqueLabels(t);
  if (present.length > 2) {
    throw new SamplerInputError(
      `${context}: yTrue holds ${present.length} classes ${describeLabels(present)}; average precision is defined for two classes (posLabel vs the rest)`,
    );
  }
  if (!present.includes(posLabel)) {
    if (present.length === 2) {
      throw new OptionError(`${context}: posLabel ${posLabel} is not a class of yTrue; it should be one of ${describeLabels(present)}`);
    }
    throw new SamplerInputError(`${context}: yTrue has no sample of posLabel ${posLabel} (only class ${present[0]}); average precision needs positives`);
  }
  const positive = Uint8Array.from(t, (v) => (v === posLabel ? 1 : 0));
  const { fps, tps } = binaryCurve(positive, values);
  const totalPos = tps[tps.length - 1] as number;
  // Walk thresholds from the highest score down: recall rises from 0, precision is taken at each cut.
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < tps.length; i++) {
    const tp = tps[i] as number;
    const recall = tp / totalPos;
    const precision = tp / (tp + (fps[i] as number));
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}
