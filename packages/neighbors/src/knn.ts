import { OptionError, describeValue, type RunOptions } from '@oversample/core';
import { runAsync, runSync } from './drive';
import type { KernelChoice } from './gram-kernel';
import { search, type KNeighborsResult } from './search';
import { SYNC_OPTIONS, prepareSearch, type KNearestNeighborsOptions, type SearchProblem } from './search-problem';
import { scanCostMs } from './scan-cost';
import { threadPool } from './threads';

/** Options of {@link kNearestNeighborsAsync}: those of {@link kNearestNeighbors}, and more. */
export interface KNearestNeighborsAsyncOptions extends KNearestNeighborsOptions, RunOptions {
  /**
   * Threads to search with, the calling thread included: `'auto'` (default) uses one per core
   * when the search is long enough for workers to pay (tens of milliseconds), `1` only the
   * calling thread, `n` the calling thread and up to `n - 1` workers. Results are bit-identical
   * whatever the count. Workers are Web Workers (browsers) or `worker_threads` (Node); where
   * neither can start, the calling thread searches alone.
   */
  readonly threads?: number | 'auto';
}

const ASYNC_OPTIONS = [...SYNC_OPTIONS, 'threads', 'signal', 'onProgress'] as const;

/**
 * Exact k nearest neighbours (Euclidean), on the calling thread, synchronously.
 *
 * `x` holds the candidate rows, row-major with `d` values each. Without `options.queries` every
 * row of `x` is a query and is not its own neighbour; with `queries`, each query row gets its k
 * nearest rows of `x`. Ties are broken by the lower candidate index. `algorithm: 'auto'` (the
 * default) picks a KD-tree for few columns and blocked SIMD brute force for many, as
 * scikit-learn does; either gives the exact answer. For long searches prefer
 * {@link kNearestNeighborsAsync}: every core, and the event loop keeps turning.
 *
 * @example
 * // three points on a line; each one's nearest other point
 * const { indices, distances } = kNearestNeighbors(new Float32Array([0, 1, 3]), 1, 1);
 * // indices = [1, 0, 1], distances = [1, 1, 2]
 */
export function kNearestNeighbors(
  x: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsOptions = {},
): KNeighborsResult {
  return runSync(search(prepareSearch(x, d, k, options, SYNC_OPTIONS)));
}

/**
 * {@link kNearestNeighbors} without blocking: the search runs in slices of a few milliseconds
 * between turns of the event loop (an abort through `signal` lands within them, as a
 * `CancelledError`) and its costly part is spread over worker threads (`threads`). The result
 * is bit-identical to {@link kNearestNeighbors}'s. `onProgress` reports stage `'knn'`.
 *
 * @example
 * const controller = new AbortController();
 * const { indices } = await kNearestNeighborsAsync(rows, 2, 5, { signal: controller.signal });
 */
export async function kNearestNeighborsAsync(
  x: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsAsyncOptions = {},
): Promise<KNeighborsResult> {
  const problem = prepareSearch(x, d, k, options, ASYNC_OPTIONS);
  const threads = options.threads ?? 'auto';
  if (threads !== 'auto' && (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1)) {
    throw new OptionError(`kNearestNeighbors: threads must be 'auto' or an integer >= 1, got ${describeValue(threads)}`);
  }
  return searchAsync(problem, threads, options, 'auto');
}

/** Shortest estimated scan (ms on one thread) that `threads: 'auto'` hands to workers. */
const WORKER_MIN_MS = 40;

async function searchAsync(
  problem: SearchProblem,
  threads: number | 'auto',
  options: RunOptions,
  kernel: KernelChoice,
): Promise<KNeighborsResult> {
  const pool = threads === 1 ? undefined : threadPool();
  // The calling thread works too: `threads` counts it.
  const workers = pool ? (threads === 'auto' ? pool.cores : threads) - 1 : 0;
  // Workers start at the first scan long enough for them (or at once when threads are forced).
  const executor = pool && workers > 0 ? pool.executor(workers) : undefined;
  const forced = threads !== 'auto';
  return runAsync(search(problem, kernel), options, (task) =>
    executor && (forced || scanCostMs(task) >= WORKER_MIN_MS) ? executor : undefined,
  );
}

/**
 * {@link kNearestNeighbors} with the algorithm, brute-force kernel and threads chosen (tests and
 * benchmarks compare them); `threads: undefined` runs synchronously.
 */
export function searchNeighbors(
  x: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsOptions,
  kernel: KernelChoice,
): KNeighborsResult;
export function searchNeighbors(
  x: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsOptions,
  kernel: KernelChoice,
  threads: number | 'auto',
  run?: RunOptions,
): Promise<KNeighborsResult>;
export function searchNeighbors(
  x: Float32Array,
  d: number,
  k: number,
  options: KNearestNeighborsOptions,
  kernel: KernelChoice,
  threads?: number | 'auto',
  run: RunOptions = {},
): KNeighborsResult | Promise<KNeighborsResult> {
  const problem = prepareSearch(x, d, k, options, SYNC_OPTIONS);
  if (threads === undefined) return runSync(search(problem, kernel));
  return searchAsync(problem, threads, run, kernel);
}
