import { OptionError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { UnknownDatasetError } from './unknown-dataset-error';

const NAMES = ['ecoli1', 'ecoli2', 'glass0', 'glass1', 'pima', 'yeast-2_vs_4', 'yeast3'];

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
