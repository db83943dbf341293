import type { Rng } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';

/** Gumbel(0, 1) noise, `-log(-log(u))`, drawn from the seeded generator (n x k, row-major). */
export function gumbelNoise(rng: Rng, n: number, k: number): Float32Array {
  const out = new Float32Array(n * k);
  for (let i = 0; i < out.length; i++) {
    // uniform() is in [0, 1); keep u away from 0 so both logs stay finite.
    const u = Math.max(rng.uniform(), 1e-12);
    out[i] = -Math.log(-Math.log(u));
  }
  return out;
}

// Straight-through estimator: the forward value is the one-hot argmax of `soft`,
// the backward pass hands the upstream gradient to `soft` unchanged.
const straightThrough = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const s = args[0] as tf.Tensor2D;
  const hard = tf.cast(tf.oneHot(tf.argMax(s, 1), s.shape[1]), 'float32');
  return { value: hard, gradFunc: (dy: tf.Tensor | tf.Tensor[]) => [dy as tf.Tensor] };
});

/**
 * Gumbel-Softmax relaxation of a categorical draw from `logits` (n x k) with the given noise
 * (from {@link gumbelNoise}) and temperature. With `hard` (the default) the result is one-hot
 * forward and soft backward (straight-through); without, it is the soft sample itself.
 *
 * @example
 * const y = gumbelSoftmax(logits, tf.tensor2d(gumbelNoise(rng, n, k), [n, k]), 0.5);
 */
export function gumbelSoftmax(logits: tf.Tensor2D, noise: tf.Tensor2D, temperature: number, hard = true): tf.Tensor2D {
  return tf.tidy(() => {
    const soft = tf.softmax(tf.div(tf.add(logits, noise), temperature)) as tf.Tensor2D;
    // With one category the soft sample is already one-hot (all ones), and oneHot needs depth >= 2.
    return hard && soft.shape[1] > 1 ? (straightThrough(soft) as tf.Tensor2D) : soft;
  });
}

/** Exponential annealing from `start` at step 0 to `end` at step `total` (inclusive). */
export function annealedTemperature(step: number, total: number, start: number, end: number): number {
  if (total <= 0) return end;
  const t = Math.min(1, Math.max(0, step / total));
  return start * Math.pow(end / start, t);
}
