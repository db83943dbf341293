import { Rng } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, activate, denseForward, denseShapes, denseVariables, initDense } from './dense';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the dense network module', () => {
  it('initialises Glorot-uniform weights and zero biases from the seed', () => {
    const a = initDense([3, 4, 2], new Rng(1));
    expect(a.map((p) => p.length)).toEqual([12, 4, 8, 2]);
    expect(denseShapes([3, 4, 2])).toEqual([[3, 4], [4], [4, 2], [2]]);
    const limit = Math.sqrt(6 / 7);
    expect(a[0]!.every((v) => Math.abs(v) <= limit)).toBe(true);
    expect([...a[1]!]).toEqual([0, 0, 0, 0]);
    expect([...initDense([3, 4, 2], new Rng(1))[2]!]).toEqual([...a[2]!]);
  });

  it('runs the forward pass with the activation between layers and a linear output', () => {
    const params = [tf.tensor2d([[1, -1]]), tf.tensor1d([0, 0]), tf.tensor2d([[1], [1]]), tf.tensor1d([-3])];
    const out = tf.tidy(() => denseForward(params, tf.tensor2d([[2], [-2]]), 'relu').arraySync());
    expect(out).toEqual([[-1], [-1]]);
    const lin = tf.tidy(() => denseForward(params, tf.tensor2d([[2]]), 'linear').arraySync());
    expect(lin).toEqual([[-3]]);
    tf.dispose(params);
  });

  it('applies every activation and makes variables without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor1d([-1, 0, 2]);
    const got = Object.fromEntries(ACTIVATIONS.map((a) => [a, tf.tidy(() => [...activate(x, a).dataSync()].map((v) => Math.round(v * 1e4) / 1e4))]));
    expect(got).toEqual({
      relu: [0, 0, 2],
      leakyRelu: [-0.2, 0, 2],
      elu: [-0.6321, 0, 2],
      tanh: [-0.7616, 0, 0.964],
      sigmoid: [0.2689, 0.5, 0.8808],
      linear: [-1, 0, 2],
    });
    x.dispose();
    const vars = denseVariables(initDense([2, 3], new Rng(2)), [2, 3]);
    expect(vars.map((v) => v.shape)).toEqual([[2, 3], [3]]);
    tf.dispose(vars);
    expect(tf.memory().numTensors).toBe(before);
  });
});
