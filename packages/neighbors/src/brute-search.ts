import { createKernel, type GramKernel, type KernelName } from './gram-kernel';
import { TopK, insertSorted } from './top-k';

/**
 * One brute-force scan: every query against every candidate over Gram tiles, keeping the `keep`
 * best per query. Plain data (typed arrays and numbers), so it can be posted to a worker.
 */
export interface BruteTask {
  readonly kind: 'brute';
  readonly q: Float32Array;
  readonly x: Float32Array;
  readonly qNorm: Float64Array;
  readonly cNorm: Float64Array;
  readonly m: number;
  readonly n: number;
  readonly d: number;
  readonly self: boolean;
  readonly excludeSelf: boolean;
  /** Candidates kept per query. */
  readonly keep: number;
  /** Rows per tile. */
  readonly t: number;
  readonly kernel: KernelName;
}

/** Bytes of candidate rows per tile: a pair of tiles stays in a typical 256 KiB L2 cache. */
const TILE_BYTES = 96 * 1024;

/** Rows per tile for rows of `d` values. */
export function tileRows(d: number): number {
  const rows = Math.floor(TILE_BYTES / (4 * d));
  // Multiples of 16 keep the micro-kernels (4, 8 or 16 candidates a pass) on their fast path; at
  // most 128 bounds the Gram buffer.
  return Math.max(16, Math.min(128, rows - (rows % 16)));
}

/**
 * Units of work of a scan: one pair of tiles each. A symmetric (self) scan computes each
 * off-diagonal pair once and offers it both ways, so it has `T (T + 1) / 2` units, row by row.
 */
export function bruteUnits(task: BruteTask): number {
  const tq = Math.ceil(task.m / task.t);
  const tc = Math.ceil(task.n / task.t);
  return task.self ? (tq * (tq + 1)) / 2 : tq * tc;
}

/**
 * Runs units of a {@link BruteTask}, offering every pair to one {@link TopK} (`m x keep`). The
 * kernel (with its copy of the rows in wasm memory) is made on the first run.
 */
export class BruteRunner {
  readonly top: TopK;
  private kernel: GramKernel | undefined;
  private queriesAt = -1;

  constructor(readonly task: BruteTask) {
    this.top = new TopK(task.m, task.keep);
  }

  /** Units `from..to-1`, yielding after each. */
  *run(from: number, to: number): Generator<void, void> {
    const { t, m, n, self, qNorm, cNorm, excludeSelf } = this.task;
    this.kernel ??= createKernel(this.task.kernel, this.task.q, this.task.x, self, this.task.d, t);
    const kernel = this.kernel;
    const tc = Math.ceil(n / t);
    // Tile pair of unit `from`.
    let i = 0;
    let j = 0;
    if (self) {
      let u = from;
      while (u >= tc - i) {
        u -= tc - i;
        i++;
      }
      j = i + u;
    } else {
      i = Math.floor(from / tc);
      j = from % tc;
    }
    for (let u = from; u < to; u++) {
      const i0 = i * t;
      const i1 = Math.min(m, i0 + t);
      if (this.queriesAt !== i) {
        kernel.setQueries(i0, i1);
        this.queriesAt = i;
      }
      const j0 = j * t;
      const j1 = Math.min(n, j0 + t);
      kernel.tile(j0, j1);
      this.top.offerTile(kernel.gram, kernel.stride, false, i0, i1, qNorm, j0, j1, cNorm, excludeSelf);
      if (self && j !== i) this.top.offerTile(kernel.gram, kernel.stride, true, j0, j1, qNorm, i0, i1, cNorm, excludeSelf);
      if (++j === tc) {
        i++;
        j = self ? i : 0;
      }
      yield;
    }
  }
}

/** The rows and norms the final passes read (those of the search, not of a task). */
export interface BruteRows extends Pick<BruteTask, 'q' | 'x' | 'qNorm' | 'cNorm' | 'm' | 'n' | 'd' | 'excludeSelf'> {
  readonly k: number;
  readonly available: number;
}

/** Query rows per yield of the final passes. */
const FINISH_SLICE = 64;

/**
 * Squared distances from the expansion lose about `d * 1e-16 * (||a||^2 + ||b||^2)` to rounding;
 * below this fraction of `||a||^2 + ||b||^2` that could show in float32, so they are recomputed.
 */
const CANCELLATION = 1e-3;

/** Spare candidates kept per query when the Gram tiles carry float32 rounding. */
export const SLACK = 3;

/** The final `indices` and `distances` (`m x k`) from sorted squared distances, `K >= k` per row. */
function output(sAll: Float64Array, iAll: Int32Array, m: number, k: number, K: number): { indices: Int32Array; distances: Float32Array } {
  const indices = new Int32Array(m * k);
  const distances = new Float32Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < k; r++) {
      indices[i * k + r] = iAll[i * K + r]!;
      distances[i * k + r] = Math.sqrt(sAll[i * K + r]!);
    }
  }
  return { indices, distances };
}

/**
 * Final pass after float64 Gram tiles: recomputes directly from the rows the chosen squared
 * distances that cancellation may have blurred (near-duplicate rows far from the origin),
 * re-sorts by (distance, index) and takes square roots.
 */
export function* finishExact(top: TopK, p: BruteRows): Generator<void, { indices: Int32Array; distances: Float32Array }> {
  const { q, x, qNorm, cNorm, m, d, k } = p;
  const dist = top.dist;
  const index = top.index;
  const K = top.k;
  for (let i = 0; i < m; i++) {
    const base = i * K;
    const a = i * d;
    const qn = qNorm[i]!;
    for (let r = 0; r < k; r++) {
      const ci = index[base + r]!;
      let s = dist[base + r]!;
      if (s < CANCELLATION * (qn + cNorm[ci]!)) {
        const b = ci * d;
        s = 0;
        for (let j = 0; j < d; j++) {
          const diff = q[a + j]! - x[b + j]!;
          s += diff * diff;
        }
      }
      // Insertion sort: the expansion already ordered them, so this rarely moves anything.
      insertSorted(dist, index, base, r, s, ci);
    }
    if (i % FINISH_SLICE === FINISH_SLICE - 1) yield;
  }
  return output(dist, index, m, k, K);
}

/** Exact squared distance from the expansion over the query's non-zero columns, recomputed if blurred. */
function exactSquared(
  q: Float32Array,
  a: number,
  qcols: Int32Array,
  nq: number,
  x: Float32Array,
  ci: number,
  qn: number,
  cn: number,
  d: number,
): number {
  const b = ci * d;
  let dot = 0;
  for (let t = 0; t < nq; t++) {
    const j = qcols[t]!;
    dot += q[a + j]! * x[b + j]!;
  }
  let s = qn + cn - 2 * dot;
  if (s < 0) s = 0;
  if (s < CANCELLATION * (qn + cn)) {
    s = 0;
    for (let j = 0; j < d; j++) {
      const diff = q[a + j]! - x[b + j]!;
      s += diff * diff;
    }
  }
  return s;
}

/** Columns of row `a..a+d-1` of `q` that are non-zero, into `cols`; returns how many. */
function nonZeros(q: Float32Array, a: number, d: number, cols: Int32Array): number {
  let nq = 0;
  for (let j = 0; j < d; j++) if (q[a + j] !== 0) cols[nq++] = j;
  return nq;
}

/**
 * Final pass after float32 Gram tiles. Each query kept `K = top.k` candidates by approximate
 * squared distance `s~`, which is within `E` of the exact `s`: float32 sums of `L <= d + 1` terms
 * err by at most `gamma_L * sum |a_j b_j| <= gamma_L (||a||^2 + ||b||^2) / 2` (Higham), so
 * `E = (gamma_L + 2^-50) (||q||^2 + max ||x||^2)` plus a term for float32 underflow. The K are
 * rescored exactly (float64, the same sums as the float64 kernels, so results are identical) and
 * sorted; if the K-th approximate distance minus `E` still exceeds the k-th exact one, no other
 * candidate can enter the k nearest. The few queries where it does not (near-ties at the k-th
 * place) are rescanned exactly against every candidate; if there are many, returns undefined and
 * the caller redoes the search with float64 sums.
 */
export function* finishVerified(
  top: TopK,
  p: BruteRows,
): Generator<void, { indices: Int32Array; distances: Float32Array } | undefined> {
  const { q, x, qNorm, cNorm, m, n, d, k, excludeSelf, available } = p;
  const K = top.k;
  const u = 2 ** -24;
  const terms = d + 1;
  const gamma = (terms * u) / (1 - terms * u) + 2 ** -50;
  const underflow = (d + 2) * 2 ** -147;
  let cnMax = 0;
  for (let c = 0; c < n; c++) if (cNorm[c]! > cnMax) cnMax = cNorm[c]!;
  // Rescored lists, K per query, sorted by (exact distance, index).
  const sAll = new Float64Array(m * K);
  const iAll = new Int32Array(m * K);
  const failed: number[] = [];
  const maxFailed = Math.max(8, m >> 4);
  const qcols = new Int32Array(d);
  for (let i = 0; i < m; i++) {
    const a = i * d;
    const qn = qNorm[i]!;
    const nq = nonZeros(q, a, d, qcols);
    const base = i * K;
    for (let r = 0; r < K; r++) {
      const ci = top.index[base + r]!;
      insertSorted(sAll, iAll, base, r, exactSquared(q, a, qcols, nq, x, ci, qn, cNorm[ci]!, d), ci);
    }
    const worst = top.dist[base + K - 1]!;
    if (!(K === available || worst - (gamma * (qn + cnMax) + underflow) > sAll[base + k - 1]!)) {
      failed.push(i);
      if (failed.length > maxFailed) return undefined;
    }
    if (i % FINISH_SLICE === FINISH_SLICE - 1) yield;
  }
  for (const i of failed) {
    // Rescan exactly: keep the k best of all candidates.
    const a = i * d;
    const qn = qNorm[i]!;
    const nq = nonZeros(q, a, d, qcols);
    const base = i * K;
    let len = 0;
    for (let c = 0; c < n; c++) {
      if (excludeSelf && c === i) continue;
      const s = exactSquared(q, a, qcols, nq, x, c, qn, cNorm[c]!, d);
      if (len < k) insertSorted(sAll, iAll, base, len++, s, c);
      else if (s < sAll[base + k - 1]! || (s === sAll[base + k - 1]! && c < iAll[base + k - 1]!)) {
        insertSorted(sAll, iAll, base, k - 1, s, c);
      }
    }
    yield;
  }
  return output(sAll, iAll, m, k, K);
}
