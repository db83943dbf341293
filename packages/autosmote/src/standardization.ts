import { SamplerInputError } from '@oversample/core';

/** Per-column mean and standard deviation AutoSMOTE works in (a constant column gets std 1). */
export interface ColumnStats {
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

/**
 * Column means and (population) standard deviations of `n` rows of `d` values. Sums run in float64:
 * a float32 sum of squares overflows once a feature nears 2e19 (issue #14.4), and its infinite std
 * turned every generated row into NaN.
 */
export function columnStats(x: Float32Array, d: number): ColumnStats {
  const n = x.length / d;
  const sum = new Float64Array(d);
  for (let i = 0; i < x.length; i++) sum[i % d]! += x[i]!;
  const mean = sum.map((s) => s / n);
  const sq = new Float64Array(d);
  for (let i = 0; i < x.length; i++) sq[i % d]! += (x[i]! - mean[i % d]!) ** 2;
  const std = new Float32Array(d);
  for (let t = 0; t < d; t++) {
    const s = Math.sqrt(sq[t]! / n);
    std[t] = s > 1e-12 && Number.isFinite(s) ? s : 1;
  }
  return { mean: Float32Array.from(mean), std };
}

/** `(x - mean) / std` per column, as a new array. */
export function standardise(x: Float32Array, { mean, std }: ColumnStats): Float32Array {
  const d = mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - mean[i % d]!) / std[i % d]!;
  return out;
}

/** `z * std + mean` per column, as a new array. */
export function unstandardise(z: Float32Array, { mean, std }: ColumnStats): Float32Array {
  const d = mean.length;
  const out = new Float32Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i]! * std[i % d]! + mean[i % d]!;
  return out;
}

/** Throws `SamplerInputError` naming the first NaN or infinite value of `x` (rows of `d`). */
export function checkFinite(x: Float32Array, d: number, context: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      throw new SamplerInputError(`${context}: row ${Math.floor(i / d)}, feature ${i % d} is ${x[i]}; every value must be a finite number`);
    }
  }
}
