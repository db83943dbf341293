/** One-hot rows (n x nClasses, row-major) of integer labels. */
export function oneHot(labels: ArrayLike<number>, nClasses: number): Float32Array {
  const out = new Float32Array(labels.length * nClasses);
  for (let i = 0; i < labels.length; i++) out[i * nClasses + labels[i]!] = 1;
  return out;
}
