import { Rng } from '@oversample/core';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArchitecture } from './architecture';
import { runLayers } from './network';
import { ParameterSet, parameterSpecs } from './parameters';
import { lossAndGradients, shiftRows, type PenaltyVariant } from './penalty';
import { squaresDataset } from './test-images';

const arch = buildArchitecture({ inputShape: [28, 28, 1], dimH: 4, latentDim: 8 });
let params: ParameterSet;
let classRows: tf.Tensor;

beforeAll(async () => {
  await initBackend();
  params = ParameterSet.initialise(parameterSpecs(arch), new Rng(11));
  const { x } = squaresDataset([12]);
  classRows = tf.tensor(x, [12, 28, 28, 1]);
});
afterAll(() => {
  params.dispose();
  classRows.dispose();
});

/** Largest |gradient| of the penalty term alone, per network part (0 where no gradient reaches). */
function penaltyGradientSize(variant: PenaltyVariant): { encoder: number; decoder: number; value: number } {
  const step = lossAndGradients(arch, params, null, classRows, variant, { reconstruction: false, penalty: true });
  const size = { encoder: 0, decoder: 0, value: step.penalty };
  for (const spec of params.specs.filter((s) => s.trainable)) {
    const g = step.grads[params.get(spec.name).name];
    if (g) size[spec.part] = Math.max(size[spec.part], tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]!));
  }
  tf.dispose(step.grads);
  for (const s of step.stats) tf.dispose([s.mean, s.variance]);
  return size;
}

describe('the permutation penalty', () => {
  it("'code' trains only the decoder: no gradient of the term reaches an encoder weight", () => {
    const g = penaltyGradientSize('code');
    expect(g.encoder).toBe(0);
    expect(g.decoder).toBeGreaterThan(0);
  });

  it("'paper' trains both: the term's gradient reaches encoder and decoder weights", () => {
    const g = penaltyGradientSize('paper');
    expect(g.encoder).toBeGreaterThan(0);
    expect(g.decoder).toBeGreaterThan(0);
  });

  it("'code' scores shifted decodings against shifted images (a class reconstruction); 'paper' against the unshifted ones", () => {
    const recon = tf.tidy(() => {
      const out = runLayers(arch.decoder, params, runLayers(arch.encoder, params, classRows, { mode: 'train' }), { mode: 'train' });
      return tf.mean(tf.squaredDifference(out, classRows)).dataSync()[0]!;
    });
    const code = penaltyGradientSize('code').value;
    const paper = penaltyGradientSize('paper').value;
    expect(code).toBeCloseTo(recon, 5);
    expect(Math.abs(paper - recon)).toBeGreaterThan(1e-4);
  });

  it("'none' adds nothing", () => {
    const step = lossAndGradients(arch, params, classRows, classRows, 'none');
    expect(step.penalty).toBe(0);
    tf.dispose(step.grads);
    for (const s of step.stats) tf.dispose([s.mean, s.variance]);
  });

  it('shifts rows cyclically by one, as the authors\' index [1, 2, ..., n-1, 0]', () => {
    const out = tf.tidy(() => shiftRows(tf.tensor2d([[0], [1], [2], [3]])).dataSync());
    expect([...out]).toEqual([1, 2, 3, 0]);
  });
});
