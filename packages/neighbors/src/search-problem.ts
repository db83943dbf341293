import { OptionError, SamplerInputError, describeValue } from '@oversample/core';
import { columnShift, shiftRows } from './column-shift';

/** How the neighbours are searched: as scikit-learn's `algorithm`. */
export type Algorithm = 'auto' | 'kd-tree' | 'brute';

/** Options of {@link kNearestNeighbors} (and, with more, {@link kNearestNeighborsAsync}). */
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
  /**
   * `'kd-tree'` (fast on few columns), `'brute'` (blocked SIMD distance tiles, fast on many), or
   * `'auto'` (default): the tree for up to {@link TREE_MAX_COLUMNS} columns when the rows are
   * many enough for it to pay, brute force otherwise. Results are the same whichever runs.
   */
  readonly algorithm?: Algorithm;
}

/** One validated search: the rows (background-shifted when that sparsifies them) and their norms. */
export interface SearchProblem {
  readonly q: Float32Array;
  readonly x: Float32Array;
  /** Squared norms of the (shifted) rows, float64. */
  readonly qNorm: Float64Array;
  readonly cNorm: Float64Array;
  /** Largest magnitude of any (shifted) value. */
  readonly maxAbs: number;
  readonly m: number;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** Queries are the candidates themselves. */
  readonly self: boolean;
  readonly excludeSelf: boolean;
  /** Candidates per query: n, less one when excluding self. */
  readonly available: number;
  readonly algorithm: Algorithm;
}

/** Option names {@link kNearestNeighbors} knows. */
export const SYNC_OPTIONS = ['queries', 'excludeSelf', 'algorithm'] as const;

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
 * Checks the arguments (typed errors naming the bad value) and prepares the search: row norms,
 * and rows with a common non-zero background (images in [-1, 1]) moved so that it is 0 — the
 * same distances, and the brute-force kernels skip zeros. `known` lists the accepted option names.
 */
export function prepareSearch(
  candidates: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsOptions,
  known: readonly string[],
): SearchProblem {
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
    if (!known.includes(key)) {
      throw new OptionError(`kNearestNeighbors has no option ${describeValue(key)}; known options: ${known.join(', ')}`);
    }
  }
  const algorithm = options.algorithm ?? 'auto';
  if (algorithm !== 'auto' && algorithm !== 'kd-tree' && algorithm !== 'brute') {
    throw new OptionError(`kNearestNeighbors: algorithm must be 'auto', 'kd-tree' or 'brute', got ${describeValue(algorithm)}`);
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
  const shift = columnShift(x0, self ? undefined : q0, d);
  const x = shift ? shiftRows(x0, d, shift) : x0;
  const q = self ? x : shift ? shiftRows(q0, d, shift) : q0;
  if (shift) {
    cInfo = rowNorms(x, n, d);
    qInfo = self ? cInfo : rowNorms(q, m, d);
  }
  return {
    q,
    x,
    qNorm: qInfo.norms,
    cNorm: cInfo.norms,
    maxAbs: Math.max(cInfo.maxAbs, qInfo.maxAbs),
    m,
    n,
    d,
    k,
    self,
    excludeSelf,
    available,
    algorithm,
  };
}
