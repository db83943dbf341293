import { describe, expect, it } from 'vitest';
import { OptionError, SamplerInputError } from './errors';
import { resolveSamplingStrategy, targetCounts } from './sampling-strategy';

// Classes 0: 6 rows, 1: 3 rows, 2: 1 row (appearance order 1, 0, 2).
const y = new Int32Array([1, 0, 0, 1, 0, 2, 0, 1, 0, 0]);
const entries = (m: Map<number, number>) => [...m.entries()];

describe('resolveSamplingStrategy (imbalanced-learn semantics)', () => {
  it("'auto' and 'not majority' fill every class but the majority up to its count", () => {
    expect(entries(resolveSamplingStrategy('auto', y))).toEqual([
      [1, 3],
      [2, 5],
    ]);
    expect(entries(resolveSamplingStrategy('not majority', y))).toEqual([
      [1, 3],
      [2, 5],
    ]);
  });

  it("'minority', 'not minority' and 'all'", () => {
    expect(entries(resolveSamplingStrategy('minority', y))).toEqual([[2, 5]]);
    expect(entries(resolveSamplingStrategy('not minority', y))).toEqual([
      [0, 0],
      [1, 3],
    ]);
    expect(entries(resolveSamplingStrategy('all', y))).toEqual([
      [0, 0],
      [1, 3],
      [2, 5],
    ]);
  });

  it('a dict asks for totals; a Map and a function work the same', () => {
    expect(entries(resolveSamplingStrategy({ 2: 4 }, y))).toEqual([[2, 3]]);
    expect(entries(resolveSamplingStrategy(new Map([[1, 10]]), y))).toEqual([[1, 7]]);
    expect(entries(resolveSamplingStrategy((c) => ({ 2: c.get(0)! }), y))).toEqual([[2, 5]]);
    expect(entries(targetCounts({ 2: 4 }, y))).toEqual([
      [0, 6],
      [1, 3],
      [2, 4],
    ]);
  });

  it('a ratio on binary data truncates like imbalanced-learn', () => {
    const yb = new Int32Array([0, 0, 0, 0, 0, 0, 0, 1, 1]);
    // 7 * 0.5 - 2 = 1.5 -> 1
    expect(entries(resolveSamplingStrategy(0.5, yb))).toEqual([[1, 1]]);
    expect(entries(resolveSamplingStrategy(1, yb))).toEqual([[1, 5]]);
  });

  it('ties pick the class seen first, as imbalanced-learn', () => {
    const tie = new Int32Array([3, 1, 1, 3, 2]);
    // majority = 3 (seen first among 3 and 1), minority = 2
    expect(entries(resolveSamplingStrategy('auto', tie))).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('rejects what imbalanced-learn rejects, with clearer messages', () => {
    expect(() => resolveSamplingStrategy('auto', new Int32Array([1, 1]))).toThrow(SamplerInputError);
    expect(() => resolveSamplingStrategy('auto', new Int32Array([1, 1]))).toThrow(/at least 2 classes, got 1 \(class 1 only\)/);
    expect(() => resolveSamplingStrategy('majority' as 'auto', y)).toThrow(/under-sampling/);
    expect(() => resolveSamplingStrategy('bogus' as 'auto', y)).toThrow(/samplingStrategy "bogus" is not known/);
    expect(() => resolveSamplingStrategy(0.5, y)).toThrow(/needs exactly 2 classes, the data has 3/);
    expect(() => resolveSamplingStrategy(1.5, y)).toThrow(/in \(0, 1\], got 1.5/);
    expect(() => resolveSamplingStrategy(0.1, new Int32Array([0, 0, 0, 0, 1, 1]))).toThrow(/increase the ratio to at least 0\.5000/);
    expect(() => resolveSamplingStrategy({ 1: 2 }, y)).toThrow(/asks for 2 rows of class 1, which already has 3/);
    expect(() => resolveSamplingStrategy({ 9: 2 }, y)).toThrow(/class 9, which is not in the data \(classes: 0, 1, 2\)/);
    expect(() => resolveSamplingStrategy({ 1: 3.5 }, y)).toThrow(OptionError);
  });
});
