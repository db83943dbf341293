import * as tf from '@tensorflow/tfjs-core';

// Helpers for this package's tests only (not exported from the package).

/** Runs `f` on each backend in turn over the same input values; returns its outputs' values. */
export async function onBackends(
  backends: string[],
  inputs: { values: Float32Array; shape: number[] }[],
  f: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[],
): Promise<Float32Array[][]> {
  const results: Float32Array[][] = [];
  for (const name of backends) {
    await tf.setBackend(name);
    const xs = inputs.map(({ values, shape }) => tf.tensor(values, shape, 'float32'));
    const out = f(...xs);
    const outs = Array.isArray(out) ? out : [out];
    results.push(outs.map((t) => t.dataSync() as Float32Array));
    tf.dispose([...xs, ...outs]);
  }
  return results;
}

/** max |a - b|. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
  return diff;
}

/** max |a|. */
export function maxAbs(a: Float32Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** max |a - b| / max |b|: the relative error of `a` against the reference `b`. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  const scale = maxAbs(b);
  const diff = maxAbsDiff(a, b);
  return scale === 0 ? diff : diff / scale;
}

/** Deterministic values in [-1, 1) (a small LCG), so failures reproduce. */
export function randomValues(shape: number[], seed: number): { values: Float32Array; shape: number[] } {
  const n = shape.reduce((a, d) => a * d, 1);
  const values = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    values[i] = s / 2 ** 31 - 1;
  }
  return { values, shape };
}
