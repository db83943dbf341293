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
  withRows,
  type CreateDatasetInput,
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
    expect(() => createDataset({ x: [1, 2], y: [-1], shape: [2] })).toThrow(/y\[0\] is -1/);
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

describe('createDataset refuses labels it would have coerced (issue #14.6, #17.6)', () => {
  // Each used to become a silent 0 (or a truncated or wrapped integer) through Int32Array.from.
  const linspace = Array.from({ length: 30 }, (_, i) => i / 29);
  const cases: [string, unknown[], RegExp][] = [
    ['fractions (numpy linspace(0, 1, 30))', linspace, /label y\[1\] is 0\.034482758620689655: labels must be class indices/],
    ['a negative label', [0, 1, -2], /label y\[2\] is -2/],
    ['NaN', [0, Number.NaN], /label y\[1\] is NaN/],
    ['strings', ['cat', 'dog'], /label y\[0\] is "cat"/],
    ['numeric strings', [0, '1'], /label y\[1\] is "1"/],
    ['booleans', [true, false], /label y\[0\] is true/],
    ['nested arrays', [[0], [1]], /label y\[0\] is \[0\]/],
    ['undefined', [0, undefined], /label y\[1\] is undefined/],
    ['a label past 2^31 - 1 (it would wrap)', [0, 2 ** 32 + 1], /label y\[1\] is 4294967297/],
  ];
  for (const [what, y, message] of cases) {
    it(`rejects ${what} with a SamplerInputError naming the first bad index and value`, () => {
      const input = { x: new Float32Array(y.length), y, shape: [1] } as unknown as CreateDatasetInput;
      expect(() => createDataset(input)).toThrow(SamplerInputError);
      expect(() => createDataset(input)).toThrow(message);
    });
  }

  it('rejects fractional values in a typed label array too', () => {
    expect(() => createDataset({ x: [0, 0], y: new Float64Array([0, 1.5]), shape: [1] })).toThrow(/label y\[1\] is 1\.5/);
    expect(() => createDataset({ x: [0, 0], y: new Uint32Array([0, 2 ** 32 - 1]), shape: [1] })).toThrow(/y\[1\] is 4294967295/);
    expect([...createDataset({ x: [0, 0], y: new Float64Array([0, 3]), shape: [1] }).y]).toEqual([0, 3]);
  });

  it('rejects a missing or inconsistent shape, and non-numbers among the features', () => {
    const noShape = { x: [1, 2], y: [0, 1] } as unknown as CreateDatasetInput;
    expect(() => createDataset(noShape)).toThrow(SamplerInputError);
    expect(() => createDataset(noShape)).toThrow(/shape must be an array giving one row's shape .*got undefined/);
    expect(() => createDataset({ x: [1, 2, 3], y: [0, 1], shape: [2] })).toThrow(/dataset.x has 3 values/);
    expect(() => createDataset({ x: [1, '2', 3], y: [0, 1, 1], shape: [1] } as unknown as CreateDatasetInput)).toThrow(/x\[1\] is "2"/);
    expect(() => createDataset({ x: [[1], [2]], y: [0, 1], shape: [1] } as unknown as CreateDatasetInput)).toThrow(/x\[0\] is \[1\]/);
    expect(() => createDataset({ x: [1, 2], y: 'ab', shape: [1] } as unknown as CreateDatasetInput)).toThrow(SamplerInputError);
    // NaN is a number (a missing value that loaders keep): allowed here, refused by samplers.
    expect(createDataset({ x: [Number.NaN, 1], y: [0, 1], shape: [1] }).x[0]).toBeNaN();
  });
});

describe('returned datasets never share metadata arrays with their input (issue #14)', () => {
  const features = [
    { name: 'a', kind: 'continuous' as const },
    { name: 'b', kind: 'categorical' as const, categories: ['x', 'y'] },
  ];
  const input = { x: [0, 1, 2, 3], y: [0, 1], shape: [2], classNames: ['no', 'yes'], features };

  it('createDataset copies shape, classNames and features', () => {
    const d = createDataset(input);
    expect(d.shape).not.toBe(input.shape);
    expect(d.classNames).not.toBe(input.classNames);
    expect(d.features).not.toBe(input.features);
    expect(d.features![1]!.categories).not.toBe(features[1]!.categories);
    expect(d.features).toEqual(features);
  });

  it('withRows, subsetDataset, concatDatasets and appendRows copy them too', () => {
    const d = createDataset(input);
    const outs = [
      withRows(d, d.x.slice(), d.y.slice()),
      subsetDataset(d, [1]),
      concatDatasets(d, d),
      appendRows(d, new Float32Array(2), new Int32Array(1)),
    ];
    for (const out of outs) {
      expect(out.shape).not.toBe(d.shape);
      expect(out.classNames).not.toBe(d.classNames);
      expect(out.features).not.toBe(d.features);
      expect(out.features![1]!.categories).not.toBe(d.features![1]!.categories);
      (out.shape as number[])[0] = 99;
      (out.classNames as string[])[0] = 'changed';
    }
    expect(d.shape).toEqual([2]);
    expect(d.classNames).toEqual(['no', 'yes']);
  });
});

describe('dataset helpers check the size of what they allocate (issue #14.9)', () => {
  it('refuses a subset or a concatenation past the typed-array limit before allocating', () => {
    const d = createDataset({ x: new Float32Array(4 * 1024), y: new Int32Array(4), shape: [1024] });
    const many = { length: 2 ** 21 } as ArrayLike<number>;
    expect(() => subsetDataset(d, many)).toThrow(/subsetDataset: the subset would hold 2097152 rows of 1024 values; the limit is 1048576 rows/);
  });
});
