import { kNearestNeighbors } from '@oversample/neighbors';

/**
 * A class's nearest rows among every row of a pool of all classes (the `'all'` neighbour pool):
 * rows of other classes can be neighbours too.
 */
export interface CrossNeighbors {
  /** The pool's rows, p x d (every class). */
  readonly pool: Float32Array;
  /** m x kMax pool row indices, nearest first, the row itself excluded. */
  readonly nn: Int32Array;
  /** m x kMax: 1 where that neighbour belongs to another class. */
  readonly other: Uint8Array;
}

/** One class's rows (in AutoSMOTE's standardised space) and their nearest same-class neighbours. */
export interface ClassNeighborhood {
  readonly label: number;
  /** The class's rows, m x d. */
  readonly x: Float32Array;
  readonly d: number;
  readonly m: number;
  /** Neighbours per row: `min(maxNeighbors, m - 1)`. */
  readonly kMax: number;
  /** m x kMax local row indices, nearest first. */
  readonly nn: Int32Array;
  /** m x kMax Euclidean distances. */
  readonly dist: Float32Array;
  /** The same rows' neighbours among all classes, when the `'all'` pool is offered. */
  readonly cross?: CrossNeighbors;
}

/** Finds each row's `min(maxNeighbors, m - 1)` nearest rows of the same class (self excluded). */
export function buildNeighborhood(label: number, x: Float32Array, d: number, maxNeighbors: number): ClassNeighborhood {
  const m = x.length / d;
  const kMax = Math.min(maxNeighbors, m - 1);
  const { indices, distances } = kNearestNeighbors(x, d, kMax);
  return { label, x, d, m, kMax, nn: indices, dist: distances };
}

/**
 * Adds each row's `kMax` nearest rows of `pool` (rows of every class, labelled `poolLabels`), where
 * row i of the class is pool row `self[i]` and is not its own neighbour.
 */
export function withCrossNeighbors(nb: ClassNeighborhood, pool: Float32Array, poolLabels: ArrayLike<number>, self: ArrayLike<number>): ClassNeighborhood {
  const { d, m, kMax } = nb;
  // One more than needed: the row finds itself (distance 0) among the pool and is dropped.
  const wanted = Math.min(kMax + 1, pool.length / d);
  const { indices } = kNearestNeighbors(pool, d, wanted, { queries: nb.x });
  const nn = new Int32Array(m * kMax);
  const other = new Uint8Array(m * kMax);
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < wanted && r < kMax; j++) {
      const p = indices[i * wanted + j]!;
      // A duplicate of the row can come before it; the row itself is skipped wherever it is.
      if (p === self[i]) continue;
      nn[i * kMax + r] = p;
      other[i * kMax + r] = poolLabels[p] === nb.label ? 0 : 1;
      r++;
    }
  }
  return { ...nb, cross: { pool, nn, other } };
}
