import { describe, expect, it } from 'vitest';
import { checkCleaningStrategy, resolveCleaningStrategy } from './cleaning';
import { OptionError, SamplerInputError } from './errors';

describe('resolveCleaningStrategy', () => {
  // Class 0: 3 rows, class 1: 1 row, class 2: 3 rows, class 5: 2 rows.
  const y = new Int32Array([2, 0, 0, 5, 1, 2, 2, 0, 5]);

  it('resolves the named strategies as imbalanced-learn 0.10 does for cleaning', () => {
    expect(resolveCleaningStrategy('auto', y)).toEqual([0, 2, 5]);
    expect(resolveCleaningStrategy('not minority', y)).toEqual([0, 2, 5]);
    // 0 and 2 tie for the largest class: the lower label is the majority (np.unique order).
    expect(resolveCleaningStrategy('majority', y)).toEqual([0]);
    expect(resolveCleaningStrategy('not majority', y)).toEqual([1, 2, 5]);
    expect(resolveCleaningStrategy('all', y)).toEqual([0, 1, 2, 5]);
    expect(resolveCleaningStrategy([5, 1, 5], y)).toEqual([1, 5]);
  });

  it('rejects what a cleaner cannot do, naming samplingStrategy', () => {
    expect(() => resolveCleaningStrategy([3], y)).toThrow(/samplingStrategy names class 3, which is not in the data \(classes: 0, 1, 2, 5\)/);
    expect(() => resolveCleaningStrategy('all', new Int32Array([4, 4]))).toThrow(SamplerInputError);
    expect(() => checkCleaningStrategy('T', 'minority')).toThrow(/'minority' cannot be cleaned/);
    expect(() => checkCleaningStrategy('T', { 0: 3 })).toThrow(/maps are for over-samplers/);
    expect(() => checkCleaningStrategy('T', 0.5)).toThrow(OptionError);
    expect(() => checkCleaningStrategy('T', [])).toThrow(/as a list must hold class labels/);
    expect(() => checkCleaningStrategy('T', [1.5])).toThrow(/as a list must hold class labels/);
    expect(checkCleaningStrategy('T', 'auto')).toBe('auto');
  });
});
