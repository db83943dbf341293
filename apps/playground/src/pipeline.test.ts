import { makeBlobs } from '@oversample/data';
import { describe, expect, it } from 'vitest';
import { boundsOf, prepareData, runColumn, samplerOptions } from './pipeline';
import { SAMPLERS } from '@oversample/bench/registry';
import { toyDataset } from './toy-sets';

const moons = toyDataset({ kind: 'toy', set: 'moons', majority: 200, ratio: 10, noise: 0.2 }, 0);
const classifier = { name: 'logistic-regression', options: {} };

describe('tables pipeline', () => {
  it('splits stratified, resamples the training part only, and scores on the held-out part', async () => {
    const prepared = prepareData(moons, { testSize: 0.3, seed: 0 });
    expect(prepared.train.y.length + prepared.test.y.length).toBe(220);
    expect(prepared.projection.kind).toBe('data');
    const base = await runColumn(prepared, { name: 'none', options: {} }, { classifier, seed: 0, gridSize: 20 });
    const smote = await runColumn(prepared, { name: 'smote', options: {} }, { classifier, seed: 0, gridSize: 20 });
    expect([...base.countsBefore]).toEqual([[0, 140], [1, 14]]);
    expect([...base.countsAfter]).toEqual([[0, 140], [1, 14]]);
    expect([...smote.countsAfter]).toEqual([[0, 140], [1, 140]]);
    expect(smote.originalRows).toBe(154);
    expect(smote.resampled.x.subarray(0, 154 * 2)).toEqual(prepared.train.x);
    expect(smote.points.length).toBe(280 * 2);
    for (const s of [base.scores, smote.scores]) {
      for (const v of Object.values(s)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    // On moons at 10:1, the minority's recall (and with it ACSA) rises when SMOTE balances the classes.
    expect(smote.scores.acsa).toBeGreaterThan(base.scores.acsa);
    expect(smote.regions?.size).toBe(20);
    expect(new Set(smote.regions!.labels)).toEqual(new Set([0, 1]));
    expect(smote.options).toMatchObject({ kNeighbors: 5, samplingStrategy: 'auto', seed: 0 });
  });

  it('is deterministic for a seed', async () => {
    const run = async () => runColumn(prepareData(moons, { testSize: 0.3, seed: 1 }), { name: 'adasyn', options: { nNeighbors: 3 } }, { classifier: { name: 'knn', options: {} }, seed: 1, gridSize: 10 });
    const [a, b] = [await run(), await run()];
    expect(a.resampled).toEqual(b.resampled);
    expect(a.scores).toEqual(b.scores);
    expect(a.regions).toEqual(b.regions);
    expect(a.options).toMatchObject({ nNeighbors: 3 });
  });

  it('projects wider tables on two principal components and shades no regions there', async () => {
    const wide = makeBlobs({ nSamples: [150, 15], centers: [[0, 0, 0, 0], [2, 1, 0, -1]], seed: 3 });
    const prepared = prepareData(wide, { testSize: 0.3, seed: 0 });
    expect(prepared.projection.kind).toBe('pca');
    expect(prepared.projection.axes[0]).toMatch(/^PC1 \(\d+%\)$/);
    const column = await runColumn(prepared, { name: 'smote', options: {} }, { classifier, seed: 0 });
    expect(column.regions).toBeUndefined();
    expect(column.points.length).toBe(column.resampled.y.length * 2);
  });

  it("lowers neighbour counts the user left at their default to fit the smallest class, and says so", () => {
    const tiny = prepareData(toyDataset({ kind: 'toy', set: 'gaussians', majority: 100, ratio: 20, noise: 0.25 }, 0), { testSize: 0.5, seed: 0 });
    const smote = SAMPLERS.find((s) => s.name === 'smote')!;
    expect(samplerOptions(smote, {}, tiny.train)).toEqual({
      options: { samplingStrategy: 'auto', kNeighbors: 4 },
      notes: ['kNeighbors lowered from 5 to 4: the smallest training class has 5 rows'],
    });
    // A value the user chose is left for the sampler to accept or reject.
    expect(samplerOptions(smote, { kNeighbors: 7 }, tiny.train).options.kNeighbors).toBe(7);
  });

  it('widens the plot rectangle around the points', () => {
    expect(boundsOf(new Float32Array([0, 0, 10, 5]))).toEqual({ x0: -0.8, x1: 10.8, y0: -0.4, y1: 5.4 });
    expect(boundsOf(new Float32Array([1, 2, 1, 2]))).toEqual({ x0: 0.5, x1: 1.5, y0: 1.5, y1: 2.5 });
  });
});
