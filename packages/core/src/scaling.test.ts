import { describe, expect, it } from 'vitest';
import { columnMoments, fitScaling, scaleRows, unscaleRows } from './scaling';

describe('column scaling', () => {
  const x = new Float32Array([1, 5, 0, 3, 5, 0, 5, 5, 1e19]);

  it('computes moments in float64, skipping NaN', () => {
    const m = columnMoments(new Float32Array([1, Number.NaN, 3, 4]), 2);
    expect([...m.count]).toEqual([2, 1]);
    expect([...m.mean]).toEqual([2, 4]);
    expect([...m.variance]).toEqual([1, 0]);
    expect([...m.min]).toEqual([1, 4]);
    expect(columnMoments(new Float32Array([Number.NaN]), 1).mean[0]).toBeNaN();
    // A float32 sum of squares would overflow to Infinity here (issue #14.4).
    expect(Number.isFinite(columnMoments(x, 3).variance[2]!)).toBe(true);
  });

  it('standardises, maps ranges and maps back; a constant column goes to 0 and back to its value', () => {
    const s = fitScaling(x, 3, { kind: 'standard' });
    const z = scaleRows(s, x);
    expect(Array.from(z.subarray(0, 3), (v) => Math.round(v * 1e4) / 1e4)).toEqual([-1.2247, 0, -0.7071]);
    expect(z[1]).toBe(0);
    const back = unscaleRows(s, z.slice());
    for (let i = 0; i < x.length; i++) expect(back[i]).toBeCloseTo(x[i]!, -14);
    const mm = fitScaling(x, 3, { kind: 'minmax', range: [-1, 1] });
    expect([...scaleRows(mm, x)]).toEqual([-1, 0, -1, 0, 0, -1, 1, 0, 1]);
    const mid = unscaleRows(mm, new Float32Array([0.5, 0.7, 0]));
    expect([mid[0], mid[1]]).toEqual([4, 5]);
    expect(mid[2]! / 5e18).toBeCloseTo(1, 6);
  });

  it('uses one range for every value when perColumn is false (images)', () => {
    const s = fitScaling(new Float32Array([0, 255, 51, 0]), 2, { kind: 'minmax', perColumn: false });
    expect(s.offset.length).toBe(1);
    expect([...scaleRows(s, new Float32Array([0, 255, 51]))]).toEqual([0, 1, 0.20000000298023224]);
  });
});
