import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node (CommonJS) build registers no gradient functions; tfjs-layers' build
// registers all of them in the shared registry on import. Without it `minimize` fails on `Mean`.
import '@tensorflow/tfjs-layers';
import { checkpoint, OptionError, type Progress, type Rng } from '@oversample/core';
import { denseForward, denseVariables, initDense } from '@oversample/tf';
import { layerSizes, lossOf, referenceLoss, type NetworkSpec } from './network';
import type { Gap } from './options';
import { drawPairs, fillPairRows, type PairSource } from './pairs';

/** How one class's network trained. Losses are in the scaled space the network works in. */
export interface TrainingHistory {
  /** Mean training loss of each epoch run. */
  readonly losses: readonly number[];
  /** Epoch (0-based) whose weights were kept: the one with the lowest loss. */
  readonly bestEpoch: number;
  readonly bestLoss: number;
  /** Loss of predicting each pair's first row, on the first epoch's pairs: what the network must beat. */
  readonly firstRowLoss: number;
  /** Loss of predicting each pair's midpoint on the same pairs (the best a network can do for `gap: 'uniform'` under MSE). */
  readonly midpointLoss: number;
  /** True if training ended on the plateau rule before `epochs`. */
  readonly stoppedEarly: boolean;
}

export interface TrainSettings {
  readonly spec: NetworkSpec;
  readonly gap: Gap;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly pairsPerEpoch: number;
  readonly patience: number;
}

/** Relative improvement of the epoch loss that counts as progress for the plateau rule. */
const MIN_RELATIVE_IMPROVEMENT = 1e-3;

function baselines(z: Float32Array, d: number, source: PairSource, settings: TrainSettings, rng: Rng): [number, number] {
  const pairs = drawPairs(source, settings.pairsPerEpoch, settings.gap, rng);
  let first = 0;
  let mid = 0;
  for (let i = 0; i < settings.pairsPerEpoch; i++) {
    const a = pairs.first[i]! * d;
    const b = pairs.second[i]! * d;
    const u = pairs.u[i]!;
    for (let j = 0; j < d; j++) {
      const va = z[a + j]!;
      const vb = z[b + j]!;
      const target = va + u * (vb - va);
      first += referenceLoss(settings.spec.loss, va, target);
      mid += referenceLoss(settings.spec.loss, (va + vb) / 2, target);
    }
  }
  const count = settings.pairsPerEpoch * d;
  return [first / count, mid / count];
}

/**
 * Trains one class's regression network with Adam on pairs drawn from `rng` (epoch `e` draws
 * from `rng.child('epoch-e')`, so a run is reproducible), stops on a loss plateau and returns the
 * lowest-loss epoch's weights as plain arrays (every tensor it made is freed).
 */
export async function trainNetwork(
  z: Float32Array,
  d: number,
  source: PairSource,
  settings: TrainSettings,
  rng: Rng,
  report: (progress: Omit<Progress, 'stage'>) => void,
  signal: AbortSignal | undefined,
  context: string,
): Promise<{ params: Float32Array[]; history: TrainingHistory }> {
  const { spec, batchSize, pairsPerEpoch } = settings;
  const sizes = layerSizes(spec);
  const initial = initDense(sizes, rng.child('init'));
  const vars = denseVariables(initial, sizes);
  const optimizer = tf.train.adam(settings.learningRate);
  const input = new Float32Array(Math.min(batchSize, pairsPerEpoch) * 2 * d);
  const target = new Float32Array(Math.min(batchSize, pairsPerEpoch) * d);
  const [firstRowLoss, midpointLoss] = baselines(z, d, source, settings, rng.child('epoch-0'));
  const losses: number[] = [];
  let best = initial;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let plateauRef = Infinity;
  let sincePlateauRef = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      const pairs = drawPairs(source, pairsPerEpoch, settings.gap, rng.child(`epoch-${epoch}`));
      let sum = 0;
      for (let start = 0; start < pairsPerEpoch; start += batchSize) {
        const m = Math.min(batchSize, pairsPerEpoch - start);
        fillPairRows(z, d, pairs, start, start + m, input, target);
        const cost = tf.tidy(() => {
          const xb = tf.tensor2d(input.subarray(0, m * 2 * d), [m, 2 * d]);
          const yb = tf.tensor2d(target.subarray(0, m * d), [m, d]);
          return optimizer.minimize(() => lossOf(spec.loss, denseForward(vars, xb, spec.activation), yb), true, vars)!;
        });
        sum += (cost.dataSync()[0] ?? Number.NaN) * m;
        cost.dispose();
      }
      const loss = sum / pairsPerEpoch;
      losses.push(loss);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestEpoch = epoch;
        best = vars.map((v) => (v.dataSync() as Float32Array).slice());
      }
      if (loss < plateauRef * (1 - MIN_RELATIVE_IMPROVEMENT)) {
        plateauRef = loss;
        sincePlateauRef = 0;
      } else {
        sincePlateauRef++;
      }
      report({ done: epoch + 1, total: settings.epochs, unit: 'epoch', metrics: { loss, bestLoss } });
      if (!Number.isFinite(loss)) {
        throw new OptionError(
          `${context}: training diverged at epoch ${epoch + 1} (loss ${loss}); lower learningRate (now ${settings.learningRate})`,
        );
      }
      if (settings.patience > 0 && sincePlateauRef >= settings.patience && epoch + 1 < settings.epochs) {
        stoppedEarly = true;
        break;
      }
      await checkpoint(signal);
    }
  } finally {
    for (const v of vars) v.dispose();
    optimizer.dispose();
  }
  return { params: best, history: { losses, bestEpoch, bestLoss, firstRowLoss, midpointLoss, stoppedEarly } };
}
