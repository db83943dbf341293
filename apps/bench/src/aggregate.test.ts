import { describe, expect, it } from 'vitest';
import { summarize } from './aggregate';
import { gridImages } from './image-grid';
import { bar, estimateByGroup, estimateRemaining, formatDuration } from './progress';
import type { CellResult } from './results';
import { criticalDifferenceDiagram, escapeXml } from './svg-chart';

function cell(dataset: string, sampler: string, fold: number, acsa: number): CellResult {
  return {
    dataset,
    sampler,
    classifier: 'knn',
    repeat: 0,
    fold,
    seed: 0,
    status: 'ok',
    metrics: { acsa },
    resampleMs: 1,
    fitMs: 2,
    predictMs: 3,
    trainRows: 10,
    resampledRows: 12,
    testRows: 5,
    configHash: 'h',
    finishedAt: '',
  };
}

describe('summarize', () => {
  // Five datasets, two folds each; 'smote' beats 'none' everywhere, 'random' sits between.
  const cells: CellResult[] = [];
  for (const [i, d] of ['a', 'b', 'c', 'd', 'e'].entries()) {
    for (const fold of [0, 1]) {
      cells.push(cell(d, 'none', fold, 0.5 + i * 0.03 + fold * 0.02), cell(d, 'smote', fold, 0.7 + i * 0.01), cell(d, 'random', fold, 0.6 + i * 0.02));
    }
  }
  const s = summarize(cells, { samplers: ['none', 'random', 'smote'] });

  it('keeps the requested order and computes mean +- std per group', () => {
    expect(s.samplers).toEqual(['none', 'random', 'smote']);
    const g = s.groups.find((x) => x.dataset === 'a' && x.sampler === 'none')!;
    expect(g.metrics.acsa!.mean).toBeCloseTo(0.51, 12); // dataset a: 0.50 and 0.52
    expect(g.metrics.acsa!.std).toBeCloseTo(Math.sqrt(2 * 0.01 ** 2), 12);
  });

  it('ranks samplers over datasets and runs Friedman, Holm and Wilcoxon against the baselines', () => {
    const c = s.comparisons.find((x) => x.metric === 'acsa')!;
    expect(c.blocks).toBe('datasets');
    expect(c.n).toBe(5);
    expect(c.averageRanks).toEqual([3, 2, 1]);
    // Perfectly consistent ranks over 5 blocks: chi2 = 12*5/(3*4) * (9+4+1) - 3*5*4 = 10.
    expect(c.friedman!.statistic).toBeCloseTo(10, 12);
    expect(c.friedman!.pValue).toBeCloseTo(Math.exp(-5), 12);
    const w = c.wilcoxon.find((x) => x.sampler === 'smote' && x.baseline === 'none')!;
    expect(w.method).toBe('exact');
    expect(w.pValue).toBeCloseTo(2 / 32, 12); // all 5 differences positive: 2 * (1/2)^5
    expect(c.wilcoxon.some((x) => x.sampler === 'random' && x.baseline === 'smote')).toBe(true);
    expect(c.criticalDifference).toBeGreaterThan(0);
  });

  it('falls back to folds as blocks for a single dataset', () => {
    const one = summarize(cells.filter((x) => x.dataset === 'a'));
    expect(one.comparisons[0]!.blocks).toBe('folds');
    expect(one.comparisons[0]!.n).toBe(2);
  });

  it('lists failed cells apart and leaves them out of the statistics', () => {
    const failed: CellResult = { ...cell('a', 'smote', 2, 0), status: 'failed', metrics: {}, error: 'boom' };
    const t = summarize([...cells, failed]);
    expect(t.failures).toHaveLength(1);
    expect(t.groups.find((x) => x.dataset === 'a' && x.sampler === 'smote')!.failed).toBe(1);
    expect(t.groups.find((x) => x.dataset === 'a' && x.sampler === 'smote')!.metrics.acsa!.n).toBe(2);
  });
});

describe('image grid layout', () => {
  it('puts real rows left, a white separator, synthetic rows right, grey where a class got none', () => {
    // 1x1 "images": class 0 rows 0.1, 0.2; class 1 row 0.3; one synthetic class-1 row 0.9.
    const original = { x: new Float32Array([0.1, 0.3, 0.2]), y: new Int32Array([0, 1, 0]), shape: [1, 1, 1] };
    const resampled = { x: new Float32Array([0.1, 0.3, 0.2, 0.9]), y: new Int32Array([0, 1, 0, 1]), shape: [1, 1, 1] };
    const g = gridImages(original, resampled, 2, 2);
    expect(Array.from(g).map((v) => Math.round(v * 10) / 10)).toEqual([0.1, 0.2, 1, 0.5, 0.5, 0.3, 0.5, 1, 0.9, 0.5]);
  });
});

describe('progress and charts', () => {
  it('formats durations, bars and the remaining-time estimate', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3720)).toBe('1h02m');
    expect(formatDuration(Number.NaN)).toBe('--');
    expect(bar(0.5, 4)).toBe('[##--]');
    expect(estimateRemaining(2, 10, 3, 0.5)).toBe(12.5);
    expect(Number.isNaN(estimateRemaining(0, 0, 3, 0))).toBe(true);
  });

  it('prices remaining cells by their own group, then their kind, then all finished cells', () => {
    const finished = new Map([
      ['table|smote|knn', { n: 4, seconds: 4 }],
      ['image|smote|cnn', { n: 1, seconds: 30 }],
    ]);
    // 2 table smote cells (1 s each) + 1 image deepsmote cell (priced as an image cell: 30 s)
    // + 1 csv cell of an unseen kind (mean of all: 34 / 5 s).
    const remaining = new Map([
      ['table|smote|knn', 2],
      ['image|deepsmote|cnn', 1],
      ['csv|none|knn', 1],
    ]);
    expect(estimateByGroup(finished, remaining)).toBeCloseTo(2 + 30 + 34 / 5, 12);
    expect(Number.isNaN(estimateByGroup(new Map(), remaining))).toBe(true);
  });

  it('escapes names in SVG and joins samplers within CD', () => {
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    const svg = criticalDifferenceDiagram({ title: 'x', names: ['p', 'q', 'r<'], ranks: [1, 1.5, 3], cd: 1 });
    expect(svg).toContain('r&lt; (3.00)');
    expect(svg.match(/stroke-width="4"/g)).toHaveLength(1); // one clique: p and q
  });
});
