import { OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { checkLabelsOption, encodeLabels, toLabelPair, toLabels, uniqueLabels } from './labels';

describe('label input', () => {
  it('accepts number[] and Int32Array and copies them', () => {
    const src = Int32Array.from([3, -1, 3]);
    const out = toLabels('yTrue', src, 'ctx');
    expect(Array.from(out)).toEqual([3, -1, 3]);
    out[0] = 9;
    expect(src[0]).toBe(3);
    expect(Array.from(toLabels('yTrue', [2 ** 40], 'ctx'))).toEqual([2 ** 40]);
  });

  it('names the bad value and what would be right', () => {
    expect(() => toLabels('yPred', [0, 0.5], 'f1Score')).toThrow(new SamplerInputError('f1Score: yPred[1] is 0.5; labels must be integers (class indices such as 0, 1, 2)'));
    expect(() => toLabels('yTrue', ['1'], 'ctx')).toThrow(/yTrue\[0\] is "1"/);
    expect(() => toLabels('yTrue', Float32Array.from([1]), 'ctx')).toThrow(/must be a number\[\] or an Int32Array/);
    expect(() => toLabels('yTrue', [], 'ctx')).toThrow(/yTrue is empty; it needs at least one label/);
    expect(() => toLabelPair([0, 1], [0], 'ctx')).toThrow(/yTrue has 2 labels but yPred has 1; they must have one label per sample each/);
  });

  it('lists labels ascending and encodes them by position', () => {
    expect(uniqueLabels(Float64Array.from([3, 1]), Float64Array.from([2, 3, -4]))).toEqual([-4, 1, 2, 3]);
    expect(Array.from(encodeLabels(Float64Array.from([3, 7, 1]), [1, 3]))).toEqual([1, -1, 0]);
  });

  it('checks a labels option', () => {
    expect(checkLabelsOption(Int32Array.from([2, 0]), 'ctx')).toEqual([2, 0]);
    expect(() => checkLabelsOption([0, 0], 'ctx')).toThrow(OptionError);
    expect(() => checkLabelsOption([0, 1.5], 'ctx')).toThrow(/labels\[1\] is 1.5/);
    expect(() => checkLabelsOption('0,1', 'ctx')).toThrow(/labels must be a number\[\] or an Int32Array/);
  });
});
