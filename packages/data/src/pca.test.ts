import { NotFittedError, OptionError, SamplerInputError, createDataset } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import reference from './fixtures/pca-sklearn.json';
import { PCA } from './pca';

// Reference answers from scikit-learn (fixtures/pca-sklearn.py regenerates them).
const d = reference.x[0]!.length;
const table = createDataset({
  x: Float32Array.from(reference.x.flat()),
  y: Int32Array.from(reference.x, (_, i) => i % 2),
  shape: [d],
  classNames: ['a', 'b'],
});

function expectAllClose(actual: ArrayLike<number>, expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i], `index ${i}`).toBeCloseTo(expected[i]!, digits);
}

describe('PCA', () => {
  it("matches scikit-learn's mean, components (signs included), variances and projections", () => {
    const pca = new PCA({ nComponents: 3 }).fit(table);
    expect(pca.nComponents).toBe(3);
    expectAllClose(pca.mean, reference.mean, 10);
    expectAllClose(pca.components, reference.components.flat(), 9);
    expectAllClose(pca.explainedVariance, reference.explainedVariance, 8);
    expectAllClose(pca.explainedVarianceRatio, reference.explainedVarianceRatio, 10);
    const flat = pca.transform(table);
    expect(flat.shape).toEqual([3]);
    expect(flat.features?.map((f) => f.name)).toEqual(['PC1', 'PC2', 'PC3']);
    expect(flat.y).toEqual(table.y);
    expect(flat.classNames).toEqual(['a', 'b']);
    expectAllClose(flat.x, reference.transformed.flat(), 4);
  });

  it('keeps every component by default, and they are orthonormal', () => {
    const pca = new PCA().fit(table);
    expect(pca.nComponents).toBe(d);
    const c = pca.components;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += c[a * d + j]! * c[b * d + j]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
    const ratio = pca.explainedVarianceRatio.reduce((s, v) => s + v, 0);
    expect(ratio).toBeCloseTo(1, 12);
  });

  it('does not change its input and projects new rows with the fitted axes', () => {
    const before = table.x.slice();
    const pca = new PCA({ nComponents: 2 }).fit(table);
    const other = createDataset({ x: Float32Array.from(reference.mean), y: [0], shape: [d] });
    expectAllClose(pca.transform(other).x, [0, 0], 5);
    expect(table.x).toEqual(before);
  });

  it('rejects bad options and data with typed errors', () => {
    expect(() => new PCA({ nComponents: 0 })).toThrow(OptionError);
    expect(() => new PCA({ components: 2 } as unknown as object)).toThrow(/no option "components"/);
    expect(() => new PCA({ nComponents: 6 }).fit(table)).toThrow(SamplerInputError);
    expect(() => new PCA({ nComponents: 6 }).fit(table)).toThrow(/min\(rows, columns\) = min\(40, 5\) = 5/);
    expect(() => new PCA().transform(table)).toThrow(NotFittedError);
    const one = createDataset({ x: [1, 2], y: [0], shape: [2] });
    expect(() => new PCA().fit(one)).toThrow(/at least 2 rows/);
    const nan = createDataset({ x: [1, NaN, 2, 3], y: [0, 1], shape: [2] });
    expect(() => new PCA().fit(nan)).toThrow(/must be finite/);
    const pca = new PCA({ nComponents: 1 }).fit(table);
    expect(() => pca.transform(one)).toThrow(/fitted on 5 columns, but this dataset has 2/);
  });
});
