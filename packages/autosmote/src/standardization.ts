import { SamplerInputError } from '@oversample/core';

/** Throws `SamplerInputError` naming the first NaN or infinite value of `x` (rows of `d`). */
export function checkFinite(x: Float32Array, d: number, context: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      throw new SamplerInputError(`${context}: row ${Math.floor(i / d)}, feature ${i % d} is ${x[i]}; every value must be a finite number`);
    }
  }
}
