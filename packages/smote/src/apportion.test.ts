import { describe, expect, it } from 'vitest';
import { apportion } from './apportion';

describe('apportion', () => {
  it('splits exactly, by largest remainder, lower index first on ties', () => {
    expect([...apportion(new Float64Array([0.5, 0.25, 0.25]), 3)]).toEqual([1, 1, 1]);
    expect([...apportion(new Float64Array([0.2, 0.2, 0.6]), 7)]).toEqual([2, 1, 4]);
    expect([...apportion(new Float64Array([1]), 0)]).toEqual([0]);
  });
});
