import type { Rng } from '@oversample/core';
import type { ClassNeighborhood } from './neighborhood';
import type { NeighborPool } from './options';

/**
 * How a synthetic row is made from a seed row and its first k neighbours; each is a step
 * `x + gap * (target - x)` with one gap U[0, 1) per row towards:
 * - `interpolate`: one of the first k neighbours, uniformly (SMOTE's step);
 * - `centroid`: the mean of the row and its first k neighbours;
 * - `max`: the element-wise maximum of the row and its first k neighbours.
 */
export type AggregationName = 'interpolate' | 'centroid' | 'max';

/** Every aggregation, in the order their policy logits use. */
export const AGGREGATIONS: readonly AggregationName[] = ['interpolate', 'centroid', 'max'];

/** Share of the segment a step may cover when its target involves a row of another class (Borderline-SMOTE-2's 0.5). */
export const CROSS_CLASS_STEP = 0.5;

/**
 * Writes the synthetic row made from row `i` of `nb` with aggregation `agg`, the first `k`
 * neighbours (capped at the class's kMax) and `gap`, into `out` at `offset`. With `pool` `'all'`
 * the neighbours are the row's nearest rows of any class (`nb.cross`), and a target that involves
 * a row of another class is approached at most {@link CROSS_CLASS_STEP} of the way.
 */
export function aggregateRow(
  nb: ClassNeighborhood,
  i: number,
  agg: AggregationName,
  k: number,
  gap: number,
  rng: Rng,
  out: Float32Array,
  offset: number,
  pool: NeighborPool = 'class',
): void {
  const { d, kMax } = nb;
  const cross = pool === 'all' ? nb.cross : undefined;
  if (pool === 'all' && !cross) throw new Error(`AutoSMOTE: class ${nb.label} has no neighbours among all classes`);
  const from = nb.x;
  const to = cross ? cross.pool : nb.x;
  const nn = cross ? cross.nn : nb.nn;
  const kk = Math.max(1, Math.min(k, kMax));
  const base = i * d;
  if (agg === 'interpolate') {
    const slot = i * kMax + rng.int(kk);
    const j = nn[slot]! * d;
    const step = cross && cross.other[slot] ? gap * CROSS_CLASS_STEP : gap;
    for (let t = 0; t < d; t++) out[offset + t] = from[base + t]! + step * (to[j + t]! - from[base + t]!);
    return;
  }
  let mixed = false;
  for (let t = 0; t < d; t++) out[offset + t] = from[base + t]!;
  for (let r = 0; r < kk; r++) {
    const j = nn[i * kMax + r]! * d;
    if (cross && cross.other[i * kMax + r]) mixed = true;
    if (agg === 'centroid') for (let t = 0; t < d; t++) out[offset + t]! += to[j + t]!;
    else for (let t = 0; t < d; t++) out[offset + t] = Math.max(out[offset + t]!, to[j + t]!);
  }
  const step = mixed ? gap * CROSS_CLASS_STEP : gap;
  for (let t = 0; t < d; t++) {
    const target = agg === 'centroid' ? out[offset + t]! / (kk + 1) : out[offset + t]!;
    out[offset + t] = from[base + t]! + step * (target - from[base + t]!);
  }
}
