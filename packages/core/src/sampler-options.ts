import { checkSeed, type SeedLike } from './rng';
import type { SamplerOptions } from './sampler';
import { checkSamplingStrategy, type SamplingStrategy } from './sampling-strategy';
import { checkKnownOptions } from './validate';
import { OptionError } from './errors';

/** The options every sampler shares, checked. */
export interface SamplerSettings {
  readonly samplingStrategy: SamplingStrategy;
  readonly seed: SeedLike;
}

/**
 * The constructor half of every sampler's common path (imbalanced-learn checks its parameters in
 * `fit`; the READMEs here promise the constructor): rejects option names outside `known` (the
 * shared `samplingStrategy` and `seed` are always known), a sampling strategy that cannot be valid
 * for any data, and a bad seed, all with `OptionError`s prefixed by the sampler's `name`.
 *
 * @example
 * const settings = samplerSettings('SMOTE', options, ['kNeighbors']);
 */
export function samplerSettings(name: string, options: SamplerOptions | undefined, known: readonly string[]): SamplerSettings {
  checkKnownOptions(name, options, ['samplingStrategy', 'seed', ...known]);
  let samplingStrategy: SamplingStrategy;
  try {
    samplingStrategy = checkSamplingStrategy(options?.samplingStrategy);
  } catch (err) {
    if (err instanceof OptionError) throw new OptionError(`${name}: ${err.message}`, { cause: err });
    throw err;
  }
  return { samplingStrategy, seed: checkSeed(options?.seed, name) };
}
