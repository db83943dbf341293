import type { Rng } from '@oversample/core';
import { kMeans } from '@oversample/neighbors';
import type { ClassNeighborhood } from './neighborhood';

/**
 * The things AutoSMOTE's policies decide for: every minority row (`self`) or every cohort of
 * rows (`cohort`), with the input features their policy sees.
 */
export interface PolicyUnits {
  /** nUnits x f policy inputs. */
  readonly features: Float32Array;
  readonly f: number;
  readonly nUnits: number;
  /** Per unit: index of its class in the neighbourhood list. */
  readonly unitClass: Int32Array;
  /** Per unit: how many rows share its decisions. */
  readonly unitSize: Int32Array;
  /** Per class (neighbourhood list order), per row of that class: its unit. */
  readonly unitOfRow: readonly Int32Array[];
}

/**
 * A row's policy input: the row, the offset to the mean of its K neighbours, its neighbour
 * distances (scaled by the class's mean nearest-neighbour distance, padded to `maxNeighbors`),
 * and the one-hot of its class.
 */
function rowFeatures(nb: ClassNeighborhood, i: number, classIndex: number, nClasses: number, maxNeighbors: number, scale: number, out: Float32Array, offset: number): void {
  const { x, d, nn, dist, kMax } = nb;
  for (let t = 0; t < d; t++) out[offset + t] = x[i * d + t]!;
  for (let t = 0; t < d; t++) {
    let s = 0;
    for (let r = 0; r < kMax; r++) s += x[nn[i * kMax + r]! * d + t]!;
    out[offset + d + t] = s / kMax - x[i * d + t]!;
  }
  for (let r = 0; r < maxNeighbors; r++) {
    out[offset + 2 * d + r] = dist[i * kMax + Math.min(r, kMax - 1)]! / scale;
  }
  out[offset + 2 * d + maxNeighbors + classIndex] = 1;
}

/** Builds the policy units of every class: one per row (`self`) or k-means cohorts (`cohort`). */
export function buildUnits(
  neighborhoods: readonly ClassNeighborhood[],
  variant: 'self' | 'cohort',
  maxNeighbors: number,
  cohorts: number,
  rng: Rng,
): PolicyUnits {
  const nClasses = neighborhoods.length;
  const d = neighborhoods[0]!.d;
  // The last input is the unit's share of its class (log scale): 1 row for `self`.
  const f = 2 * d + maxNeighbors + nClasses + 1;
  const perClass: { feats: Float32Array; sizes: Int32Array; ofRow: Int32Array }[] = [];
  neighborhoods.forEach((nb, c) => {
    let meanNn = 0;
    for (let i = 0; i < nb.m; i++) meanNn += nb.dist[i * nb.kMax]!;
    const scale = meanNn / nb.m > 0 ? meanNn / nb.m : 1;
    const rows = new Float32Array(nb.m * f);
    for (let i = 0; i < nb.m; i++) rowFeatures(nb, i, c, nClasses, maxNeighbors, scale, rows, i * f);
    if (variant === 'self') {
      const ofRow = new Int32Array(nb.m);
      for (let i = 0; i < nb.m; i++) {
        ofRow[i] = i;
        rows[i * f + f - 1] = Math.log1p(1) / Math.log1p(nb.m);
      }
      perClass.push({ feats: rows, sizes: new Int32Array(nb.m).fill(1), ofRow });
      return;
    }
    const km = kMeans(nb.x, d, cohorts, rng.child(`cohorts-${nb.label}`));
    const sizes = new Int32Array(km.k);
    for (let i = 0; i < nb.m; i++) sizes[km.assignments[i]!]!++;
    const feats = new Float32Array(km.k * f);
    for (let i = 0; i < nb.m; i++) {
      const u = km.assignments[i]!;
      for (let t = 0; t < f; t++) feats[u * f + t]! += rows[i * f + t]! / sizes[u]!;
    }
    for (let u = 0; u < km.k; u++) feats[u * f + f - 1] = Math.log1p(sizes[u]!) / Math.log1p(nb.m);
    perClass.push({ feats, sizes, ofRow: km.assignments });
  });
  const nUnits = perClass.reduce((a, p) => a + p.sizes.length, 0);
  const features = new Float32Array(nUnits * f);
  const unitClass = new Int32Array(nUnits);
  const unitSize = new Int32Array(nUnits);
  const unitOfRow: Int32Array[] = [];
  let start = 0;
  perClass.forEach((p, c) => {
    features.set(p.feats, start * f);
    unitClass.fill(c, start, start + p.sizes.length);
    unitSize.set(p.sizes, start);
    unitOfRow.push(p.ofRow.map((u) => u + start));
    start += p.sizes.length;
  });
  return { features, f, nUnits, unitClass, unitSize, unitOfRow };
}
