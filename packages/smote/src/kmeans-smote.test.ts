import { OptionError, SamplerInputError, classCounts, targetCounts, type Dataset } from '@oversample/core';
import { describeSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { datasetOf, imblearn } from './imblearn-fixtures';
import { KMeansSMOTE, type KMeansSMOTEOptions, type RowClusterer } from './kmeans-smote';
import { gapOnSegment, row } from './test-support';

describeSamplerConformance('KMeansSMOTE', (o) => new KMeansSMOTE({ kmeansEstimator: 4, ...o }), { smallClassRows: 2 });

/** A clustering that hands back fixed labels (scikit-learn's, from the fixture). */
function fixed(labels: readonly number[]): RowClusterer {
  return { fitPredict: () => Int32Array.from(labels) };
}

describe('KMeansSMOTE', () => {
  const fx = imblearn.kmeanssmote;
  const data = datasetOf(fx);

  for (const c of fx.cases) {
    const { kmeansEstimator: _clusters, ...rest } = c.options;
    const options: KMeansSMOTEOptions = { ...(rest as KMeansSMOTEOptions), kmeansEstimator: fixed(c.labels) };
    it(`picks imbalanced-learn's clusters with its sparsities for the same k-means labels (${JSON.stringify(c.options)})`, async () => {
      const plan = await new KMeansSMOTE(options).clusterPlan(data);
      const ours = [...plan.entries()].flatMap(([label, list]) => list.map((cl) => ({ label, cl })));
      expect(ours.map(({ label, cl }) => [label, [...cl.rows]])).toEqual(c.clusters.map((m) => [m.label, m.rows]));
      ours.forEach(({ cl }, t) => {
        const want = c.clusters[t]!;
        expect(cl.sparsity).toBeCloseTo(want.sparsity, 6);
        // imbalanced-learn rounds each share up; ours apportions exactly (ours), at most one row apart.
        expect(Math.abs(cl.nNew - want.nNew)).toBeLessThanOrEqual(1);
        expect(cl.nNew).toBeLessThanOrEqual(want.nNew);
      });
    });

    it(`reaches the strategy exactly where imbalanced-learn may overshoot (${JSON.stringify(c.options)})`, async () => {
      const out = await new KMeansSMOTE({ ...options, seed: 0 }).fitResample(data);
      const want = targetCounts((rest as KMeansSMOTEOptions).samplingStrategy ?? 'auto', data.y);
      expect([...classCounts(out.y)]).toEqual([...want]);
      for (const [label, n] of want) expect(c.resampledCounts[label]).toBeGreaterThanOrEqual(n);
    });
  }

  it('makes every new row by SMOTE within one chosen cluster', async () => {
    const c = fx.cases[1]!;
    const { kmeansEstimator: _k, ...rest } = c.options;
    const sampler = new KMeansSMOTE({ ...(rest as KMeansSMOTEOptions), kmeansEstimator: fixed(c.labels), seed: 4 });
    const plan = await sampler.clusterPlan(data);
    const out = await sampler.fitResample(data);
    const d = fx.d;
    let s = data.y.length;
    for (const [, clusters] of plan) {
      for (const cl of clusters) {
        for (let t = 0; t < cl.nNew; t++, s++) {
          // On a segment between two of the class's rows in this cluster, gap in [0, 1].
          let found = false;
          for (const a of cl.rows) {
            for (const b of cl.rows) {
              if (a === b || found) continue;
              const u = gapOnSegment(row(out.x, d, s), row(data.x, d, a), row(data.x, d, b));
              found = u !== undefined && u >= -1e-6 && u <= 1 + 1e-6;
            }
          }
          expect(found, `row ${s} in cluster ${cl.cluster}`).toBe(true);
        }
      }
    }
    expect(s).toBe(out.y.length);
  });

  it('clusters with its own k-means by default, the same way for the same seed', async () => {
    const a = await new KMeansSMOTE({ seed: 3 }).clusterPlan(data);
    const b = await new KMeansSMOTE({ seed: 3 }).clusterPlan(data);
    expect([...a.get(1)!.map((c) => [...c.rows])]).toEqual([...b.get(1)!.map((c) => [...c.rows])]);
    const weights = [...a.values()].map((list) => list.reduce((s, c) => s + c.weight, 0));
    for (const w of weights) expect(w).toBeCloseTo(1, 12);
  });

  it('says which class found no cluster, and what to change', async () => {
    const err = await new KMeansSMOTE({ kmeansEstimator: 6, clusterBalanceThreshold: 0.99, seed: 0 }).fitResample(data).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SamplerInputError);
    expect((err as Error).message).toMatch(/no cluster holds enough rows of class \d.*lower clusterBalanceThreshold/);
  });

  it('refuses a clustering that does not label every row', async () => {
    const bad: RowClusterer = { fitPredict: () => [0, 1] };
    await expect(new KMeansSMOTE({ kmeansEstimator: bad }).fitResample(data)).rejects.toThrow(/one cluster index per row/);
    const negative: RowClusterer = { fitPredict: (d: Dataset) => new Array<number>(d.y.length).fill(-1) };
    await expect(new KMeansSMOTE({ kmeansEstimator: negative }).fitResample(data)).rejects.toThrow(/integers >= 0/);
  });

  it('checks its options', () => {
    expect(() => new KMeansSMOTE({ kmeansEstimator: 0 })).toThrow(OptionError);
    expect(() => new KMeansSMOTE({ kmeansEstimator: 2.5 })).toThrow(/kmeansEstimator must be an integer/);
    expect(() => new KMeansSMOTE({ kmeansEstimator: 'eight' as never })).toThrow(/kmeansEstimator must be a number of clusters/);
    expect(() => new KMeansSMOTE({ clusterBalanceThreshold: 'high' as never })).toThrow(/clusterBalanceThreshold must be 'auto' or a finite number/);
    expect(() => new KMeansSMOTE({ densityExponent: Number.NaN })).toThrow(/densityExponent/);
    expect(() => new KMeansSMOTE({ kNeighbors: 0 })).toThrow(OptionError);
    expect(() => new KMeansSMOTE({ nClusters: 3 } as never)).toThrow(/nClusters/);
  });
});
