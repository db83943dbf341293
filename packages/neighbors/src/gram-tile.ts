/**
 * Columns where query row `qi` or `qi + 1` (if `two`) is non-zero, written at `cols[off..]`; returns
 * how many. Only those columns contribute to the rows' dot products, which makes sparse rows
 * (MNIST digits are ~80% zeros) proportionally cheaper.
 */
export function nonZeroColumns(
  q: Float32Array,
  qi: number,
  two: boolean,
  d: number,
  cols: Int32Array,
  off: number,
  scale: number,
): number {
  const a0 = qi * d;
  let m = off;
  if (two) {
    const a1 = a0 + d;
    for (let j = 0; j < d; j++) if (q[a0 + j] !== 0 || q[a1 + j] !== 0) cols[m++] = j * scale;
  } else {
    for (let j = 0; j < d; j++) if (q[a0 + j] !== 0) cols[m++] = j * scale;
  }
  return m - off;
}

/**
 * Column lists of the query rows `q0..q1-1` taken two at a time (see {@link nonZeroColumns}):
 * pair `p` (rows `q0 + 2p`, `q0 + 2p + 1`) has `len[lenAt + p]` columns at `cols[colsAt + p * d ..]`,
 * each written as `j * scale`. Pairs with few zeros list every column (the kernels' dense case).
 */
export function pairColumns(
  q: Float32Array,
  q0: number,
  q1: number,
  d: number,
  cols: Int32Array,
  colsAt: number,
  len: Int32Array,
  lenAt: number,
  scale: number,
): void {
  for (let qi = q0, p = 0; qi < q1; qi += 2, p++) {
    const off = colsAt + p * d;
    let m = nonZeroColumns(q, qi, qi + 1 < q1, d, cols, off, scale);
    if (m * 4 >= d * 3) {
      for (let j = 0; j < d; j++) cols[off + j] = j * scale;
      m = d;
    }
    len[lenAt + p] = m;
  }
}

/**
 * Dot products between a tile of query rows and a tile of candidate rows, written to `out`
 * (row `qi - q0` at `(qi - q0) * stride`, column `ci - c0`). The JavaScript k-NN kernel.
 *
 * Values are read from Float32Array but multiplied and summed as float64 (JavaScript numbers), so a
 * dot product of float32 rows carries no float32 rounding: `||a||^2 + ||b||^2 - 2 a.b` then loses
 * only float64 digits to cancellation, far below float32 resolution.
 *
 * Register blocking: 2 query rows x 4 candidate rows per pass keeps 8 accumulators and 6 operands
 * in registers (x64 has 16 vector registers; 4 x 4 would spill), and each value loaded is used 2 or
 * 4 times. A pass visits only the columns where one of the two query rows is non-zero
 * (`cols`/`len` from {@link pairColumns}); dense rows take a plain loop over all `d` columns.
 * (Measured: in JavaScript, candidates repacked in 4-row interleaved panels were ~10% slower.)
 */
export function gramTile(
  q: Float32Array,
  q0: number,
  q1: number,
  x: Float32Array,
  c0: number,
  c1: number,
  d: number,
  cols: Int32Array,
  len: Int32Array,
  out: Float64Array,
  stride: number,
): void {
  const width = stride;
  for (let qi = q0, p = 0; qi < q1; qi += 2, p++) {
    const two = qi + 1 < q1;
    const a0 = qi * d;
    // A lone last row reads itself twice and writes one result row.
    const a1 = two ? a0 + d : a0;
    const o0 = (qi - q0) * width;
    const o1 = o0 + width;
    const cStart = p * d;
    const cEnd = cStart + len[p]!;
    // An index list costs a load per column: a full list takes the plain loop instead.
    const sparse = len[p]! < d;
    let ci = c0;
    for (; ci + 4 <= c1; ci += 4) {
      const b0 = ci * d;
      const b1 = b0 + d;
      const b2 = b1 + d;
      const b3 = b2 + d;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      if (sparse) {
        for (let t = cStart; t < cEnd; t++) {
          const j = cols[t]!;
          const u0 = q[a0 + j]!;
          const u1 = q[a1 + j]!;
          const v0 = x[b0 + j]!;
          const v1 = x[b1 + j]!;
          const v2 = x[b2 + j]!;
          const v3 = x[b3 + j]!;
          s00 += u0 * v0;
          s01 += u0 * v1;
          s02 += u0 * v2;
          s03 += u0 * v3;
          s10 += u1 * v0;
          s11 += u1 * v1;
          s12 += u1 * v2;
          s13 += u1 * v3;
        }
      } else {
        for (let j = 0; j < d; j++) {
          const u0 = q[a0 + j]!;
          const u1 = q[a1 + j]!;
          const v0 = x[b0 + j]!;
          const v1 = x[b1 + j]!;
          const v2 = x[b2 + j]!;
          const v3 = x[b3 + j]!;
          s00 += u0 * v0;
          s01 += u0 * v1;
          s02 += u0 * v2;
          s03 += u0 * v3;
          s10 += u1 * v0;
          s11 += u1 * v1;
          s12 += u1 * v2;
          s13 += u1 * v3;
        }
      }
      const o = ci - c0;
      out[o0 + o] = s00;
      out[o0 + o + 1] = s01;
      out[o0 + o + 2] = s02;
      out[o0 + o + 3] = s03;
      if (two) {
        out[o1 + o] = s10;
        out[o1 + o + 1] = s11;
        out[o1 + o + 2] = s12;
        out[o1 + o + 3] = s13;
      }
    }
    for (; ci < c1; ci++) {
      const b0 = ci * d;
      let s0 = 0;
      let s1 = 0;
      for (let t = cStart; t < cEnd; t++) {
        const j = cols[t]!;
        const v = x[b0 + j]!;
        s0 += q[a0 + j]! * v;
        s1 += q[a1 + j]! * v;
      }
      out[o0 + ci - c0] = s0;
      if (two) out[o1 + ci - c0] = s1;
    }
  }
}
