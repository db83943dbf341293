import { describe, expect, it } from 'vitest';
import { argmaxRows, gatherRows } from './rows';

describe('row helpers', () => {
  it('gathers rows in the given order into a new array', () => {
    const x = new Float32Array([0, 1, 2, 3, 4, 5]);
    expect([...gatherRows(x, 2, [2, 0, 2])]).toEqual([4, 5, 0, 1, 4, 5]);
    expect(gatherRows(x, 2, []).length).toBe(0);
  });

  it('takes the argmax of each row, ties to the lower column', () => {
    expect([...argmaxRows(new Float32Array([0.2, 0.8, 0.5, 0.5, 0, -1]), 2)]).toEqual([1, 0, 0]);
    expect([...argmaxRows([1, 3, 3, 0, 0, 0], 3)]).toEqual([1, 0]);
  });
});
