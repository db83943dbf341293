import { Rng } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { kMeans } from './kmeans';

describe('kMeans', () => {
  it('recovers well separated groups and is seeded', () => {
    const rng = new Rng(3);
    const centres = [[0, 0], [10, 0], [0, 10]];
    const x = new Float32Array(90 * 2);
    for (let i = 0; i < 90; i++) {
      x[2 * i] = centres[i % 3]![0]! + rng.normal() * 0.3;
      x[2 * i + 1] = centres[i % 3]![1]! + rng.normal() * 0.3;
    }
    const a = kMeans(x, 2, 3, new Rng(1));
    for (let i = 3; i < 90; i++) expect(a.assignments[i]).toBe(a.assignments[i % 3]);
    expect(new Set(a.assignments).size).toBe(3);
    const b = kMeans(x, 2, 3, new Rng(1));
    expect([...b.centroids]).toEqual([...a.centroids]);
  });

  it('caps k at the number of rows and survives duplicates', () => {
    const x = new Float32Array([1, 1, 1, 1, 1, 1]);
    const r = kMeans(x, 2, 8, new Rng(1));
    expect(r.k).toBe(3);
    expect(r.assignments).toHaveLength(3);
  });
});
