import * as tf from '@tensorflow/tfjs-core';
import type { Architecture } from './architecture';
import { runLayers, type BatchStats } from './network';
import type { ParameterSet } from './parameters';

/**
 * DeepSMOTE's permutation penalty, added to the reconstruction loss at every step:
 * - `'paper'` (Algorithm 1 of the publication): encode a class sample C, shift the codes cyclically,
 *   decode, and score against the *unshifted* C, so each decoded code is pulled towards another
 *   image of its class; gradients reach encoder and decoder;
 * - `'code'` (the authors' released code): the codes are detached and the images shifted the same
 *   way, which makes the term a reconstruction of one class that trains the decoder only;
 * - `'none'`: no penalty.
 */
export type PenaltyVariant = 'paper' | 'code' | 'none';

/** Every penalty variant, for validation. */
export const PENALTY_VARIANTS: readonly PenaltyVariant[] = ['paper', 'code', 'none'];

/** Cyclic shift by one row: out[i] = t[(i + 1) mod n] (the authors' `xcplus` index). */
export function shiftRows(t: tf.Tensor): tf.Tensor {
  const n = t.shape[0]!;
  if (n < 2) return t;
  return tf.concat([tf.slice(t, 1, n - 1), tf.slice(t, 0, 1)], 0);
}

function mse(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(a, b));
}

/** Which terms of the loss a step computes; tests take the penalty alone to inspect its gradients. */
export interface LossParts {
  readonly reconstruction: boolean;
  readonly penalty: boolean;
}

/** One step's gradients, loss terms and the batch statistics its training-mode batch norms saw. */
export interface StepResult {
  /** Gradients by variable name; a variable the loss does not reach is absent. */
  readonly grads: tf.NamedTensorMap;
  readonly reconstruction: number;
  readonly penalty: number;
  /** Batch-norm statistics in the order the layers ran (as PyTorch would update its running ones). */
  readonly stats: BatchStats[];
}

/**
 * Loss terms and gradients for one step: reconstruction MSE of `batch`, plus the penalty on the
 * class sample `classRows` (null: no penalty this step). Disposes nothing it was given.
 */
export function lossAndGradients(
  architecture: Architecture,
  params: ParameterSet,
  batch: tf.Tensor | null,
  classRows: tf.Tensor | null,
  penalty: PenaltyVariant,
  parts: LossParts = { reconstruction: true, penalty: true },
): StepResult {
  const recStats: BatchStats[] = [];
  const codeStats: BatchStats[] = [];
  const penStats: BatchStats[] = [];
  const withPenalty = parts.penalty && penalty !== 'none' && classRows !== null;
  // 'code': the class sample is encoded outside the gradient tape (the authors' .detach()), in
  // training mode as their encoder was, so no gradient from this term can reach the encoder.
  const detached =
    withPenalty && penalty === 'code'
      ? tf.tidy(() => runLayers(architecture.encoder, params, classRows, { mode: 'train', stats: codeStats }))
      : null;
  let recValue: tf.Scalar | undefined;
  let penValue: tf.Scalar | undefined;
  try {
    const { value, grads } = tf.variableGrads(() => {
      let loss = tf.scalar(0);
      if (parts.reconstruction && batch !== null) {
        const ctx = { mode: 'train' as const, stats: recStats };
        const out = runLayers(architecture.decoder, params, runLayers(architecture.encoder, params, batch, ctx), ctx);
        recValue = tf.keep(mse(out, batch));
        loss = tf.add(loss, recValue);
      }
      if (withPenalty) {
        const ctx = { mode: 'train' as const, stats: penStats };
        let term: tf.Scalar;
        if (penalty === 'paper') {
          const codes = runLayers(architecture.encoder, params, classRows, ctx);
          term = mse(runLayers(architecture.decoder, params, shiftRows(codes), ctx), classRows);
        } else {
          term = mse(runLayers(architecture.decoder, params, shiftRows(detached!), ctx), shiftRows(classRows));
        }
        penValue = tf.keep(term);
        loss = tf.add(loss, penValue);
      }
      return loss;
    }, params.trainable());
    value.dispose();
    const reconstruction = recValue ? recValue.dataSync()[0]! : 0;
    const penaltyValue = penValue ? penValue.dataSync()[0]! : 0;
    return { grads, reconstruction, penalty: penaltyValue, stats: [...recStats, ...codeStats, ...penStats] };
  } catch (err) {
    for (const s of [...recStats, ...codeStats, ...penStats]) {
      s.mean.dispose();
      s.variance.dispose();
    }
    throw err;
  } finally {
    recValue?.dispose();
    penValue?.dispose();
    detached?.dispose();
  }
}
