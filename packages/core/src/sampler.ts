import type { Dataset } from './dataset';
import { OptionError } from './errors';
import type { RunOptions } from './progress';
import type { SeedLike } from './rng';
import type { SamplingStrategy } from './sampling-strategy';
import { describeValue } from './validate';

/** Options every sampler takes. */
export interface SamplerOptions {
  /** Which classes to oversample and how far; default `'auto'`. */
  readonly samplingStrategy?: SamplingStrategy;
  /** Seed (or generator) for every random choice; same seed and input, same output. */
  readonly seed?: SeedLike;
}

/**
 * An over-sampler. `fitResample` returns the original rows, unchanged and in order, followed by
 * the synthetic rows grouped by class in ascending class order (imbalanced-learn's convention).
 * It never mutates its input.
 */
export interface Sampler {
  /** Short name for reports, e.g. `'SMOTE'`. */
  readonly name: string;
  fitResample(data: Dataset, options?: RunOptions): Promise<Dataset>;
}

/** Rows to generate per class: a Map or a `{ class: count }` object. */
export type ClassCounts = ReadonlyMap<number, number> | Readonly<Record<number, number>>;

/**
 * A sampler with a model of the data that can be fitted once and sampled many times,
 * saved and loaded (DeepSMOTE, Deep SMOTE, AutoSMOTE).
 */
export interface GenerativeSampler extends Sampler {
  fit(data: Dataset, options?: RunOptions): Promise<this>;
  /** Synthetic rows only: `counts.get(c)` new rows of class `c`, grouped by class in ascending order. */
  sample(counts: ClassCounts, options?: RunOptions): Promise<Dataset>;
  /** Writes the fitted model and its configuration to a directory. */
  save(dir: string): Promise<void>;
}

/** Normalises `ClassCounts` to a Map sorted by class, checking every count is a non-negative integer. */
export function toCountMap(counts: ClassCounts): Map<number, number> {
  const entries: [number, unknown][] =
    counts instanceof Map ? [...counts.entries()] : Object.entries(counts).map(([k, v]) => [Number(k), v]);
  for (const [c, n] of entries) {
    if (!Number.isInteger(c) || c < 0) throw new OptionError(`class keys must be integers >= 0, got ${describeValue(c)}`);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new OptionError(`the count for class ${c} must be an integer >= 0, got ${describeValue(n)}`);
    }
  }
  return new Map((entries as [number, number][]).sort((a, b) => a[0] - b[0]));
}
