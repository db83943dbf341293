import { OptionError, SamplerInputError, checkAllocation, describeValue, type Rng } from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';

/** Options of {@link smoteRows} and {@link smotePairs}. */
export interface SmoteRowsOptions {
  /** Neighbours per row among the given rows (self excluded). */
  readonly kNeighbors: number;
  /** Draws the base rows, neighbours and gaps. */
  readonly rng: Rng;
}

/** Which rows each synthetic row interpolates: `x[base] + gap * (x[neighbor] - x[base])`. */
export interface SmotePairs {
  /** Row index (into the rows given) of each synthetic row's base. */
  readonly base: Int32Array;
  /** Row index (into the rows given) of the neighbour it steps towards. */
  readonly neighbor: Int32Array;
  /** The step along the segment, uniform in [0, 1). */
  readonly gap: Float64Array;
}

/**
 * Draws `nNew` SMOTE pairs: each synthetic row picks a base row uniformly with replacement, one of
 * its `kNeighbors` nearest neighbours (`nns`, row-major `rows x k`) uniformly, and a gap
 * `gap * step`, `gap ~ U[0, 1)`. Draw order per row: base, neighbour slot, gap.
 */
export function drawPairs(nns: Int32Array, k: number, nNew: number, rng: Rng, step = 1): SmotePairs {
  const rows = nns.length / k;
  const base = new Int32Array(nNew);
  const neighbor = new Int32Array(nNew);
  const gap = new Float64Array(nNew);
  for (let s = 0; s < nNew; s++) {
    const b = rng.int(rows);
    base[s] = b;
    neighbor[s] = nns[b * k + rng.int(k)]!;
    gap[s] = step * rng.uniform();
  }
  return { base, neighbor, gap };
}

/**
 * Writes `out[i] = from[base[i]] + gap[i] * (to[neighbor[i]] - from[base[i]])` for every pair,
 * row by row, starting at value `offset` of `out`. `from` and `to` may be the same rows.
 */
export function interpolateInto(
  from: Float32Array,
  to: Float32Array,
  d: number,
  pairs: SmotePairs,
  out: Float32Array,
  offset = 0,
): void {
  const { base, neighbor, gap } = pairs;
  for (let s = 0; s < base.length; s++) {
    const a = base[s]! * d;
    const b = neighbor[s]! * d;
    const g = gap[s]!;
    const o = offset + s * d;
    // Unrolled by 4: measured ~30% faster than the plain loop in V8.
    let j = 0;
    for (; j + 4 <= d; j += 4) {
      const v0 = from[a + j]!;
      const v1 = from[a + j + 1]!;
      const v2 = from[a + j + 2]!;
      const v3 = from[a + j + 3]!;
      out[o + j] = v0 + g * (to[b + j]! - v0);
      out[o + j + 1] = v1 + g * (to[b + j + 1]! - v1);
      out[o + j + 2] = v2 + g * (to[b + j + 2]! - v2);
      out[o + j + 3] = v3 + g * (to[b + j + 3]! - v3);
    }
    for (; j < d; j++) {
      const v = from[a + j]!;
      out[o + j] = v + g * (to[b + j]! - v);
    }
  }
}

function checkClassRows(what: string, x: Float32Array, d: number, k: number): number {
  if (!(x instanceof Float32Array)) throw new SamplerInputError(`${what}: x must be a Float32Array, got ${describeValue(x)}`);
  if (!Number.isInteger(d) || d < 1) throw new OptionError(`${what}: d must be an integer >= 1, got ${describeValue(d)}`);
  if (x.length % d !== 0) {
    throw new SamplerInputError(`${what}: x has ${x.length} values, which is not a multiple of d = ${d}`);
  }
  if (!Number.isInteger(k) || k < 1) throw new OptionError(`${what}: kNeighbors must be an integer >= 1, got ${describeValue(k)}`);
  const rows = x.length / d;
  if (rows <= k) {
    throw new SamplerInputError(`${what}: ${rows} rows are too few for kNeighbors = ${k}; at least ${k + 1} are needed`);
  }
  return rows;
}

/**
 * The SMOTE pairs for `nNew` synthetic rows from the rows of one class (`x`, row-major, `d` values
 * each), with their k nearest neighbours searched among those rows. For samplers that need the
 * pairs themselves (SMOTE in a latent space, a network learning SMOTE's map).
 *
 * @example
 * const { base, neighbor, gap } = smotePairs(classRows, d, 100, { kNeighbors: 5, rng: new Rng(1) });
 */
export function smotePairs(x: Float32Array, d: number, nNew: number, options: SmoteRowsOptions): SmotePairs {
  const k = options.kNeighbors;
  checkClassRows('smotePairs', x, d, k);
  if (!Number.isInteger(nNew) || nNew < 0) throw new OptionError(`smotePairs: nNew must be an integer >= 0, got ${describeValue(nNew)}`);
  // Before the neighbour search: the rows it would make must fit in a typed array.
  checkAllocation(`smotePairs: nNew = ${nNew}`, nNew, d);
  const { indices } = kNearestNeighbors(x, d, k);
  return drawPairs(indices, k, nNew, options.rng);
}

/**
 * `nNew` SMOTE rows from the rows of ONE class: each is `x_i + u (x_nn - x_i)` with `x_i` drawn
 * uniformly with replacement, `x_nn` one of its `kNeighbors` nearest rows of `x`, `u ~ U[0, 1)`.
 * Returns `nNew * d` values, row-major.
 *
 * @example
 * const synthetic = smoteRows(minorityRows, 2, 10, { kNeighbors: 5, rng: new Rng(42) });
 */
export function smoteRows(x: Float32Array, d: number, nNew: number, options: SmoteRowsOptions): Float32Array {
  const pairs = smotePairs(x, d, nNew, options);
  const out = new Float32Array(nNew * d);
  interpolateInto(x, x, d, pairs, out);
  return out;
}
