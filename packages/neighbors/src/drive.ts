import { checkpoint, type RunOptions } from '@oversample/core';
import { absorb, openScan, resultShape, type ScanTask } from './scan-task';
import type { KNeighborsResult, Search } from './search';
import { TopK } from './top-k';

/** Runs a scan's units on this thread and returns its result (`undefined` yields are ignored). */
function* scanHere(task: ScanTask): Generator<void, TopK> {
  const work = openScan(task);
  const shape = resultShape(task);
  let top: TopK | undefined;
  const part = yield* work.run(0, work.units);
  if (part) top = absorb(top, part, shape);
  const kept = work.collect();
  if (kept) top = absorb(top, kept, shape);
  return top ?? new TopK(shape.rows, shape.k);
}

/** Drives a generator to its end without yielding. */
function drain<T>(g: Generator<void, T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}

/** Runs a search to its end on this thread, synchronously. */
export function runSync(s: Search): KNeighborsResult {
  let input: TopK | undefined;
  for (;;) {
    const r = s.next(input);
    if (r.done) return r.value;
    input = r.value ? drain(scanHere(r.value)) : undefined;
  }
}

/** Longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 16;

/**
 * Runs scans on several threads: given a task, resolves to its merged result. Reports progress
 * and honours the signal itself.
 */
export type ScanExecutor = (task: ScanTask, options: RunOptions) => Promise<TopK>;

/**
 * Runs a search on this thread in slices of at most ~{@link SLICE_MS} ms, yielding to the event
 * loop between them (so an abort lands promptly); scans go to `executor` when it is given and
 * accepts them (`undefined` means run them here).
 */
export async function runAsync(
  s: Search,
  options: RunOptions,
  executor: (task: ScanTask) => ScanExecutor | undefined,
): Promise<KNeighborsResult> {
  const { signal, onProgress } = options;
  let last = performance.now();
  const pause = async (): Promise<void> => {
    if (performance.now() - last < SLICE_MS) return;
    await checkpoint(signal);
    last = performance.now();
  };
  await checkpoint(signal);
  let input: TopK | undefined;
  for (;;) {
    const r = s.next(input);
    if (r.done) return r.value;
    input = undefined;
    const task = r.value;
    if (!task) {
      await pause();
      continue;
    }
    const run = executor(task);
    if (run) {
      input = await run(task, options);
      last = performance.now();
      continue;
    }
    // Here, unit by unit, with progress per slice.
    const work = openScan(task);
    const shape = resultShape(task);
    let top: TopK | undefined;
    const g = work.run(0, work.units);
    let done = 0;
    for (;;) {
      const step = g.next();
      if (step.done) {
        if (step.value) top = absorb(top, step.value, shape);
        break;
      }
      done++;
      if (performance.now() - last >= SLICE_MS) {
        onProgress?.({ stage: 'knn', done, total: work.units, unit: task.kind === 'tree' ? 'query block' : 'tile pair' });
        await checkpoint(signal);
        last = performance.now();
      }
    }
    const kept = work.collect();
    if (kept) top = absorb(top, kept, shape);
    onProgress?.({ stage: 'knn', done: work.units, total: work.units, unit: task.kind === 'tree' ? 'query block' : 'tile pair' });
    input = top ?? new TopK(shape.rows, shape.k);
  }
}
