/** Rows `rows` of the row-major matrix `z` (rows of `d` values), stacked into a new array. */
export function gatherRows(z: Float32Array, d: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]!;
    out.set(z.subarray(i * d, i * d + d), j * d);
  }
  return out;
}

/** One-hot rows (n x nClasses, row-major) of integer labels. */
export function oneHot(labels: ArrayLike<number>, nClasses: number): Float32Array {
  const out = new Float32Array(labels.length * nClasses);
  for (let i = 0; i < labels.length; i++) out[i * nClasses + labels[i]!] = 1;
  return out;
}
