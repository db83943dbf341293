import { checkInteger, describeValue, OptionError, rowSize, SamplerInputError, validateDataset } from '@oversample/core';
import type { Dataset } from '@oversample/core';
import type { PredictInput } from './classifier';

/** What `fit` learns about its training data's layout. */
export interface FitLayout {
  /** One sample's shape, copied. */
  readonly shape: readonly number[];
  /** Values per row. */
  readonly d: number;
  /** Max label + 1. */
  readonly nClasses: number;
}

/**
 * Validates a training set (finite features, at least two classes) and returns its layout.
 * `context` names the classifier in messages.
 */
export function checkTrainingData(data: Dataset, context: string): FitLayout {
  validateDataset(data, { context, minClasses: 2 });
  let maxAt = 0;
  for (let i = 1; i < data.y.length; i++) if (data.y[i]! > data.y[maxAt]!) maxAt = i;
  const maxLabel = data.y[maxAt]!;
  // Every classifier allocates per class (weights, votes, probabilities: rows x classes), and
  // nClasses is the largest label + 1, so one stray label of 2e9 would ask for gigabytes (an
  // uncatchable out-of-memory abort in V8) before any check could run.
  if (maxLabel >= MAX_CLASSES) {
    throw new SamplerInputError(
      `${context}: row ${maxAt} has label ${maxLabel}, which would make ${maxLabel + 1} classes; labels are class ` +
        `indices 0..${MAX_CLASSES - 1} (at most ${MAX_CLASSES} classes): re-encode them as 0..K-1`,
    );
  }
  return { shape: [...data.shape], d: rowSize(data.shape), nClasses: maxLabel + 1 };
}

/** The most classes a classifier accepts (labels 0..65535), checked before anything is allocated. */
export const MAX_CLASSES = 65_536;

/**
 * Checks `predict`'s `batchSize` (an integer >= 1; default `fallback`): 0 or -1 would loop for ever,
 * and NaN, 1.5 or `"8"` would silently batch wrongly.
 */
export function predictBatchSize(context: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkInteger(`${context} batchSize`, value, { min: 1 });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The rows of a `predict` input as one Float32Array, after checking that they match the shape
 * seen at fit and are finite. Throws `SamplerInputError` naming the mismatch.
 */
export function rowsOf(input: PredictInput, layout: FitLayout, context: string): { x: Float32Array; n: number } {
  let x: Float32Array;
  if (input instanceof Float32Array) {
    x = input;
    if (x.length % layout.d !== 0) {
      throw new SamplerInputError(
        `${context}: ${x.length} values are not a whole number of rows of ${layout.d} (the shape ` +
          `${describeValue(layout.shape)} seen at fit)`,
      );
    }
  } else if (input !== null && typeof input === 'object' && input.x instanceof Float32Array) {
    if (!Array.isArray(input.shape) || !sameShape(input.shape, layout.shape)) {
      throw new SamplerInputError(
        `${context}: rows have shape ${describeValue(input.shape)} but the classifier was fitted on shape ` +
          `${describeValue(layout.shape)}`,
      );
    }
    x = input.x;
    if (x.length % layout.d !== 0) {
      throw new SamplerInputError(`${context}: dataset.x has ${x.length} values, not a whole number of rows of ${layout.d}`);
    }
  } else {
    throw new SamplerInputError(`${context}: expected a Dataset or a Float32Array of rows, got ${describeValue(input)}`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      throw new SamplerInputError(
        `${context}: row ${Math.floor(i / layout.d)}, column ${i % layout.d} is ${x[i]}: features must be finite numbers`,
      );
    }
  }
  return { x, n: x.length / layout.d };
}

/** How rows are weighted in the loss: equally, or inversely to their class's frequency. */
export type ClassWeight = 'balanced' | undefined;

/** Checks a `classWeight` option. */
export function checkClassWeight(name: string, value: unknown): ClassWeight {
  if (value === undefined || value === 'balanced') return value;
  throw new OptionError(`${name} must be "balanced" or undefined, got ${describeValue(value)}`);
}

/**
 * Per-row weights: all 1, or scikit-learn's `'balanced'`: `n / (nPresentClasses * count[y])`,
 * so every class carries the same total weight.
 */
export function sampleWeights(y: Int32Array, nClasses: number, classWeight: ClassWeight): Float64Array {
  const w = new Float64Array(y.length).fill(1);
  if (classWeight !== 'balanced') return w;
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  let present = 0;
  for (const c of counts) if (c > 0) present++;
  for (let i = 0; i < y.length; i++) w[i] = y.length / (present * counts[y[i]!]!);
  return w;
}
