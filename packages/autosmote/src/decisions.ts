import * as tf from '@tensorflow/tfjs-core';
import type { AggregationName } from './aggregation';
import type { Fitted } from './fitted';
import { denseForward } from '@oversample/tf';
import type { ClassNeighborhood } from './neighborhood';
import type { PolicyUnits } from './units';

/** What the trained policies decided for one unit (a row for `self`, a cohort for `cohort`). */
export interface UnitDecision {
  readonly size: number;
  readonly seeds: boolean;
  readonly k: number;
  readonly aggregation: AggregationName;
}

/** The learned decisions of one oversampled class, for inspection. */
export interface ClassDecisions {
  readonly label: number;
  /** Rows of the class that AutoSMOTE seeds from. */
  readonly rows: number;
  /** Of those, rows whose unit decided to seed. */
  readonly seedingRows: number;
  /** Rows per chosen k (index k - 1). */
  readonly kHistogram: readonly number[];
  /** Rows per chosen aggregation. */
  readonly aggregationHistogram: Readonly<Partial<Record<AggregationName, number>>>;
  readonly units: readonly UnitDecision[];
}

/** Per unit: seeds (1/0), chosen k (1-based) and aggregation index. */
export interface UnitChoices {
  readonly unitSeeds: Uint8Array;
  readonly unitK: Int32Array;
  readonly unitAgg: Int32Array;
}

/**
 * The policy's logits are laid out `[participate, decline, k = 1..K, aggregation 1..A]`; this is
 * the offset of each block for a policy with `K` neighbour choices.
 */
export function logitLayout(K: number): { readonly k: number; readonly aggregation: number; readonly size: (A: number) => number } {
  return { k: 2, aggregation: 2 + K, size: (A) => 2 + K + A };
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
): UnitChoices {
  const unitsT = tf.tensor2d(units.features, [units.nUnits, units.f]);
  const logits = tf.tidy(() => denseForward(policy, unitsT, 'tanh').arraySync());
  unitsT.dispose();
  const at = logitLayout(K);
  const unitSeeds = new Uint8Array(units.nUnits);
  const unitK = new Int32Array(units.nUnits);
  const unitAgg = new Int32Array(units.nUnits);
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
  }
  return { unitSeeds, unitK, unitAgg };
}

/** Per oversampled class: how many rows seed, which k and which aggregation were chosen, per unit. */
export function summariseDecisions(f: Fitted, aggregations: readonly AggregationName[]): ClassDecisions[] {
  const K = Math.max(1, ...f.neighborhoods.map((nb) => nb.kMax));
  return f.neighborhoods.map((nb, c) => {
    const units: UnitDecision[] = [];
    const kHistogram = new Array<number>(K).fill(0);
    const aggregationHistogram: Partial<Record<AggregationName, number>> = {};
    let seedingRows = 0;
    for (let u = 0; u < f.units.nUnits; u++) {
      if (f.units.unitClass[u] !== c) continue;
      const size = f.units.unitSize[u]!;
      const aggregation = aggregations[f.unitAgg[u]!]!;
      const seeds = f.unitSeeds[u] === 1;
      units.push({ size, seeds, k: f.unitK[u]!, aggregation });
      if (seeds) {
        seedingRows += size;
        kHistogram[f.unitK[u]! - 1]! += size;
        aggregationHistogram[aggregation] = (aggregationHistogram[aggregation] ?? 0) + size;
      }
    }
    return { label: nb.label, rows: nb.m, seedingRows, kHistogram, aggregationHistogram, units };
  });
}
