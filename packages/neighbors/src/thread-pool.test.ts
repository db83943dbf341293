import { Rng } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { runAsync, runSync } from './drive';
import { search } from './search';
import { prepareSearch, SYNC_OPTIONS, type KNearestNeighborsOptions } from './search-problem';
import { ThreadPool, type Platform, type ThreadPort } from './thread-pool';
import { serve } from './worker-entry';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * In-process "workers" running the real worker code, with messages delivered on later turns of
 * the event loop (as between threads); `fail` makes a worker answer runs with an error.
 */
function fakePlatform(options: { spawnable?: number; fail?: 'run' | 'crash' } = {}): Platform & { spawned: number; runs: number } {
  let spawned = 0;
  let runs = 0;
  return {
    cores: 3,
    get spawned() {
      return spawned;
    },
    get runs() {
      return runs;
    },
    spawn(): ThreadPort | undefined {
      if (spawned >= (options.spawnable ?? Infinity)) return undefined;
      spawned++;
      let toParent: ((m: FromWorker) => void) | undefined;
      let onFailure: ((e: Error) => void) | undefined;
      let toWorker: ((m: ToWorker) => void) | undefined;
      const early: FromWorker[] = [];
      serve({
        post: (m) => (toParent ? setTimeout(() => toParent!(m), 0) : early.push(m)),
        listen: (f) => (toWorker = f),
      });
      return {
        post(m) {
          setTimeout(() => {
            if (options.fail === 'crash' && m.type === 'run') onFailure?.(new Error('out of memory'));
            else if (options.fail === 'run' && m.type === 'run') toParent?.({ type: 'error', job: m.job, message: 'kernel failed' });
            else {
              if (m.type === 'run') runs++;
              toWorker!(m);
            }
          }, 0);
        },
        listen(f, fail) {
          toParent = f;
          onFailure = fail;
          for (const m of early.splice(0)) setTimeout(() => f(m), 0);
        },
        keepAlive: () => undefined,
      };
    },
  };
}

const problem = (x: Float32Array, d: number, k: number, options: KNearestNeighborsOptions = {}) =>
  prepareSearch(x, d, k, options, SYNC_OPTIONS);

describe('ThreadPool', () => {
  it('spreads scans over its workers in many slices and merges them to the one-thread result', async () => {
    const rng = new Rng(9);
    const tall = Float32Array.from({ length: 4000 * 2 }, () => rng.normal());
    const wide = Float32Array.from({ length: 900 * 40 }, () => (rng.uniform() < 0.5 ? 0 : rng.normal()));
    const platform = fakePlatform();
    const pool = new ThreadPool(platform, '');
    const executor = pool.executor(3);
    // Workers start at the first scan, not before.
    expect(platform.spawned).toBe(0);
    for (const [x, d, options] of [
      [tall, 2, { algorithm: 'kd-tree' }],
      [wide, 40, { algorithm: 'brute' }],
      [wide, 40, { algorithm: 'brute', queries: wide.subarray(0, 200 * 40) }],
    ] as const) {
      const want = runSync(search(problem(x, d, 5, options)));
      let slices = 0;
      const got = await runAsync(search(problem(x, d, 5, options)), { onProgress: () => slices++ }, () => executor);
      expect(slices).toBeGreaterThan(3);
      expect(got.indices).toEqual(want.indices);
      expect(got.distances).toEqual(want.distances);
    }
    // Started once, then reused; the workers took slices (the calling thread took the rest).
    expect(platform.spawned).toBe(3);
    expect(platform.runs).toBeGreaterThan(3);
  });

  it('runs scans on the calling thread alone where no worker starts, and fails a scan whose worker fails', async () => {
    const x = Float32Array.from({ length: 600 * 2 }, (_, i) => Math.sin(i));
    const platform = fakePlatform({ spawnable: 0 });
    const none = new ThreadPool(platform, '').executor(2);
    const p = problem(x, 2, 3, { algorithm: 'kd-tree' });
    const local = await runAsync(search(p), {}, () => none);
    expect(platform.spawned).toBe(0);
    expect(local.indices).toEqual(runSync(search(p)).indices);
    expect(local.distances).toEqual(runSync(search(p)).distances);
    for (const [fail, message] of [
      ['run', /a worker failed: kernel failed/],
      ['crash', /a worker failed: out of memory/],
    ] as const) {
      const executor = new ThreadPool(fakePlatform({ fail }), '').executor(2);
      await expect(runAsync(search(problem(x, 2, 3, { algorithm: 'kd-tree' })), {}, () => executor)).rejects.toThrow(message);
    }
  });
});
