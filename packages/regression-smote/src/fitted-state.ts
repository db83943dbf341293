import type { ColumnScaling, FeatureInfo } from '@oversample/core';
import type { NetworkSpec } from './network';
import type { TrainingHistory } from './train';

/** One class's fitted generator: its scaled rows, their pairing, the scaler and the network. */
export interface ClassModel {
  readonly label: number;
  /** The class's rows after scaling (row-major, `n x d`): pairs are drawn from them. */
  readonly rows: Float32Array;
  readonly n: number;
  /** `n x k` nearest-neighbour indices for `pairing: 'knn'`; empty for `'random'`. */
  readonly neighbors: Int32Array;
  readonly k: number;
  /** Standardised columns for `'mse'`, columns min-max scaled to [0, 1] for `'bce'`. */
  readonly scaler: ColumnScaling;
  /** Network parameters `[W0, b0, W1, b1, ...]`. */
  readonly params: readonly Float32Array[];
  readonly history: TrainingHistory;
}

/** Everything `fit` learns; `save` writes it and `load` restores it. */
export interface FittedState {
  readonly seed: number;
  readonly shape: readonly number[];
  readonly classNames?: readonly string[];
  readonly features?: readonly FeatureInfo[];
  readonly spec: NetworkSpec;
  readonly classes: ReadonlyMap<number, ClassModel>;
  /** How many `sample` calls have drawn from the generation stream (each call draws a fresh one). */
  sampleCalls: number;
}
