/**
 * Distances do not change when every row moves by the same vector, but the kernels skip zeros:
 * data whose background is not 0 (images scaled to [-1, 1]: background -1) gets dense rows and
 * loses that. `columnShift` finds, per column, a value most rows share and returns it when moving
 * it to 0 makes the rows markedly sparser; `shiftRows` applies it. Only columns where every value
 * shifts exactly (no float32 rounding) move, so the shifted rows have exactly the same distances.
 */

/** Rows sampled to pick the shift (evenly spread over the data). */
const SAMPLE = 64;

/**
 * The per-column shift for `x` (and `q`, which must shift the same way), or undefined when
 * shifting would not make the rows at least half zeros and twice as sparse as they are.
 */
export function columnShift(x: Float32Array, q: Float32Array | undefined, d: number): Float32Array | undefined {
  const n = x.length / d;
  if (n < 8) return undefined;
  const step = Math.max(1, Math.floor(n / SAMPLE));
  const shift = new Float32Array(d);
  let zerosBefore = 0;
  let zerosAfter = 0;
  let sampled = 0;
  for (let j = 0; j < d; j++) {
    // Boyer-Moore majority vote over the sampled values of column j.
    let cand = 0;
    let votes = 0;
    for (let r = 0; r < n; r += step) {
      const v = x[r * d + j]!;
      if (votes === 0) {
        cand = v;
        votes = 1;
      } else if (v === cand) votes++;
      else votes--;
    }
    let same = 0;
    let zeros = 0;
    let count = 0;
    for (let r = 0; r < n; r += step, count++) {
      const v = x[r * d + j]!;
      if (v === cand) same++;
      if (v === 0) zeros++;
    }
    sampled += count;
    zerosBefore += zeros;
    if (cand !== 0 && same * 2 > count && same > zeros) {
      shift[j] = cand;
      zerosAfter += same;
    } else {
      zerosAfter += zeros;
    }
  }
  if (zerosAfter * 2 < sampled || zerosAfter < 2 * zerosBefore) return undefined;
  // Keep only columns where every value (candidates and queries) shifts without rounding.
  const exact = (a: Float32Array): void => {
    for (let i = 0; i < a.length; i++) {
      const j = i % d;
      const c = shift[j]!;
      if (c === 0) continue;
      const v = a[i]! - c;
      if (Math.fround(v) !== v) shift[j] = 0;
    }
  };
  exact(x);
  if (q) exact(q);
  return shift.some((c) => c !== 0) ? shift : undefined;
}

/** A copy of `a` with `shift[j]` subtracted from column `j` of every row (exact, see above). */
export function shiftRows(a: Float32Array, d: number, shift: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i += d) for (let j = 0; j < d; j++) out[i + j] = a[i + j]! - shift[j]!;
  return out;
}
