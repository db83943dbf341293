import { describe, expect, it } from 'vitest';
import { OptionError } from './errors';
import { Rng, toRng } from './rng';

describe('Rng', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    const sb = Array.from({ length: 8 }, () => b.nextUint32());
    const sc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const rng = new Rng(1);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws integers uniformly over 0..n-1', () => {
    const rng = new Rng(2);
    const counts = new Array<number>(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) counts[rng.int(7)]!++;
    // Chi-square with 6 degrees of freedom; 22.46 is the 0.999 quantile.
    const chi2 = counts.reduce((acc, c) => acc + (c - n / 7) ** 2 / (n / 7), 0);
    expect(chi2).toBeLessThan(22.46);
  });

  it('draws standard normals', () => {
    const rng = new Rng(3);
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sq / n).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation and samples distinct indices', () => {
    const rng = new Rng(4);
    const p = rng.permutation(50);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...p]).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const s = rng.sampleWithoutReplacement(20, 20);
    expect(new Set(s).size).toBe(20);
    expect(() => rng.sampleWithoutReplacement(3, 4)).toThrow(OptionError);
  });

  it('derives child streams from the seed and key only', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    b.uniform();
    b.uniform();
    expect(a.child('fold-1').nextUint32()).toBe(b.child('fold-1').nextUint32());
    expect(a.child('fold-1').nextUint32()).not.toBe(a.child('fold-2').nextUint32());
    expect(a.child(1).seed).not.toBe(a.child('1').seed);
    expect(a.child(1).seed).not.toBe(a.seed);
  });

  it('rejects bad seeds and arguments with the value in the message', () => {
    expect(() => new Rng(-1)).toThrow(/seed must be an integer in 0\.\.4294967295, got -1/);
    expect(() => new Rng(1.5)).toThrow(OptionError);
    expect(() => new Rng(1).int(0)).toThrow(/got 0/);
    expect(() => new Rng(1).choice([])).toThrow(OptionError);
  });

  it('toRng keeps an Rng, seeds a number, and draws a fresh seed for undefined', () => {
    const r = new Rng(5);
    expect(toRng(r)).toBe(r);
    expect(toRng(5).nextUint32()).toBe(new Rng(5).nextUint32());
    const fresh = toRng(undefined);
    expect(Number.isInteger(fresh.seed)).toBe(true);
  });
});
