import { OptionError, SamplerInputError, describeValue } from '@oversample/core';

/** Class labels, one per sample: any integers (negative ones too), as a plain array or an `Int32Array`. */
export type LabelArray = readonly number[] | Int32Array;

/**
 * Checks one label vector and returns it as a `Float64Array` copy (so later code never touches the
 * caller's array and large integers that do not fit an `Int32Array` survive).
 */
export function toLabels(name: string, values: unknown, context: string): Float64Array {
  if (!Array.isArray(values) && !(values instanceof Int32Array)) {
    throw new SamplerInputError(`${context}: ${name} must be a number[] or an Int32Array of class labels, got ${describeValue(values)}`);
  }
  const list = values as ArrayLike<unknown>;
  if (list.length === 0) {
    throw new SamplerInputError(`${context}: ${name} is empty; it needs at least one label`);
  }
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new SamplerInputError(
        `${context}: ${name}[${i}] is ${describeValue(v)}; labels must be integers (class indices such as 0, 1, 2)`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** Checks a pair of label vectors of the same length (true labels first, predictions second). */
export function toLabelPair(
  yTrue: unknown,
  yPred: unknown,
  context: string,
  names: readonly [string, string] = ['yTrue', 'yPred'],
): [Float64Array, Float64Array] {
  const a = toLabels(names[0], yTrue, context);
  const b = toLabels(names[1], yPred, context);
  if (a.length !== b.length) {
    throw new SamplerInputError(
      `${context}: ${names[0]} has ${a.length} labels but ${names[1]} has ${b.length}; they must have one label per sample each`,
    );
  }
  return [a, b];
}

/** The distinct values of the given label vectors, ascending (scikit-learn's `unique_labels`). */
export function uniqueLabels(...arrays: readonly Float64Array[]): number[] {
  const seen = new Set<number>();
  for (const a of arrays) for (const v of a) seen.add(v);
  return [...seen].sort((x, y) => x - y);
}

/**
 * Validates a caller-given `labels` option: a non-empty list of distinct integers. Returns a copy, in
 * the caller's order (which is the order of rows, columns and per-class results, as in scikit-learn).
 */
export function checkLabelsOption(labels: unknown, context: string): number[] {
  if (!Array.isArray(labels) && !(labels instanceof Int32Array)) {
    throw new OptionError(`${context}: labels must be a number[] or an Int32Array of class labels, got ${describeValue(labels)}`);
  }
  const list = Array.from(labels as ArrayLike<unknown>);
  if (list.length === 0) {
    throw new OptionError(`${context}: labels is empty; give at least one class label or leave it out`);
  }
  const seen = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new OptionError(`${context}: labels[${i}] is ${describeValue(v)}; labels must be integers`);
    }
    if (seen.has(v)) {
      throw new OptionError(`${context}: labels lists ${v} twice; each class must appear once`);
    }
    seen.add(v);
  }
  return list as number[];
}

/**
 * The class list a metric works on: the caller's `labels` when given (validated), else every label seen
 * in `arrays`, ascending.
 */
export function resolveLabels(labels: unknown, context: string, ...arrays: readonly Float64Array[]): number[] {
  return labels === undefined ? uniqueLabels(...arrays) : checkLabelsOption(labels, context);
}

/** Maps each label to its position in `classes`, or -1 for a label not in the list. */
export function encodeLabels(values: Float64Array, classes: readonly number[]): Int32Array {
  const index = new Map<number, number>();
  classes.forEach((c, i) => index.set(c, i));
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = index.get(values[i] as number) ?? -1;
  return out;
}

/** Lists at most a few labels for an error message. */
export function describeLabels(labels: readonly number[]): string {
  return labels.length <= 12 ? `[${labels.join(', ')}]` : `[${labels.slice(0, 12).join(', ')}, ... (${labels.length} in all)]`;
}
