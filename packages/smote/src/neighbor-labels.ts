import { gatherRows } from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';

/**
 * The `m` nearest rows of the whole data `x` (itself excluded) of each of `rowsIdx` (indices into
 * `x`), `rowsIdx.length x m` row-major. Searches `m + 1` neighbours with the rows as queries and
 * drops the row itself by index, so duplicates of it still count as neighbours; with every row as
 * a query it searches with self-exclusion directly.
 */
export function neighborsExcludingSelf(x: Float32Array, d: number, rowsIdx: Int32Array, m: number): Int32Array {
  const n = x.length / d;
  if (rowsIdx.length === n && rowsIdx.every((r, i) => r === i)) return kNearestNeighbors(x, d, m).indices;
  const queries = gatherRows(x, d, rowsIdx);
  const kk = m + 1;
  const { indices } = kNearestNeighbors(x, d, kk, { queries });
  const out = new Int32Array(rowsIdx.length * m);
  for (let r = 0; r < rowsIdx.length; r++) {
    const self = rowsIdx[r]!;
    let seen = 0;
    let skipped = false;
    for (let t = 0; t < kk && seen < m; t++) {
      const nb = indices[r * kk + t]!;
      if (nb === self && !skipped) {
        skipped = true;
        continue;
      }
      out[r * m + seen++] = nb;
    }
  }
  return out;
}

/**
 * For each of `rowsIdx` (indices into `x`), how many of its `m` nearest rows of the whole data
 * (itself excluded) have a label other than `label`.
 */
export function otherClassNeighborCounts(
  x: Float32Array,
  y: Int32Array,
  d: number,
  rowsIdx: Int32Array,
  m: number,
  label: number,
): Int32Array {
  const nns = neighborsExcludingSelf(x, d, rowsIdx, m);
  const out = new Int32Array(rowsIdx.length);
  for (let r = 0; r < rowsIdx.length; r++) {
    let other = 0;
    for (let t = 0; t < m; t++) if (y[nns[r * m + t]!] !== label) other++;
    out[r] = other;
  }
  return out;
}
