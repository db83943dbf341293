import { OptionError, SamplerInputError, checkInteger, describeValue } from '@oversample/core';

/** Scores of the positive class, one per sample (binary problems). */
export type BinaryScores = readonly number[] | Float32Array | Float64Array;

/** One row of class scores (probabilities for multi-class AUC) per sample: `scores[i][c]`. */
export type ScoreMatrix = readonly (readonly number[])[];

/**
 * What the score-based metrics accept: a vector for binary problems, an `n x k` matrix, or a flat
 * row-major `Float32Array` / `Float64Array` / `number[]` of `n * k` values together with the option
 * `nClasses: k`.
 */
export type Scores = BinaryScores | ScoreMatrix;

/** Scores as an `n x k` row-major block; `k = 1` for a plain vector. */
export interface ScoreBlock {
  readonly n: number;
  readonly k: number;
  readonly values: Float64Array;
}

function checkFinite(context: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new SamplerInputError(`${context}: ${name} is ${describeValue(v)}; scores must be finite numbers`);
  }
  return v;
}

/**
 * Checks scores against the number of samples `n` and returns a copy as a block. `nClasses` turns a flat
 * vector of `n * nClasses` values into a matrix.
 */
export function toScoreBlock(context: string, scores: unknown, n: number, nClasses: unknown): ScoreBlock {
  const k = nClasses === undefined ? undefined : checkInteger(`${context}: nClasses`, nClasses, { min: 2 });
  const isMatrix = Array.isArray(scores) && scores.length > 0 && Array.isArray(scores[0]);
  if (isMatrix) {
    const rows = scores as unknown[];
    const width = (rows[0] as unknown[]).length;
    if (rows.length !== n) {
      throw new SamplerInputError(`${context}: yScore has ${rows.length} rows but yTrue has ${n} labels; give one score row per sample`);
    }
    if (k !== undefined && k !== width) {
      throw new OptionError(`${context}: nClasses is ${k} but the rows of yScore have ${width} columns; leave nClasses out for a matrix`);
    }
    const values = new Float64Array(n * width);
    rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== width) {
        throw new SamplerInputError(
          `${context}: yScore[${i}] has ${Array.isArray(row) ? `${row.length} values` : `the value ${describeValue(row)}`}; every row needs ${width} scores, like yScore[0]`,
        );
      }
      row.forEach((v, c) => (values[i * width + c] = checkFinite(context, `yScore[${i}][${c}]`, v)));
    });
    return { n, k: width, values };
  }
  if (!Array.isArray(scores) && !(scores instanceof Float32Array) && !(scores instanceof Float64Array)) {
    throw new SamplerInputError(
      `${context}: yScore must be a number[], Float32Array, Float64Array or number[][], got ${describeValue(scores)}`,
    );
  }
  const flat = scores as ArrayLike<unknown>;
  const width = k ?? 1;
  if (flat.length !== n * width) {
    const want = width === 1 ? `${n} scores, one per label` : `${n} x ${width} = ${n * width} values (nClasses = ${width})`;
    throw new SamplerInputError(`${context}: yScore has ${flat.length} values but yTrue has ${n} labels; give ${want}`);
  }
  const values = new Float64Array(flat.length);
  for (let i = 0; i < flat.length; i++) values[i] = checkFinite(context, `yScore[${i}]`, flat[i]);
  return { n, k: width, values };
}
