import { Rng } from '@oversample/core';

/**
 * Tiny synthetic 28x28x1 image set for tests: class c is a bright 8x8 square at a class-dependent
 * place on a dark background, plus noise; values in [-1, 1] as the autoencoder expects.
 */
export function squaresDataset(perClass: readonly number[], seed = 3): { x: Float32Array; y: Int32Array } {
  const rng = new Rng(seed);
  const n = perClass.reduce((a, b) => a + b, 0);
  const d = 28 * 28;
  const x = new Float32Array(n * d).fill(-1);
  const y = new Int32Array(n);
  let row = 0;
  for (const [c, count] of perClass.entries()) {
    for (let k = 0; k < count; k++, row++) {
      y[row] = c;
      const top = 4 + ((c * 7) % 14) + rng.int(3);
      const left = 4 + ((c * 11) % 14) + rng.int(3);
      for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) x[row * d + (top + i) * 28 + left + j] = 1;
      for (let p = 0; p < d; p++) x[row * d + p] = Math.max(-1, Math.min(1, x[row * d + p]! + 0.1 * rng.normal()));
    }
  }
  return { x, y };
}
