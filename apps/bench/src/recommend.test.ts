import { describe, expect, it } from 'vitest';
import { deviationsFromPublication } from './deviations';
import { costPoints, recommendations } from './recommend';
import { summarize } from './aggregate';
import type { CellResult } from './results';
import { METRIC_NAMES } from './results';
import { presetConfig } from './presets';
import { resolveSettings } from './config';

function cell(dataset: string, sampler: string, acsa: number, resampleMs: number, fold = 0): CellResult {
  const metrics = Object.fromEntries(METRIC_NAMES.map((m) => [m, acsa]));
  return {
    dataset,
    sampler,
    classifier: 'logistic-regression',
    repeat: 0,
    fold,
    seed: 0,
    status: 'ok',
    metrics,
    resampleMs,
    fitMs: 5,
    predictMs: 1,
    trainRows: 100,
    resampledRows: 150,
    testRows: 50,
    configHash: `${dataset}${sampler}${fold}`,
    finishedAt: '',
  };
}

// Eight tables: adasyn beats smote on every one by 0.02 and costs twice as much; none is worst.
const tables = Array.from({ length: 8 }, (_, i) => `t${i}`);
const cells = tables.flatMap((d, i) => [cell(d, 'none', 0.6 + i * 0.01, 0), cell(d, 'smote', 0.7 + i * 0.01, 10), cell(d, 'adasyn', 0.72 + i * 0.01, 20)]);
const kinds = Object.fromEntries(tables.map((t) => [t, 'table' as const]));

describe('recommendations', () => {
  it('name the best sampler by rank, its test against SMOTE and its cost ratio, from the figures', () => {
    const [rec, ...more] = recommendations(cells, kinds, { samplers: ['none', 'smote', 'adasyn'] });
    expect(more).toEqual([]);
    expect(rec!.kind).toBe('table');
    expect(rec!.text).toContain('Tables: With logistic-regression, adasyn has the best average rank on ACSA (1.00 among 3 samplers over 8 tables).');
    // 8 of 8 blocks favour adasyn by the same amount (tied ranks: the normal approximation).
    expect(rec!.text).toContain('Against SMOTE its mean difference is +0.020 (Wilcoxon signed-rank p 0.0047, significant at 0.05).');
    expect(rec!.text).toContain("Its resampling took 20 ms per training fold, 2.0x SMOTE's 10 ms.");
  });

  it('change with the figures: when SMOTE leads, the text says so', () => {
    const flipped = cells.map((c) => (c.sampler === 'adasyn' ? { ...c, metrics: { ...c.metrics, acsa: c.metrics.acsa! - 0.05 } } : c));
    const [rec] = recommendations(flipped, kinds, { samplers: ['none', 'smote', 'adasyn'] });
    expect(rec!.text).toContain('smote has the best average rank on ACSA');
    expect(rec!.text).toContain('Against no resampling its mean difference is +0.100');
  });

  it('name every sampler that shares the best rank, and follow the cheapest of them', () => {
    // deepsmote ranks exactly as smote on every table (same scores), at 100x its resampling time.
    const tiedCells = cells.flatMap((c) => (c.sampler === 'smote' ? [c, { ...c, sampler: 'deepsmote', resampleMs: 1000 }] : c.sampler === 'adasyn' ? [] : [c]));
    const [rec] = recommendations(tiedCells, kinds, { samplers: ['none', 'deepsmote', 'smote'] });
    expect(rec!.text).toContain('With logistic-regression, smote shares the best average rank on ACSA with deepsmote (1.50 among 3 samplers over 8 tables), and resamples fastest of them.');
    expect(rec!.text).toContain('Against no resampling its mean difference is +0.100');
    expect(rec!.text).toContain("Its resampling took 10 ms per training fold. deepsmote took 1.0 s per training fold (100x) for the same rank.");
  });

  it('cost points are the mean over datasets of each sampler', () => {
    const pts = costPoints(summarize(cells, { samplers: ['none', 'smote', 'adasyn'] }), 'logistic-regression');
    expect(pts.map((p) => [p.sampler, p.resampleMs])).toEqual([
      ['none', 0],
      ['smote', 10],
      ['adasyn', 20],
    ]);
    expect(pts[2]!.score).toBeCloseTo(0.755, 9);
  });
});

describe('deviations from the publication', () => {
  const of = (preset: string): string[] => {
    const s = resolveSettings(presetConfig(preset));
    return deviationsFromPublication({
      dataset: { id: 'mnist', loader: 'mnist' },
      folds: s.folds,
      repeats: s.repeats,
      seeds: s.seeds,
      image: s.image,
      samplers: s.samplers,
      imageClassifiers: s.imageClassifiers,
      options: s.options.image,
      backend: 'wasm',
    });
  };

  it('paper-mnist: the published split and settings; what remains ours is said', () => {
    const d = of('paper-mnist');
    expect(d[0]).toMatch(/^Protocol as published: 5-fold stratified CV over the whole training split/);
    expect(d.join('\n')).not.toMatch(/Training folds hold/);
    expect(d.join('\n')).toMatch(/Classifier: ResNet-18 \(width 64\) as published, trained at most 100 epochs with early stopping \(patience 5\).*\(ours: the publication does not state its schedule\)/);
    expect(d.join('\n')).toContain('DeepSMOTE runs with both penalties');
    expect(d.join('\n')).not.toMatch(/differs from the published configuration/);
  });

  it('paper-cpu and quick: every cut is named', () => {
    const cpu = of('paper-cpu').join('\n');
    expect(cpu).toMatch(/Training folds hold 600, 300, 150, 113, 75, 53, 30, 15, 10, 10 rows per class \(1356 in all\), the profile x 0\.15 \(published: 4000, 2000/);
    expect(cpu).toMatch(/Classifier: small CNN instead of ResNet-18/);
    expect(cpu).toMatch(/deepsmote-paper differs from the published configuration: .*epochs \d+ \(published 200\)/);
    expect(cpu).toMatch(/deepsmote-code differs from the published configuration: .*synthesis "residual" \(published "decode"\)/);
    const quick = of('quick');
    expect(quick[0]).toMatch(/^Protocol differs: the training split is cut to the profile first and the 2-fold CV runs inside it/);
    expect(quick.join('\n')).toContain('DeepSMOTE runs with one penalty only (deepsmote-paper)');
    expect(deviationsFromPublication({ ...{ dataset: { id: 'glass1', loader: 'keel' } }, folds: 2, repeats: 1, seeds: [0], image: resolveSettings(presetConfig('quick')).image, samplers: [], imageClassifiers: [], options: {}, backend: '' })).toEqual([]);
  });
});
