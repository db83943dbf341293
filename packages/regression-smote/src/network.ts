import * as tf from '@tensorflow/tfjs-core';
import { denseForward, denseShapes, type Activation } from '@oversample/tf';
import type { RegressionLoss } from './options';

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
  const shapes = denseShapes(layerSizes(spec));
  const tensors = params.map((p, i) => tf.tensor(p, shapes[i]!, 'float32'));
  try {
    const chunk = 2048;
    for (let start = 0; start < rows; start += chunk) {
      const m = Math.min(chunk, rows - start);
      const values = tf.tidy(() => {
        const x = tf.tensor2d(input.subarray(start * spec.inputSize, (start + m) * spec.inputSize), [m, spec.inputSize]);
        const y = denseForward(tensors, x, spec.activation);
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
