import { describe, expect, it } from 'vitest';
import { OptionError, SamplerInputError } from './errors';
import { checkSamplingStrategy, resolveSamplingStrategy, strategyToJSON, targetCounts, toCountMap, type SamplingStrategy } from './sampling-strategy';

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

describe('arrays are not class maps (issue #17.6)', () => {
  it('rejects an array strategy at run time, where it used to be read as { 0: 50, 1: 100, 2: 25 }', () => {
    const array = [50, 100, 25] as unknown as SamplingStrategy;
    expect(() => resolveSamplingStrategy(array, y)).toThrow(OptionError);
    expect(() => resolveSamplingStrategy(array, y)).toThrow(
      'samplingStrategy cannot be an array (got [50,100,25]): give the rows per class as { 0: 50, 1: 100, 2: 25 } or a Map',
    );
    expect(() => resolveSamplingStrategy(() => [7, 7, 7] as unknown as Record<number, number>, y)).toThrow(/cannot be an array/);
    expect(() => toCountMap([1, 2] as unknown as Record<number, number>)).toThrow(/counts cannot be an array/);
  });

  it('rejects an array in the type', () => {
    // @ts-expect-error an array is not a { class: total } map
    const strategy: SamplingStrategy = [50, 100, 25];
    expect(strategy).toHaveLength(3);
  });
});

describe('checkSamplingStrategy (what a constructor can check without data)', () => {
  it('accepts every form that can be valid and refuses the rest, naming the value', () => {
    for (const ok of ['auto', 'minority', 'not minority', 'not majority', 'all', 0.5, 1, { 1: 10 }, new Map([[2, 3]]), () => ({})] as SamplingStrategy[]) {
      expect(checkSamplingStrategy(ok)).toBe(ok);
    }
    expect(checkSamplingStrategy(undefined)).toBe('auto');
    expect(() => checkSamplingStrategy('foo')).toThrow(/samplingStrategy "foo" is not known/);
    expect(() => checkSamplingStrategy(0)).toThrow(/in \(0, 1\], got 0/);
    expect(() => checkSamplingStrategy(Number.NaN)).toThrow(OptionError);
    expect(() => checkSamplingStrategy(null)).toThrow(/must be a { class: count } object or a Map, got null/);
    expect(() => checkSamplingStrategy({ '-1': 3 })).toThrow(/class keys must be integers >= 0, got -1/);
    expect(() => checkSamplingStrategy({ a: 3 })).toThrow(/class keys must be integers >= 0, got NaN/);
    expect(() => checkSamplingStrategy({ 1: '3' })).toThrow(/the count for class 1 must be an integer >= 0, got "3"/);
    expect(() => checkSamplingStrategy([1])).toThrow(/cannot be an array/);
  });

  it('states the typed-array limit for counts no array can hold (issue #14.9)', () => {
    expect(() => checkSamplingStrategy({ 1: 1e12 })).toThrow(
      'samplingStrategy: the count for class 1 is 1000000000000; the limit is 1073741824 rows',
    );
    expect(() => checkSamplingStrategy({ 1: 2e9 })).toThrow(/the count for class 1 is 2000000000; the limit is 1073741824 rows/);
    expect(() => resolveSamplingStrategy({ 1: 1e12 }, y)).toThrow(OptionError);
  });
});

describe('strategyToJSON', () => {
  it('writes what a saved model can hold', () => {
    expect(strategyToJSON('minority')).toBe('minority');
    expect(strategyToJSON(0.5)).toBe(0.5);
    expect(strategyToJSON(new Map([[2, 5], [1, 3]]))).toEqual({ 1: 3, 2: 5 });
    expect(strategyToJSON(() => ({}))).toBeUndefined();
  });
});
