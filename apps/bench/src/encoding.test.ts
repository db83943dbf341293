import { describe, expect, it } from 'vitest';
import type { Dataset } from '@oversample/core';
import { categoricalColumns, oneHotEncode } from './encoding';

// Two rows: [size, colour code, weight] with colour in {red, green, blue}.
const table: Dataset = {
  x: new Float32Array([1.5, 2, 7, 0.5, 0, 8]),
  y: new Int32Array([0, 1]),
  shape: [3],
  features: [
    { name: 'size', kind: 'continuous' },
    { name: 'colour', kind: 'categorical', categories: ['red', 'green', 'blue'] },
    { name: 'weight', kind: 'continuous' },
  ],
};

describe('oneHotEncode', () => {
  it('expands category codes into 0/1 columns in place, keeping continuous columns', () => {
    expect(categoricalColumns(table)).toEqual([1]);
    const out = oneHotEncode(table);
    expect(out.shape).toEqual([5]);
    expect(Array.from(out.x)).toEqual([1.5, 0, 0, 1, 7, 0.5, 1, 0, 0, 8]);
    expect(out.features!.map((f) => f.name)).toEqual(['size', 'colour=red', 'colour=green', 'colour=blue', 'weight']);
    expect(categoricalColumns(out)).toEqual([]);
    expect(out.y).toBe(table.y);
    expect(Array.from(table.x)).toEqual([1.5, 2, 7, 0.5, 0, 8]); // input untouched
  });

  it('returns a table without categorical columns unchanged', () => {
    const plain: Dataset = { x: new Float32Array([1, 2]), y: new Int32Array([0, 1]), shape: [1] };
    expect(oneHotEncode(plain)).toBe(plain);
  });
});
