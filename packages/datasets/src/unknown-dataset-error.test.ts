import { OptionError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { UnknownDatasetError, nearestNames } from './unknown-dataset-error';

const NAMES = ['ecoli1', 'ecoli2', 'glass0', 'glass1', 'pima', 'yeast-2_vs_4', 'yeast3'];

describe('nearestNames', () => {
  it('puts names that contain the query first, then the closest by edit distance', () => {
    expect(nearestNames('glas1', NAMES, 3)).toEqual(['glass1', 'glass0', 'yeast3']);
    expect(nearestNames('yeast', NAMES, 2)).toEqual(['yeast3', 'yeast-2_vs_4']);
    expect(nearestNames('ECOLI1', NAMES, 1)).toEqual(['ecoli1']);
    expect(nearestNames('', NAMES, 2)).toEqual(['pima', 'ecoli1']);
  });
});

describe('UnknownDatasetError', () => {
  it('is an OptionError that lists the nearest names', () => {
    const e = new UnknownDatasetError('pimaa', NAMES);
    expect(e).toBeInstanceOf(OptionError);
    expect(e.name).toBe('UnknownDatasetError');
    expect(e.requested).toBe('pimaa');
    expect(e.nearest[0]).toBe('pima');
    expect(e.message).toMatch(/^no bundled dataset is named "pimaa"; the nearest names are 'pima', /);
  });
});
