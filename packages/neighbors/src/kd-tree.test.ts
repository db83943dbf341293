import { Rng } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { buildKdTree, type KdTree } from './kd-tree';

function build(x: Float32Array, d: number, leafSize?: number): KdTree {
  const g = buildKdTree(x, d, leafSize);
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}

describe('buildKdTree', () => {
  it('holds every row once, each inside the box of every node on its path', () => {
    const rng = new Rng(2);
    for (const [n, d, leaf] of [
      [1, 1, 16],
      [17, 2, 16],
      [1000, 3, 16],
      [777, 5, 4],
    ] as const) {
      const x = Float32Array.from({ length: n * d }, () => rng.normal() * 5);
      const t = build(x, d, leaf);
      expect([...t.order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      const moved: number[] = [];
      for (let p = 0; p < n; p++) for (let j = 0; j < d; j++) moved.push(x[t.order[p]! * d + j]!);
      expect([...t.points]).toEqual(moved);
      let outside = 0;
      expect(t.start[0]).toBe(0);
      expect(t.end[0]).toBe(n);
      for (let i = 0; i < t.nodes; i++) {
        if (i < t.nodes - t.leaves) {
          // Children split the range in the middle.
          expect(t.start[2 * i + 1]).toBe(t.start[i]);
          expect(t.end[2 * i + 1]).toBe(t.start[2 * i + 2]);
          expect(t.end[2 * i + 2]).toBe(t.end[i]);
        } else {
          expect(t.end[i]! - t.start[i]!).toBeLessThanOrEqual(2 * leaf);
        }
        for (let p = t.start[i]!; p < t.end[i]!; p++) {
          for (let j = 0; j < d; j++) {
            const v = t.points[p * d + j]!;
            if (v < t.lo[i * d + j]! || v > t.hi[i * d + j]!) outside++;
          }
        }
      }
      expect(outside).toBe(0);
    }
  });

  it('is the same tree every time (threads and reruns agree), even over equal rows', () => {
    const rng = new Rng(4);
    const x = Float32Array.from({ length: 500 * 2 }, () => rng.int(3));
    const a = build(x, 2);
    const b = build(x.slice(), 2);
    expect([...a.order]).toEqual([...b.order]);
    const same = new Float32Array(300 * 3).fill(7);
    const t = build(same, 3);
    expect(t.lo[0]).toBe(7);
    expect(t.hi[0]).toBe(7);
  });
});
