import { describe, expect, it } from 'vitest';
import { fitColumnScaler, scaleRows, unscaleRowsInPlace } from './column-scaler';

const x = new Float32Array([1, 5, 7, 3, 5, 9, 5, 5, 11]); // 3 rows; column 1 is constant

describe('column scaler', () => {
  it("'standard' gives mean 0 and unit deviation, leaving a constant column finite", () => {
    const s = fitColumnScaler('standard', x, 3, 3);
    const z = scaleRows(s, x);
    expect([z[0], z[3], z[6]].map((v) => Math.round(v! * 1e6) / 1e6)).toEqual([-1.224745, 0, 1.224745]);
    expect([z[1], z[4], z[7]]).toEqual([0, 0, 0]);
  });

  it("'minmax' maps each column onto [0, 1]", () => {
    const z = scaleRows(fitColumnScaler('minmax', x, 3, 3), x);
    expect([...z]).toEqual([0, 0, 0, 0.5, 0, 0.5, 1, 0, 1]);
  });

  it('maps scaled rows back to the original units without touching the input', () => {
    for (const kind of ['standard', 'minmax'] as const) {
      const s = fitColumnScaler(kind, x, 3, 3);
      const before = x.slice();
      const back = unscaleRowsInPlace(s, scaleRows(s, x));
      expect([...x]).toEqual([...before]);
      back.forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 5));
    }
  });
});
