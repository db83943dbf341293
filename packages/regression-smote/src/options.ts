import {
  checkInteger,
  checkNumber,
  checkOneOf,
  describeValue,
  OptionError,
  samplerSettings,
  type SamplerOptions,
  type SamplingStrategy,
  type SeedLike,
} from '@oversample/core';
import { ACTIVATIONS, type Activation } from '@oversample/tf';

/** How the second row of a pair is chosen. */
export type Pairing = 'knn' | 'random';
/** Where between the two rows of a pair the training target lies. */
export type Gap = 'uniform' | 'midpoint';
/** The regression loss; `'bce'` scales each column to [0, 1] and ends the network with a sigmoid. */
export type RegressionLoss = 'mse' | 'bce';

/** Options of `RegressionSMOTE`; every one is optional. */
export interface RegressionSMOTEOptions extends SamplerOptions {
  /** `'knn'` (default, ours): the second row is one of the first's `kNeighbors` nearest rows of its class, as in SMOTE; `'random'`: any other row of the class (the publication's random pairs). */
  readonly pairing?: Pairing;
  /** `'uniform'` (default, the publication): target `a + u (b - a)`, `u ~ U[0, 1)`; `'midpoint'` (ours): `u = 0.5`. */
  readonly gap?: Gap;
  /** `'mse'` (default, ours) on standardised columns, or `'bce'` (ours) on columns min-max scaled to [0, 1] with a sigmoid output. */
  readonly loss?: RegressionLoss;
  /** Widths of the hidden dense layers; default `[64, 64]`; `[]` is a single linear layer. */
  readonly hiddenLayers?: readonly number[];
  /** Activation of the hidden layers; default `'relu'`. */
  readonly activation?: Activation;
  /** Most training epochs per class; default 100. */
  readonly epochs?: number;
  /** Pairs per optimiser step; default 64. */
  readonly batchSize?: number;
  /** Adam learning rate; default 1e-3. */
  readonly learningRate?: number;
  /** Training pairs drawn per epoch; default 512. */
  readonly pairsPerEpoch?: number;
  /** Neighbours per row for `pairing: 'knn'`; default 5. */
  readonly kNeighbors?: number;
  /**
   * Stop a class's training after this many epochs without a 0.1% improvement of the epoch loss,
   * keeping the best epoch's weights; default 10; 0 never stops early.
   */
  readonly patience?: number;
}

/** Every option with its default filled in. */
export interface ResolvedOptions {
  readonly pairing: Pairing;
  readonly gap: Gap;
  readonly loss: RegressionLoss;
  readonly hiddenLayers: readonly number[];
  readonly activation: Activation;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly pairsPerEpoch: number;
  readonly kNeighbors: number;
  readonly patience: number;
  readonly samplingStrategy: SamplingStrategy;
  readonly seed: SeedLike;
}

export const PAIRINGS: readonly Pairing[] = ['knn', 'random'];

/**
 * Named configurations: `paper` is the publication's (random pairs of a class's rows, gap
 * U[0, 1)); `knn` is ours and the default (the second row among the first's k nearest, as SMOTE).
 * Spread one into the options: `new RegressionSMOTE({ ...REGRESSION_SMOTE_VARIANTS.paper, seed: 1 })`.
 */
export const REGRESSION_SMOTE_VARIANTS = {
  paper: { pairing: 'random', gap: 'uniform' },
  knn: { pairing: 'knn', gap: 'uniform' },
} as const satisfies Readonly<Record<string, RegressionSMOTEOptions>>;
export const GAPS: readonly Gap[] = ['uniform', 'midpoint'];
export const LOSSES: readonly RegressionLoss[] = ['mse', 'bce'];

const KNOWN = ['pairing', 'gap', 'loss', 'hiddenLayers', 'activation', 'epochs', 'batchSize', 'learningRate', 'pairsPerEpoch', 'kNeighbors', 'patience'];

/** Fills in defaults and checks every option, throwing `OptionError` naming the bad value. */
export function resolveOptions(options: RegressionSMOTEOptions = {}): ResolvedOptions {
  const { samplingStrategy, seed } = samplerSettings('RegressionSMOTE', options, KNOWN);
  const o = options;
  const hiddenLayers = o.hiddenLayers ?? [64, 64];
  if (!Array.isArray(hiddenLayers)) {
    throw new OptionError(`hiddenLayers must be an array of layer widths such as [64, 64], got ${describeValue(hiddenLayers)}`);
  }
  hiddenLayers.forEach((w, i) => checkInteger(`hiddenLayers[${i}]`, w, { min: 1, max: 65536 }));
  return {
    pairing: checkOneOf('pairing', o.pairing ?? 'knn', PAIRINGS),
    gap: checkOneOf('gap', o.gap ?? 'uniform', GAPS),
    loss: checkOneOf('loss', o.loss ?? 'mse', LOSSES),
    hiddenLayers: [...hiddenLayers],
    activation: checkOneOf('activation', o.activation ?? 'relu', ACTIVATIONS),
    epochs: checkInteger('epochs', o.epochs ?? 100, { min: 1 }),
    batchSize: checkInteger('batchSize', o.batchSize ?? 64, { min: 1 }),
    learningRate: checkNumber('learningRate', o.learningRate ?? 1e-3, { min: 0, exclusiveMin: true, max: 10 }),
    pairsPerEpoch: checkInteger('pairsPerEpoch', o.pairsPerEpoch ?? 512, { min: 1 }),
    kNeighbors: checkInteger('kNeighbors', o.kNeighbors ?? 5, { min: 1 }),
    patience: checkInteger('patience', o.patience ?? 10, { min: 0 }),
    samplingStrategy,
    seed,
  };
}
