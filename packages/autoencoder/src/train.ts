import * as tf from '@tensorflow/tfjs-core';
import { checkpoint, gatherRows, type Rng, type RunOptions } from '@oversample/core';
import type { Architecture } from './architecture';
import { updateRunningStats } from './network';
import type { ParameterSet } from './parameters';
import { lossAndGradients, type PenaltyVariant } from './penalty';

/** The training hyper-parameters (defaults: DeepSMOTE's published configuration). */
export interface TrainConfig {
  readonly epochs: number;
  /** Rows per step; default 100. */
  readonly batchSize: number;
  /** Adam step size; default 2e-4. */
  readonly learningRate: number;
  /** Adam's beta1 and beta2; default (0.9, 0.999). */
  readonly betas: readonly [number, number];
  /** The penalty term; default `'paper'`. */
  readonly penalty: PenaltyVariant;
  /** Most rows of the drawn class in the penalty sample; default 100. */
  readonly penaltyRows: number;
}

/** The losses of one epoch: means over its rows of the per-step terms. */
export interface EpochLoss {
  /** 1-based. */
  readonly epoch: number;
  /** reconstruction + penalty: what picks the kept epoch. */
  readonly loss: number;
  readonly reconstruction: number;
  readonly penalty: number;
  /** Mean reconstruction MSE of the held-out rows (inference mode), when `fit` was given some. */
  readonly validation?: number;
  /** Wall time of the epoch. */
  readonly seconds: number;
}

/** What a training run did. */
export interface TrainResult {
  readonly history: readonly EpochLoss[];
  /** The epoch (1-based) whose weights were kept: the lowest `validation` when held-out rows were given, else the lowest `loss`. */
  readonly bestEpoch: number;
  /** That epoch's `validation` or `loss`. */
  readonly bestLoss: number;
  /** Whether training ended before `epochs` because `patience` epochs passed without a better one. */
  readonly stoppedEarly: boolean;
}

/** How a training run picks its kept epoch and when it stops (ours: the authors keep the lowest training loss). */
export interface TrainMonitor {
  /** Reconstruction MSE of held-out rows with the current weights; the kept epoch minimises it. */
  readonly validate?: () => Promise<number>;
  /** Stop after this many epochs without a better kept-epoch score; 0 never stops early. */
  readonly patience: number;
  /** Awaited after every epoch (after the kept weights are updated), e.g. to evaluate the current weights. */
  readonly onEpochEnd?: (entry: EpochLoss) => void | Promise<void>;
}

/** Rows grouped by class, for the penalty's class draws. */
function rowsByClass(y: Int32Array): Int32Array[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byClass.get(y[i]!);
    if (list) list.push(i);
    else byClass.set(y[i]!, [i]);
  }
  return [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, rows]) => Int32Array.from(rows));
}

/** The rows `rows` of `x` as one tensor of shape [rows.length, ...sampleShape]. */
function batchTensor(x: Float32Array, d: number, sampleShape: readonly number[], rows: Int32Array): tf.Tensor {
  return tf.tensor(gatherRows(x, d, rows), [rows.length, ...sampleShape], 'float32');
}

/**
 * Trains an autoencoder in place as DeepSMOTE does: Adam over encoder and decoder, shuffled
 * batches, loss = reconstruction MSE + penalty, and at the end the weights (running batch-norm
 * statistics included) of the epoch with the lowest loss — or, with `monitor.validate` (ours), the
 * lowest held-out reconstruction error, optionally stopping after `monitor.patience` epochs without one. `x` is scaled to [-1, 1]; `y` labels
 * the rows for the penalty's class draws. Randomness: `rng.child('batches')` orders the rows,
 * `rng.child('penalty')` draws the penalty's class and rows.
 */
export async function trainAutoencoder(
  architecture: Architecture,
  params: ParameterSet,
  sampleShape: readonly number[],
  x: Float32Array,
  y: Int32Array,
  config: TrainConfig,
  rng: Rng,
  options: RunOptions = {},
  monitor: TrainMonitor = { patience: 0 },
): Promise<TrainResult> {
  const { onProgress, signal } = options;
  await checkpoint(signal);
  const d = sampleShape.reduce((a, b) => a * b, 1);
  const n = y.length;
  const classes = rowsByClass(y);
  const batchRng = rng.child('batches');
  const penaltyRng = rng.child('penalty');
  const optimizer = tf.train.adam(config.learningRate, config.betas[0], config.betas[1], 1e-8);
  const history: EpochLoss[] = [];
  let best: Map<string, tf.Tensor> | undefined;
  let bestEpoch = 0;
  let bestLoss = Infinity;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      const order = batchRng.permutation(n);
      let sumRec = 0;
      let sumPen = 0;
      for (let start = 0; start < n; start += config.batchSize) {
        await checkpoint(signal);
        const end = Math.min(n, start + config.batchSize);
        const batch = batchTensor(x, d, sampleShape, order.subarray(start, end));
        let classRows: tf.Tensor | null = null;
        if (config.penalty !== 'none') {
          // Algorithm 1: one class uniformly, then up to penaltyRows of its rows without replacement.
          const rows = classes[penaltyRng.int(classes.length)]!;
          const pick = penaltyRng.sampleWithoutReplacement(rows.length, Math.min(rows.length, config.penaltyRows));
          classRows = batchTensor(x, d, sampleShape, pick.map((k) => rows[k]!));
        }
        try {
          const step = lossAndGradients(architecture, params, batch, classRows, config.penalty);
          optimizer.applyGradients(Object.entries(step.grads).map(([name, tensor]) => ({ name, tensor })));
          tf.dispose(step.grads);
          updateRunningStats(params, step.stats);
          sumRec += step.reconstruction * (end - start);
          sumPen += step.penalty * (end - start);
        } finally {
          batch.dispose();
          classRows?.dispose();
        }
      }
      const validation = monitor.validate ? await monitor.validate() : undefined;
      const entry: EpochLoss = {
        epoch,
        loss: (sumRec + sumPen) / n,
        reconstruction: sumRec / n,
        penalty: sumPen / n,
        ...(validation === undefined ? {} : { validation }),
        seconds: (performance.now() - started) / 1000,
      };
      history.push(entry);
      const score = validation ?? entry.loss;
      if (score < bestLoss || best === undefined) {
        if (best) tf.dispose([...best.values()]);
        best = params.snapshot();
        bestLoss = score;
        bestEpoch = epoch;
      }
      onProgress?.({
        stage: 'train',
        done: epoch,
        total: config.epochs,
        unit: 'epoch',
        metrics: {
          loss: entry.loss,
          reconstruction: entry.reconstruction,
          penalty: entry.penalty,
          ...(validation === undefined ? {} : { validation }),
          seconds: entry.seconds,
        },
      });
      await monitor.onEpochEnd?.(entry);
      if (monitor.patience > 0 && epoch - bestEpoch >= monitor.patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (best) params.restore(best);
    return { history, bestEpoch, bestLoss, stoppedEarly };
  } catch (err) {
    // Cancelled or failed mid-epoch: leave the best complete epoch in place, not a half-step.
    if (best) params.restore(best);
    throw err;
  } finally {
    if (best) tf.dispose([...best.values()]);
    optimizer.dispose();
  }
}
