import type { Dataset } from './dataset';
import { OptionError, SamplerInputError } from './errors';
import type { RunOptions } from './progress';
import type { Sampler } from './sampler';
import { describeValue } from './validate';

/**
 * Which classes a cleaning under-sampler (Tomek links, edited nearest neighbours) may remove rows
 * from, with imbalanced-learn's `'clean-sampling'` semantics:
 * - `'auto'` = `'not minority'`: every class but the smallest;
 * - `'majority'`: the largest class only; `'not majority'`: every class but the largest;
 * - `'all'`: every class;
 * - a list of classes.
 * Ties between equally large (or small) classes go to the lowest label, as in imbalanced-learn.
 * Ratios and `{ class: count }` maps do not apply: a cleaner removes what its rule says.
 */
export type CleaningStrategy = 'auto' | 'majority' | 'not minority' | 'not majority' | 'all' | readonly number[];

const CLEANING_NAMES = ['auto', 'majority', 'not minority', 'not majority', 'all'] as const;

/**
 * A sampler that only removes rows. `fitResample` returns the kept rows, unchanged and in their
 * original order; `sampleIndices` says which they are (imbalanced-learn's `sample_indices_`).
 */
export interface CleaningSampler extends Sampler {
  /** Indices of the rows `fitResample(data)` keeps, ascending. */
  sampleIndices(data: Dataset, options?: RunOptions): Promise<Int32Array>;
}

/**
 * Checks the form of a cleaning strategy (at construction, before any data is seen); throws
 * `OptionError` naming `samplingStrategy`.
 */
export function checkCleaningStrategy(context: string, strategy: unknown): CleaningStrategy {
  if (typeof strategy === 'string' && (CLEANING_NAMES as readonly string[]).includes(strategy)) return strategy as CleaningStrategy;
  if (Array.isArray(strategy)) {
    if (strategy.length === 0 || strategy.some((c) => typeof c !== 'number' || !Number.isInteger(c) || c < 0)) {
      throw new OptionError(`${context}: samplingStrategy as a list must hold class labels (integers >= 0), got ${describeValue(strategy)}`);
    }
    return [...(strategy as number[])];
  }
  const hint =
    strategy === 'minority'
      ? " ('minority' cannot be cleaned: a cleaner never removes rows of the smallest class on its own)"
      : typeof strategy === 'number' || (typeof strategy === 'object' && strategy !== null)
        ? ' (ratios and { class: count } maps are for over-samplers; a cleaner takes the classes to clean)'
        : '';
  throw new OptionError(
    `${context}: samplingStrategy ${describeValue(strategy)} is not a cleaning strategy; use one of ` +
      `${CLEANING_NAMES.map((s) => `'${s}'`).join(', ')} or a list of classes${hint}`,
  );
}

/**
 * The classes `strategy` lets a cleaner remove rows from, ascending, for labels `y`. Throws
 * `SamplerInputError` for fewer than two classes and `OptionError` for a listed class that is not
 * in the data.
 *
 * @example
 * resolveCleaningStrategy('auto', new Int32Array([0, 0, 0, 1, 2, 2])) // [0, 2]
 */
export function resolveCleaningStrategy(strategy: CleaningStrategy, y: Int32Array, context = 'cleaning'): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < y.length; i++) counts.set(y[i]!, (counts.get(y[i]!) ?? 0) + 1);
  const classes = [...counts.keys()].sort((a, b) => a - b);
  if (classes.length <= 1) {
    throw new SamplerInputError(
      `${context}: cleaning needs at least 2 classes, got ${classes.length}${classes.length === 1 ? ` (class ${classes[0]} only)` : ''}`,
    );
  }
  checkCleaningStrategy(context, strategy);
  if (Array.isArray(strategy)) {
    const missing = strategy.filter((c) => !counts.has(c));
    if (missing.length > 0) {
      throw new OptionError(`${context}: samplingStrategy names class ${missing.join(', ')}, which is not in the data (classes: ${classes.join(', ')})`);
    }
    return [...new Set(strategy)].sort((a, b) => a - b);
  }
  // First largest / smallest in ascending label order, as imbalanced-learn 0.10 (np.unique order).
  let majority = classes[0]!;
  let minority = classes[0]!;
  for (const c of classes) {
    if (counts.get(c)! > counts.get(majority)!) majority = c;
    if (counts.get(c)! < counts.get(minority)!) minority = c;
  }
  switch (strategy) {
    case 'all':
      return classes;
    case 'majority':
      return [majority];
    case 'not majority':
      return classes.filter((c) => c !== majority);
    default:
      return classes.filter((c) => c !== minority);
  }
}
