import * as tf from '@tensorflow/tfjs-core';
import type { AggregationName } from './aggregation';
import type { Fitted } from './fitted';
import { denseForward } from '@oversample/tf';
import type { ClassNeighborhood } from './neighborhood';
import type { NeighborPool } from './options';
import type { PolicyUnits } from './units';

/** How far the initial logits favour SMOTE's decisions over the alternatives (ours: the SMOTE-biased start). */
export const PRIOR_LOGIT = 2;

/** What the trained policies decided for one unit (a row for `self`, a cohort for `cohort`). */
export interface UnitDecision {
  readonly size: number;
  readonly seeds: boolean;
  readonly k: number;
  readonly aggregation: AggregationName;
  /** Where its neighbours come from. */
  readonly pool: NeighborPool;
}

/** The learned decisions of one oversampled class, for inspection. */
export interface ClassDecisions {
  readonly label: number;
  /** Rows of the class that AutoSMOTE seeds from. */
  readonly rows: number;
  /** The share of the class's deficit `fitResample` adds (1 unless `classShares` offers others). */
  readonly share: number;
  /** Of those, rows whose unit decided to seed. */
  readonly seedingRows: number;
  /** Rows per chosen k (index k - 1). */
  readonly kHistogram: readonly number[];
  /** Rows per chosen aggregation. */
  readonly aggregationHistogram: Readonly<Partial<Record<AggregationName, number>>>;
  /** Seeding rows per chosen neighbour pool. */
  readonly poolHistogram: Readonly<Partial<Record<NeighborPool, number>>>;
  readonly units: readonly UnitDecision[];
}

/** Per unit: seeds (1/0), chosen k (1-based), aggregation index and neighbour pool index. */
export interface UnitChoices {
  readonly unitSeeds: Uint8Array;
  readonly unitK: Int32Array;
  readonly unitAgg: Int32Array;
  readonly unitPool: Int32Array;
}

/** Where each block of a policy's logits starts, and how many logits it has in all. */
export interface LogitLayout {
  readonly k: number;
  readonly aggregation: number;
  /** Start of the pool block; it is empty when one pool is offered. */
  readonly pool: number;
  readonly size: number;
}

/**
 * The policy's logits are laid out `[participate, decline, k = 1..K, aggregation 1..A, pool 1..P]`
 * for `K` neighbour choices, `A` aggregations and `P` pools; one pool needs no logits, so a policy
 * offered SMOTE's pool alone has the shape it had before pools existed.
 */
export function logitLayout(K: number, A: number, P = 1): LogitLayout {
  const poolLogits = P > 1 ? P : 0;
  return { k: 2, aggregation: 2 + K, pool: 2 + K + A, size: 2 + K + A + poolLogits };
}

/**
 * The decisions are the policies' modes: per unit, seed if participation's logit wins, the k with
 * the largest logit among those its class allows (1..kMax), and the largest aggregation logit.
 */
export function readDecisions(
  policy: readonly tf.Tensor[],
  units: PolicyUnits,
  neighborhoods: readonly ClassNeighborhood[],
  K: number,
  A: number,
  P = 1,
): UnitChoices {
  const unitsT = tf.tensor2d(units.features, [units.nUnits, units.f]);
  const logits = tf.tidy(() => denseForward(policy, unitsT, 'tanh').arraySync());
  unitsT.dispose();
  const at = logitLayout(K, A, P);
  const unitSeeds = new Uint8Array(units.nUnits);
  const unitK = new Int32Array(units.nUnits);
  const unitAgg = new Int32Array(units.nUnits);
  const unitPool = new Int32Array(units.nUnits);
  for (let u = 0; u < units.nUnits; u++) {
    const row = logits[u]!;
    unitSeeds[u] = row[0]! >= row[1]! ? 1 : 0;
    const kMax = neighborhoods[units.unitClass[u]!]!.kMax;
    let bestK = 0;
    for (let k = 1; k < kMax; k++) if (row[at.k + k]! > row[at.k + bestK]!) bestK = k;
    unitK[u] = bestK + 1;
    let bestA = 0;
    for (let a = 1; a < A; a++) if (row[at.aggregation + a]! > row[at.aggregation + bestA]!) bestA = a;
    unitAgg[u] = bestA;
    let bestP = 0;
    for (let p = 1; p < P; p++) if (row[at.pool + p]! > row[at.pool + bestP]!) bestP = p;
    unitPool[u] = bestP;
  }
  return { unitSeeds, unitK, unitAgg, unitPool };
}

/** Per oversampled class: how many rows seed, which k and which aggregation were chosen, per unit. */
export function summariseDecisions(f: Fitted, aggregations: readonly AggregationName[], pools: readonly NeighborPool[]): ClassDecisions[] {
  const K = Math.max(1, ...f.neighborhoods.map((nb) => nb.kMax));
  return f.neighborhoods.map((nb, c) => {
    const units: UnitDecision[] = [];
    const kHistogram = new Array<number>(K).fill(0);
    const aggregationHistogram: Partial<Record<AggregationName, number>> = {};
    const poolHistogram: Partial<Record<NeighborPool, number>> = {};
    let seedingRows = 0;
    for (let u = 0; u < f.units.nUnits; u++) {
      if (f.units.unitClass[u] !== c) continue;
      const size = f.units.unitSize[u]!;
      const aggregation = aggregations[f.unitAgg[u]!]!;
      const pool = pools[f.unitPool[u]!]!;
      const seeds = f.unitSeeds[u] === 1;
      units.push({ size, seeds, k: f.unitK[u]!, aggregation, pool });
      if (seeds) {
        seedingRows += size;
        kHistogram[f.unitK[u]! - 1]! += size;
        aggregationHistogram[aggregation] = (aggregationHistogram[aggregation] ?? 0) + size;
        poolHistogram[pool] = (poolHistogram[pool] ?? 0) + size;
      }
    }
    return { label: nb.label, rows: nb.m, share: f.classShares[c]!, seedingRows, kHistogram, aggregationHistogram, poolHistogram, units };
  });
}
