import type { Rng } from '@oversample/core';
import type { ClassNeighborhood } from './neighborhood';

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

/**
 * Writes the synthetic row made from row `i` of `nb` with aggregation `agg`, the first `k`
 * neighbours (capped at the class's kMax) and `gap`, into `out` at `offset`.
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
): void {
  const { x, d, nn, kMax } = nb;
  const kk = Math.max(1, Math.min(k, kMax));
  const base = i * d;
  if (agg === 'interpolate') {
    const j = nn[i * kMax + rng.int(kk)]! * d;
    for (let t = 0; t < d; t++) out[offset + t] = x[base + t]! + gap * (x[j + t]! - x[base + t]!);
    return;
  }
  for (let t = 0; t < d; t++) out[offset + t] = x[base + t]!;
  for (let r = 0; r < kk; r++) {
    const j = nn[i * kMax + r]! * d;
    if (agg === 'centroid') for (let t = 0; t < d; t++) out[offset + t]! += x[j + t]!;
    else for (let t = 0; t < d; t++) out[offset + t] = Math.max(out[offset + t]!, x[j + t]!);
  }
  for (let t = 0; t < d; t++) {
    const target = agg === 'centroid' ? out[offset + t]! / (kk + 1) : out[offset + t]!;
    out[offset + t] = x[base + t]! + gap * (target - x[base + t]!);
  }
}
