import { OptionError, Rng, SamplerInputError, createDataset, indicesOfClass, type Dataset } from '@oversample/core';
import { describeSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { SMOTENC } from './smotenc';
import { gapOnSegment, naiveNeighbors } from './test-support';

/** Three classes; columns 1 and 3 are categorical (codes 0..2 and 0..3, tied to the class). */
function mixed(counts: readonly number[] = [40, 20, 12], seed = 5): Dataset {
  const rng = new Rng(seed);
  const x: number[] = [];
  const y: number[] = [];
  let i = 0;
  counts.forEach((n, c) => {
    for (let r = 0; r < n; r++, i++) {
      x.push(rng.normal() + c, rng.uniform() < 0.7 ? c : rng.int(3), rng.normal() * 2, rng.int(4));
      y.push(c);
    }
  });
  return createDataset({
    x,
    y,
    shape: [4],
    features: [
      { name: 'a', kind: 'continuous' },
      { name: 'colour', kind: 'categorical', categories: ['r', 'g', 'b'] },
      { name: 'b', kind: 'continuous' },
      { name: 'size', kind: 'categorical', categories: ['s', 'm', 'l', 'xl'] },
    ],
  });
}

describeSamplerConformance('SMOTENC', (o) => new SMOTENC({ kNeighbors: 3, ...o }), { dataset: () => mixed() });

describe('SMOTENC', () => {
  it('interpolates continuous columns and takes the most frequent neighbour value for categorical ones', async () => {
    const data = mixed([50, 25, 15], 9);
    const k = 4;
    const out = await new SMOTENC({ kNeighbors: k, seed: 3 }).fitResample(data);
    // Independent encoding: one-hot at med / sqrt(2), med = median std of the continuous columns in class 2.
    const min = [...indicesOfClass(data.y, 2)];
    const std = (j: number): number => {
      const v = min.map((i) => data.x[i * 4 + j]!);
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
    };
    const hot = ((std(0) + std(2)) / 2) / Math.SQRT2;
    let checked = 0;
    for (const label of [1, 2]) {
      const idx = [...indicesOfClass(data.y, label)];
      const enc = new Float32Array(idx.length * 9);
      idx.forEach((i, r) => {
        enc[r * 9] = data.x[i * 4]!;
        enc[r * 9 + 1] = data.x[i * 4 + 2]!;
        enc[r * 9 + 2 + data.x[i * 4 + 1]!] = hot;
        enc[r * 9 + 5 + data.x[i * 4 + 3]!] = hot;
      });
      const nns = naiveNeighbors(enc, 9, k);
      for (let s = data.y.length; s < out.y.length; s++) {
        if (out.y[s] !== label) continue;
        const synth = out.x.subarray(s * 4, s * 4 + 4);
        const ok = idx.some((a, r) => {
          const neigh = [...nns.subarray(r * k, r * k + k)];
          const onSegment = neigh.some((b) => {
            const u = gapOnSegment(synth, data.x.subarray(a * 4, a * 4 + 4), data.x.subarray(idx[b]! * 4, idx[b]! * 4 + 4), [0, 2]);
            return u !== undefined && u >= -1e-6 && u <= 1 + 1e-6;
          });
          if (!onSegment) return false;
          return [1, 3].every((j) => {
            const tally = new Map<number, number>();
            for (const b of neigh) tally.set(data.x[idx[b]! * 4 + j]!, (tally.get(data.x[idx[b]! * 4 + j]!) ?? 0) + 1);
            const best = Math.max(...tally.values());
            return tally.get(synth[j]!) === best;
          });
        });
        expect(ok, `synthetic row ${s}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(25 + 35);
  });

  it('takes categorical columns from categoricalFeatures when the data has no metadata', async () => {
    const data = mixed();
    const bare = createDataset({ x: data.x, y: data.y, shape: [4] });
    const a = await new SMOTENC({ seed: 1, categoricalFeatures: [3, 1] }).fitResample(bare);
    const b = await new SMOTENC({ seed: 1 }).fitResample(data);
    expect(a.x).toEqual(b.x);
    for (let s = data.y.length; s < a.y.length; s++) {
      expect(Number.isInteger(a.x[s * 4 + 1])).toBe(true);
      expect(Number.isInteger(a.x[s * 4 + 3])).toBe(true);
    }
  });

  it('rejects data without categorical or without continuous columns, and non-code values', async () => {
    const data = mixed();
    const bare = createDataset({ x: data.x, y: data.y, shape: [4] });
    await expect(new SMOTENC().fitResample(bare)).rejects.toThrow(/no categorical column/);
    await expect(new SMOTENC({ categoricalFeatures: [0, 1, 2, 3] }).fitResample(bare)).rejects.toThrow(SamplerInputError);
    await expect(new SMOTENC({ categoricalFeatures: [0] }).fitResample(bare)).rejects.toThrow(/categorical column 0 holds/);
    await expect(new SMOTENC({ categoricalFeatures: [9] }).fitResample(bare)).rejects.toThrow(/names column 9/);
    expect(() => new SMOTENC({ categoricalFeatures: [1, 1] })).toThrow(OptionError);
    expect(() => new SMOTENC({ categoricalFeatures: [-1] })).toThrow(/column indices >= 0/);
  });
});
