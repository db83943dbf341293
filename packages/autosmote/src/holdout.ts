import { indicesOfClass, type Rng } from '@oversample/core';

/** The rows the classifier trains on during the joint phase and the rows held out to score the policies. */
export interface Holdout {
  readonly trainRows: number[];
  readonly valRows: number[];
}

/**
 * A stratified hold-out: `fraction` of each class (at least one row, never all of them; none of a
 * one-row class), drawn by `rng`.
 */
export function stratifiedHoldout(y: Int32Array, nClasses: number, fraction: number, rng: Rng): Holdout {
  const trainRows: number[] = [];
  const valRows: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    const rows = [...indicesOfClass(y, c)];
    if (rows.length === 0) continue;
    rng.shuffle(rows);
    const nVal = rows.length < 2 ? 0 : Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * fraction)));
    valRows.push(...rows.slice(0, nVal));
    trainRows.push(...rows.slice(nVal));
  }
  return { trainRows, valRows };
}
