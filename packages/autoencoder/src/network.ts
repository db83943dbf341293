import * as tf from '@tensorflow/tfjs-core';
import { activate } from '@oversample/tf';
import type { LayerSpec } from './architecture';
import type { ParameterSet } from './parameters';

/** PyTorch's BatchNorm defaults. */
export const BN_EPSILON = 1e-5;
export const BN_MOMENTUM = 0.1;

/** The batch statistics one training-mode batch-norm layer saw (kept tensors; the caller disposes). */
export interface BatchStats {
  readonly name: string;
  readonly mean: tf.Tensor;
  /** Unbiased, as PyTorch uses for the running estimate. */
  readonly variance: tf.Tensor;
}

/** How a forward pass runs: batch norm on batch statistics (`train`) or on running ones (`infer`). */
export interface ForwardContext {
  readonly mode: 'train' | 'infer';
  /** Training mode pushes each batch-norm layer's statistics here, for the running estimates. */
  readonly stats?: BatchStats[];
}

/**
 * x @ w with a hand-written gradient that transposes explicitly: the wasm backend's matmul with a
 * transposed operand is 10-20x slower than a transpose followed by a plain matmul (docs/algorithms.md, "the wasm kernels").
 */
export const matMulExplicitGrad = tf.customGrad((x, w, save) => {
  const a = x as tf.Tensor2D;
  const b = w as tf.Tensor2D;
  (save as tf.GradSaveFunc)([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g)];
    },
  };
});

/**
 * Training-mode batch norm over every axis but the last, with the closed-form gradient
 * (dx = gamma rstd (dy - mean(dy) - xhat mean(dy xhat))) instead of tfjs's tiled generic one.
 */
export function batchNormTrain(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, name: string, stats: BatchStats[] | undefined): tf.Tensor {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const count = x.size / x.shape[x.shape.length - 1]!;
  const op = tf.customGrad((xIn, gIn, bIn, save) => {
    const xt = xIn as tf.Tensor;
    const g = gIn as tf.Tensor;
    const { mean, variance } = tf.moments(xt, axes);
    const rstd = tf.rsqrt(tf.add(variance, BN_EPSILON));
    const xhat = tf.mul(tf.sub(xt, mean), rstd);
    if (stats) {
      const unbiased = count > 1 ? tf.mul(variance, count / (count - 1)) : variance;
      stats.push({ name, mean: tf.keep(mean), variance: tf.keep(unbiased) });
    }
    (save as tf.GradSaveFunc)([xhat, rstd, g]);
    return {
      value: tf.add(tf.mul(xhat, g), bIn as tf.Tensor),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, r, gs] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const sumDy = tf.sum(dy, axes);
        const sumDyXhat = tf.sum(tf.mul(dy, xh), axes);
        const centred = tf.sub(tf.sub(dy, tf.div(sumDy, count)), tf.mul(xh, tf.div(sumDyXhat, count)));
        return [tf.mul(centred, tf.mul(gs, r)), sumDyXhat, sumDy];
      },
    };
  });
  return op(x, gamma, beta);
}

function applyLayer(layer: LayerSpec, params: ParameterSet, h: tf.Tensor, ctx: ForwardContext): tf.Tensor {
  switch (layer.type) {
    case 'conv': {
      const p = layer.pad;
      // PyTorch's symmetric padding as explicit zeros, then a 'valid' convolution.
      const padded = p > 0 ? tf.pad(h as tf.Tensor4D, [[0, 0], [p, p], [p, p], [0, 0]]) : (h as tf.Tensor4D);
      return tf.conv2d(padded, params.get(`${layer.name}.weight`) as tf.Tensor4D, layer.stride, 'valid');
    }
    case 'convTranspose': {
      const b = h.shape[0]!;
      const y = tf.conv2dTranspose(
        h as tf.Tensor4D,
        params.get(`${layer.name}.weight`) as tf.Tensor4D,
        [b, layer.outSize, layer.outSize, layer.outChannels],
        layer.stride,
        // A numeric pad describes the forward conv this transposes: PyTorch's ConvTranspose2d padding.
        layer.pad === 0 ? 'valid' : layer.pad,
      );
      return tf.add(y, params.get(`${layer.name}.bias`));
    }
    case 'dense':
      return tf.add(matMulExplicitGrad(h as tf.Tensor2D, params.get(`${layer.name}.weight`)), params.get(`${layer.name}.bias`));
    case 'batchNorm': {
      const gamma = params.get(`${layer.name}.gamma`);
      const beta = params.get(`${layer.name}.beta`);
      if (ctx.mode === 'train') return batchNormTrain(h, gamma, beta, layer.name, ctx.stats);
      return tf.batchNorm(
        h,
        params.get(`${layer.name}.runningMean`),
        params.get(`${layer.name}.runningVar`),
        beta,
        gamma,
        BN_EPSILON,
      );
    }
    case 'leakyRelu':
    case 'relu':
    case 'tanh':
      // LeakyReLU's slope is DeepSMOTE's 0.2, the dense module's LEAKY_RELU_SLOPE.
      return activate(h, layer.type);
    case 'reshape':
      return tf.reshape(h, [h.shape[0]!, ...layer.shape]);
  }
}

/** Runs a layer list on a batch (call inside tf.tidy or a gradient function). */
export function runLayers(layers: readonly LayerSpec[], params: ParameterSet, x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
  let h = x;
  for (const layer of layers) h = applyLayer(layer, params, h, ctx);
  return h;
}

/** running = (1 - momentum) running + momentum batch, for every layer in `stats`; disposes `stats`. */
export function updateRunningStats(params: ParameterSet, stats: readonly BatchStats[]): void {
  tf.tidy(() => {
    for (const s of stats) {
      const rm = params.get(`${s.name}.runningMean`);
      const rv = params.get(`${s.name}.runningVar`);
      rm.assign(tf.add(tf.mul(rm, 1 - BN_MOMENTUM), tf.mul(s.mean, BN_MOMENTUM)));
      rv.assign(tf.add(tf.mul(rv, 1 - BN_MOMENTUM), tf.mul(s.variance, BN_MOMENTUM)));
    }
  });
  for (const s of stats) {
    s.mean.dispose();
    s.variance.dispose();
  }
}
