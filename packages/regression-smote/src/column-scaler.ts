/**
 * Per-column affine scaling `z = (x - offset) / scale` of one class's rows, kept so that network
 * outputs can be mapped back. `'standard'` uses mean and standard deviation (MSE trains best on
 * columns of similar size); `'minmax'` maps each column's range onto [0, 1], which binary
 * cross-entropy needs for its targets.
 */
export interface ColumnScaler {
  readonly kind: 'standard' | 'minmax';
  /** Subtracted from each column (length d). */
  readonly offset: Float64Array;
  /** Divides each column after the offset; never 0 (constant columns get 1). */
  readonly scale: Float64Array;
}

/** Fits a scaler to `n` rows of `d` columns. */
export function fitColumnScaler(kind: ColumnScaler['kind'], x: Float32Array, n: number, d: number): ColumnScaler {
  const offset = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    if (kind === 'standard') {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i * d + j]!;
      const mean = sum / n;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const v = x[i * d + j]! - mean;
        ss += v * v;
      }
      const sd = Math.sqrt(ss / n);
      offset[j] = mean;
      // A constant column stays constant; dividing by 1 keeps it finite.
      scale[j] = sd > 1e-12 ? sd : 1;
    } else {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = x[i * d + j]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      offset[j] = lo;
      scale[j] = hi - lo > 1e-12 ? hi - lo : 1;
    }
  }
  return { kind, offset, scale };
}

/** Scaled copy of `x` (rows of `scaler.offset.length` columns). */
export function scaleRows(scaler: ColumnScaler, x: Float32Array): Float32Array {
  const d = scaler.offset.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i % d;
    out[i] = (x[i]! - scaler.offset[j]!) / scaler.scale[j]!;
  }
  return out;
}

/** Maps scaled rows back to the original units, in place. */
export function unscaleRowsInPlace(scaler: ColumnScaler, z: Float32Array): Float32Array {
  const d = scaler.offset.length;
  for (let i = 0; i < z.length; i++) {
    const j = i % d;
    z[i] = z[i]! * scaler.scale[j]! + scaler.offset[j]!;
  }
  return z;
}
