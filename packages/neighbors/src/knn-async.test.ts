import { CancelledError, OptionError, Rng, type Progress } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import type { KernelChoice } from './gram-kernel';
import { kNearestNeighbors, kNearestNeighborsAsync, searchNeighbors } from './knn';
import type { KNeighborsResult } from './search';
import type { KNearestNeighborsOptions } from './search-problem';

function expectSame(got: KNeighborsResult, want: KNeighborsResult, label: string): void {
  expect(got.algorithm, label).toBe(want.algorithm);
  expect(got.indices, label).toEqual(want.indices);
  // Bit for bit: Float32Array equality compares every value exactly.
  expect(got.distances, label).toEqual(want.distances);
}

describe('kNearestNeighborsAsync', () => {
  const rng = new Rng(11);
  const gauss = (n: number, d: number, scale = 1, offset = 0): Float32Array =>
    Float32Array.from({ length: n * d }, () => offset + scale * rng.normal());
  const sparse = (n: number, d: number): Float32Array => Float32Array.from({ length: n * d }, () => (rng.uniform() < 0.7 ? 0 : rng.uniform()));
  const cases: [string, Float32Array, number, number, KNearestNeighborsOptions, KernelChoice][] = [
    ['the tree, self', gauss(4000, 3), 3, 6, { algorithm: 'kd-tree' }, 'auto'],
    ['the tree, queries', gauss(2000, 2), 2, 5, { algorithm: 'kd-tree', queries: gauss(600, 2) }, 'auto'],
    ['brute force, float32 tiles (verified)', sparse(500, 64), 64, 5, { algorithm: 'brute' }, 'auto'],
    ['brute force, float64 tiles', gauss(400, 8), 8, 4, { algorithm: 'brute' }, 'auto'],
    ['brute force, float64 tiles, queries', gauss(300, 24), 24, 4, { algorithm: 'brute', queries: gauss(200, 24) }, 'wasm'],
    ['brute force, JavaScript kernel', gauss(250, 20), 20, 3, { algorithm: 'brute' }, 'js'],
    // float32 sums too coarse far from the origin: verified, then redone in float64.
    ['brute force, float32 falling back to float64', gauss(250, 32, 1, 1000), 32, 4, { algorithm: 'brute' }, 'wasm32'],
  ];
  it.each(cases)('gives bit-identical results on 1, 2 and 3 threads: %s', async (label, x, d, k, options, kernel) => {
    const want = searchNeighbors(x, d, k, options, kernel);
    for (const threads of [1, 2, 3]) {
      expectSame(await searchNeighbors(x, d, k, options, kernel, threads), want, `${label}, ${threads} threads`);
    }
  });

  it('gives the synchronous answer with its defaults', async () => {
    const x = gauss(5000, 2);
    expectSame(await kNearestNeighborsAsync(x, 2, 5), kNearestNeighbors(x, 2, 5), 'defaults');
  });

  it('lands an abort while it searches, on the calling thread and with workers', async () => {
    const rng = new Rng(1);
    // Long enough (seconds) that the abort comes mid-search on any machine.
    const tall = Float32Array.from({ length: 1_500_000 * 3 }, () => rng.normal());
    const wide = Float32Array.from({ length: 12_000 * 96 }, () => rng.normal());
    for (const [x, d] of [
      [tall, 3],
      [wide, 96],
    ] as const) {
      for (const threads of [1, 2]) {
        const controller = new AbortController();
        let ticks = 0;
        const timer = setInterval(() => ticks++, 5);
        setTimeout(() => controller.abort(new Error('user stop')), 60);
        const run = kNearestNeighborsAsync(x, d, 5, { threads, signal: controller.signal });
        await expect(run).rejects.toThrow(CancelledError);
        await expect(run).rejects.toThrow(/user stop/);
        clearInterval(timer);
        // The event loop kept turning while it worked.
        expect(ticks).toBeGreaterThan(0);
      }
    }
    const stopped = new AbortController();
    stopped.abort();
    await expect(kNearestNeighborsAsync(tall, 3, 5, { signal: stopped.signal })).rejects.toThrow(CancelledError);
  }, 120_000);

  it('reports progress through the scan, ending at the total', async () => {
    const rng = new Rng(3);
    const x = Float32Array.from({ length: 40_000 * 2 }, () => rng.normal());
    for (const threads of [1, 2]) {
      const seen: Progress[] = [];
      await kNearestNeighborsAsync(x, 2, 5, { threads, onProgress: (p) => seen.push(p) });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((p) => p.stage === 'knn')).toBe(true);
      const last = seen.at(-1)!;
      expect(last.done).toBe(last.total);
    }
  });

  it('rejects bad threads and unknown options with typed errors', async () => {
    const x = new Float32Array([0, 1, 2, 3, 4, 5]);
    for (const threads of [0, 1.5, -2, 'many']) {
      await expect(kNearestNeighborsAsync(x, 2, 1, { threads: threads as never })).rejects.toThrow(OptionError);
    }
    await expect(kNearestNeighborsAsync(x, 2, 1, { threads: 0 })).rejects.toThrow(/threads must be 'auto' or an integer >= 1, got 0/);
    await expect(kNearestNeighborsAsync(x, 2, 1, { thread: 2 } as never)).rejects.toThrow(/no option "thread"/);
    await expect(kNearestNeighborsAsync(x, 2, 9)).rejects.toThrow(/k = 9 neighbours need at least 10 rows/);
  });
});
