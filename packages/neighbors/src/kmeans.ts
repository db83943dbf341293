import type { Rng } from '@oversample/core';

/** Result of {@link kMeans}: a cluster index per row and the centroids (k x d, row-major). */
export interface KMeansResult {
  readonly assignments: Int32Array;
  readonly centroids: Float32Array;
  readonly k: number;
}

function sqDist(x: Float32Array, i: number, c: Float32Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = x[i * d + t]! - c[j * d + t]!;
    s += diff * diff;
  }
  return s;
}

/**
 * Seeded k-means (k-means++ initialisation, Lloyd iterations) over `n` rows of `d` values.
 * `k` is capped at `n`; empty clusters are re-seeded from the row farthest from its centroid.
 * AutoSMOTE's `cohort` variant groups each class's rows with it; K-Means SMOTE clusters with it.
 *
 * @example
 * const { assignments, centroids } = kMeans(rows, d, 8, new Rng(1));
 */
export function kMeans(x: Float32Array, d: number, k: number, rng: Rng, maxIterations = 50): KMeansResult {
  const n = x.length / d;
  const kk = Math.max(1, Math.min(k, n));
  const centroids = new Float32Array(kk * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let first = rng.int(n);
  centroids.set(x.subarray(first * d, first * d + d), 0);
  for (let c = 1; c < kk; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, sqDist(x, i, centroids, c - 1, d));
      total += nearest[i]!;
    }
    // Duplicated rows can leave no distance to draw from; then any row will do.
    let pick = rng.int(n);
    if (total > 0) {
      let r = rng.uniform() * total;
      for (let i = 0; i < n; i++) {
        r -= nearest[i]!;
        if (r < 0) {
          pick = i;
          break;
        }
      }
    }
    first = pick;
    centroids.set(x.subarray(pick * d, pick * d + d), c * d);
  }
  const assignments = new Int32Array(n);
  const sums = new Float64Array(kk * d);
  const sizes = new Int32Array(kk);
  for (let iter = 0; iter < maxIterations; iter++) {
    let changed = iter === 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < kk; c++) {
        const dd = sqDist(x, i, centroids, c, d);
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      if (assignments[i] !== best) changed = true;
      assignments[i] = best;
    }
    if (!changed) break;
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignments[i]!;
      sizes[c]!++;
      for (let t = 0; t < d; t++) sums[c * d + t]! += x[i * d + t]!;
    }
    for (let c = 0; c < kk; c++) {
      if (sizes[c] === 0) {
        let far = 0;
        let farD = -1;
        for (let i = 0; i < n; i++) {
          const dd = sqDist(x, i, centroids, assignments[i]!, d);
          if (dd > farD) {
            farD = dd;
            far = i;
          }
        }
        centroids.set(x.subarray(far * d, far * d + d), c * d);
        assignments[far] = c;
        continue;
      }
      for (let t = 0; t < d; t++) centroids[c * d + t] = sums[c * d + t]! / sizes[c]!;
    }
  }
  return { assignments, centroids, k: kk };
}
