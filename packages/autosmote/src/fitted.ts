import type { ColumnScaling } from '@oversample/core';
import type * as tf from '@tensorflow/tfjs-core';
import type { ClassNeighborhood } from './neighborhood';
import type { PolicyUnits } from './units';

/** Everything a fitted AutoSMOTE holds; `save` writes it and `load` restores it. */
export interface Fitted {
  readonly d: number;
  readonly shape: readonly number[];
  readonly nClasses: number;
  /** Standardisation with the whole set's statistics (generation happens in standardised units). */
  readonly scaling: ColumnScaling;
  readonly neighborhoods: readonly ClassNeighborhood[];
  readonly units: PolicyUnits;
  /** Per unit: seeds (1/0), chosen k (1-based) and aggregation index. */
  readonly unitSeeds: Uint8Array;
  readonly unitK: Int32Array;
  readonly unitAgg: Int32Array;
  /** Per unit: index of its neighbour pool in `neighborPools`. */
  readonly unitPool: Int32Array;
  /** Per oversampled class (neighbourhood order): the share of its deficit `fitResample` added. */
  readonly classShares: readonly number[];
  readonly classifier: tf.Variable[];
  readonly policy: tf.Variable[];
  /** Rows `fitResample` added per class (the strategy's deficits times the decided shares). */
  readonly plan: Map<number, number>;
  readonly synthetic: { x: Float32Array; y: Int32Array };
  readonly losses: number[];
  /** The seed of the fit: `sample` call `n` draws from `sampleStream(seed, n)`. */
  readonly seed: number;
  /** `sample` calls since the fit (or as saved). */
  sampleCalls: number;
}
