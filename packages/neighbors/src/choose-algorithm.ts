import { querySelf, queryRows, type KdTree } from './kd-tree';

/**
 * `algorithm: 'auto'`, as scikit-learn's: brute force for many columns (a KD-tree prunes little
 * there), when k is half the rows or more, or for few rows; otherwise it builds the tree (cheap:
 * O(n log n)) and measures it: a sample of queries counts the rows the tree makes each compare,
 * and the tree runs if that work is below brute force's. So the tree serves tables whose rows lie
 * near a low-dimensional surface (most real ones) up to {@link TREE_MAX_COLUMNS} columns, and
 * brute force takes Gaussian-like clouds from ~8 columns on, where pruning fails. The constants
 * were measured with `bench/crossover.mjs` (see the README); the choice is deterministic.
 */

/** Most columns for which `'auto'` considers the KD-tree (scikit-learn: 15). */
export const TREE_MAX_COLUMNS = 15;

/** Fewest candidate rows for which `'auto'` considers the KD-tree. */
export const TREE_MIN_ROWS = 256;

/** Whether `'auto'` may take the tree at all (before measuring it). */
export function treeCandidate(n: number, d: number, k: number): boolean {
  return d <= TREE_MAX_COLUMNS && k < n / 2 && n >= TREE_MIN_ROWS;
}

/** Queries sampled to measure the tree. */
const SAMPLES = 64;

/**
 * Average rows compared per query by the tree, from up to {@link SAMPLES} queries spread evenly
 * over them (tree positions for a self search, query rows otherwise).
 */
export function treeWorkPerQuery(tree: KdTree, k: number, q: Float32Array | undefined, m: number, excludeSelf: boolean): number {
  const samples = Math.min(SAMPLES, m);
  const out = { dist: new Float64Array(k), index: new Int32Array(k), k, rowBase: 0 };
  let visited = 0;
  for (let s = 0; s < samples; s++) {
    const r = Math.floor(((s + 0.5) * m) / samples);
    out.dist.fill(Infinity);
    out.index.fill(0x7fffffff);
    const at = { ...out, rowBase: r };
    visited += q
      ? queryRows(tree, at, r, r + 1, Float64Array.from(q.subarray(r * tree.d, (r + 1) * tree.d)), r)
      : querySelf(tree, at, r, r + 1, excludeSelf);
  }
  return visited / samples;
}

/**
 * Whether the tree beats brute force, from the rows it compares per query. Costs per query,
 * fitted to one-thread measurements (`bench/crossover.mjs`, Gaussian and near-surface rows, 1,000
 * to 16,000 rows of 2 to 15 columns): the tree about `work * (8 + 2d) + 300 d` ns (compared rows,
 * plus the boxes on the way), brute force about `(10 + 0.3 d)` ns a candidate (a self search
 * computes each pair once for both rows).
 */
export function treePays(workPerQuery: number, n: number, d: number, self: boolean): boolean {
  const tree = workPerQuery * (8 + 2 * d) + 300 * d;
  const brute = (self ? n / 2 : n) * (10 + 0.3 * d);
  return tree < brute;
}
