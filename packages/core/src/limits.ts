import { OptionError } from './errors';

/**
 * The most float32 values one array may hold: 2^30, a 4 GiB buffer. Node 20 and Chromium allow
 * typed arrays of up to 2^32 elements, but Safari stops at 4 GiB and Firefox at 8 GiB, so 4 GiB
 * is the largest buffer every supported JavaScript engine allocates. Checking against it up front
 * turns an impossible request (`samplingStrategy: { 1: 1e12 }`) into an `OptionError` instead of
 * a raw `RangeError` or an out-of-memory abort.
 */
export const MAX_ARRAY_VALUES = 2 ** 30;

/** The most rows of `rowWidth` values an output may hold (at least 1 value per row). */
export function maxRows(rowWidth = 1): number {
  return Math.floor(MAX_ARRAY_VALUES / Math.max(1, rowWidth));
}

/**
 * Throws an `OptionError` stating the limit when `rows` rows of `rowWidth` values would not fit in
 * one typed array. Call it before allocating anything whose size comes from a user's count.
 * `what` says where the rows come from, e.g. `'SMOTE: samplingStrategy asks for 1000000000000 new rows of class 1, so the output'`.
 *
 * @example
 * checkAllocation('sample({ 1: 1e12 })', 1e12 + 72, 4); // OptionError: ... at most 268435456 rows of 4 values
 */
export function checkAllocation(what: string, rows: number, rowWidth = 1): void {
  const limit = maxRows(rowWidth);
  if (!(rows <= limit)) {
    throw new OptionError(
      `${what} would hold ${rows} rows of ${rowWidth} value${rowWidth === 1 ? '' : 's'}; the limit is ${limit} rows of that width ` +
        `(${MAX_ARRAY_VALUES} float32 values, a 4 GiB typed array, the largest every supported JavaScript engine allocates)`,
    );
  }
}
