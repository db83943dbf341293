import { Rng } from '@oversample/core';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { annealedTemperature, gumbelNoise, gumbelSoftmax } from './gumbel';

beforeAll(async () => {
  await initBackend();
});

describe('gumbelSoftmax', () => {
  it('draws hard one-hot samples forward', () => {
    const rng = new Rng(1);
    const logits = tf.tensor2d([[0.3, -1, 2, 0.5], [1, 1, 1, 1], [-3, 0, 0, 4]]);
    const y = gumbelSoftmax(logits, tf.tensor2d(gumbelNoise(rng, 3, 4), [3, 4]), 0.5).arraySync();
    for (const row of y) {
      expect(row.filter((v) => v === 1)).toHaveLength(1);
      expect(row.filter((v) => v === 0)).toHaveLength(3);
    }
  });

  it('draws the only category when there is one (a single offered choice)', () => {
    const y = gumbelSoftmax(tf.tensor2d([[0.3], [-2]]), tf.tensor2d([[0.1], [1.5]]), 0.5).arraySync();
    expect(y).toEqual([[1], [1]]);
  });

  it('passes gradients to the logits through the soft sample (straight-through)', () => {
    const logits = tf.variable(tf.tensor2d([[1, 0, -1]]));
    const noise = tf.zeros([1, 3]) as tf.Tensor2D;
    const pick = tf.tensor2d([[1, 0, 0]]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(gumbelSoftmax(logits, noise, 1), pick)) as tf.Scalar, [logits]);
    const g = Object.values(grads)[0]!.arraySync() as number[][];
    // d softmax_0 / d logits = p0 * (onehot_0 - p)
    const p = [Math.E, 1, 1 / Math.E].map((v) => v / (Math.E + 1 + 1 / Math.E));
    const want = [p[0]! * (1 - p[0]!), -p[0]! * p[1]!, -p[0]! * p[2]!];
    g[0]!.forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 5));
    logits.dispose();
  });

  it('draws categories with the frequencies of softmax(logits)', () => {
    const rng = new Rng(2);
    const n = 20000;
    const logitsRow = [0.5, -0.5, 1.5, 0];
    const logits = tf.tile(tf.tensor2d([logitsRow]), [n, 1]) as tf.Tensor2D;
    const y = gumbelSoftmax(logits, tf.tensor2d(gumbelNoise(rng, n, 4), [n, 4]), 0.7);
    const freq = tf.mean(y, 0).arraySync() as number[];
    const z = logitsRow.map(Math.exp);
    const total = z.reduce((a, b) => a + b, 0);
    // The argmax of logits + Gumbel noise is an exact categorical draw at any temperature.
    freq.forEach((f, j) => expect(Math.abs(f - z[j]! / total)).toBeLessThan(0.015));
    tf.dispose([logits, y]);
  });

  it('anneals the temperature exponentially from start to end', () => {
    expect(annealedTemperature(0, 100, 1, 0.1)).toBeCloseTo(1, 12);
    expect(annealedTemperature(50, 100, 1, 0.1)).toBeCloseTo(Math.sqrt(0.1), 12);
    expect(annealedTemperature(100, 100, 1, 0.1)).toBeCloseTo(0.1, 12);
  });
});
