import type { Rng } from '@oversample/core';
import { activate, denseForward, denseVariables, initDense, type Activation } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Hidden-layer activation of the classifier and the policy networks: the two whose derivative
 * {@link denseLossAndGrads} writes out.
 */
export type HiddenActivation = Extract<Activation, 'relu' | 'tanh'>;

/** Weights of a dense network: `[W1, b1, W2, b2, ...]`, the last layer linear (logits). */
export type DenseParams = readonly tf.Tensor[];

/** Glorot-uniform weights and zero biases for layer sizes `[in, h1, ..., out]`, from the seeded generator. */
export function initDenseParams(sizes: readonly number[], rng: Rng): tf.Variable[] {
  return denseVariables(initDense(sizes, rng), sizes);
}

/**
 * Weighted softmax cross-entropy of a dense classifier and its gradients, written out as tensor
 * ops rather than taken from the tape. Because every step is an op, the gradients are themselves
 * differentiable in the inputs `x` and weights `w`: AutoSMOTE's look-ahead step
 * `W' = W - lr * grad` is a function of the synthetic rows and gates, and its policy update
 * differentiates the validation loss through it.
 *
 * `loss = sum_i w_i * CE_i / normaliser`; `grads[j]` matches `params[j]`.
 */
export function denseLossAndGrads(
  params: DenseParams,
  x: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
  w: tf.Tensor1D,
  normaliser: number,
  activation: HiddenActivation,
): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const layers = params.length / 2;
  const inputs: tf.Tensor2D[] = [x];
  const pre: tf.Tensor2D[] = [];
  let a: tf.Tensor2D = x;
  for (let l = 0; l < layers; l++) {
    const z = tf.add(tf.matMul(a, params[2 * l] as tf.Tensor2D), params[2 * l + 1]!) as tf.Tensor2D;
    pre.push(z);
    if (l + 1 < layers) {
      a = activate(z, activation) as tf.Tensor2D;
      inputs.push(a);
    }
  }
  const logits = pre[layers - 1]!;
  const logp = tf.logSoftmax(logits);
  const wCol = tf.reshape(w, [-1, 1]);
  const loss = tf.div(tf.neg(tf.sum(tf.mul(tf.mul(logp, yOneHot), wCol))), normaliser) as tf.Scalar;
  let dz = tf.div(tf.mul(tf.sub(tf.exp(logp), yOneHot), wCol), normaliser) as tf.Tensor2D;
  const grads: tf.Tensor[] = new Array<tf.Tensor>(params.length);
  for (let l = layers - 1; l >= 0; l--) {
    grads[2 * l] = tf.matMul(inputs[l]!, dz, true, false);
    grads[2 * l + 1] = tf.sum(dz, 0);
    if (l > 0) {
      const da = tf.matMul(dz, params[2 * l] as tf.Tensor2D, false, true);
      const deriv = activation === 'relu' ? tf.step(pre[l - 1]!) : tf.sub(1, tf.square(inputs[l]!));
      dz = tf.mul(da, deriv) as tf.Tensor2D;
    }
  }
  return { loss, grads };
}

/**
 * `sum_i w_i * CE_i / normaliser` of a dense classifier on rows `x`, for the tape to differentiate
 * (AutoSMOTE's `'joint'` objective takes its gradients for classifier and policies at once).
 */
export function weightedCrossEntropy(
  params: DenseParams,
  x: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
  w: tf.Tensor1D,
  normaliser: number,
  activation: HiddenActivation,
): tf.Scalar {
  const logp = tf.logSoftmax(denseForward(params, x, activation));
  return tf.div(tf.neg(tf.sum(tf.mul(tf.mul(logp, yOneHot), tf.reshape(w, [-1, 1])))), normaliser) as tf.Scalar;
}
