import {
  OptionError,
  Rng,
  checkInteger,
  checkKnownOptions,
  describeValue,
  toRng,
  type SamplerOptions,
  type SamplingStrategy,
  type SeedLike,
} from '@oversample/core';

/** Options every sampler of this package shares, checked once at construction. */
export interface CommonSettings {
  readonly samplingStrategy: SamplingStrategy;
  readonly seed: SeedLike;
}

/**
 * Rejects unknown option names and a bad seed; returns the shared settings. The sampling
 * strategy itself is checked against the labels at `fitResample`.
 */
export function commonSettings(name: string, options: SamplerOptions | undefined, known: readonly string[]): CommonSettings {
  checkKnownOptions(name, options, ['samplingStrategy', 'seed', ...known]);
  const seed = options?.seed;
  if (seed !== undefined && !(seed instanceof Rng)) {
    if (typeof seed !== 'number') throw new OptionError(`${name}: seed must be a number or an Rng, got ${describeValue(seed)}`);
    new Rng(seed);
  }
  return { samplingStrategy: options?.samplingStrategy ?? 'auto', seed };
}

/** A fresh generator per call for a number seed, so repeated calls give the same output. */
export function rngFor(seed: SeedLike): Rng {
  return toRng(seed);
}

/** `kNeighbors`-style option: an integer >= 1 with a default. */
export function neighborsOption(name: string, option: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkInteger(`${name}: ${option}`, value, { min: 1 });
}
