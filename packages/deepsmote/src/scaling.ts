import { rowSize, type Dataset } from '@oversample/core';

/**
 * How inputs were mapped to the autoencoder's [-1, 1]: `x' = 2 (x - min) / (max - min) - 1`.
 * Images use one range for every pixel (MNIST: 0..255); tables one range per column.
 * A constant column (max = min) maps to 0 and back to its value.
 */
export interface Scaling {
  readonly perColumn: boolean;
  /** One entry (images) or one per column (tables). */
  readonly min: readonly number[];
  readonly max: readonly number[];
}

/** The observed range of `data`: global for images (shape of length 3), per column for tables. */
export function observeScaling(data: Dataset): Scaling {
  const d = rowSize(data.shape);
  const perColumn = data.shape.length === 1;
  const cols = perColumn ? d : 1;
  const min = new Array<number>(cols).fill(Infinity);
  const max = new Array<number>(cols).fill(-Infinity);
  const x = data.x;
  for (let i = 0; i < x.length; i++) {
    const j = perColumn ? i % d : 0;
    const v = x[i]!;
    if (v < min[j]!) min[j] = v;
    if (v > max[j]!) max[j] = v;
  }
  return { perColumn, min, max };
}

/** Maps rows into [-1, 1] (a new array). */
export function toUnitRange(x: Float32Array, d: number, s: Scaling): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = s.perColumn ? i % d : 0;
    const lo = s.min[j]!;
    const span = s.max[j]! - lo;
    out[i] = span > 0 ? (2 * (x[i]! - lo)) / span - 1 : 0;
  }
  return out;
}

/** Maps rows from [-1, 1] back to the data's range, in place. */
export function fromUnitRange(x: Float32Array, d: number, s: Scaling): Float32Array {
  for (let i = 0; i < x.length; i++) {
    const j = s.perColumn ? i % d : 0;
    const lo = s.min[j]!;
    const span = s.max[j]! - lo;
    x[i] = lo + ((x[i]! + 1) / 2) * span;
  }
  return x;
}
