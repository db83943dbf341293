import { describe, expect, it } from 'vitest';
import {
  appendRows,
  classCounts,
  concatDatasets,
  createDataset,
  indicesOfClass,
  rowSize,
  subsetDataset,
  validateDataset,
} from './dataset';
import { SamplerInputError } from './errors';

const data = () =>
  createDataset({ x: [0, 1, 2, 3, 4, 5], y: [1, 0, 1], shape: [2], classNames: ['a', 'b'] });

describe('Dataset helpers', () => {
  it('creates typed arrays and validates shape and lengths', () => {
    const d = data();
    expect(d.x).toBeInstanceOf(Float32Array);
    expect(d.y).toBeInstanceOf(Int32Array);
    expect(rowSize(d)).toBe(2);
    expect(rowSize([28, 28, 1])).toBe(784);
    expect(() => createDataset({ x: [1, 2, 3], y: [0, 1], shape: [2] })).toThrow(
      /dataset.x has 3 values but y has 2 labels and shape \[2\] needs 2 values per row \(4 in all\)/,
    );
    expect(() => createDataset({ x: [1, 2], y: [-1], shape: [2] })).toThrow(/y\[0\] = -1/);
    expect(() => createDataset({ x: [1, 2], y: [0], shape: [0] })).toThrow(/positive integers/);
  });

  it('names the row and column of a NaN, and counts classes and rows', () => {
    const d = { ...data(), x: new Float32Array([0, 1, 2, Number.NaN, 4, 5]) };
    expect(() => validateDataset(d, { context: 'SMOTE' })).toThrow(/^SMOTE: row 1, column 1 is NaN/);
    expect(() => validateDataset(data(), { minClasses: 3 })).toThrow(/has 2 classes; at least 3/);
    expect(() => validateDataset({ ...data(), x: new Float32Array(0), y: new Int32Array(0) })).toThrow(SamplerInputError);
    expect(() => validateDataset({ ...data(), x: [0, 1] as unknown as Float32Array })).toThrow(/Float32Array/);
  });

  it('counts classes in ascending order and finds their rows', () => {
    expect([...classCounts(data())]).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect([...indicesOfClass(data().y, 1)]).toEqual([0, 2]);
  });

  it('subsets, concatenates and appends without touching the inputs', () => {
    const d = data();
    const before = d.x.slice();
    const s = subsetDataset(d, [2, 0]);
    expect([...s.x]).toEqual([4, 5, 0, 1]);
    expect([...s.y]).toEqual([1, 1]);
    expect(s.classNames).toEqual(['a', 'b']);
    expect(() => subsetDataset(d, [3])).toThrow(/index 3 at position 0 is outside 0\.\.2/);
    const c = concatDatasets(d, s);
    expect(c.y.length).toBe(5);
    expect([...c.x.subarray(6)]).toEqual([4, 5, 0, 1]);
    expect(() => concatDatasets(d, createDataset({ x: [1], y: [0], shape: [1] }))).toThrow(/shape \[1\]/);
    const a = appendRows(d, new Float32Array([9, 9]), new Int32Array([0]));
    expect([...a.x]).toEqual([0, 1, 2, 3, 4, 5, 9, 9]);
    expect([...a.y]).toEqual([1, 0, 1, 0]);
    expect(() => appendRows(d, new Float32Array([9]), new Int32Array([0]))).toThrow(/need 2 values, got 1/);
    expect([...d.x]).toEqual([...before]);
  });
});
