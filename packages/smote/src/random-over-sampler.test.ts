import { OptionError, createDataset, indicesOfClass } from '@oversample/core';
import { conformanceDataset, describeSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { RandomOverSampler } from './random-over-sampler';
import { row } from './test-support';

describeSamplerConformance('RandomOverSampler', (o) => new RandomOverSampler(o));
describeSamplerConformance('RandomOverSampler (shrinkage)', (o) => new RandomOverSampler({ shrinkage: 1, ...o }));

describe('RandomOverSampler', () => {
  it('copies rows of the same class', async () => {
    const data = conformanceDataset();
    const out = await new RandomOverSampler({ seed: 4 }).fitResample(data);
    const d = 4;
    for (let s = data.y.length; s < out.y.length; s++) {
      const idx = indicesOfClass(data.y, out.y[s]!);
      const match = [...idx].some((i) => row(data.x, d, i).every((v, j) => v === out.x[s * d + j]));
      expect(match, `row ${s}`).toBe(true);
    }
  });

  it('perturbs copies with the smoothed-bootstrap scale shrinkage * h * std', async () => {
    // Class 1: 5 rows with column stds 1 and 0 (population); class 0: 20005 rows, so 20000 new rows.
    const n0 = 20005;
    const x = new Float32Array((n0 + 5) * 2);
    const y = new Int32Array(n0 + 5);
    const c1 = [-2, -1, 0, 1, 2].map((v) => v / Math.SQRT2);
    c1.forEach((v, i) => {
      x[(n0 + i) * 2] = v;
      x[(n0 + i) * 2 + 1] = 3;
      y[n0 + i] = 1;
    });
    const data = createDataset({ x, y, shape: [2] });
    const shrinkage = 0.5;
    const out = await new RandomOverSampler({ shrinkage: { 1: shrinkage }, seed: 1 }).fitResample(data);
    const n = n0 + 5;
    const h = (4 / (4 * n)) ** (1 / 6);
    // Noise = value minus the nearest original value (exact for column 1, whose std is 0).
    let ss = 0;
    let m = 0;
    for (let s = n; s < out.y.length; s++) {
      expect(out.x[s * 2 + 1]).toBe(3);
      const v = out.x[s * 2]!;
      // The bootstrap source is unknown; the noise scale (0.5 * h ~ 0.1) is small next to the 0.71 spacing.
      const nearest = c1.reduce((best, c) => (Math.abs(c - v) < Math.abs(best - v) ? c : best), c1[0]!);
      ss += (v - nearest) ** 2;
      m++;
    }
    expect(m).toBe(20000);
    expect(Math.sqrt(ss / m)).toBeCloseTo(shrinkage * h * 1, 2);
    const zero = await new RandomOverSampler({ shrinkage: 0, seed: 1 }).fitResample(data);
    for (let s = n; s < zero.y.length; s++) expect(c1.map((c) => Math.fround(c))).toContain(zero.x[s * 2]);
  });

  it('rejects bad shrinkage, and a map without an oversampled class', async () => {
    expect(() => new RandomOverSampler({ shrinkage: -1 })).toThrow(OptionError);
    expect(() => new RandomOverSampler({ shrinkage: 'big' as never })).toThrow(/shrinkage must be/);
    expect(() => new RandomOverSampler({ shrinkage: { 1: -2 } })).toThrow(/shrinkage for class 1/);
    const err = await new RandomOverSampler({ shrinkage: { 1: 1 } }).fitResample(conformanceDataset()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/no factor for class 2/);
  });
});
