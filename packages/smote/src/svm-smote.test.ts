import { OptionError, SamplerInputError, classCounts, createDataset, targetCounts, type Dataset } from '@oversample/core';
import { describeSamplerConformance } from '@oversample/core/testkit';
import { SVC } from '@oversample/models/svc';
import { describe, expect, it } from 'vitest';
import { datasetOf, imblearn } from './imblearn-fixtures';
import { SVMSMOTE } from './svm-smote';
import { gapOnSegment, row } from './test-support';

describeSamplerConformance('SVMSMOTE', (o) => new SVMSMOTE({ kNeighbors: 3, mNeighbors: 6, ...o }));

describe('SVMSMOTE', () => {
  for (const [t, fx] of imblearn.svmsmote.entries()) {
    it(`splits support vectors into noise, danger and safe as imbalanced-learn does (table ${t + 1})`, async () => {
      const data = datasetOf(fx);
      const sets = await new SVMSMOTE({ mNeighbors: fx.mNeighbors, samplingStrategy: 'all' }).supportRows(data);
      for (const c of fx.classes) {
        const ours = sets.get(c.label)!;
        expect([...ours.support], `class ${c.label} support`).toEqual(c.support);
        expect([...ours.noise], `class ${c.label} noise`).toEqual(c.noise);
        expect([...ours.danger], `class ${c.label} danger`).toEqual(c.danger);
        expect([...ours.safe], `class ${c.label} safe`).toEqual(c.safe);
      }
    });
  }

  it('reaches the strategy even where imbalanced-learn falls short (a class without safe support vectors)', async () => {
    const fx = imblearn.svmsmote[1]!;
    const data = datasetOf(fx);
    const out = await new SVMSMOTE({ mNeighbors: fx.mNeighbors, seed: 0 }).fitResample(data);
    expect([...classCounts(out.y)]).toEqual([...targetCounts('auto', data.y)]);
    // imbalanced-learn 0.10 made fewer rows of class 2 (no safe support vector there).
    expect(fx.resampledCounts[2]).toBeLessThan(targetCounts('auto', data.y).get(2)!);
  });

  it('interpolates from danger support vectors and extrapolates from safe ones', async () => {
    const fx = imblearn.svmsmote[0]!;
    const data = datasetOf(fx);
    const sampler = new SVMSMOTE({ mNeighbors: fx.mNeighbors, kNeighbors: 5, outStep: 0.5, seed: 3 });
    const sets = (await sampler.supportRows(data)).get(1)!;
    const out = await sampler.fitResample(data);
    const d = 2;
    const n = data.y.length;
    const classIdx = [...data.y.keys()].filter((i) => data.y[i] === 1);
    let inside = 0;
    let outside = 0;
    for (let s = n; s < out.y.length; s++) {
      // Each new row lies on a line from a danger or safe support vector to a row of the class.
      let kind: 'danger' | 'safe' | undefined;
      for (const [name, list] of [['danger', sets.danger], ['safe', sets.safe]] as const) {
        for (const v of list) {
          for (const o of classIdx) {
            if (o === v) continue;
            const u = gapOnSegment(row(out.x, d, s), row(data.x, d, v), row(data.x, d, o));
            if (u !== undefined && (name === 'danger' ? u >= -1e-6 && u <= 1 + 1e-6 : u <= 1e-6 && u >= -0.5 - 1e-6)) kind = name;
          }
        }
      }
      expect(kind, `row ${s}`).toBeDefined();
      if (kind === 'danger') inside++;
      else outside++;
    }
    expect(inside).toBeGreaterThan(0);
    expect(outside).toBeGreaterThan(0);
  });

  it('uses the classifier it is given', async () => {
    const fx = imblearn.svmsmote[0]!;
    const data = datasetOf(fx);
    const linear = new SVC({ kernel: 'linear', C: 0.1 });
    const sets = await new SVMSMOTE({ mNeighbors: fx.mNeighbors, svmEstimator: linear }).supportRows(data);
    const support = [...linear.support].filter((i) => data.y[i] === 1);
    expect([...sets.get(1)!.support]).toEqual(support);
  });

  it('says when every support vector is noise', async () => {
    // Class 1: three rows scattered inside class 0, far from each other.
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 30; i++) {
      x.push(i % 6, Math.floor(i / 6));
      y.push(0);
    }
    for (const [a, b] of [[0.5, 0.5], [4.5, 3.5], [2.5, 1.5], [0.5, 3.5], [4.5, 0.5], [2.5, 3.5], [1.5, 2.5]]) {
      x.push(a!, b!);
      y.push(1);
    }
    const data: Dataset = createDataset({ x, y, shape: [2] });
    const err = await new SVMSMOTE({ kNeighbors: 2, mNeighbors: 3 }).fitResample(data).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SamplerInputError);
    expect((err as Error).message).toMatch(/support vectors of class 1 are noise/);
  });

  it('checks its options', () => {
    expect(() => new SVMSMOTE({ outStep: -1 })).toThrow(/outStep must be a finite number >= 0/);
    expect(() => new SVMSMOTE({ svmEstimator: {} as never })).toThrow(OptionError);
    expect(() => new SVMSMOTE({ mNeighbors: 0 })).toThrow(OptionError);
  });
});
