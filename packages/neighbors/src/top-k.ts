/**
 * Inserts `(s, ci)` into the sorted run `base .. base + len - 1` of `dist`/`index` (by distance,
 * then index), growing it by one; the caller keeps `len` below the run's capacity.
 */
export function insertSorted(dist: Float64Array, index: Int32Array, base: number, len: number, s: number, ci: number): void {
  let p = base + len;
  while (p > base) {
    const pd = dist[p - 1]!;
    if (pd < s || (pd === s && index[p - 1]! < ci)) break;
    dist[p] = pd;
    index[p] = index[p - 1]!;
    p--;
  }
  dist[p] = s;
  index[p] = ci;
}

/**
 * The running `k` best candidates of `rows` queries, `rows x k` row-major, each row sorted by
 * (squared distance, candidate index) so that equal distances keep the lower index whatever order
 * candidates arrive in. Empty places hold `Infinity` and index `0x7fffffff`.
 *
 * Because the order is total, the `k` best of a union of candidate sets are the `k` best of the
 * sets' own `k` best: partial lists made by different threads {@link mergeTopK merge} into
 * exactly the list one thread would have made.
 */
export class TopK {
  readonly dist: Float64Array;
  readonly index: Int32Array;
  constructor(
    readonly rows: number,
    readonly k: number,
    dist?: Float64Array,
    index?: Int32Array,
  ) {
    this.dist = dist ?? new Float64Array(rows * k).fill(Infinity);
    this.index = index ?? new Int32Array(rows * k).fill(0x7fffffff);
  }

  /** Offers candidate `ci` at squared distance `s` to query row `qi`. */
  offer(qi: number, s: number, ci: number): void {
    const last = qi * this.k + this.k - 1;
    const wd = this.dist[last]!;
    if (s > wd || (s === wd && ci > this.index[last]!)) return;
    insertSorted(this.dist, this.index, qi * this.k, this.k - 1, s, ci);
  }

  /**
   * Offers the candidates of one Gram tile to queries `q0..q1-1`: squared distance
   * `qn + cn - 2 dot` from the tile (`transposed` reads it column-wise, for the mirror half of a
   * symmetric search).
   */
  offerTile(
    gram: Float64Array,
    width: number,
    transposed: boolean,
    q0: number,
    q1: number,
    qNorm: Float64Array,
    c0: number,
    c1: number,
    cNorm: Float64Array,
    excludeSelf: boolean,
  ): void {
    const k = this.k;
    const dist = this.dist;
    const index = this.index;
    for (let qi = q0; qi < q1; qi++) {
      const qn = qNorm[qi]!;
      const base = qi * k;
      const last = base + k - 1;
      const rowOff = (qi - q0) * width;
      for (let ci = c0; ci < c1; ci++) {
        if (excludeSelf && ci === qi) continue;
        const dot = transposed ? gram[(ci - c0) * width + (qi - q0)]! : gram[rowOff + (ci - c0)]!;
        let s = qn + cNorm[ci]! - 2 * dot;
        if (s < 0) s = 0;
        const wd = dist[last]!;
        if (s > wd || (s === wd && ci > index[last]!)) continue;
        insertSorted(dist, index, base, k - 1, s, ci);
      }
    }
  }
}

/** Merges `from` into `into` (same shape): each row keeps the `k` best of both. */
export function mergeTopK(into: TopK, from: TopK): void {
  const k = into.k;
  for (let qi = 0; qi < into.rows; qi++) {
    const base = qi * k;
    for (let r = 0; r < k; r++) {
      const s = from.dist[base + r]!;
      if (s === Infinity) break;
      into.offer(qi, s, from.index[base + r]!);
    }
  }
}
