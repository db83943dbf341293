import { describe, expect, it } from 'vitest';
import { columnShift, shiftRows } from './column-shift';

describe('columnShift', () => {
  it('moves a shared non-zero background to zero where every value shifts exactly', () => {
    const d = 3;
    // Column 0: background -1 (exact); column 1: background 2 but one value that rounds; column 2: zeros.
    const rows: number[] = [];
    for (let r = 0; r < 40; r++) rows.push(r % 5 === 0 ? 0.5 : -1, r === 7 ? 1e-9 : 2, 0);
    const x = Float32Array.from(rows);
    const shift = columnShift(x, undefined, d);
    expect(shift && [...shift]).toEqual([-1, 0, 0]);
    const shifted = shiftRows(x, d, shift!);
    expect([...shifted.subarray(0, 6)]).toEqual([1.5, 2, 0, 0, 2, 0]);
    expect(x[0]).toBe(0.5);
  });

  it('leaves data that is already sparse, or has no common value, alone', () => {
    const sparse = Float32Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? 1 : 0));
    expect(columnShift(sparse, undefined, 4)).toBeUndefined();
    const dense = Float32Array.from({ length: 200 }, (_, i) => i / 7);
    expect(columnShift(dense, undefined, 4)).toBeUndefined();
  });

  it('does not shift a column whose query values would round', () => {
    const x = Float32Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? -1 : i % 8 === 1 ? 0.25 : -1));
    const ok = columnShift(x, Float32Array.from([-1, -1]), 2);
    expect(ok && [...ok]).toEqual([-1, -1]);
    expect(columnShift(x, Float32Array.from([1e-9, 1e-9]), 2)).toBeUndefined();
  });
});
