import { OptionError, checkInteger, checkKnownOptions, checkNumber, checkOneOf, type SamplerOptions } from '@oversample/core';
import { AGGREGATIONS, type AggregationName } from './aggregation';
import type { HiddenActivation } from './mlp';

/**
 * What the policies are trained to lower:
 * - `'lookahead'` (ours, default): the classifier's balanced cross-entropy on a held-out split after
 *   one look-ahead SGD step on real + gated synthetic rows;
 * - `'joint'` (the publication's formulation): one loss, the classifier's cross-entropy on real +
 *   gated synthetic rows, differentiated with respect to classifier and policies together.
 */
export type PolicyObjective = 'lookahead' | 'joint';

/** Every policy objective, for validation. */
export const POLICY_OBJECTIVES: readonly PolicyObjective[] = ['lookahead', 'joint'];

/**
 * Where a unit's neighbours come from (a decision when both are offered; ours):
 * - `'class'`: the nearest rows of its own class (SMOTE's neighbours);
 * - `'all'`: the nearest training rows of any class; a step towards a row of another class goes
 *   at most half way (Borderline-SMOTE-2's rule), so the new row stays on the seed's side.
 */
export type NeighborPool = 'class' | 'all';

/** Every neighbour pool, in the order their policy logits use. */
export const NEIGHBOR_POOLS: readonly NeighborPool[] = ['class', 'all'];

/** Options of {@link AutoSMOTE}; every one has a default. */
export interface AutoSMOTEOptions extends SamplerOptions {
  /** `self`: decisions per minority row; `cohort` (default): per k-means group of rows. */
  readonly variant?: 'self' | 'cohort';
  /** What the policies learn from; default `'lookahead'` (see {@link PolicyObjective}). */
  readonly objective?: PolicyObjective;
  /**
   * K, the neighbours each row can draw on; the k decision picks 1..K. Default 10. Capped at the
   * largest oversampled class's training rows minus one (the most neighbours a row can have).
   */
  readonly maxNeighbors?: number;
  /** Cohorts per class for the `cohort` variant. Default 8. */
  readonly cohorts?: number;
  /** The aggregation functions the policy chooses among. Default all three. */
  readonly aggregations?: readonly AggregationName[];
  /**
   * The neighbour pools the policy chooses among, per unit (see {@link NeighborPool}). Default
   * `['class']` (SMOTE's); `['class', 'all']` lets a unit draw on rows of other classes (ours).
   */
  readonly neighborPools?: readonly NeighborPool[];
  /**
   * The shares of a class's deficit the policy chooses among, per oversampled class (ours).
   * Default `[1]`: every class gets its whole deficit. With e.g. `[0, 0.5, 1]` a class may be
   * skipped or half filled, and `fitResample` then adds `round(share * deficit)` rows to it
   * (`sample` still gives exactly the counts asked). Needs `objective: 'lookahead'`: the joint
   * loss only ever falls with fewer synthetic rows, so it would skip every class.
   */
  readonly classShares?: readonly number[];
  /** Gumbel-Softmax temperature, annealed exponentially from `start` to `end`. Default 1 -> 0.1. */
  readonly temperature?: { readonly start?: number; readonly end?: number };
  /** Classifier hidden layer sizes. Default [32]. */
  readonly hiddenLayers?: readonly number[];
  /** Classifier activation. Default `'relu'`. */
  readonly activation?: HiddenActivation;
  /** Classifier Adam learning rate. Default 0.01. */
  readonly learningRate?: number;
  /** Width of the policy network's hidden layer. Default 32. */
  readonly policyHidden?: number;
  /** Policy Adam learning rate. Default 0.01. */
  readonly policyLearningRate?: number;
  /** Step size of the look-ahead classifier update the policy is scored through. Default 0.1. */
  readonly lookaheadLearningRate?: number;
  /** Joint training epochs over the training split. Default 20. */
  readonly epochs?: number;
  /** Real rows per step (and synthetic seeds per step). Default 64. */
  readonly batchSize?: number;
  /** Share of each class held out to score the policies. Default 0.25. */
  readonly validationFraction?: number;
  /**
   * Epochs of the final classifier, re-initialised after the joint phase and trained on every real
   * row plus the emitted synthetic rows (the held-out rows are not lost to it). Default 30.
   */
  readonly refitEpochs?: number;
}

/** Every option name `AutoSMOTE` accepts. */
export const KNOWN = [
  'variant', 'objective', 'maxNeighbors', 'cohorts', 'aggregations', 'neighborPools', 'classShares', 'temperature', 'hiddenLayers', 'activation', 'learningRate',
  'policyHidden', 'policyLearningRate', 'lookaheadLearningRate', 'epochs', 'batchSize', 'validationFraction',
  'refitEpochs', 'samplingStrategy', 'seed',
] as const;

/** Every option resolved to a value (sampling strategy and seed stay with the sampler). */
export type Config = Required<Omit<AutoSMOTEOptions, 'seed' | 'samplingStrategy' | 'temperature'>> & {
  readonly temperature: { readonly start: number; readonly end: number };
};

/** Checks every option and fills in the defaults; throws `OptionError` naming the bad one. */
export function resolveConfig(options: AutoSMOTEOptions): Config {
  checkKnownOptions('AutoSMOTE', options, KNOWN);
  const aggregations = distinctList('aggregations', options.aggregations ?? AGGREGATIONS, (v, i) => checkOneOf(`aggregations[${i}]`, v, AGGREGATIONS));
  const neighborPools = distinctList('neighborPools', options.neighborPools ?? ['class'], (v, i) => checkOneOf(`neighborPools[${i}]`, v, NEIGHBOR_POOLS));
  const classShares = distinctList('classShares', options.classShares ?? [1], (v, i) => checkNumber(`classShares[${i}]`, v, { min: 0, max: 1 }));
  const objective = checkOneOf('objective', options.objective ?? 'lookahead', POLICY_OBJECTIVES);
  if (objective === 'joint' && !(classShares.length === 1 && classShares[0] === 1)) {
    throw new OptionError(
      `classShares ${JSON.stringify(classShares)} needs objective 'lookahead': the joint loss only falls with fewer synthetic rows, so it would skip every class (use classShares [1] with 'joint')`,
    );
  }
  const hidden = options.hiddenLayers ?? [32];
  if (!Array.isArray(hidden)) throw new OptionError(`hiddenLayers must be an array of layer sizes, got ${JSON.stringify(hidden)}`);
  hidden.forEach((h, i) => checkInteger(`hiddenLayers[${i}]`, h, { min: 1 }));
  const start = checkNumber('temperature.start', options.temperature?.start ?? 1, { min: 0, exclusiveMin: true });
  const end = checkNumber('temperature.end', options.temperature?.end ?? 0.1, { min: 0, exclusiveMin: true, max: start });
  return {
    variant: checkOneOf('variant', options.variant ?? 'cohort', ['self', 'cohort'] as const),
    objective,
    maxNeighbors: checkInteger('maxNeighbors', options.maxNeighbors ?? 10, { min: 1 }),
    cohorts: checkInteger('cohorts', options.cohorts ?? 8, { min: 1 }),
    aggregations,
    neighborPools,
    classShares,
    temperature: { start, end },
    hiddenLayers: [...hidden],
    activation: checkOneOf('activation', options.activation ?? 'relu', ['relu', 'tanh'] as const),
    learningRate: checkNumber('learningRate', options.learningRate ?? 0.01, { min: 0, exclusiveMin: true }),
    policyHidden: checkInteger('policyHidden', options.policyHidden ?? 32, { min: 1 }),
    policyLearningRate: checkNumber('policyLearningRate', options.policyLearningRate ?? 0.01, { min: 0, exclusiveMin: true }),
    lookaheadLearningRate: checkNumber('lookaheadLearningRate', options.lookaheadLearningRate ?? 0.1, { min: 0, exclusiveMin: true }),
    epochs: checkInteger('epochs', options.epochs ?? 20, { min: 1 }),
    batchSize: checkInteger('batchSize', options.batchSize ?? 64, { min: 1 }),
    validationFraction: checkNumber('validationFraction', options.validationFraction ?? 0.25, { min: 0, exclusiveMin: true, max: 0.5 }),
    refitEpochs: checkInteger('refitEpochs', options.refitEpochs ?? 30, { min: 1 }),
  };
}

/** A non-empty list without repeats, each entry checked by `check`; throws `OptionError` naming the list. */
function distinctList<T>(name: string, list: unknown, check: (value: unknown, index: number) => T): T[] {
  if (!Array.isArray(list) || list.length === 0) throw new OptionError(`${name} must be a non-empty list, got ${JSON.stringify(list)}`);
  const values = list.map((v, i) => check(v, i));
  if (new Set(values).size !== values.length) throw new OptionError(`${name} must not repeat, got ${JSON.stringify(list)}`);
  return values;
}
