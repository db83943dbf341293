import type { Rng } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';

/** Elementwise nonlinearities of the dense networks (classifiers, Deep SMOTE, AutoSMOTE). */
export type Activation = 'relu' | 'leakyRelu' | 'elu' | 'tanh' | 'sigmoid' | 'linear';

/** Every {@link Activation}, for option checks. */
export const ACTIVATIONS: readonly Activation[] = ['relu', 'leakyRelu', 'elu', 'tanh', 'sigmoid', 'linear'];

/** Slope of `'leakyRelu'` for negative inputs (DeepSMOTE's and Deep SMOTE's 0.2). */
export const LEAKY_RELU_SLOPE = 0.2;

/** Applies `activation` elementwise. */
export function activate<T extends tf.Tensor>(x: T, activation: Activation): T {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, LEAKY_RELU_SLOPE);
    case 'elu':
      return tf.elu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
  }
}

/**
 * Glorot (Xavier) uniform values, U(-l, l) with l = sqrt(6 / (fanIn + fanOut)), drawn from the
 * seeded `rng` so that a seed fixes the initial network on every backend (TensorFlow.js's own
 * initialisers draw from a separate, global seed).
 */
export function glorotUniform(size: number, fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (rng.uniform() * 2 - 1) * limit;
  return out;
}

/** He normal values, N(0, 2 / fanIn), drawn from the seeded `rng` (for ReLU-like layers). */
export function heNormal(size: number, fanIn: number, rng: Rng): Float32Array {
  const std = Math.sqrt(2 / fanIn);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal() * std;
  return out;
}

/** The shapes of a dense network's parameters `[W0, b0, W1, b1, ...]` for layer widths `[in, h1, ..., out]`. */
export function denseShapes(sizes: readonly number[]): number[][] {
  const shapes: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) shapes.push([sizes[l]!, sizes[l + 1]!], [sizes[l + 1]!]);
  return shapes;
}

/** Glorot-uniform weights and zero biases `[W0, b0, W1, b1, ...]` for layer widths `[in, h1, ..., out]`. */
export function initDense(sizes: readonly number[], rng: Rng): Float32Array[] {
  const params: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    params.push(glorotUniform(fanIn * fanOut, fanIn, fanOut, rng), new Float32Array(fanOut));
  }
  return params;
}

/** Trainable variables holding `values` (from {@link initDense} or a saved model) in the shapes of `sizes`. */
export function denseVariables(values: readonly Float32Array[], sizes: readonly number[]): tf.Variable[] {
  return trainableVariables(values, denseShapes(sizes));
}

/** Trainable variables holding `values` in the given shapes; on a failure none is left behind. */
export function trainableVariables(values: readonly Float32Array[], shapes: readonly (readonly number[])[]): tf.Variable[] {
  const vars: tf.Variable[] = [];
  try {
    // tidy frees the initial-value tensors; the variables survive it.
    for (const [i, v] of values.entries()) vars.push(tf.tidy(() => tf.variable(tf.tensor(v, [...shapes[i]!], 'float32'), true)));
  } catch (err) {
    tf.dispose(vars);
    throw err;
  }
  return vars;
}

/**
 * The forward pass of a dense network with parameters `[W0, b0, W1, b1, ...]`: `activation` after
 * every layer but the last, which is linear (logits or a regression output). Call inside `tf.tidy`
 * or a gradient function.
 */
export function denseForward(params: readonly tf.Tensor[], x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  let h = x;
  const layers = params.length / 2;
  for (let l = 0; l < layers; l++) {
    const z = tf.add(tf.matMul(h, params[2 * l] as tf.Tensor2D), params[2 * l + 1]!) as tf.Tensor2D;
    h = l + 1 < layers ? activate(z, activation) : z;
  }
  return h;
}
