import { gatherRows } from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';


/**
 * For each of `rowsIdx` (indices into `x`), how many of its `m` nearest rows of the whole data
 * (itself excluded) have a label other than `label`. Searches `m + 1` neighbours with the rows
 * as queries and drops the row itself, so duplicates of it still count as neighbours.
 */
export function otherClassNeighborCounts(
  x: Float32Array,
  y: Int32Array,
  d: number,
  rowsIdx: Int32Array,
  m: number,
  label: number,
): Int32Array {
  const queries = gatherRows(x, d, rowsIdx);
  const kk = m + 1;
  const { indices } = kNearestNeighbors(x, d, kk, { queries });
  const out = new Int32Array(rowsIdx.length);
  for (let r = 0; r < rowsIdx.length; r++) {
    const self = rowsIdx[r]!;
    let seen = 0;
    let other = 0;
    let skipped = false;
    for (let t = 0; t < kk && seen < m; t++) {
      const nb = indices[r * kk + t]!;
      if (nb === self && !skipped) {
        skipped = true;
        continue;
      }
      seen++;
      if (y[nb] !== label) other++;
    }
    out[r] = other;
  }
  return out;
}
