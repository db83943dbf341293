import { describe, expect, it } from 'vitest';
import { OptionError } from './errors';
import { checkAllocation, MAX_ARRAY_VALUES, maxRows } from './limits';

describe('size caps (issue #14.9)', () => {
  it('allow what fits in a 4 GiB typed array and state the limit otherwise', () => {
    expect(MAX_ARRAY_VALUES).toBe(2 ** 30);
    expect(maxRows(4)).toBe(2 ** 28);
    expect(() => checkAllocation('the output', 2 ** 28, 4)).not.toThrow();
    expect(() => checkAllocation('the output', 2 ** 28 + 1, 4)).toThrow(OptionError);
    expect(() => checkAllocation('the output', 1e12 + 72, 4)).toThrow(
      'the output would hold 1000000000072 rows of 4 values; the limit is 268435456 rows of that width (1073741824 float32 values',
    );
    expect(() => checkAllocation('x', 2e9, 1)).toThrow(/the limit is 1073741824 rows/);
    expect(() => checkAllocation('x', Number.NaN, 1)).toThrow(OptionError);
  });
});
