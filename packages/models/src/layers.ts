import * as tf from '@tensorflow/tfjs-core';
import type { ParamStore } from './param-store';

/** A fully connected layer `x W + b`; He-initialised before ReLU-like units, Glorot otherwise. */
export function dense(
  store: ParamStore,
  name: string,
  inDim: number,
  outDim: number,
  init: 'he-normal' | 'glorot-uniform',
): (x: tf.Tensor2D) => tf.Tensor2D {
  const kernel = store.weight(`${name}/kernel`, [inDim, outDim], init, { in: inDim, out: outDim }, true);
  const bias = store.weight(`${name}/bias`, [outDim], 'zeros', { in: inDim, out: outDim }, false);
  return (x) => tf.add(tf.matMul(x, kernel as tf.Tensor2D), bias);
}

/** Options of `conv2d`. */
export interface Conv2dSpec {
  readonly size: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride?: number;
  /** Skipped before batch norm, whose shift makes it redundant. */
  readonly bias?: boolean;
}

/** A 'same'-padded 2-D convolution over NHWC input, He-initialised. */
export function conv2d(store: ParamStore, name: string, spec: Conv2dSpec): (x: tf.Tensor4D) => tf.Tensor4D {
  const fanIn = spec.size * spec.size * spec.inChannels;
  const fanOut = spec.size * spec.size * spec.outChannels;
  const kernel = store.weight(
    `${name}/kernel`,
    [spec.size, spec.size, spec.inChannels, spec.outChannels],
    'he-normal',
    { in: fanIn, out: fanOut },
    true,
  ) as tf.Variable<tf.Rank.R4>;
  const stride = spec.stride ?? 1;
  const bias = spec.bias === false ? undefined : store.weight(`${name}/bias`, [spec.outChannels], 'zeros', { in: fanIn, out: fanOut }, false);
  return (x) => {
    const y = tf.conv2d(x, kernel, stride, 'same');
    return bias ? tf.add(y, bias) : y;
  };
}

/**
 * Batch normalisation over every axis but the last. In training it normalises with the batch's
 * statistics and moves the running ones towards them (`running = m * running + (1 - m) * batch`);
 * at inference it uses the running ones.
 */
export function batchNorm(
  store: ParamStore,
  name: string,
  channels: number,
  momentum = 0.9,
  epsilon = 1e-5,
): (x: tf.Tensor4D, training: boolean) => tf.Tensor4D {
  const gamma = store.weight(`${name}/gamma`, [channels], 'ones', { in: channels, out: channels }, false);
  const beta = store.weight(`${name}/beta`, [channels], 'zeros', { in: channels, out: channels }, false);
  const runningMean = store.buffer(`${name}/running-mean`, [channels], 0);
  const runningVar = store.buffer(`${name}/running-var`, [channels], 1);
  return (x, training) => {
    if (!training) {
      return tf.add(tf.mul(tf.div(tf.sub(x, runningMean), tf.sqrt(tf.add(runningVar, epsilon))), gamma), beta);
    }
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    // Assignment keeps the new values alive past the surrounding tidy; the gradient tape
    // ignores it because the loss does not depend on the running statistics.
    runningMean.assign(tf.add(tf.mul(runningMean, momentum), tf.mul(mean, 1 - momentum)));
    runningVar.assign(tf.add(tf.mul(runningVar, momentum), tf.mul(variance, 1 - momentum)));
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))), gamma), beta);
  };
}
