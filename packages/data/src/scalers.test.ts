import type { Dataset } from '@oversample/core';
import { NotFittedError, OptionError, SamplerInputError, createDataset } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { MinMaxScaler, StandardScaler } from './scalers';

const table = (rows: number[][], features?: Dataset['features']): Dataset =>
  createDataset({ x: rows.flat(), y: rows.map(() => 0), shape: [rows[0]!.length], ...(features ? { features } : {}) });

const rowsOf = (data: Dataset): number[][] => {
  const d = data.shape[0]!;
  return Array.from({ length: data.y.length }, (_, i) => [...data.x.subarray(i * d, (i + 1) * d)]);
};

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) =>
    row.forEach((v, j) => {
      const want = expected[i]![j]!;
      if (Number.isNaN(want)) expect(v, `[${i}][${j}]`).toBeNaN();
      else expect(v, `[${i}][${j}]`).toBeCloseTo(want, 6);
    }),
  );
}

describe('StandardScaler', () => {
  it("reproduces scikit-learn's documented example", () => {
    const scaler = new StandardScaler().fit(table([[0, 0], [0, 0], [1, 1], [1, 1]]));
    expect([...scaler.mean]).toEqual([0.5, 0.5]);
    expect([...scaler.scale]).toEqual([0.5, 0.5]);
    expect(rowsOf(scaler.transform(table([[2, 2]])))).toEqual([[3, 3]]);
    expect(scaler.samplesSeen).toBe(4);
  });

  it('sets constant columns to 0, ignores NaN when fitting, leaves categorical columns alone, and inverts', () => {
    const features = [
      { name: 'a', kind: 'continuous' as const },
      { name: 'const', kind: 'continuous' as const },
      { name: 'colour', kind: 'categorical' as const, categories: ['r', 'g', 'b'] },
      { name: 'gappy', kind: 'continuous' as const },
    ];
    const data = table([[1, 5, 0, 1], [2, 5, 1, NaN], [3, 5, 2, 3], [4, 5, 0, NaN]], features);
    const before = [...data.x];
    const scaler = new StandardScaler();
    const z = scaler.fitTransform(data);
    const s = Math.sqrt(1.25);
    // Column a: mean 2.5, variance 1.25; gappy: mean 2 and variance 1 over its two values.
    expectClose(rowsOf(z), [[-1.5 / s, 0, 0, -1], [-0.5 / s, 0, 1, NaN], [0.5 / s, 0, 2, 1], [1.5 / s, 0, 0, NaN]]);
    expect([...scaler.variance]).toEqual([1.25, 0, 1, 1]);
    expect(z.features).toEqual(features);
    const back = scaler.inverseTransform(z);
    expectClose(rowsOf(back), rowsOf(data));
    expect([...data.x]).toEqual(before);
    // Options: no centring keeps the mean in; no scaling keeps the spread.
    const noMean = new StandardScaler({ withMean: false }).fitTransform(table([[2], [4]]));
    expect([...noMean.x]).toEqual([2, 4]);
    const noStd = new StandardScaler({ withStd: false }).fitTransform(table([[2], [6]]));
    expect([...noStd.x]).toEqual([-2, 2]);
  });

  it('throws NotFittedError before fit and names a column-count mismatch', () => {
    const scaler = new StandardScaler();
    expect(() => scaler.transform(table([[1]]))).toThrow(NotFittedError);
    expect(() => scaler.mean).toThrow(/StandardScaler \(mean\) is not fitted yet: call fit\(\) first/);
    scaler.fit(table([[1, 2], [3, 4]]));
    expect(() => scaler.transform(table([[1, 2, 3]]))).toThrow(SamplerInputError);
    expect(() => scaler.transform(table([[1, 2, 3]]))).toThrow('StandardScaler was fitted on 2 columns, but this dataset has 3 per row');
    expect(() => new StandardScaler({ withMean: 'yes' as unknown as boolean })).toThrow(OptionError);
    expect(() => new StandardScaler({ withMeans: true } as object)).toThrow(/StandardScaler has no option "withMeans"/);
  });
});

describe('MinMaxScaler', () => {
  it("reproduces scikit-learn's documented example", () => {
    const scaler = new MinMaxScaler();
    const out = scaler.fitTransform(table([[-1, 2], [-0.5, 6], [0, 10], [1, 18]]));
    expect([...scaler.dataMax]).toEqual([1, 18]);
    expect(rowsOf(out)).toEqual([[0, 0], [0.25, 0.25], [0.5, 0.5], [1, 1]]);
    expect(rowsOf(scaler.transform(table([[2, 2]])))).toEqual([[1.5, 0]]);
  });

  it('maps onto featureRange, clips on request, handles constant and categorical columns, and inverts', () => {
    const features = [
      { name: 'a', kind: 'continuous' as const },
      { name: 'const', kind: 'continuous' as const },
      { name: 'code', kind: 'categorical' as const, categories: ['x', 'y', 'z', 'w'] },
    ];
    const data = table([[0, 7, 3], [10, 7, 1], [5, 7, 2]], features);
    const scaler = new MinMaxScaler({ featureRange: [-1, 1] }).fit(data);
    expect(rowsOf(scaler.transform(data))).toEqual([[-1, -1, 3], [1, -1, 1], [0, -1, 2]]);
    expectClose(rowsOf(scaler.inverseTransform(scaler.transform(data))), rowsOf(data));
    const unseen = table([[20, 7, 0]], features);
    expect(rowsOf(scaler.transform(unseen))).toEqual([[3, -1, 0]]);
    const clipped = new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit(data);
    expect(rowsOf(clipped.transform(unseen))).toEqual([[1, -1, 0]]);
  });

  it('validates options and fitted state', () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(/featureRange must be \[min, max\] with finite min < max, got \[1,0\]/);
    expect(() => new MinMaxScaler().inverseTransform(table([[1]]))).toThrow(NotFittedError);
    const scaler = new MinMaxScaler().fit(table([[1], [2]]));
    expect(() => scaler.transform(table([[1, 2]]))).toThrow(/MinMaxScaler was fitted on 1 columns, but this dataset has 2 per row/);
  });
});
