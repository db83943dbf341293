import { createDataset, gatherRows, indicesOfClass, OptionError, Rng, SamplerInputError } from '@oversample/core';
import { conformanceDataset, describeSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { ADASYN } from './adasyn';

import { gapOnSegment, naiveNeighbors, row } from './test-support';

/** Overlapping blobs, so that every class to oversample has rows near another class. */
function blobs(counts: readonly number[], seed: number): ReturnType<typeof createDataset> {
  const rng = new Rng(seed);
  const x: number[] = [];
  const y: number[] = [];
  counts.forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      x.push(rng.normal() + c, rng.normal() - c / 2, rng.normal());
      y.push(c);
    }
  });
  return createDataset({ x, y, shape: [3] });
}

describeSamplerConformance('ADASYN', (o) => new ADASYN({ nNeighbors: 3, ...o }), { dataset: () => blobs([40, 20, 12], 8) });

describe('ADASYN', () => {
  it('gives each row a share of new rows proportional to its other-class neighbour ratio', () => {
    const data = blobs([80, 30], 3);
    const k = 5;
    const shares = new ADASYN({ nNeighbors: k }).rowsPerSeed(data).get(1)!;
    const nns = naiveNeighbors(data.x, 3, k);
    const idx = indicesOfClass(data.y, 1);
    const ratios = [...idx].map((i) => [...nns.subarray(i * k, i * k + k)].filter((j) => data.y[j] !== 1).length / k);
    const total = ratios.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    let sum = 0;
    ratios.forEach((r, i) => {
      const exact = (r / total) * 50;
      expect(shares[i]).toBeGreaterThanOrEqual(Math.floor(exact));
      expect(shares[i]).toBeLessThanOrEqual(Math.ceil(exact));
      sum += shares[i]!;
    });
    expect(sum).toBe(50);
    // Rows with no other-class neighbour seed nothing.
    ratios.forEach((r, i) => {
      if (r === 0) expect(shares[i]).toBe(0);
    });
  });

  it('steps from each seed, in row order and as often as its share, towards its k nearest class rows', async () => {
    const data = blobs([80, 30], 3);
    const k = 5;
    const sampler = new ADASYN({ nNeighbors: k, seed: 6 });
    const shares = sampler.rowsPerSeed(data).get(1)!;
    const out = await sampler.fitResample(data);
    const rows = gatherRows(data.x, 3, indicesOfClass(data.y, 1));
    const nns = naiveNeighbors(rows, 3, k);
    let s = data.y.length;
    for (let r = 0; r < shares.length; r++) {
      for (let t = 0; t < shares[r]!; t++, s++) {
        const ok = [...nns.subarray(r * k, r * k + k)].some((b) => {
          const u = gapOnSegment(row(out.x, 3, s), row(rows, 3, r), row(rows, 3, b));
          return u !== undefined && u >= -1e-6 && u <= 1 + 1e-6;
        });
        expect(ok, `synthetic row ${s} from seed ${r}`).toBe(true);
      }
    }
    expect(s).toBe(out.y.length);
  });

  it('explains why it cannot work when no row has an other-class neighbour', async () => {
    const data = conformanceDataset();
    const far = createDataset({ x: data.x.map((v, i) => v + data.y[Math.floor(i / 4)]! * 100), y: data.y, shape: [4] });
    const err = await new ADASYN({ seed: 1 }).fitResample(far).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SamplerInputError);
    expect((err as Error).message).toMatch(/no row of class 1 has a row of another class among its 5 nearest/);
  });

  it('rejects bad options', () => {
    expect(() => new ADASYN({ nNeighbors: 0 })).toThrow(OptionError);
    expect(() => new ADASYN({ kNeighbors: 3 } as never)).toThrow(/no option "kNeighbors"/);
  });
});
