import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@oversample/core';
import type { Activation, RegressionLoss } from './options';

/** The shape of a dense regression network: `inputSize -> hiddenLayers... -> outputSize`. */
export interface NetworkSpec {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly hiddenLayers: readonly number[];
  readonly activation: Activation;
  /** `'bce'` networks emit logits while training and a sigmoid of them when generating. */
  readonly loss: RegressionLoss;
}

/** Layer widths from input to output. */
export function layerSizes(spec: NetworkSpec): number[] {
  return [spec.inputSize, ...spec.hiddenLayers, spec.outputSize];
}

/** Number of float32 parameters per tensor: `[W0, b0, W1, b1, ...]`, `W` stored `in x out` row-major. */
export function parameterSizes(spec: NetworkSpec): number[] {
  const sizes = layerSizes(spec);
  const out: number[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) out.push(sizes[l]! * sizes[l + 1]!, sizes[l + 1]!);
  return out;
}

/**
 * Glorot-uniform weights and zero biases drawn from `rng`, so that initialisation is part of the
 * seeded stream (TensorFlow.js's own initialisers have a separate, global seed).
 */
export function initParameters(spec: NetworkSpec, rng: Rng): Float32Array[] {
  const sizes = layerSizes(spec);
  const params: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (rng.uniform() * 2 - 1) * limit;
    params.push(w, new Float32Array(fanOut));
  }
  return params;
}

function activate(h: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'leakyRelu':
      return tf.leakyRelu(h, 0.2);
    case 'elu':
      return tf.elu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'sigmoid':
      return tf.sigmoid(h);
    case 'linear':
      return h;
  }
}

/** The network's raw output (logits for `'bce'`) for a batch `x` of shape `[m, inputSize]`. */
export function forward(spec: NetworkSpec, params: readonly tf.Tensor[], x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  const layers = params.length / 2;
  for (let l = 0; l < layers; l++) {
    h = tf.add(tf.matMul(h, params[2 * l] as tf.Tensor2D), params[2 * l + 1]!);
    if (l + 1 < layers) h = activate(h, spec.activation);
  }
  return h;
}

/** Mean loss of raw outputs against targets: squared error, or binary cross-entropy on logits. */
export function lossOf(loss: RegressionLoss, output: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  if (loss === 'mse') return tf.mean(tf.square(tf.sub(output, target)));
  // Stable form of -t log(sigmoid(z)) - (1 - t) log(1 - sigmoid(z)).
  return tf.mean(tf.add(tf.sub(tf.relu(output), tf.mul(output, target)), tf.log1p(tf.exp(tf.neg(tf.abs(output))))));
}

/** The same loss computed in float64 for plain predictions (used for the baselines a fit reports). */
export function referenceLoss(loss: RegressionLoss, prediction: number, target: number): number {
  if (loss === 'mse') return (prediction - target) ** 2;
  // Predictions are probabilities here; clip so a 0/1 prediction costs a finite amount.
  const p = Math.min(Math.max(prediction, 1e-7), 1 - 1e-7);
  return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
}

/**
 * Runs the network on `rows` inputs in chunks and returns its predictions (sigmoid applied for
 * `'bce'`) as a new Float32Array of `rows x outputSize` values. Frees every tensor it makes.
 */
export function predictRows(spec: NetworkSpec, params: readonly Float32Array[], input: Float32Array, rows: number): Float32Array {
  const out = new Float32Array(rows * spec.outputSize);
  if (rows === 0) return out;
  const shapes = layerSizes(spec);
  const tensors = params.map((p, i) => (i % 2 === 0 ? tf.tensor2d(p, [shapes[i / 2]!, shapes[i / 2 + 1]!]) : tf.tensor1d(p)));
  try {
    const chunk = 2048;
    for (let start = 0; start < rows; start += chunk) {
      const m = Math.min(chunk, rows - start);
      const values = tf.tidy(() => {
        const x = tf.tensor2d(input.subarray(start * spec.inputSize, (start + m) * spec.inputSize), [m, spec.inputSize]);
        const y = forward(spec, tensors, x);
        return spec.loss === 'bce' ? tf.sigmoid(y) : y;
      });
      out.set(values.dataSync() as Float32Array, start * spec.outputSize);
      values.dispose();
    }
  } finally {
    for (const t of tensors) t.dispose();
  }
  return out;
}
