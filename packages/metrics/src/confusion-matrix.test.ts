import { OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './confusion-matrix';

describe('confusionMatrix', () => {
  const yTrue = [2, 0, 2, 2, 0, 1];
  const yPred = [0, 0, 2, 2, 0, 2];

  it('counts true classes by row and predictions by column (scikit-learn docs example)', () => {
    expect(confusionMatrix(yTrue, yPred)).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    expect(confusionMatrix(Int32Array.from(yTrue), Int32Array.from(yPred))).toEqual(confusionMatrix(yTrue, yPred));
  });

  it('follows the order of labels and drops samples outside them', () => {
    expect(confusionMatrix(yTrue, yPred, { labels: [2, 0] })).toEqual([
      [2, 1],
      [0, 2],
    ]);
    // A listed class that never occurs gets an empty row and column.
    expect(confusionMatrix([0, 1], [0, 1], { labels: [0, 1, 5] })).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('includes classes seen only in predictions, and negative labels, ascending', () => {
    expect(confusionMatrix([-1, -1, 3], [-1, 7, 3])).toEqual([
      [1, 0, 1],
      [0, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('normalizes by rows, columns or total, empty rows giving 0', () => {
    expect(confusionMatrix(yTrue, yPred, { normalize: 'true' })[2]).toEqual([1 / 3, 0, 2 / 3]);
    expect(confusionMatrix(yTrue, yPred, { normalize: 'pred' })[0]).toEqual([2 / 3, 0, 0]);
    expect(confusionMatrix(yTrue, yPred, { normalize: 'all' })[0]).toEqual([2 / 6, 0, 0]);
    expect(confusionMatrix([0, 0], [0, 0], { labels: [0, 1], normalize: 'true' })).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });

  it('rejects bad input with the value and what is expected', () => {
    expect(() => confusionMatrix([0, 1], [0])).toThrow(SamplerInputError);
    expect(() => confusionMatrix([0, 1], [0])).toThrow(/yTrue has 2 labels but yPred has 1/);
    expect(() => confusionMatrix([], [])).toThrow(/yTrue is empty/);
    expect(() => confusionMatrix([0, 1.5], [0, 1])).toThrow(/yTrue\[1\] is 1.5; labels must be integers/);
    expect(() => confusionMatrix([0, 1], [0, Number.NaN])).toThrow(/yPred\[1\] is NaN/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [3, 4] })).toThrow(/none of labels \[3, 4\] occurs in yTrue/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [] })).toThrow(OptionError);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [1, 1] })).toThrow(/labels lists 1 twice/);
    expect(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as 'true' })).toThrow(/normalize must be one of/);
    expect(() => confusionMatrix([0, 1], [0, 1], { label: [0] } as object)).toThrow(/has no option "label"/);
    expect(() => confusionMatrix('01' as unknown as number[], [0, 1])).toThrow(/must be a number\[\] or an Int32Array/);
  });

  it('does not mutate its inputs', () => {
    const t = Int32Array.from(yTrue);
    const labels = [2, 1, 0];
    confusionMatrix(t, yPred, { labels });
    expect(Array.from(t)).toEqual(yTrue);
    expect(labels).toEqual([2, 1, 0]);
  });
});
