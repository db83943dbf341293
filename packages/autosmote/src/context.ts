import type { Rng, RunOptions } from '@oversample/core';
import type { Config } from './options';

/**
 * What every stage of an AutoSMOTE fit reads: the resolved options, the standardised training rows
 * and their labels, the seeded generator and the caller's progress and cancellation. Passed whole
 * instead of as long parameter lists; each stage takes the child streams it needs from `rng`.
 */
export interface FitContext {
  readonly config: Config;
  /** The sampler's name for messages (`AutoSMOTE-self`, `AutoSMOTE-cohort`). */
  readonly name: string;
  /** Features per row. */
  readonly d: number;
  /** Largest label + 1. */
  readonly nClasses: number;
  /** Every training row, standardised (n x d, row-major). */
  readonly z: Float32Array;
  readonly y: Int32Array;
  readonly rng: Rng;
  readonly run: RunOptions;
}
