import { SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { checkFinite } from './standardization';

describe('checkFinite', () => {
  it('names the first bad value', () => {
    expect(() => checkFinite(Float32Array.from([1, 2, 3, Infinity]), 2, 'ctx')).toThrow(SamplerInputError);
    expect(() => checkFinite(Float32Array.from([1, 2, NaN, 4]), 2, 'ctx')).toThrow(/ctx: row 1, feature 0 is NaN/);
  });
});
