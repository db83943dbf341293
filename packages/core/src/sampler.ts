import type { Dataset } from './dataset';
import type { RunOptions } from './progress';
import type { SeedLike } from './rng';
import type { ClassCounts, SamplingStrategy } from './sampling-strategy';

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

/**
 * A sampler with a model of the data that can be fitted once and sampled many times,
 * saved and loaded (DeepSMOTE, Deep SMOTE, AutoSMOTE). Each class also has a static
 * `load(source, options?)` that reads what `save` wrote. Every method but `fit` and
 * `fitResample` throws `NotFittedError` before a fit (or load).
 */
export interface GenerativeSampler extends Sampler {
  /** Learns the model; replaces an earlier fit. */
  fit(data: Dataset, options?: RunOptions): Promise<this>;
  /**
   * Synthetic rows only: `counts.get(c)` new rows of class `c`, grouped by class in ascending
   * order. Each call draws a fresh stream (the n-th call after a fit, or after a load, gives the
   * same rows for the same seed); asking for a class the model was not fitted for is an `OptionError`.
   */
  sample(counts: ClassCounts, options?: RunOptions): Promise<Dataset>;
  /** Writes the fitted model (the one save format of `@oversample/tf`) to a directory. */
  save(destination: string): Promise<void>;
  /** Frees what the model holds (TensorFlow.js tensors); the sampler is unfitted afterwards. */
  dispose(): void;
}
