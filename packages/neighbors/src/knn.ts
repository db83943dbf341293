import { OptionError, SamplerInputError, describeValue } from '@oversample/core';
import { columnShift, shiftRows } from './column-shift';
import { chooseKernel, type GramKernel, type KernelChoice } from './gram-kernel';

/** Options of {@link kNearestNeighbors}. */
export interface KNearestNeighborsOptions {
  /**
   * Rows to find neighbours for (row-major, `d` values each). Default: the candidate rows
   * themselves, each excluding itself.
   */
  readonly queries?: Float32Array;
  /**
   * Skip candidate `i` for query `i` (a row is not its own neighbour). Default `true` without
   * `queries`, `false` with them; with `queries` it needs as many query rows as candidate rows.
   */
  readonly excludeSelf?: boolean;
}

/** The k nearest neighbours of each query row, `n x k` row-major, nearest first. */
export interface KNeighborsResult {
  /** Candidate row index of each neighbour. */
  readonly indices: Int32Array;
  /** Euclidean distance to each neighbour (computed in float64, stored as float32). */
  readonly distances: Float32Array;
}

/** Bytes of candidate rows per tile: a pair of tiles stays in a typical 256 KiB L2 cache. */
const TILE_BYTES = 96 * 1024;

function tileRows(d: number): number {
  const rows = Math.floor(TILE_BYTES / (4 * d));
  // Multiples of 16 keep the micro-kernels (4, 8 or 16 candidates a pass) on their fast path; at
  // most 128 bounds the Gram buffer.
  return Math.max(16, Math.min(128, rows - (rows % 16)));
}

function checkRows(name: string, a: unknown, d: number): number {
  if (!(a instanceof Float32Array)) {
    throw new SamplerInputError(`kNearestNeighbors: ${name} must be a Float32Array, got ${describeValue(a)}`);
  }
  if (a.length % d !== 0) {
    throw new SamplerInputError(
      `kNearestNeighbors: ${name} has ${a.length} values, which is not a multiple of d = ${d} (rows of d values each)`,
    );
  }
  return a.length / d;
}

/** Squared norm of each row (float64) and the largest magnitude of any value. */
interface RowNorms {
  readonly norms: Float64Array;
  readonly maxAbs: number;
}

function rowNorms(a: Float32Array, rows: number, d: number): RowNorms {
  const norms = new Float64Array(rows);
  let maxSq = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    let big = 0;
    for (let j = i * d, end = j + d; j < end; j++) {
      const v2 = a[j]! * a[j]!;
      s += v2;
      if (v2 > big) big = v2;
    }
    norms[i] = s;
    if (big > maxSq) maxSq = big;
  }
  return { norms, maxAbs: Math.sqrt(maxSq) };
}

/**
 * {@link rowNorms}, checking every value on the way: a NaN or an infinity makes its row's norm
 * non-finite (finite float32 values cannot overflow a float64 sum).
 */
function checkedNorms(name: string, a: Float32Array, rows: number, d: number): RowNorms {
  const out = rowNorms(a, rows, d);
  for (let i = 0; i < rows; i++) {
    if (Number.isFinite(out.norms[i]!)) continue;
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(a[i * d + j]!)) {
        throw new SamplerInputError(`kNearestNeighbors: ${name} row ${i}, column ${j} is ${a[i * d + j]}: distances need finite values`);
      }
    }
  }
  return out;
}

/**
 * Running k best candidates per query: sorted by (squared distance, index) so that equal
 * distances keep the lower index, whatever order candidates arrive in.
 */
class TopK {
  readonly dist: Float64Array;
  readonly index: Int32Array;
  constructor(
    rows: number,
    readonly k: number,
  ) {
    this.dist = new Float64Array(rows * k).fill(Infinity);
    this.index = new Int32Array(rows * k).fill(0x7fffffff);
  }

  /**
   * Offers the candidates of one Gram tile to queries `q0..q1-1`: squared distance
   * `qn + cn - 2 dot` from the tile (`transposed` reads it column-wise, for the mirror half of a
   * symmetric search).
   */
  offerTile(
    gram: Float64Array,
    width: number,
    transposed: boolean,
    q0: number,
    q1: number,
    qNorm: Float64Array,
    c0: number,
    c1: number,
    cNorm: Float64Array,
    excludeSelf: boolean,
  ): void {
    const k = this.k;
    const dist = this.dist;
    const index = this.index;
    for (let qi = q0; qi < q1; qi++) {
      const qn = qNorm[qi]!;
      const base = qi * k;
      const last = base + k - 1;
      const rowOff = (qi - q0) * width;
      for (let ci = c0; ci < c1; ci++) {
        if (excludeSelf && ci === qi) continue;
        const dot = transposed ? gram[(ci - c0) * width + (qi - q0)]! : gram[rowOff + (ci - c0)]!;
        let s = qn + cNorm[ci]! - 2 * dot;
        if (s < 0) s = 0;
        const wd = dist[last]!;
        if (s > wd || (s === wd && ci > index[last]!)) continue;
        let p = last;
        while (p > base) {
          const pd = dist[p - 1]!;
          if (pd < s || (pd === s && index[p - 1]! < ci)) break;
          dist[p] = pd;
          index[p] = index[p - 1]!;
          p--;
        }
        dist[p] = s;
        index[p] = ci;
      }
    }
  }
}

/**
 * Exact k nearest neighbours (Euclidean) by blocked brute force.
 *
 * `x` holds the candidate rows, row-major with `d` values each. Without `options.queries` every
 * row of `x` is a query and is not its own neighbour; with `queries`, each query row gets its k
 * nearest rows of `x`. Ties are broken by the lower candidate index. Squared distances come from
 * `||a||^2 + ||b||^2 - 2 a.b` over cache-sized tiles, by a WebAssembly SIMD kernel (plain
 * JavaScript where wasm SIMD is missing). On rows of 16 values or more the tiles sum in float32
 * with a proven error bound, and each query's candidates are rescored in float64 (a query whose
 * k-th place is too close to call is rescanned exactly); otherwise float32 products are summed in
 * float64. A distance the expansion could blur (rows much closer to each other than to the origin)
 * is recomputed from the rows. Rows with many zeros (images) cost in proportion to their non-zeros.
 *
 * @example
 * // three points on a line; each one's nearest other point
 * const { indices, distances } = kNearestNeighbors(new Float32Array([0, 1, 3]), 1, 1);
 * // indices = [1, 0, 1], distances = [1, 1, 2]
 */
export function kNearestNeighbors(
  x: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsOptions = {},
): KNeighborsResult {
  return searchNeighbors(x, d, k, options, 'auto');
}

/** {@link kNearestNeighbors} with the dot-product kernel chosen (tests and benchmarks compare them). */
export function searchNeighbors(
  candidates: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsOptions,
  kernelChoice: KernelChoice,
): KNeighborsResult {
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
    throw new OptionError(`kNearestNeighbors: d (values per row) must be an integer >= 1, got ${describeValue(d)}`);
  }
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new OptionError(`kNearestNeighbors: k must be an integer >= 1, got ${describeValue(k)}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new OptionError(`kNearestNeighbors: options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'queries' && key !== 'excludeSelf') {
      throw new OptionError(`kNearestNeighbors has no option ${describeValue(key)}; known options: queries, excludeSelf`);
    }
  }
  const x0 = candidates;
  const n = checkRows('x', x0, d);
  const self = options.queries === undefined;
  const q0 = options.queries ?? x0;
  const m = self ? n : checkRows('queries', q0, d);
  const excludeSelf = options.excludeSelf ?? self;
  if (typeof excludeSelf !== 'boolean') {
    throw new OptionError(`kNearestNeighbors: excludeSelf must be a boolean, got ${describeValue(excludeSelf)}`);
  }
  if (excludeSelf && m !== n) {
    throw new OptionError(
      `kNearestNeighbors: excludeSelf pairs query i with candidate i, so it needs as many query rows as candidates (${m} vs ${n})`,
    );
  }
  const available = excludeSelf ? n - 1 : n;
  if (k > available) {
    throw new SamplerInputError(
      `kNearestNeighbors: k = ${k} neighbours need at least ${excludeSelf ? k + 1 : k} rows, got ${n}` +
        (excludeSelf ? ' (each row is not its own neighbour)' : ''),
    );
  }

  let cInfo = checkedNorms('x', x0, n, d);
  let qInfo = self ? cInfo : checkedNorms('queries', q0, m, d);
  // Rows with a common non-zero background (images in [-1, 1]) are moved so that it is 0: the same
  // distances, and the kernels skip the zeros.
  const shift = columnShift(x0, self ? undefined : q0, d);
  const x = shift ? shiftRows(x0, d, shift) : x0;
  const q = self ? x : shift ? shiftRows(q0, d, shift) : q0;
  if (shift) {
    cInfo = rowNorms(x, n, d);
    qInfo = self ? cInfo : rowNorms(q, m, d);
  }
  const cNorm = cInfo.norms;
  const qNorm = qInfo.norms;
  // float32 sums pay off on long rows; values up to 2^40 keep every product and sum far from
  // float32 overflow, so the error bound below holds.
  const f32Safe = d >= 16 && Math.max(cInfo.maxAbs, qInfo.maxAbs) <= 2 ** 40;
  const t = tileRows(d);
  const kernel = chooseKernel(kernelChoice, f32Safe, q, x, self, d, t);
  const problem: Problem = { q, x, qNorm, cNorm, m, n, d, k, self, excludeSelf, available, t };
  if (kernel.name === 'wasm32') {
    // With float32 sums, a few spare candidates per query let the verification succeed without a rescan.
    const top = scanTiles(problem, kernel, Math.min(available, k + SLACK));
    const verified = finishVerified(top, problem);
    if (verified) return verified;
    // Too many near-ties for float32 (e.g. rows far from the origin): redo it in float64.
    const exact = chooseKernel('wasm', false, q, x, self, d, t);
    return finish(scanTiles(problem, exact, k), problem);
  }
  return finish(scanTiles(problem, kernel, k), problem);
}

/** One search's inputs, as the passes below share them. */
interface Problem {
  readonly q: Float32Array;
  readonly x: Float32Array;
  readonly qNorm: Float64Array;
  readonly cNorm: Float64Array;
  readonly m: number;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** Queries are the candidates themselves (the Gram matrix is symmetric). */
  readonly self: boolean;
  readonly excludeSelf: boolean;
  /** Candidates per query: n, less one when excluding self. */
  readonly available: number;
  /** Rows per tile. */
  readonly t: number;
}

/** Runs the kernel over every pair of tiles, keeping the `keep` best candidates per query. */
function scanTiles(p: Problem, kernel: GramKernel, keep: number): TopK {
  const { n, m, t, qNorm, cNorm, excludeSelf } = p;
  const top = new TopK(m, keep);
  const gram = kernel.gram;
  const stride = kernel.stride;
  if (p.self) {
    // The Gram matrix of x with itself is symmetric: compute each off-diagonal tile once and
    // offer it both ways.
    for (let i0 = 0; i0 < n; i0 += t) {
      const i1 = Math.min(n, i0 + t);
      kernel.setQueries(i0, i1);
      for (let j0 = i0; j0 < n; j0 += t) {
        const j1 = Math.min(n, j0 + t);
        kernel.tile(j0, j1);
        top.offerTile(gram, stride, false, i0, i1, qNorm, j0, j1, cNorm, excludeSelf);
        if (j0 !== i0) top.offerTile(gram, stride, true, j0, j1, qNorm, i0, i1, cNorm, excludeSelf);
      }
    }
  } else {
    for (let i0 = 0; i0 < m; i0 += t) {
      const i1 = Math.min(m, i0 + t);
      kernel.setQueries(i0, i1);
      for (let j0 = 0; j0 < n; j0 += t) {
        const j1 = Math.min(n, j0 + t);
        kernel.tile(j0, j1);
        top.offerTile(gram, stride, false, i0, i1, qNorm, j0, j1, cNorm, excludeSelf);
      }
    }
  }
  return top;
}

/**
 * Squared distances from the expansion lose about `d * 1e-16 * (||a||^2 + ||b||^2)` to rounding;
 * below this fraction of `||a||^2 + ||b||^2` that could show in float32, so they are recomputed.
 */
const CANCELLATION = 1e-3;

/** Spare candidates kept per query when the Gram tiles carry float32 rounding. */
const SLACK = 3;

/**
 * Final pass: recomputes directly from the rows the chosen squared distances that cancellation
 * may have blurred (near-duplicate rows far from the origin), re-sorts by (distance, index) and
 * takes square roots.
 */
function finish(top: TopK, p: Problem): KNeighborsResult {
  const { q, x, qNorm, cNorm, m, d, k } = p;
  const indices = new Int32Array(m * k);
  const distances = new Float32Array(m * k);
  const dist = top.dist;
  const index = top.index;
  for (let i = 0; i < m; i++) {
    const base = i * k;
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
    for (let r = 0; r < k; r++) {
      indices[base + r] = index[base + r]!;
      distances[base + r] = Math.sqrt(dist[base + r]!);
    }
  }
  return { indices, distances };
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
function finishVerified(top: TopK, p: Problem): KNeighborsResult | undefined {
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
  }
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

/** Columns of row `a..a+d-1` of `q` that are non-zero, into `cols`; returns how many. */
function nonZeros(q: Float32Array, a: number, d: number, cols: Int32Array): number {
  let nq = 0;
  for (let j = 0; j < d; j++) if (q[a + j] !== 0) cols[nq++] = j;
  return nq;
}

/**
 * Inserts `(s, ci)` into the sorted run `base .. base + len - 1` of `dist`/`index` (by distance,
 * then index), growing it by one; the caller keeps `len` below the run's capacity.
 */
function insertSorted(dist: Float64Array, index: Int32Array, base: number, len: number, s: number, ci: number): void {
  let p = base + len;
  while (p > base) {
    const pd = dist[p - 1]!;
    if (pd < s || (pd === s && index[p - 1]! < ci)) break;
    dist[p] = pd;
    index[p] = index[p - 1]!;
    p--;
  }
  dist[p] = s;
  index[p] = ci;
}
