import { createDataset, gatherRows, indicesOfClass, OptionError, Rng } from '@oversample/core';
import { conformanceDataset, describeSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { BorderlineSMOTE } from './borderline-smote';

import { gapOnSegment, naiveNeighbors, row } from './test-support';

describeSamplerConformance('BorderlineSMOTE kind 1', (o) => new BorderlineSMOTE({ kNeighbors: 3, ...o }));
describeSamplerConformance('BorderlineSMOTE kind 2', (o) => new BorderlineSMOTE({ kNeighbors: 3, kind: 2, ...o }));

/** Two overlapping Gaussian blobs: class 1 (40 rows) inside the edge of class 0 (160 rows). */
function overlapping(): ReturnType<typeof createDataset> {
  const rng = new Rng(21);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const c = i % 5 === 0 ? 1 : 0;
    x.push(rng.normal() + 1.5 * c, rng.normal());
    y.push(c);
  }
  return createDataset({ x, y, shape: [2] });
}

/** Danger rows of `label` computed naively: m/2 <= other-class neighbours among m < m. */
function naiveDanger(x: Float32Array, y: Int32Array, d: number, label: number, m: number): number[] {
  const nns = naiveNeighbors(x, d, m);
  const out: number[] = [];
  for (const i of indicesOfClass(y, label)) {
    let other = 0;
    for (let t = 0; t < m; t++) if (y[nns[i * m + t]!] !== label) other++;
    if (other >= m / 2 && other < m) out.push(i);
  }
  return out;
}

describe('BorderlineSMOTE', () => {
  it('finds the danger rows: half or more, but not all, of m neighbours from other classes', () => {
    const data = overlapping();
    const danger = new BorderlineSMOTE({ mNeighbors: 10 }).dangerRows(data).get(1)!;
    const want = naiveDanger(data.x, data.y, 2, 1, 10);
    expect(want.length).toBeGreaterThan(3);
    expect(want.length).toBeLessThan(40);
    expect([...danger]).toEqual(want);
  });

  it('kind 1 seeds only from danger rows, towards their k nearest rows of the class', async () => {
    const data = overlapping();
    const k = 5;
    const out = await new BorderlineSMOTE({ kNeighbors: k, seed: 2 }).fitResample(data);
    const danger = naiveDanger(data.x, data.y, 2, 1, 10);
    const idx = indicesOfClass(data.y, 1);
    const rows = gatherRows(data.x, 2, idx);
    const nns = naiveNeighbors(rows, 2, k);
    const dangerPos = danger.map((g) => idx.indexOf(g));
    const seeds = new Set<number>();
    for (let s = 200; s < out.y.length; s++) {
      const hit = dangerPos.find((a) =>
        [...nns.subarray(a * k, a * k + k)].some((b) => {
          const u = gapOnSegment(row(out.x, 2, s), row(rows, 2, a), row(rows, 2, b));
          return u !== undefined && u >= -1e-6 && u <= 1 + 1e-6;
        }),
      );
      expect(hit, `synthetic row ${s}`).toBeDefined();
      seeds.add(hit!);
    }
    expect(out.y.length - 200).toBe(120);
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('kind 2 also steps from danger rows towards other classes, at most half way', async () => {
    const data = overlapping();
    const k = 5;
    const out = await new BorderlineSMOTE({ kNeighbors: k, kind: 2, seed: 5 }).fitResample(data);
    const danger = naiveDanger(data.x, data.y, 2, 1, 10);
    const others = indicesOfClass(data.y, 0);
    let towardsOthers = 0;
    for (let s = 200; s < out.y.length; s++) {
      const onOther = danger.some((a) =>
        [...others].some((b) => {
          const u = gapOnSegment(row(out.x, 2, s), row(data.x, 2, a), row(data.x, 2, b));
          return u !== undefined && u >= -1e-6 && u < 0.5 + 1e-6;
        }),
      );
      if (onOther) towardsOthers++;
    }
    // Beta(10, 10) puts the split near half: both parts are well represented.
    expect(towardsOthers).toBeGreaterThan(20);
    expect(towardsOthers).toBeLessThan(100);
  });

  it('falls back to all rows of a class with no danger row', async () => {
    const data = conformanceDataset([40, 20, 12], 4, 5);
    const far = createDataset({ x: data.x.map((v, i) => v + (data.y[Math.floor(i / 4)] ?? 0) * 100), y: data.y, shape: [4] });
    expect(new BorderlineSMOTE().dangerRows(far).get(2)!.length).toBe(0);
    const out = await new BorderlineSMOTE({ seed: 1 }).fitResample(far);
    expect(out.y.length).toBe(120);
  });

  it('rejects bad options', () => {
    expect(() => new BorderlineSMOTE({ kind: 3 as never })).toThrow(/kind must be one of 1, 2, got 3/);
    expect(() => new BorderlineSMOTE({ mNeighbors: 0 })).toThrow(OptionError);
  });
});
