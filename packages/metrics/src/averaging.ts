import { OptionError, checkOneOf, describeValue } from '@oversample/core';
import { describeLabels, uniqueLabels } from './labels';

/**
 * How per-class scores become one number (scikit-learn's `average`): `'macro'` plain mean over classes,
 * `'weighted'` mean weighted by each class's support (true count), `'micro'` from the summed counts,
 * `'binary'` the `posLabel` class alone (two-class problems only), `'none'` the per-class array.
 */
export type Average = 'macro' | 'weighted' | 'micro' | 'binary' | 'none';

/** What a zero denominator gives (scikit-learn 1.2's `zero_division`): `'warn'` means 0 (no warning is printed). */
export type ZeroDivision = 'warn' | 0 | 1;

/** Every `average` the precision / recall / specificity family accepts, `'binary'` (the default) first. */
export const AVERAGES: readonly Average[] = ['binary', 'macro', 'weighted', 'micro', 'none'];

/** Checks a `zeroDivision` option and returns the value a 0/0 score gets. */
export function checkZeroDivision(context: string, value: unknown): 0 | 1 {
  const v = checkOneOf<ZeroDivision>(`${context}: zeroDivision`, value, ['warn', 0, 1]);
  return v === 1 ? 1 : 0;
}

/** Element-wise `num / den`, with `zero` where `den` is 0 (scikit-learn's `_prf_divide`). */
export function prfDivide(num: Float64Array, den: Float64Array, zero: number): Float64Array {
  const out = new Float64Array(num.length);
  for (let i = 0; i < num.length; i++) out[i] = den[i] === 0 ? zero : (num[i] as number) / (den[i] as number);
  return out;
}

/** numpy's `np.average(values, weights)`: plain mean without weights. */
export function averageOf(values: Float64Array, weights?: Float64Array): number {
  let s = 0;
  if (weights === undefined) {
    for (const v of values) s += v;
    return s / values.length;
  }
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    s += (values[i] as number) * (weights[i] as number);
    w += weights[i] as number;
  }
  return s / w;
}

/** Plain left-to-right sum. */
export function sum(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * For `average: 'binary'`: checks that the problem has at most two classes and that `posLabel` is one of
 * them when there are two (scikit-learn's `_check_set_wise_labels`). Returns whether `posLabel` occurs.
 */
export function checkBinaryTarget(context: string, posLabel: unknown, t: Float64Array, p: Float64Array): boolean {
  if (typeof posLabel !== 'number' || !Number.isSafeInteger(posLabel)) {
    throw new OptionError(`${context}: posLabel must be an integer class label, got ${describeValue(posLabel)}`);
  }
  const present = uniqueLabels(t, p);
  if (present.length > 2) {
    throw new OptionError(
      `${context}: average 'binary' needs at most 2 classes but yTrue and yPred hold ${present.length} ${describeLabels(present)}; ` +
        `choose average 'macro', 'weighted', 'micro' or 'none'`,
    );
  }
  const found = present.includes(posLabel);
  if (!found && present.length === 2) {
    throw new OptionError(`${context}: posLabel ${posLabel} is not a class here; it should be one of ${describeLabels(present)}`);
  }
  return found;
}
