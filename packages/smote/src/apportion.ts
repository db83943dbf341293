/**
 * Splits `total` in proportion to `weights` (summing to 1) into integers that add up to `total`
 * exactly: floors first, then one more for the largest remainders (lower index first on ties).
 */
export function apportion(weights: Float64Array, total: number): Int32Array {
  const out = new Int32Array(weights.length);
  const rest: number[] = [];
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = weights[i]! * total;
    const f = Math.floor(exact);
    out[i] = f;
    given += f;
    rest.push(i);
  }
  const frac = (i: number): number => weights[i]! * total - out[i]!;
  rest.sort((a, b) => frac(b) - frac(a) || a - b);
  for (let t = 0; t < total - given; t++) out[rest[t]!]!++;
  return out;
}
