import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  classificationReport,
  cohenKappaScore,
  confusionMatrix,
  f1Score,
  geometricMeanScore,
  matthewsCorrcoef,
  precisionScore,
  recallScore,
  rocAucScore,
  specificityScore,
} from './index';
import { expectClose } from './test-helpers';

type Expected = Record<string, number | number[] | number[][]>;

interface MetricsCase {
  n_classes: number;
  y_true: number[];
  y_pred: number[];
  y_score: number[][];
  expected: Expected;
}

// scikit-learn's answers, frozen as a fixture (src/fixtures/README.md says how they were made).
const reference = JSON.parse(
  gunzipSync(readFileSync(new URL('./fixtures/metrics-vectors.json.gz', import.meta.url))).toString('utf8'),
) as { source: string; cases: MetricsCase[] };

/** Every field of `expected`, computed by this package. A field missing here fails the test. */
function compute(c: MetricsCase, asTyped: boolean): Record<string, () => unknown> {
  // Half the cases go in as Int32Array / flat Float64Array, so both input forms meet every value.
  const yt = asTyped ? Int32Array.from(c.y_true) : c.y_true;
  const yp = asTyped ? Int32Array.from(c.y_pred) : c.y_pred;
  const k = c.n_classes;
  const matrix = asTyped ? { scores: Float64Array.from(c.y_score.flat()), nClasses: k } : { scores: c.y_score };
  const positiveScores = c.y_score.map((row) => row[1] as number);
  const ovr = (average: 'macro' | 'weighted') =>
    rocAucScore(yt, matrix.scores, matrix.nClasses === undefined ? { average } : { average, nClasses: matrix.nClasses });
  return {
    confusion_matrix: () => confusionMatrix(yt, yp),
    accuracy: () => accuracyScore(yt, yp),
    balanced_accuracy: () => balancedAccuracyScore(yt, yp),
    precision_macro: () => precisionScore(yt, yp, { average: 'macro' }),
    recall_macro: () => recallScore(yt, yp, { average: 'macro' }),
    f1_macro: () => f1Score(yt, yp, { average: 'macro' }),
    precision_weighted: () => precisionScore(yt, yp, { average: 'weighted' }),
    recall_weighted: () => recallScore(yt, yp, { average: 'weighted' }),
    f1_weighted: () => f1Score(yt, yp, { average: 'weighted' }),
    precision_micro: () => precisionScore(yt, yp, { average: 'micro' }),
    recall_micro: () => recallScore(yt, yp, { average: 'micro' }),
    f1_micro: () => f1Score(yt, yp, { average: 'micro' }),
    recall_per_class: () => recallScore(yt, yp, { average: 'none' }),
    precision_per_class: () => precisionScore(yt, yp, { average: 'none' }),
    f1_per_class: () => f1Score(yt, yp, { average: 'none' }),
    specificity_per_class: () => specificityScore(yt, yp, { average: 'none' }),
    gmean_multiclass: () => geometricMeanScore(yt, yp, { average: 'multiclass' }),
    gmean_macro: () => geometricMeanScore(yt, yp, { average: 'macro' }),
    gmean_weighted: () => geometricMeanScore(yt, yp, { average: 'weighted' }),
    gmean_per_class: () => geometricMeanScore(yt, yp, { average: 'none' }),
    mcc: () => matthewsCorrcoef(yt, yp),
    cohen_kappa: () => cohenKappaScore(yt, yp),
    roc_auc: () => rocAucScore(yt, asTyped ? Float64Array.from(positiveScores) : positiveScores),
    roc_auc_ovr_macro: () => ovr('macro'),
    roc_auc_ovr_weighted: () => ovr('weighted'),
    average_precision: () => averagePrecisionScore(yt, positiveScores),
  };
}

/**
 * Mann-Whitney AUC over every positive/negative pair: a pair counts 1 when the positive scores higher and
 * 1/2 when tied (`half`, scikit-learn's rule) or 0 when tied (`tiesLost`). For the OvR fields, per
 * class then averaged as scikit-learn does.
 */
function pairwiseAuc(c: MetricsCase, key: string): { half: number; tiesLost: number; tiedPairs: number } {
  const one = (label: number, col: number) => {
    const pos: number[] = [];
    const neg: number[] = [];
    c.y_true.forEach((y, i) => (y === label ? pos : neg).push((c.y_score[i] as number[])[col] as number));
    let wins = 0;
    let ties = 0;
    for (const p of pos) {
      for (const q of neg) {
        if (p > q) wins++;
        else if (p === q) ties++;
      }
    }
    const pairs = pos.length * neg.length;
    return { half: (wins + ties / 2) / pairs, tiesLost: wins / pairs, ties, support: pos.length };
  };
  if (key === 'roc_auc') {
    const r = one(1, 1);
    return { half: r.half, tiesLost: r.tiesLost, tiedPairs: r.ties };
  }
  const per = Array.from({ length: c.n_classes }, (_, k) => one(k, k));
  const w = key === 'roc_auc_ovr_weighted' ? per.map((r) => r.support) : per.map(() => 1);
  const wSum = w.reduce((a, b) => a + b, 0);
  const avg = (f: (r: (typeof per)[number]) => number) => per.reduce((a, r, k) => a + f(r) * (w[k] as number), 0) / wSum;
  return { half: avg((r) => r.half), tiesLost: avg((r) => r.tiesLost), tiedPairs: per.reduce((a, r) => a + r.ties, 0) };
}

describe('metrics-vectors.json (scikit-learn 1.2.1, imbalanced-learn 0.10.0)', () => {
  it('holds the 60 cases the docs describe, with 2 to 10 classes', () => {
    expect(reference.cases).toHaveLength(60);
    const ks = new Set(reference.cases.map((c) => c.n_classes));
    expect([...ks].sort((a, b) => a - b)).toEqual([2, 3, 5, 10]);
  });

  // Where a positive and a negative sample of the JSON hold the same (6-decimal) score, the reference
  // AUC counts that pair as lost, not half won: it was computed from the unrounded scores. scikit-learn on
  // the JSON's own scores counts ties half, as this package does. So for those values the test checks
  // both facts exactly: ours = the pairwise oracle with ties half (scikit-learn's rule), and the reference
  // = the same oracle with those pairs lost. These are all such values in the file:
  const tiedAucValues: string[] = [];
  const KNOWN_TIED = ['9 roc_auc', '15 roc_auc_ovr_macro', '15 roc_auc_ovr_weighted', '17 roc_auc_ovr_macro', '17 roc_auc_ovr_weighted'];

  it.each(reference.cases.map((c, i) => [i, c] as const))('case %i: every expected value within 1e-9', (i, c) => {
    const fns = compute(c, i % 2 === 1);
    let checked = 0;
    for (const [key, want] of Object.entries(c.expected)) {
      const fn = fns[key];
      expect(fn, `no computation for expected field ${key}`).toBeTypeOf('function');
      const got = (fn as () => unknown)();
      if (key.startsWith('roc_auc')) {
        const oracle = pairwiseAuc(c, key);
        checked += expectClose(got, oracle.half, `case ${i} ${key} vs the pairwise oracle`);
        if (oracle.tiedPairs === 0) {
          checked += expectClose(got, want, `case ${i} ${key}`);
        } else {
          tiedAucValues.push(`${i} ${key}`);
          checked += expectClose(want, oracle.tiesLost, `case ${i} ${key}: reference vs the oracle with tied pairs lost`);
        }
      } else {
        checked += expectClose(got, want, `case ${i} ${key}`);
      }
    }
    // Binary cases add roc_auc and average_precision; multi-class ones the two OvR AUCs.
    expect(Object.keys(c.expected)).toHaveLength(24);
    expect(checked).toBeGreaterThan(20);
  });

  it('meets tied positive/negative scores in exactly the known AUC values', () => {
    // Runs after the per-case tests (vitest runs a file's tests in order).
    expect(tiedAucValues).toEqual(KNOWN_TIED);
  });

  it.each(reference.cases.map((c, i) => [i, c] as const))('case %i: the report agrees with the per-class values', (i, c) => {
    const e = c.expected;
    const report = classificationReport(c.y_true, c.y_pred);
    const support = (e.confusion_matrix as number[][]).map((row) => row.reduce((a, b) => a + b, 0));
    expectClose(report.rows.map((r) => r.pre), e.precision_per_class, `case ${i} pre`);
    expectClose(report.rows.map((r) => r.rec), e.recall_per_class, `case ${i} rec`);
    expectClose(report.rows.map((r) => r.spe), e.specificity_per_class, `case ${i} spe`);
    expectClose(report.rows.map((r) => r.f1), e.f1_per_class, `case ${i} f1`);
    expectClose(report.rows.map((r) => r.geo), e.gmean_per_class, `case ${i} geo`);
    expect(report.rows.map((r) => r.sup)).toEqual(support);
    expect(report.totalSupport).toBe(c.y_true.length);
    // imbalanced-learn's avg / total row weights by support, which is what 'weighted' does.
    expectClose(report.average.pre, e.precision_weighted, `case ${i} avg pre`);
    expectClose(report.average.rec, e.recall_weighted, `case ${i} avg rec`);
    expectClose(report.average.f1, e.f1_weighted, `case ${i} avg f1`);
  });

  it('gives the same AUCs for float32 flat scores and n x 2 matrices (order and ties survive the rounding)', () => {
    for (const c of reference.cases.filter((x) => x.n_classes > 2)) {
      const flat = Float32Array.from(c.y_score.flat());
      for (const average of ['macro', 'weighted'] as const) {
        const got = rocAucScore(c.y_true, flat, { nClasses: c.n_classes, average });
        expectClose(got, rocAucScore(c.y_true, c.y_score, { average }), `float32 ovr ${average}`);
      }
    }
    for (const c of reference.cases.filter((x) => x.n_classes === 2)) {
      const positive = c.y_score.map((row) => row[1] as number);
      const want = rocAucScore(c.y_true, positive);
      expectClose(rocAucScore(c.y_true, Float32Array.from(positive)), want, 'float32 binary');
      expectClose(rocAucScore(c.y_true, c.y_score), want, 'n x 2 matrix');
    }
  });
});
