import { OptionError, Rng } from '@oversample/core';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { architectureKind, buildArchitecture } from './architecture';
import { runLayers } from './network';
import { ParameterSet, parameterSpecs } from './parameters';

beforeAll(async () => {
  await initBackend();
});

function shapesThrough(inputShape: number[], dimH: number, latentDim: number): { code: number[]; out: number[] } {
  const arch = buildArchitecture({ inputShape, dimH, latentDim });
  const params = ParameterSet.initialise(parameterSpecs(arch), new Rng(1));
  try {
    return tf.tidy(() => {
      const x = tf.randomUniform([2, ...inputShape], -1, 1);
      const z = runLayers(arch.encoder, params, x, { mode: 'infer' });
      const out = runLayers(arch.decoder, params, z, { mode: 'infer' });
      return { code: z.shape, out: out.shape };
    });
  } finally {
    params.dispose();
  }
}

describe('buildArchitecture', () => {
  it('maps 28x28 images through a 1x1x8dimH bottleneck and back (the authors\' MNIST network)', () => {
    const arch = buildArchitecture({ inputShape: [28, 28, 1], dimH: 4, latentDim: 5 });
    expect(arch.kind).toBe('conv28');
    expect(arch.encoder.filter((l) => l.type === 'conv').map((l) => (l.type === 'conv' ? [l.outChannels, l.kernel, l.stride, l.pad] : []))).toEqual([
      [4, 4, 2, 1],
      [8, 4, 2, 1],
      [16, 4, 2, 1],
      [32, 4, 2, 1],
    ]);
    expect(arch.encoder.filter((l) => l.type === 'batchNorm').length).toBe(3);
    expect(shapesThrough([28, 28, 1], 4, 5)).toEqual({ code: [2, 5], out: [2, 28, 28, 1] });
  });

  it('uses the published widths: dimH 64, n_z 300 has 512 -> 300 and 300 -> 25088 dense layers', () => {
    const arch = buildArchitecture({ inputShape: [28, 28, 1], dimH: 64, latentDim: 300 });
    const dense = [...arch.encoder, ...arch.decoder].filter((l) => l.type === 'dense');
    expect(dense.map((l) => (l.type === 'dense' ? [l.inUnits, l.outUnits] : []))).toEqual([
      [512, 300],
      [300, 25088],
    ]);
    const specs = parameterSpecs(arch);
    // Encoder convs have no bias; transposed convs and dense layers do (PyTorch defaults).
    expect(specs.some((s) => s.name === 'enc.conv1.bias')).toBe(false);
    expect(specs.some((s) => s.name === 'dec.deconv1.bias')).toBe(true);
    const trainable = specs.filter((s) => s.trainable).reduce((a, s) => a + s.shape.reduce((p, q) => p * q, 1), 0);
    // PyTorch's count for the authors' Encoder + Decoder with dim_h 64, n_z 300.
    expect(trainable).toBe(
      (16 * 64 + 64 * 128 * 16 + 128 * 256 * 16 + 256 * 512 * 16 + 2 * (128 + 256 + 512) + 512 * 300 + 300) +
        (300 * 25088 + 25088 + 512 * 256 * 16 + 256 + 256 * 128 * 16 + 128 + 128 * 16 + 1 + 2 * (256 + 128)),
    );
  });

  it('maps 32x32x3 images through 2x2x8dimH and back (docs/algorithms.md)', () => {
    expect(buildArchitecture({ inputShape: [32, 32, 3], dimH: 4, latentDim: 6 }).kind).toBe('conv32');
    expect(shapesThrough([32, 32, 3], 4, 6)).toEqual({ code: [2, 6], out: [2, 32, 32, 3] });
  });

  it('uses a dense network for table rows', () => {
    expect(architectureKind([7])).toBe('dense');
    expect(shapesThrough([7], 8, 3)).toEqual({ code: [2, 3], out: [2, 7] });
  });

  it('rejects shapes it has no network for, naming them', () => {
    expect(() => architectureKind([30, 30, 1])).toThrow(OptionError);
    expect(() => architectureKind([30, 30, 1])).toThrow(/\[30,30,1\]/);
    expect(() => buildArchitecture({ inputShape: [4], dimH: 0, latentDim: 2 })).toThrow(/dimH/);
  });
});
