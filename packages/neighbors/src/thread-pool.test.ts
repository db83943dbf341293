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
 * the event loop (as between threads); `fail` makes a worker answer runs with an error (or die).
 * A worker comes up (says 'ready') only when the test calls `release()`: when a worker joins a
 * scan is then the test's choice, not a race between timers and the calling thread's slices.
 */
function fakePlatform(options: { spawnable?: number; fail?: 'run' | 'crash' } = {}): Platform & {
  spawned: number;
  runs: number;
  failures: number;
  release(): void;
} {
  let spawned = 0;
  let runs = 0;
  let failures = 0;
  let released = false;
  // Each started worker's pending 'ready', delivered by `release()`.
  const held: (() => void)[] = [];
  return {
    cores: 3,
    get spawned() {
      return spawned;
    },
    get runs() {
      return runs;
    },
    get failures() {
      return failures;
    },
    release() {
      released = true;
      for (const up of held.splice(0)) up();
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
            if (options.fail && m.type === 'run') {
              failures++;
              if (options.fail === 'crash') onFailure?.(new Error('out of memory'));
              else toParent?.({ type: 'error', job: m.job, message: 'kernel failed' });
            } else {
              if (m.type === 'run') runs++;
              toWorker!(m);
            }
          }, 0);
        },
        listen(f, fail) {
          toParent = f;
          onFailure = fail;
          const up = (): void => {
            for (const m of early.splice(0)) f(m);
          };
          if (released) up();
          else held.push(up);
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
      const runsBefore = platform.runs;
      // The workers come up after the calling thread's first slice (at most a third of the
      // scan), so in the first scan they join one already under way; later scans find them up.
      const onProgress = (): void => {
        if (slices++ === 0) platform.release();
      };
      const got = await runAsync(search(problem(x, d, 5, options)), { onProgress }, () => executor);
      expect(slices).toBeGreaterThan(3);
      expect(got.indices).toEqual(want.indices);
      expect(got.distances).toEqual(want.distances);
      // The workers took slices of every scan (the calling thread took the rest).
      expect(platform.runs).toBeGreaterThan(runsBefore);
    }
    // Started once, then reused.
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
      const failing = fakePlatform({ fail });
      const executor = new ThreadPool(failing, '').executor(2);
      // The workers come up after the calling thread's first slice, with slices still to hand out.
      const onProgress = (): void => failing.release();
      await expect(runAsync(search(problem(x, 2, 3, { algorithm: 'kd-tree' })), { onProgress }, () => executor)).rejects.toThrow(message);
      // A worker ran a slice and failed it (the failure is reached, not skipped by the race).
      expect(failing.failures).toBeGreaterThan(0);
    }
  });
});
