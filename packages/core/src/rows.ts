/**
 * Copies the rows at `indices` of the row-major `x` (rows of `d` values) into one new contiguous
 * array, in the order given.
 *
 * @example
 * gatherRows(new Float32Array([0, 1, 2, 3, 4, 5]), 2, [2, 0]); // Float32Array [4, 5, 0, 1]
 */
export function gatherRows(x: Float32Array, d: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    out.set(x.subarray(i * d, i * d + d), r * d);
  }
  return out;
}

/**
 * Row-wise argmax of an `n x k` row-major matrix (class scores or probabilities); ties go to the
 * lower column, as numpy's `argmax`.
 *
 * @example
 * argmaxRows(new Float32Array([0.2, 0.8, 0.5, 0.5]), 2); // Int32Array [1, 0]
 */
export function argmaxRows(scores: ArrayLike<number>, k: number): Int32Array {
  const n = Math.floor(scores.length / k);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = scores[i * k]!;
    for (let c = 1; c < k; c++) {
      const v = scores[i * k + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}
