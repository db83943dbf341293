import { describe, expect, it } from 'vitest';
import { chiSquareSf, normalSf } from './special';
import {
  averageRanks,
  friedmanTest,
  holmPostHoc,
  mean,
  nemenyiCriticalDifference,
  rankWithTies,
  std,
  studentizedRangeQuantile,
  wilcoxonSignedRank,
} from './stats';

// Expected values come from scipy 1.17.1 (scipy.stats.*) and Demšar (2006), as noted per case;
// the closed forms were also checked by hand where there is one.
const close = (actual: number, expected: number, rel = 1e-9): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

describe('special functions', () => {
  it('chi-square survival matches scipy.stats.chi2.sf', () => {
    close(chiSquareSf(3, 2), Math.exp(-1.5)); // df 2 is exponential: exp(-x/2)
    close(chiSquareSf(3, 2), 0.22313016014842982);
    close(chiSquareSf(10.5, 5), 0.06224592809090594);
    close(chiSquareSf(0.1, 1), 0.7518296340458492);
  });
  it('normal survival matches scipy.stats.norm.sf, far tail included', () => {
    close(normalSf(1.96), 0.024997895148220435);
    close(normalSf(5), 2.866515718791933e-7, 1e-12);
    close(normalSf(0), 0.5);
    close(normalSf(-1.96), 1 - 0.024997895148220435);
  });
});

describe('mean, std, ranks', () => {
  it('computes the sample standard deviation (n - 1)', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    close(std([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
    expect(std([3])).toBe(0);
    expect(Number.isNaN(mean([]))).toBe(true);
  });
  it('gives tied values their average rank', () => {
    expect(rankWithTies([0.9, 0.7, 0.9], true)).toEqual([1.5, 3, 1.5]);
    expect(rankWithTies([3, 1, 2, 2])).toEqual([4, 1, 2.5, 2.5]);
  });
  it('averages ranks over datasets, best = 1', () => {
    expect(averageRanks([[0.9, 0.8, 0.7], [0.5, 0.6, 0.4]])).toEqual([1.5, 1.5, 3]);
    expect(averageRanks([[0.9, 0.8, 0.7]], false)).toEqual([3, 2, 1]);
  });
});

describe('friedmanTest', () => {
  it('matches scipy.stats.friedmanchisquare without ties', () => {
    // Three treatments measured on seven subjects (scipy's docstring example); rows = subjects.
    const a = [72, 96, 88, 92, 74, 76, 82];
    const b = [120, 120, 132, 120, 101, 96, 112];
    const c = [76, 95, 104, 96, 84, 72, 76];
    const r = friedmanTest(a.map((_, i) => [a[i]!, b[i]!, c[i]!]));
    close(r.statistic, 10.57142857142857);
    close(r.pValue, 0.005063414171757498);
    expect(r.df).toBe(2);
    expect(r.n).toBe(7);
  });
  it('applies the tie correction like scipy', () => {
    const g = [[1, 2, 3, 4], [2, 2, 3, 5], [3, 1, 3, 4], [4, 3, 1, 2]];
    const rows = [0, 1, 2, 3].map((i) => g.map((col) => col[i]!));
    const r = friedmanTest(rows);
    close(r.statistic, 0.6176470588235278);
    close(r.pValue, 0.8923808649442303);
  });
  it('rejects fewer than three methods', () => {
    expect(() => friedmanTest([[1, 2]])).toThrow(/at least 1 block and 3 methods/);
  });
});

describe('post-hoc tests', () => {
  it('Holm adjusts all pairwise rank comparisons (checked by hand)', () => {
    const res = holmPostHoc([1.5, 2.25, 3.0, 3.25], 10);
    const byPair = new Map(res.map((r) => [`${r.a}-${r.b}`, r]));
    close(byPair.get('0-3')!.z, -3.0310889132455356);
    close(byPair.get('0-3')!.pValue, 0.0024367348089890046);
    close(byPair.get('0-3')!.pHolm, 6 * 0.0024367348089890046);
    close(byPair.get('0-2')!.pHolm, 5 * 0.009374768459434876);
    close(byPair.get('1-3')!.pHolm, 4 * 0.0832645166635504);
    // Step 5 (p x 2 = 0.388) is raised to step 4's 0.582: Holm's adjusted p-values never decrease.
    close(byPair.get('1-2')!.pHolm, 0.5817925568472321);
    close(byPair.get('2-3')!.pHolm, 0.6650055421020291);
  });
  it('studentized range quantiles match Demšar 2006 Table 5 and scipy', () => {
    close(studentizedRangeQuantile(2) / Math.SQRT2, 1.959963984540054, 1e-6);
    close(studentizedRangeQuantile(3) / Math.SQRT2, 2.343700586378409, 1e-6);
    close(studentizedRangeQuantile(10) / Math.SQRT2, 3.163683577053373, 1e-6);
    close(studentizedRangeQuantile(14) / Math.SQRT2, 3.3536177518523043, 1e-6);
  });
  it('Nemenyi critical difference reproduces Demšar\'s example (k = 4, N = 14: CD 1.25)', () => {
    close(nemenyiCriticalDifference(4, 14), 1.2535591471176057, 1e-6);
  });
});

describe('wilcoxonSignedRank', () => {
  it('exact test matches scipy (docstring example, n = 15)', () => {
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const r = wilcoxonSignedRank(d);
    expect(r.method).toBe('exact');
    expect(r.statistic).toBe(24);
    close(r.pValue, 0.041259765625);
  });
  it('exact test on paired samples matches scipy', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = wilcoxonSignedRank(x, y);
    expect(r.statistic).toBe(5);
    close(r.pValue, 0.0390625);
  });
  it('uses the tie-corrected normal approximation with zeros and ties', () => {
    const a = [0.5, 1, -1, 2, 2, -3, 4, 5, 0, 6, -2, 7, 8, 9, 1.5, 3, 3.5, -0.5, 2.5, 10];
    const r = wilcoxonSignedRank(a);
    expect(r.method).toBe('normal');
    expect(r.n).toBe(19);
    expect(r.statistic).toBe(22.5);
    close(r.pValue, 0.003504500289654639, 1e-8);
  });
  it('uses the normal approximation above n = 50', () => {
    const b = Array.from({ length: 60 }, (_, i) => (i + 1) * (i % 4 === 0 ? -1 : 1));
    const r = wilcoxonSignedRank(b);
    expect(r.method).toBe('normal');
    expect(r.statistic).toBe(435);
    close(r.pValue, 0.0004099883731940294, 1e-8);
  });
  it('returns p = 1 when every difference is zero', () => {
    expect(wilcoxonSignedRank([1, 2], [1, 2]).pValue).toBe(1);
  });
});
