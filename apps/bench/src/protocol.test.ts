import { describe, expect, it } from 'vitest';
import type { Dataset } from '@oversample/core';
import { standardize } from './protocol';

describe('standardize', () => {
  it('uses the training fold only and leaves category codes alone', () => {
    const features = [
      { name: 'a', kind: 'continuous' as const },
      { name: 'c', kind: 'categorical' as const, categories: ['x', 'y', 'z'] },
    ];
    const train: Dataset = { x: new Float32Array([0, 2, 2, 1, 4, 0]), y: new Int32Array([0, 1, 0]), shape: [2], features };
    const test: Dataset = { x: new Float32Array([100, 1]), y: new Int32Array([1]), shape: [2], features };
    const out = standardize(train, test);
    // Train column a: 0, 2, 4 -> mean 2, population std sqrt(8/3).
    const sd = Math.sqrt(8 / 3);
    expect(Array.from(out.train.x)).toEqual([-2 / sd, 2, 0, 1, 2 / sd, 0].map(Math.fround));
    // The test row is scaled with the training statistics, not its own.
    expect(out.test.x[0]).toBeCloseTo(98 / sd, 4);
    expect(out.test.x[1]).toBe(1);
    expect(Array.from(train.x)).toEqual([0, 2, 2, 1, 4, 0]); // input untouched
  });
});
