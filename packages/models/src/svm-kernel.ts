import { OptionError, describeValue } from '@oversample/core';

/** The kernels `SVC` offers, with scikit-learn's names. */
export type SvmKernel = 'rbf' | 'linear';

/** `SVC`'s `gamma`: scikit-learn's `'scale'` (default), `'auto'`, or a number > 0. */
export type SvmGamma = 'scale' | 'auto' | number;

/** Checks the `gamma` option. */
export function checkGamma(context: string, value: unknown): SvmGamma {
  if (value === 'scale' || value === 'auto') return value;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw new OptionError(`${context} gamma must be "scale", "auto" or a finite number > 0, got ${describeValue(value)}`);
}

/**
 * The RBF width for training rows `x` (`n x d`), as scikit-learn resolves it: `'scale'` is
 * `1 / (d * var(x))` over every value of `x` (1 when `x` is constant), `'auto'` is `1 / d`.
 */
export function resolveGamma(gamma: SvmGamma, x: Float64Array, d: number): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / d;
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - mean) ** 2;
  const variance = ss / x.length;
  return variance === 0 ? 1 : 1 / (d * variance);
}

/** A kernel with its parameter: `K(a, b) = a.b` or `exp(-gamma ||a - b||^2)`. */
export interface KernelSpec {
  readonly kernel: SvmKernel;
  readonly gamma: number;
}

/** Squared norm of row `i` of `x` (`d` values a row). */
export function squareOf(x: Float64Array, i: number, d: number): number {
  let s = 0;
  for (let k = i * d, end = k + d; k < end; k++) s += x[k]! * x[k]!;
  return s;
}

/** Squared norm of each row of `x` (`n x d`). */
export function rowSquares(x: Float64Array, d: number): Float64Array {
  const n = x.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = squareOf(x, i, d);
  return out;
}

/**
 * Writes `K(a_i, b_j)` for one row `a_i` against every row of `b` into `out`: the dot products,
 * then the RBF map from `||a||^2 + ||b||^2 - 2 a.b`, as libsvm computes it.
 */
export function kernelRowInto(
  spec: KernelSpec,
  a: Float64Array,
  aRow: number,
  aSquare: number,
  b: Float64Array,
  bSquares: Float64Array,
  d: number,
  out: Float32Array | Float64Array,
): void {
  const n = bSquares.length;
  const base = aRow * d;
  const rbf = spec.kernel === 'rbf';
  const g = spec.gamma;
  for (let j = 0; j < n; j++) {
    let dot = 0;
    const off = j * d;
    let k = 0;
    // Unrolled by 4: the inner product dominates training on tables.
    for (; k + 4 <= d; k += 4) {
      dot += a[base + k]! * b[off + k]! + a[base + k + 1]! * b[off + k + 1]! + a[base + k + 2]! * b[off + k + 2]! + a[base + k + 3]! * b[off + k + 3]!;
    }
    for (; k < d; k++) dot += a[base + k]! * b[off + k]!;
    out[j] = rbf ? Math.exp(-g * (aSquare + bSquares[j]! - 2 * dot)) : dot;
  }
}

/**
 * The matrix `Q_ij = y_i y_j K(x_i, x_j)` of one binary training problem, as libsvm's `SVC_Q`:
 * rows are computed on demand over a prefix of positions (the solver's active set) and kept in a
 * least-recently-used cache bounded in bytes (`cache_size`); `swap` exchanges two positions
 * (rows, columns, labels), which is how shrinking moves inactive rows to the end. Rows are float32,
 * as libsvm's `Qfloat`, which doubles what the cache holds; the diagonal is float64.
 */
export class QMatrix {
  readonly l: number;
  /** `Q_ii = K(x_i, x_i)` by position. */
  readonly diagonal: Float64Array;
  /** Original row of each position. */
  readonly order: Int32Array;
  private readonly y: Int8Array;
  private readonly squares: Float64Array;
  // Cache: per position a row buffer and how many leading entries are computed, plus an LRU list
  // (positions linked through prev/next; l is the list head).
  private readonly data: (Float32Array | undefined)[];
  private readonly len: Int32Array;
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private free: number;

  constructor(
    readonly spec: KernelSpec,
    private readonly x: Float64Array,
    private readonly d: number,
    y: Int8Array,
    cacheBytes: number,
  ) {
    const l = y.length;
    this.l = l;
    this.y = Int8Array.from(y);
    this.order = Int32Array.from({ length: l }, (_, i) => i);
    this.squares = rowSquares(x, d);
    this.diagonal = new Float64Array(l);
    for (let i = 0; i < l; i++) this.diagonal[i] = spec.kernel === 'rbf' ? 1 : this.squares[i]!;
    this.data = new Array<Float32Array | undefined>(l).fill(undefined);
    this.len = new Int32Array(l);
    this.prev = new Int32Array(l + 1).fill(l);
    this.next = new Int32Array(l + 1).fill(l);
    // Values the cache may hold, at least two full rows: the solver uses both working-set rows at once.
    this.free = Math.max(Math.floor(cacheBytes / 4), 2 * l);
  }

  private unlink(i: number): void {
    this.next[this.prev[i]!] = this.next[i]!;
    this.prev[this.next[i]!] = this.prev[i]!;
  }

  private append(i: number): void {
    const h = this.l;
    this.next[i] = h;
    this.prev[i] = this.prev[h]!;
    this.next[this.prev[h]!] = i;
    this.prev[h] = i;
  }

  /** Evicts row `i`, returning its buffer for reuse. */
  private drop(i: number): Float32Array | undefined {
    this.unlink(i);
    this.free += this.l;
    const out = this.data[i];
    this.data[i] = undefined;
    this.len[i] = 0;
    return out;
  }

  /**
   * Row `i` of `Q` with at least its first `length` entries computed. The array stays valid until
   * two more rows are requested or positions are swapped.
   */
  row(i: number, length: number): Float32Array {
    const had = this.len[i]!;
    if (had > 0) this.unlink(i);
    let out = this.data[i];
    if (length > had) {
      if (!out) {
        // Every row gets its full length at once (and the budget is charged for it), so rows are
        // never reallocated and an evicted row's buffer is reused: no garbage while training.
        while (this.free < this.l) out = this.drop(this.next[this.l]!);
        out ??= new Float32Array(this.l);
        this.free -= this.l;
        this.data[i] = out;
      }
      this.len[i] = length;
      this.fill(i, out, had, length);
    }
    this.append(i);
    return out!;
  }

  private fill(i: number, out: Float32Array, from: number, to: number): void {
    const { x, d, order, y, squares } = this;
    const rbf = this.spec.kernel === 'rbf';
    const g = this.spec.gamma;
    const oi = order[i]!;
    const base = oi * d;
    const si = squares[oi]!;
    const yi = y[i]!;
    for (let j = from; j < to; j++) {
      const oj = order[j]!;
      const off = oj * d;
      let dot = 0;
      let k = 0;
      for (; k + 4 <= d; k += 4) {
        dot += x[base + k]! * x[off + k]! + x[base + k + 1]! * x[off + k + 1]! + x[base + k + 2]! * x[off + k + 2]! + x[base + k + 3]! * x[off + k + 3]!;
      }
      for (; k < d; k++) dot += x[base + k]! * x[off + k]!;
      const kv = rbf ? Math.exp(-g * (si + squares[oj]! - 2 * dot)) : dot;
      out[j] = yi * y[j]! * kv;
    }
  }

  /** Exchanges positions `i` and `j` everywhere (libsvm's `swap_index`). */
  swap(i: number, j: number): void {
    if (i === j) return;
    const { len, data } = this;
    if (len[i]! > 0) this.unlink(i);
    if (len[j]! > 0) this.unlink(j);
    const di = data[i];
    data[i] = data[j];
    data[j] = di;
    const li = len[i]!;
    len[i] = len[j]!;
    len[j] = li;
    if (len[i]! > 0) this.append(i);
    if (len[j]! > 0) this.append(j);
    for (const a of [this.order, this.y] as const) {
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    const t = this.diagonal[i]!;
    this.diagonal[i] = this.diagonal[j]!;
    this.diagonal[j] = t;
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    // Columns: swap them in every cached row long enough; a row holding only the lower one keeps
    // the part before it (libsvm drops the whole row; values are recomputed alike either way).
    for (let h = this.next[this.l]!; h !== this.l; ) {
      const after = this.next[h]!;
      if (len[h]! > lo) {
        const row = data[h]!;
        if (len[h]! > hi) {
          const v = row[lo]!;
          row[lo] = row[hi]!;
          row[hi] = v;
        } else if (lo === 0) {
          this.drop(h);
        } else {
          len[h] = lo;
        }
      }
      h = after;
    }
  }
}
