/**
 * Statistics for comparing samplers over many datasets (Demšar, JMLR 7, 2006): mean and standard
 * deviation, average ranks, the Friedman test with Holm and Nemenyi post-hoc tests, and the
 * Wilcoxon signed-rank test. Results agree with scipy.stats (see stats.test.ts).
 */
import { OptionError } from '@oversample/core';
import { chiSquareSf, normalCdf, normalPdf, normalSf } from './special';

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample standard deviation (n - 1 in the denominator, like pandas); 0 for a single value, NaN for none. */
export function std(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  if (values.length === 1) return 0;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / (values.length - 1));
}

/**
 * Ranks 1..n of `values` with ties given their average rank. `descending` ranks the largest
 * value 1 (the best score when higher is better).
 *
 * @example
 * rankWithTies([0.9, 0.7, 0.9], true) // [1.5, 3, 1.5]
 */
export function rankWithTies(values: readonly number[], descending = false): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]));
  const ranks = new Array<number>(values.length).fill(0);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]![1]] = avg;
    i = j + 1;
  }
  return ranks;
}

// Sum of t^3 - t over groups of tied values (the tie correction of rank tests).
function tieTerm(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let s = 0;
  for (const t of counts.values()) s += t * t * t - t;
  return s;
}

function checkMatrix(scores: readonly (readonly number[])[], minCols: number, what: string): { n: number; k: number } {
  const n = scores.length;
  const k = scores[0]?.length ?? 0;
  if (n < 1 || k < minCols) {
    throw new OptionError(`${what} needs at least 1 block and ${minCols} methods, got ${n} x ${k}`);
  }
  for (const [i, row] of scores.entries()) {
    if (row.length !== k) throw new OptionError(`${what}: row ${i} has ${row.length} values, row 0 has ${k}`);
    for (const v of row) if (!Number.isFinite(v)) throw new OptionError(`${what}: row ${i} holds ${v}; scores must be finite`);
  }
  return { n, k };
}

/**
 * Average rank of each method (column) over datasets (rows) of `scores`; rank 1 is the best.
 * `higherIsBetter` (default true) ranks the largest score first.
 */
export function averageRanks(scores: readonly (readonly number[])[], higherIsBetter = true): number[] {
  const { n, k } = checkMatrix(scores, 1, 'averageRanks');
  const sums = new Array<number>(k).fill(0);
  for (const row of scores) {
    const r = rankWithTies(row, higherIsBetter);
    for (let j = 0; j < k; j++) sums[j]! += r[j]!;
  }
  return sums.map((s) => s / n);
}

/** Result of `friedmanTest`. */
export interface FriedmanResult {
  /** Tie-corrected chi-square statistic (scipy.stats.friedmanchisquare). */
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Number of blocks (datasets). */
  readonly n: number;
  /** Number of methods. */
  readonly k: number;
  /** Average rank per method (rank 1 = the highest score). */
  readonly averageRanks: readonly number[];
}

/**
 * Friedman test that k methods (columns) scored on n datasets (rows) perform alike, with the
 * tie correction scipy applies; p from the chi-square distribution with k - 1 degrees of freedom.
 *
 * @example
 * friedmanTest([[72, 120, 76], [96, 120, 95], ...]).pValue
 */
export function friedmanTest(scores: readonly (readonly number[])[]): FriedmanResult {
  const { n, k } = checkMatrix(scores, 3, 'friedmanTest');
  const rankSums = new Array<number>(k).fill(0);
  let ties = 0;
  for (const row of scores) {
    const r = rankWithTies(row, true);
    for (let j = 0; j < k; j++) rankSums[j]! += r[j]!;
    ties += tieTerm(row);
  }
  let ssbn = 0;
  for (const s of rankSums) ssbn += s * s;
  const c = 1 - ties / (n * k * (k * k - 1));
  // Every block all-tied: no evidence either way.
  const statistic = c <= 0 ? 0 : ((12 / (n * k * (k + 1))) * ssbn - 3 * n * (k + 1)) / c;
  return { statistic, df: k - 1, pValue: chiSquareSf(statistic, k - 1), n, k, averageRanks: rankSums.map((s) => s / n) };
}

/** One pairwise comparison of a post-hoc test. */
export interface PairwiseComparison {
  /** Column indices of the two methods. */
  readonly a: number;
  readonly b: number;
  /** z = (R_a - R_b) / sqrt(k (k + 1) / (6 n)); negative when `a` ranks better. */
  readonly z: number;
  /** Unadjusted two-sided p-value. */
  readonly pValue: number;
  /** Holm-adjusted p-value (family of all pairs). */
  readonly pHolm: number;
}

/**
 * Holm's step-down post-hoc test on average ranks, over all pairs of methods (García & Herrera 2008):
 * z from the rank difference, two-sided normal p-values, Holm's adjustment.
 */
export function holmPostHoc(ranks: readonly number[], n: number): PairwiseComparison[] {
  const k = ranks.length;
  if (k < 2 || n < 1) throw new OptionError(`holmPostHoc needs at least 2 methods and 1 dataset, got ${k} and ${n}`);
  const se = Math.sqrt((k * (k + 1)) / (6 * n));
  const raw: { a: number; b: number; z: number; pValue: number }[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const z = (ranks[a]! - ranks[b]!) / se;
      raw.push({ a, b, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) });
    }
  }
  const m = raw.length;
  const order = raw.map((_, i) => i).sort((i, j) => raw[i]!.pValue - raw[j]!.pValue);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  for (const [step, idx] of order.entries()) {
    running = Math.max(running, Math.min(1, (m - step) * raw[idx]!.pValue));
    adjusted[idx] = running;
  }
  return raw.map((r, i) => ({ ...r, pHolm: adjusted[i]! }));
}

/**
 * Upper quantile of the studentized range for k means and infinite degrees of freedom:
 * the q with P(max - min of k standard normals <= q) = 1 - alpha, by integration and bisection.
 */
export function studentizedRangeQuantile(k: number, alpha = 0.05): number {
  if (!Number.isInteger(k) || k < 2) throw new OptionError(`studentizedRangeQuantile needs k >= 2 groups, got ${k}`);
  const key = `${k}:${alpha}`;
  const known = quantileCache.get(key);
  if (known !== undefined) return known;
  const cdf = (q: number): number => {
    // P(range <= q) = k * integral phi(z) [Phi(z) - Phi(z - q)]^(k-1) dz, Simpson's rule on [-9, 9].
    const steps = 2000;
    const lo = -9;
    const h = 18 / steps;
    let s = 0;
    for (let i = 0; i <= steps; i++) {
      const z = lo + i * h;
      const f = normalPdf(z) * Math.pow(normalCdf(z) - normalCdf(z - q), k - 1);
      s += (i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2) * f;
    }
    return (k * s * h) / 3;
  };
  let lo = 0;
  let hi = 20;
  for (let it = 0; it < 45; it++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < 1 - alpha) lo = mid;
    else hi = mid;
  }
  const q = (lo + hi) / 2;
  quantileCache.set(key, q);
  return q;
}

// The integral is costly (~0.1 s) and reports ask for the same few k again and again.
const quantileCache = new Map<string, number>();

/**
 * Nemenyi critical difference: two methods whose average ranks over `n` datasets differ by more
 * than this differ significantly at level `alpha` (Demšar 2006: CD = q_alpha sqrt(k (k + 1) / (6 n))).
 *
 * @example
 * nemenyiCriticalDifference(4, 14) // 1.2536 (q = 2.569)
 */
export function nemenyiCriticalDifference(k: number, n: number, alpha = 0.05): number {
  if (n < 1) throw new OptionError(`nemenyiCriticalDifference needs at least 1 dataset, got ${n}`);
  return (studentizedRangeQuantile(k, alpha) / Math.SQRT2) * Math.sqrt((k * (k + 1)) / (6 * n));
}

/** Result of `wilcoxonSignedRank`. */
export interface WilcoxonResult {
  /** min(W+, W-), the sums of ranks of positive and negative differences (scipy's two-sided statistic). */
  readonly statistic: number;
  readonly pValue: number;
  /** Pairs left after dropping zero differences. */
  readonly n: number;
  /** `exact` for n <= 50 without ties, `normal` otherwise (scipy's `method='auto'`). */
  readonly method: 'exact' | 'normal';
  /** z of the normal approximation (NaN for the exact test). */
  readonly z: number;
}

/**
 * Two-sided Wilcoxon signed-rank test of paired samples `x` and `y` (or of `x` alone against 0),
 * with scipy's defaults: zero differences dropped, the exact null distribution for n <= 50 with no
 * tied |differences|, otherwise the normal approximation with the tie-corrected variance and no
 * continuity correction.
 *
 * @example
 * wilcoxonSignedRank([1.83, 0.5, 1.62], [0.878, 0.647, 0.598]).pValue
 */
export function wilcoxonSignedRank(x: readonly number[], y?: readonly number[]): WilcoxonResult {
  if (y && y.length !== x.length) throw new OptionError(`wilcoxonSignedRank: x has ${x.length} values, y has ${y.length}`);
  const diffs: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - (y ? y[i]! : 0);
    if (!Number.isFinite(d)) throw new OptionError(`wilcoxonSignedRank: pair ${i} gives ${d}; values must be finite`);
    if (d !== 0) diffs.push(d);
  }
  const n = diffs.length;
  if (n === 0) return { statistic: 0, pValue: 1, n: 0, method: 'exact', z: Number.NaN };
  const abs = diffs.map(Math.abs);
  const ranks = rankWithTies(abs);
  let wPlus = 0;
  let wMinus = 0;
  for (let i = 0; i < n; i++) {
    if (diffs[i]! > 0) wPlus += ranks[i]!;
    else wMinus += ranks[i]!;
  }
  const statistic = Math.min(wPlus, wMinus);
  const ties = tieTerm(abs);
  if (n <= 50 && ties === 0) {
    return { statistic, pValue: Math.min(1, 2 * exactSignedRankCdf(n, statistic)), n, method: 'exact', z: Number.NaN };
  }
  const mu = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48;
  const z = (statistic - mu) / Math.sqrt(variance);
  return { statistic, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), n, method: 'normal', z };
}

// P(W+ <= t) under H0 for n untied ranks 1..n: count subsets of {1..n} with sum <= t, over 2^n.
function exactSignedRankCdf(n: number, t: number): number {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) {
    for (let s = max; s >= r; s--) counts[s]! += counts[s - r]!;
  }
  let below = 0;
  for (let s = 0; s <= Math.floor(t); s++) below += counts[s]!;
  return below / Math.pow(2, n);
}
