import { insertSorted } from './top-k';

/**
 * A KD-tree over row-major `Float32Array` rows, laid out as scikit-learn's: a complete binary tree
 * in an array (node `i` has children `2i + 1` and `2i + 2`), each node holding a contiguous range of
 * the rows in tree order and its bounding box. A node splits its range in the middle after
 * partitioning it on the column of widest spread, so the shape depends only on the row count.
 */
export interface KdTree {
  /** Rows and values per row. */
  readonly n: number;
  readonly d: number;
  /** Nodes; the last `leaves` of them are leaves. */
  readonly nodes: number;
  readonly leaves: number;
  /** Row range `start[i] .. end[i] - 1` (tree order) of node `i`. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Bounding box of node `i`: `lo[i * d + j] .. hi[i * d + j]` in column `j`. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** The rows in tree order (float32 values held as float64), `n x d`. */
  readonly points: Float64Array;
  /** Original row index of each tree position. */
  readonly order: Int32Array;
}

/** Rows per leaf: scikit-learn's default (30) was slower here than 16 on 2- to 8-column tables. */
export const LEAF_SIZE = 16;

/** Levels of a tree over `n` rows with leaves of about `leafSize` (as scikit-learn sizes them). */
function levelsFor(n: number, leafSize: number): number {
  return 1 + Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize)));
}

/** Work (values touched) between two yields of the build. */
const BUILD_SLICE = 1 << 18;

/**
 * Builds the tree over rows `x` (`n x d`), yielding now and then so a caller can keep its event
 * loop turning; the returned generator's value is the tree.
 */
export function* buildKdTree(x: Float32Array, d: number, leafSize = LEAF_SIZE): Generator<void, KdTree> {
  const n = x.length / d;
  const levels = levelsFor(n, leafSize);
  const nodes = 2 ** levels - 1;
  const leaves = 2 ** (levels - 1);
  const start = new Int32Array(nodes);
  const end = new Int32Array(nodes);
  const lo = new Float64Array(nodes * d);
  const hi = new Float64Array(nodes * d);
  const points = Float64Array.from(x);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  start[0] = 0;
  end[0] = n;
  let work = 0;
  for (let i = 0; i < nodes; i++) {
    const s = start[i]!;
    const e = end[i]!;
    bounds(points, d, s, e, lo, hi, i * d);
    if (i < nodes - leaves) {
      const mid = s + ((e - s) >> 1);
      let dim = 0;
      let spread = -1;
      for (let j = 0; j < d; j++) {
        const w = hi[i * d + j]! - lo[i * d + j]!;
        if (w > spread) {
          spread = w;
          dim = j;
        }
      }
      if (e - s > 1) select(points, order, d, dim, s, e - 1, mid);
      start[2 * i + 1] = s;
      end[2 * i + 1] = mid;
      start[2 * i + 2] = mid;
      end[2 * i + 2] = e;
    }
    work += (e - s) * (d + 4);
    if (work >= BUILD_SLICE) {
      work = 0;
      yield;
    }
  }
  return { n, d, nodes, leaves, start, end, lo, hi, points, order };
}

function bounds(p: Float64Array, d: number, s: number, e: number, lo: Float64Array, hi: Float64Array, at: number): void {
  for (let j = 0; j < d; j++) {
    lo[at + j] = Infinity;
    hi[at + j] = -Infinity;
  }
  for (let r = s; r < e; r++) {
    for (let j = 0; j < d; j++) {
      const v = p[r * d + j]!;
      if (v < lo[at + j]!) lo[at + j] = v;
      if (v > hi[at + j]!) hi[at + j] = v;
    }
  }
}

function swapRows(p: Float64Array, order: Int32Array, d: number, a: number, b: number): void {
  const t = order[a]!;
  order[a] = order[b]!;
  order[b] = t;
  if (d === 2) {
    // Two columns (the common tall table): no loop.
    const ia = 2 * a;
    const ib = 2 * b;
    const v0 = p[ia]!;
    const v1 = p[ia + 1]!;
    p[ia] = p[ib]!;
    p[ia + 1] = p[ib + 1]!;
    p[ib] = v0;
    p[ib + 1] = v1;
    return;
  }
  for (let j = 0, ia = a * d, ib = b * d; j < d; j++) {
    const v = p[ia + j]!;
    p[ia + j] = p[ib + j]!;
    p[ib + j] = v;
  }
}

/**
 * Quickselect (Hoare partition, median-of-three pivot): reorders rows `l..r` so that row `nth`
 * holds the value of column `dim` it would hold sorted, smaller-or-equal values before it and
 * greater-or-equal ones after. Deterministic, so every thread builds the same tree.
 */
function select(p: Float64Array, order: Int32Array, d: number, dim: number, l: number, r: number, nth: number): void {
  while (r > l) {
    const m = l + ((r - l) >> 1);
    // Median of three moved to l: the partition below then never runs off either end.
    if (p[m * d + dim]! < p[l * d + dim]!) swapRows(p, order, d, m, l);
    if (p[r * d + dim]! < p[l * d + dim]!) swapRows(p, order, d, r, l);
    if (p[r * d + dim]! < p[m * d + dim]!) swapRows(p, order, d, r, m);
    swapRows(p, order, d, m, l);
    const pivot = p[l * d + dim]!;
    let i = l;
    let j = r + 1;
    for (;;) {
      do i++;
      while (i <= r && p[i * d + dim]! < pivot);
      do j--;
      while (p[j * d + dim]! > pivot);
      if (i >= j) break;
      swapRows(p, order, d, i, j);
    }
    swapRows(p, order, d, l, j);
    if (j === nth) return;
    if (j < nth) l = j + 1;
    else r = j - 1;
  }
}

/** Squared distance from `q` (at `qa`) to the nearest point of node `i`'s box (0 inside it). */
function boxDistance(lo: Float64Array, hi: Float64Array, d: number, i: number, q: Float64Array, qa: number): number {
  let s = 0;
  for (let j = 0, b = i * d; j < d; j++) {
    const v = q[qa + j]!;
    const l = lo[b + j]!;
    if (v < l) {
      const g = l - v;
      s += g * g;
    } else {
      const h = hi[b + j]!;
      if (v > h) {
        const g = v - h;
        s += g * g;
      }
    }
  }
  return s;
}

/**
 * Offers the rows of leaf range `s..e-1` to the query at `q[qa..]`, whose sorted list is
 * `dist`/`index` at `base .. base + k - 1`, skipping tree position `skip` (the query itself, or -1).
 * Squared distances are summed in float64 column by column from the float32 values: the same
 * value a plain loop over the rows gives.
 */
function scanLeaf(
  p: Float64Array,
  order: Int32Array,
  d: number,
  s: number,
  e: number,
  q: Float64Array,
  qa: number,
  dist: Float64Array,
  index: Int32Array,
  base: number,
  k: number,
  skip: number,
): void {
  const last = base + k - 1;
  for (let r = s; r < e; r++) {
    let acc = 0;
    for (let j = 0, b = r * d; j < d; j++) {
      const g = q[qa + j]! - p[b + j]!;
      acc += g * g;
    }
    const wd = dist[last]!;
    if (acc > wd || r === skip) continue;
    const ci = order[r]!;
    if (acc === wd && ci > index[last]!) continue;
    insertSorted(dist, index, base, k - 1, acc, ci);
  }
}

/**
 * Where a tree search writes: query row `r` keeps its `k` best, sorted by (squared distance,
 * original row index), at `dist`/`index` `(r - rowBase) * k ..`; empty places hold `Infinity`.
 */
export interface TreeOutput {
  readonly dist: Float64Array;
  readonly index: Int32Array;
  readonly k: number;
  readonly rowBase: number;
}

/**
 * The k nearest rows of the tree's own rows at tree positions `from..to-1` (neighbouring
 * positions are neighbouring rows, which keeps the caches warm); output row = position. Each
 * query skips its own row when `excludeSelf`, scans its own leaf first (a tight k-th distance at
 * once), then climbs: every ancestor's box holds the query, so only the sibling at each level can
 * be pruned, and each sibling within reach is searched depth first, nearer child first.
 *
 * A node is skipped only when its box is farther than the current k-th distance: the box
 * distance is summed in the same order with the same roundings as a row's distance, and rounding
 * is monotone, so it never exceeds the distance of a row inside — the search is exact, and equal
 * distances are still settled by the lower index. Returns how many rows it compared.
 */
export function querySelf(tree: KdTree, out: TreeOutput, from: number, to: number, excludeSelf: boolean): number {
  const { d, start, end, lo, hi, points, order } = tree;
  const firstLeaf = tree.nodes - tree.leaves;
  const stackNode = new Int32Array(2 * Math.log2(tree.leaves + 1) + 4);
  const stackDist = new Float64Array(stackNode.length);
  const { k, dist, index, rowBase } = out;
  let leaf = firstLeaf;
  let visited = 0;
  for (let pos = from; pos < to; pos++) {
    const qa = pos * d;
    const base = (pos - rowBase) * k;
    const last = base + k - 1;
    const skip = excludeSelf ? pos : -1;
    while (end[leaf]! <= pos) leaf++;
    while (start[leaf]! > pos) leaf--;
    scanLeaf(points, order, d, start[leaf]!, end[leaf]!, points, qa, dist, index, base, k, skip);
    visited += end[leaf]! - start[leaf]!;
    for (let node = leaf; node > 0; node = (node - 1) >> 1) {
      const sib = node & 1 ? node + 1 : node - 1;
      const ds = boxDistance(lo, hi, d, sib, points, qa);
      if (ds > dist[last]!) continue;
      let sp = 0;
      stackNode[sp] = sib;
      stackDist[sp++] = ds;
      while (sp > 0) {
        sp--;
        const n = stackNode[sp]!;
        if (stackDist[sp]! > dist[last]!) continue;
        if (n >= firstLeaf) {
          scanLeaf(points, order, d, start[n]!, end[n]!, points, qa, dist, index, base, k, skip);
          visited += end[n]! - start[n]!;
          continue;
        }
        sp = pushChildren(lo, hi, d, n, points, qa, stackNode, stackDist, sp);
      }
    }
  }
  return visited;
}

/**
 * The k nearest tree rows of query rows `from..to-1`, whose values are `q` (float64) from row
 * `qFrom` on; output row = query row. Searched from the root, nearer child first; exact as
 * {@link querySelf}. Returns how many rows it compared.
 */
export function queryRows(tree: KdTree, out: TreeOutput, from: number, to: number, q: Float64Array, qFrom: number): number {
  const { d, start, end, lo, hi, points, order } = tree;
  const firstLeaf = tree.nodes - tree.leaves;
  const stackNode = new Int32Array(2 * Math.log2(tree.leaves + 1) + 4);
  const stackDist = new Float64Array(stackNode.length);
  const { k, dist, index, rowBase } = out;
  let visited = 0;
  for (let qi = from; qi < to; qi++) {
    const qa = (qi - qFrom) * d;
    const base = (qi - rowBase) * k;
    const last = base + k - 1;
    let sp = 0;
    stackNode[sp] = 0;
    stackDist[sp++] = 0;
    while (sp > 0) {
      sp--;
      const n = stackNode[sp]!;
      if (stackDist[sp]! > dist[last]!) continue;
      if (n >= firstLeaf) {
        scanLeaf(points, order, d, start[n]!, end[n]!, q, qa, dist, index, base, k, -1);
        visited += end[n]! - start[n]!;
        continue;
      }
      sp = pushChildren(lo, hi, d, n, q, qa, stackNode, stackDist, sp);
    }
  }
  return visited;
}

/** Pushes node `n`'s children with their box distances, the nearer on top; returns the new depth. */
function pushChildren(
  lo: Float64Array,
  hi: Float64Array,
  d: number,
  n: number,
  q: Float64Array,
  qa: number,
  stackNode: Int32Array,
  stackDist: Float64Array,
  sp: number,
): number {
  const a = 2 * n + 1;
  const b = a + 1;
  const da = boxDistance(lo, hi, d, a, q, qa);
  const db = boxDistance(lo, hi, d, b, q, qa);
  if (da <= db) {
    stackNode[sp] = b;
    stackDist[sp++] = db;
    stackNode[sp] = a;
    stackDist[sp++] = da;
  } else {
    stackNode[sp] = a;
    stackDist[sp++] = da;
    stackNode[sp] = b;
    stackDist[sp++] = db;
  }
  return sp;
}
