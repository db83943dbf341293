import { describe, expect, it } from 'vitest';
import { editDistance, nearestNames } from './nearest-names';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, ignoring case', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('glas1', 'GLASS1')).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('nearestNames', () => {
  const NAMES = ['ecoli1', 'ecoli2', 'glass0', 'glass1', 'pima', 'yeast-2_vs_4', 'yeast3'];

  it('puts names that extend the word first, then names containing it, then the closest spellings', () => {
    expect(nearestNames('kNeighbours', ['kNeighbors', 'mNeighbors'])).toEqual(['kNeighbors']);
    expect(nearestNames('deepsmot', ['smote', 'deepsmote', 'deepsmote-paper'], 2)).toEqual(['deepsmote', 'deepsmote-paper']);
    expect(nearestNames('quik', ['quick', 'keel'])).toEqual(['quick']);
    expect(nearestNames('yeast', NAMES, 2)).toEqual(['yeast3', 'yeast-2_vs_4']);
    expect(nearestNames('vs_4', NAMES)).toEqual(['yeast-2_vs_4']);
    expect(nearestNames('glas1', NAMES, 3)).toEqual(['glass1', 'glass0', 'yeast3']);
    expect(nearestNames('ECOLI1', NAMES)).toEqual(['ecoli1']);
  });

  it('keeps the candidates order among equals, and gives what there is', () => {
    expect(nearestNames('', NAMES, 2)).toEqual(['pima', 'ecoli1']);
    expect(nearestNames('x', [])).toEqual([]);
    expect(nearestNames('pima', NAMES, 0)).toEqual([]);
    expect(nearestNames('pima', ['pima'], 5)).toEqual(['pima']);
  });
});
