import { Rng, classCounts, createDataset, targetCounts, type Dataset } from '@oversample/core';
import { describeSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { datasetOf, imblearn } from './imblearn-fixtures';
import { SMOTEN } from './smoten';

/** 3 classes (40, 20, 12 rows) of 4 categorical columns whose category frequencies depend on the class. */
function categorical(seed = 3): Dataset {
  const rng = new Rng(seed);
  const counts = [40, 20, 12];
  const x: number[] = [];
  const y: number[] = [];
  counts.forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 4; j++) x.push(rng.uniform() < 0.6 ? (c + j) % 4 : rng.int(4));
      y.push(c);
    }
  });
  return createDataset({ x, y, shape: [4] });
}

describeSamplerConformance('SMOTEN', (o) => new SMOTEN({ kNeighbors: 3, ...o }), { dataset: () => categorical() });

describe('SMOTEN', () => {
  const data = datasetOf(imblearn.smoten);
  const sampler = new SMOTEN({ kNeighbors: imblearn.smoten.k, samplingStrategy: 'all' });

  it("makes from each base row the category row imbalanced-learn makes", () => {
    const modes = sampler.modeRows(data);
    for (const c of imblearn.smoten.classes) {
      const ours = modes.get(c.label)!;
      expect(ours.length).toBe(c.modes.length);
      for (let r = 0; r < c.rows.length; r++) {
        if (c.ambiguous[r]) continue;
        expect([...ours.subarray(r * 3, r * 3 + 3)], `class ${c.label}, row ${c.rows[r]}`).toEqual(c.modes.slice(r * 3, r * 3 + 3));
      }
    }
  });

  it('draws base rows uniformly: synthetic rows follow the distribution of the mode rows', async () => {
    const many = new SMOTEN({ kNeighbors: 5, seed: 11, samplingStrategy: { 1: 6024, 2: 6015 } });
    const out = await many.fitResample(data);
    expect([...classCounts(out.y)]).toEqual([...targetCounts({ 1: 6024, 2: 6015 }, data.y)]);
    const modes = many.modeRows(data);
    for (const label of [1, 2]) {
      const m = modes.get(label)!;
      const expected = new Map<string, number>();
      const rows = m.length / 3;
      for (let r = 0; r < rows; r++) {
        const key = m.subarray(r * 3, r * 3 + 3).join(',');
        expected.set(key, (expected.get(key) ?? 0) + 1 / rows);
      }
      const seen = new Map<string, number>();
      let total = 0;
      for (let i = data.y.length; i < out.y.length; i++) {
        if (out.y[i] !== label) continue;
        const key = out.x.subarray(i * 3, i * 3 + 3).join(',');
        seen.set(key, (seen.get(key) ?? 0) + 1);
        total++;
      }
      for (const key of seen.keys()) expect(expected.has(key), `row ${key} is a mode row`).toBe(true);
      // ~6000 draws: each frequency within 4 standard deviations of its probability.
      for (const [key, p] of expected) {
        const f = (seen.get(key) ?? 0) / total;
        expect(Math.abs(f - p), key).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / total) + 1e-9);
      }
    }
  });

  it('keeps categories as given: values come out as they went in', async () => {
    const out = await new SMOTEN({ seed: 2 }).fitResample(data);
    const values = [new Set<number>(), new Set<number>(), new Set<number>()];
    for (let i = 0; i < data.x.length; i++) values[i % 3]!.add(data.x[i]!);
    for (let i = data.x.length; i < out.x.length; i++) expect(values[i % 3]!.has(out.x[i]!)).toBe(true);
  });

  it('names a class too small for kNeighbors', async () => {
    await expect(new SMOTEN({ kNeighbors: 20 }).fitResample(data)).rejects.toThrow(/class 2 has 15 rows, kNeighbors = 20 needs at least 21/);
  });
});
