/** Per-column statistics of row-major data, NaN values left out (as numpy's `nan*` functions). */
export interface ColumnMoments {
  /** Non-NaN values per column. */
  readonly count: Float64Array;
  /** Mean per column; NaN for a column of NaN only. */
  readonly mean: Float64Array;
  /** Population variance (ddof = 0) per column; NaN for a column of NaN only. */
  readonly variance: Float64Array;
  /** Smallest and largest value per column; NaN for a column of NaN only. */
  readonly min: Float64Array;
  readonly max: Float64Array;
}

/**
 * Count, mean, population variance, minimum and maximum of each of the `d` columns of `x`, in
 * float64 (a float32 sum of squares overflows near 1.8e19) and in two passes (the centred sum of
 * squares keeps precision that E[x^2] - E[x]^2 would lose). NaN values are skipped.
 *
 * @example
 * columnMoments(new Float32Array([1, 10, 3, 30]), 2).mean; // Float64Array [2, 20]
 */
export function columnMoments(x: ArrayLike<number>, d: number): ColumnMoments {
  const count = new Float64Array(d);
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  const min = new Float64Array(d).fill(Infinity);
  const max = new Float64Array(d).fill(-Infinity);
  for (let base = 0; base < x.length; base += d) {
    for (let j = 0; j < d; j++) {
      const v = x[base + j]!;
      if (v !== v) continue;
      count[j]!++;
      mean[j]! += v;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  for (let j = 0; j < d; j++) mean[j] = count[j]! > 0 ? mean[j]! / count[j]! : NaN;
  for (let base = 0; base < x.length; base += d) {
    for (let j = 0; j < d; j++) {
      const v = x[base + j]!;
      if (v === v) variance[j]! += (v - mean[j]!) ** 2;
    }
  }
  for (let j = 0; j < d; j++) {
    if (count[j]! > 0) {
      variance[j] = variance[j]! / count[j]!;
    } else {
      variance[j] = NaN;
      min[j] = NaN;
      max[j] = NaN;
    }
  }
  return { count, mean, variance, min, max };
}

/**
 * An affine map of each column, `z = (x - offset) / scale`, kept so that rows generated in the
 * scaled space can be mapped back with `x = z * scale + offset`. A constant column has scale 0:
 * it maps to 0 and back to its value. `offset` and `scale` have one entry per column, or one
 * entry for every value (`perColumn: false`, e.g. one range for all pixels of an image).
 */
export interface ColumnScaling {
  readonly offset: Float64Array;
  readonly scale: Float64Array;
}

/** Options of {@link fitScaling}. */
export interface FitScalingOptions {
  /** `'standard'`: mean 0 and unit (population) variance; `'minmax'`: the observed range onto `range`. */
  readonly kind: 'standard' | 'minmax';
  /** Target range of `'minmax'`; default `[0, 1]`. */
  readonly range?: readonly [number, number];
  /** One map per column (default), or one for all values (images). */
  readonly perColumn?: boolean;
}

/**
 * Fits a {@link ColumnScaling} to the rows of `x` (rows of `d` values). Samplers that work in a
 * scaled space (Deep SMOTE, DeepSMOTE, AutoSMOTE) fit one, generate, and map the rows back.
 *
 * @example
 * const s = fitScaling(rows, d, { kind: 'minmax', range: [-1, 1] });
 * const back = unscaleRows(s, decode(encode(scaleRows(s, rows))));
 */
export function fitScaling(x: ArrayLike<number>, d: number, options: FitScalingOptions): ColumnScaling {
  const perColumn = options.perColumn ?? true;
  const m = columnMoments(x, perColumn ? d : 1);
  const cols = m.mean.length;
  const offset = new Float64Array(cols);
  const scale = new Float64Array(cols);
  const [lo, hi] = options.range ?? [0, 1];
  for (let j = 0; j < cols; j++) {
    if (options.kind === 'standard') {
      offset[j] = m.mean[j]!;
      scale[j] = Math.sqrt(m.variance[j]!);
    } else {
      // x = lo..hi maps to range[0]..range[1]: z = (x - offset) / scale.
      const span = m.max[j]! - m.min[j]!;
      scale[j] = span / (hi - lo);
      offset[j] = span > 0 ? m.min[j]! - lo * scale[j]! : m.min[j]!;
    }
    if (!(scale[j]! > 0)) scale[j] = 0;
  }
  return { offset, scale };
}

/** `(x - offset) / scale` per column as a new array (0 for a constant column). */
export function scaleRows(s: ColumnScaling, x: Float32Array): Float32Array {
  const cols = s.offset.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = cols === 1 ? 0 : i % cols;
    const sc = s.scale[j]!;
    out[i] = sc > 0 ? (x[i]! - s.offset[j]!) / sc : 0;
  }
  return out;
}

/** `z * scale + offset` per column, in place; returns `z`. */
export function unscaleRows(s: ColumnScaling, z: Float32Array): Float32Array {
  const cols = s.offset.length;
  for (let i = 0; i < z.length; i++) {
    const j = cols === 1 ? 0 : i % cols;
    z[i] = z[i]! * s.scale[j]! + s.offset[j]!;
  }
  return z;
}
