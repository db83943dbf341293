import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BN_EPSILON, batchNormTrain, matMulExplicitGrad, type BatchStats } from './network';

beforeAll(async () => {
  await initBackend();
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('hand-written gradients', () => {
  it('batch norm: same value and gradients (x, gamma, beta) as TensorFlow.js autodiff of the textbook formula', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([6, 3, 3, 4], 0.5, 2, 'float32', 1);
      const gamma = tf.randomNormal([4], 1, 0.3, 'float32', 2);
      const beta = tf.randomNormal([4], 0, 0.3, 'float32', 3);
      const weights = tf.randomNormal([6, 3, 3, 4], 0, 1, 'float32', 4);
      const reference = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Scalar => {
        const { mean, variance } = tf.moments(xi, [0, 1, 2]);
        return tf.sum(tf.mul(tf.batchNorm(xi, mean, variance, b, g, BN_EPSILON), weights));
      };
      const stats: BatchStats[] = [];
      const ours = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.sum(tf.mul(batchNormTrain(xi, g, b, 'bn', stats), weights));
      const want = tf.grads(reference)([x, gamma, beta]);
      const got = tf.grads(ours)([x, gamma, beta]);
      expect(maxAbsDiff(ours(x, gamma, beta), reference(x, gamma, beta))).toBeLessThan(1e-3);
      for (let i = 0; i < 3; i++) expect(maxAbsDiff(got[i]!, want[i]!)).toBeLessThan(1e-3);
      // Running statistics get the batch mean and the unbiased variance (PyTorch's convention).
      const { variance } = tf.moments(x, [0, 1, 2]);
      expect(maxAbsDiff(stats[0]!.variance, tf.mul(variance, 54 / 53))).toBeLessThan(1e-4);
      for (const s of stats) tf.dispose([s.mean, s.variance]);
    });
  });

  it('matmul: same gradients as TensorFlow.js autodiff', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([5, 7], 0, 1, 'float32', 5);
      const w = tf.randomNormal([7, 3], 0, 1, 'float32', 6);
      const weights = tf.randomNormal([5, 3], 0, 1, 'float32', 7);
      const want = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.matMul(p as tf.Tensor2D, q as tf.Tensor2D), weights)))([a, w]);
      const got = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(matMulExplicitGrad(p, q), weights)))([a, w]);
      for (let i = 0; i < 2; i++) expect(maxAbsDiff(got[i]!, want[i]!)).toBeLessThan(1e-4);
    });
  });
});
