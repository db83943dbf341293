import {
  checkCleaningStrategy,
  checkKnownOptions,
  resolveCleaningStrategy,
  rowSize,
  throwIfAborted,
  validateDataset,
  type CleaningStrategy,
  type Dataset,
  type RunOptions,
} from '@oversample/core';

/** Options every cleaning under-sampler takes. */
export interface CleaningOptions {
  /** Which classes may lose rows; default `'auto'` (every class but the smallest). */
  readonly samplingStrategy?: CleaningStrategy;
}

/** Rejects unknown option names and a malformed strategy at construction; returns the strategy. */
export function cleaningSettings(name: string, options: object | undefined, known: readonly string[]): CleaningStrategy {
  checkKnownOptions(name, options, ['samplingStrategy', ...known]);
  const strategy = (options as CleaningOptions | undefined)?.samplingStrategy;
  return strategy === undefined ? 'auto' : checkCleaningStrategy(name, strategy);
}

/** The validated data of one cleaning run and the classes it may clean. */
export interface CleaningPlan {
  readonly d: number;
  readonly n: number;
  /** Per class label: whether its rows may be removed. */
  readonly targeted: ReadonlySet<number>;
}

/** Validates the data (and the signal) and resolves the strategy against its labels. */
export function planCleaning(name: string, data: Dataset, strategy: CleaningStrategy, options: RunOptions): CleaningPlan {
  throwIfAborted(options.signal);
  validateDataset(data, { context: name, minClasses: 2 });
  const targeted = new Set(resolveCleaningStrategy(strategy, data.y, name));
  return { d: rowSize(data.shape), n: data.y.length, targeted };
}
