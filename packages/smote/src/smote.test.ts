import { CancelledError, classCounts, createDataset, gatherRows, indicesOfClass, OptionError, Rng, rowSize, SamplerInputError, targetCounts } from '@oversample/core';
import { conformanceDataset, describeSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { SMOTE } from './smote';

import { gapOnSegment, mnistHead, naiveNeighbors, row } from './test-support';

describeSamplerConformance('SMOTE', (o) => new SMOTE({ kNeighbors: 3, ...o }), { smallClassRows: 3 });

describe('SMOTE', () => {
  it('puts every synthetic row on a segment from a row of its class to one of its k nearest class rows', async () => {
    const data = conformanceDataset([60, 25, 9], 4, 11);
    const k = 4;
    const out = await new SMOTE({ kNeighbors: k, seed: 3, samplingStrategy: 'all' }).fitResample(data);
    const d = 4;
    const n = data.y.length;
    let checked = 0;
    for (const label of [1, 2]) {
      const idx = indicesOfClass(data.y, label);
      const rows = gatherRows(data.x, d, idx);
      const nns = naiveNeighbors(rows, d, k);
      for (let s = n; s < out.y.length; s++) {
        if (out.y[s] !== label) continue;
        let found = false;
        for (let a = 0; a < idx.length && !found; a++) {
          for (let t = 0; t < k && !found; t++) {
            const u = gapOnSegment(row(out.x, d, s), row(rows, d, a), row(rows, d, nns[a * k + t]!));
            found = u !== undefined && u >= -1e-6 && u < 1 + 1e-6;
          }
        }
        expect(found, `synthetic row ${s} of class ${label}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(60 - 25 + 60 - 9);
  });

  it('uses the seed: the same seed gives the same rows, an Rng is used as given', async () => {
    const data = conformanceDataset();
    const a = await new SMOTE({ seed: 9 }).fitResample(data);
    const b = await new SMOTE({ seed: new Rng(9) }).fitResample(data);
    expect(a.x).toEqual(b.x);
  });

  it('names the class, its count and k when a class is too small', async () => {
    const data = createDataset({
      x: Float32Array.from({ length: 30 }, (_, i) => i),
      y: Int32Array.from({ length: 15 }, (_, i) => (i < 11 ? 0 : 7)),
      shape: [2],
      classNames: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'],
    });
    const err = await new SMOTE({ kNeighbors: 5 }).fitResample(data).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SamplerInputError);
    expect((err as Error).message).toBe(
      'SMOTE: class 7 ("seven") has 4 rows, kNeighbors = 5 needs at least 6; lower kNeighbors or leave the class out of samplingStrategy',
    );
    // Not oversampling that class is fine.
    const out = await new SMOTE({ kNeighbors: 3, seed: 1 }).fitResample(data);
    expect([...classCounts(out.y)]).toEqual([
      [0, 11],
      [7, 11],
    ]);
  });

  it('rejects unknown and invalid options', () => {
    expect(() => new SMOTE({ kNeighbours: 3 } as never)).toThrow(/no option "kNeighbours"/);
    expect(() => new SMOTE({ kNeighbors: 0 })).toThrow(OptionError);
    expect(() => new SMOTE({ kNeighbors: 2.5 })).toThrow(/kNeighbors must be an integer >= 1, got 2.5/);
    expect(() => new SMOTE({ seed: -1 })).toThrow(OptionError);
    expect(() => new SMOTE({ seed: 'x' as never })).toThrow(/seed must be an integer in 0..4294967295 or an Rng/);
  });

  it('reports progress per class', async () => {
    const seen: number[] = [];
    await new SMOTE({ seed: 1, samplingStrategy: 'all' }).fitResample(conformanceDataset(), {
      onProgress: (p) => seen.push(p.done),
    });
    expect(seen).toEqual([1, 2]);
  });

  it('lands an abort in the middle of a large class (the k-NN search yields to the event loop)', async () => {
    // 600,000 rows of 2 values, a minority of 250,000: the neighbour search alone takes a while.
    const rng = new Rng(4);
    const n = 600_000;
    const x = Float32Array.from({ length: n * 2 }, () => rng.normal());
    const y = Int32Array.from({ length: n }, (_, i) => (i % 12 < 5 ? 1 : 0));
    const data = createDataset({ x, y, shape: [2] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(new SMOTE({ seed: 1 }).fitResample(data, { signal: controller.signal })).rejects.toThrow(CancelledError);
  });

  it('works unchanged on MNIST-shaped rows ([28, 28, 1])', async () => {
    const data = mnistHead(400);
    const out = await new SMOTE({ kNeighbors: 5, seed: 2 }).fitResample(data);
    expect(out.shape).toEqual([28, 28, 1]);
    expect(out.x.length).toBe(out.y.length * rowSize(out.shape));
    expect([...classCounts(out.y)]).toEqual([...targetCounts('auto', data.y)]);
    // Pixels stay in [0, 1]: every synthetic image is a convex combination of two real ones.
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = data.x.length; i < out.x.length; i++) {
      lo = Math.min(lo, out.x[i]!);
      hi = Math.max(hi, out.x[i]!);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    // The first synthetic image lies on a segment between two images of its class.
    const label = out.y[data.y.length]!;
    const idx = indicesOfClass(data.y, label);
    const rows = gatherRows(data.x, 784, idx);
    const nns = naiveNeighbors(rows, 784, 5);
    let found = false;
    for (let a = 0; a < idx.length && !found; a++) {
      for (let t = 0; t < 5 && !found; t++) {
        found = gapOnSegment(row(out.x, 784, data.y.length), row(rows, 784, a), row(rows, 784, nns[a * 5 + t]!)) !== undefined;
      }
    }
    expect(found).toBe(true);
  });
});
