import { expect } from 'vitest';

/**
 * Asserts `got` matches `want` (a number or nested arrays of numbers, null standing for NaN as Python's
 * json writes it) to relative error <= `rel`; an expected exact 0 must be |got| <= `rel`, NaN must be NaN.
 * Returns how many numbers were compared, so callers can prove they compared something.
 */
export function expectClose(got: unknown, want: unknown, where: string, rel = 1e-9): number {
  if (Array.isArray(want)) {
    expect(Array.isArray(got) || ArrayBuffer.isView(got), `${where}: expected an array, got ${String(got)}`).toBe(true);
    const list = Array.from(got as ArrayLike<unknown>);
    expect(list.length, `${where}: length`).toBe(want.length);
    let count = 0;
    want.forEach((w, i) => (count += expectClose(list[i], w, `${where}[${i}]`, rel)));
    return count;
  }
  expect(typeof got, `${where}: expected a number`).toBe('number');
  const g = got as number;
  if (want === null || (typeof want === 'number' && Number.isNaN(want))) {
    expect(Number.isNaN(g), `${where}: expected NaN, got ${g}`).toBe(true);
    return 1;
  }
  expect(typeof want, `${where}: reference value`).toBe('number');
  const w = want as number;
  const err = w === 0 ? Math.abs(g) : Math.abs(g - w) / Math.abs(w);
  expect(err <= rel, `${where}: got ${g}, want ${w} (relative error ${err})`).toBe(true);
  return 1;
}
