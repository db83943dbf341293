import { Rng } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './config';
import type { DatasetRef } from './datasets';
import { shardOf } from './plan';
import { derivedSeed } from './task';

const ref = (id: string): DatasetRef => ({ id, spec: id, kind: 'table', loader: 'keel', path: id, identity: `identity-${id}` });

describe('shards', () => {
  const tasks = ['a', 'b', 'c'].flatMap((d) => [0, 1, 2, 3, 4].flatMap((fold) => ['none', 'smote', 'adasyn'].map((sampler) => ({ dataset: ref(d), repeat: 0, fold, sampler, seed: 0 }))));

  it('deal every task to exactly one shard, in near-equal numbers, the same way every time', () => {
    for (const count of [1, 2, 3, 7, 45, 50]) {
      const shards = Array.from({ length: count }, (_, i) => shardOf(tasks, { index: i + 1, count }));
      const all = shards.flat();
      expect(all).toHaveLength(tasks.length);
      expect(new Set(all).size).toBe(tasks.length);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(shardOf(tasks, { index: 1, count })).toEqual(shards[0]);
    }
  });

  it('mix samplers within a shard rather than giving one shard all of one sampler', () => {
    for (let i = 1; i <= 3; i++) expect(new Set(shardOf(tasks, { index: i, count: 3 }).map((t) => t.sampler)).size).toBe(3);
  });
});

describe('derived seeds', () => {
  it('stay below 2^32 and distinct at the limits, and the samplers accept them', () => {
    const top = derivedSeed(LIMITS.maxSeed, LIMITS.maxRepeats - 1, LIMITS.maxFolds - 1);
    expect(top).toBeLessThan(2 ** 32);
    expect(() => new Rng(top)).not.toThrow();
    const seen = new Set<number>();
    for (const seed of [0, 1, LIMITS.maxSeed]) for (let r = 0; r < LIMITS.maxRepeats; r++) for (let f = 0; f < LIMITS.maxFolds; f++) seen.add(derivedSeed(seed, r, f));
    expect(seen.size).toBe(3 * LIMITS.maxRepeats * LIMITS.maxFolds);
  });
});
