import { kNearestNeighbors } from '@oversample/neighbors';

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
}

/** Finds each row's `min(maxNeighbors, m - 1)` nearest rows of the same class (self excluded). */
export function buildNeighborhood(label: number, x: Float32Array, d: number, maxNeighbors: number): ClassNeighborhood {
  const m = x.length / d;
  const kMax = Math.min(maxNeighbors, m - 1);
  const { indices, distances } = kNearestNeighbors(x, d, kMax);
  return { label, x, d, m, kMax, nn: indices, dist: distances };
}
