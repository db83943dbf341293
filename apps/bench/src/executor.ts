/**
 * Where tasks run. `inProcessExecutor` runs them one at a time in this process (`--jobs 1`);
 * the worker pool (pool.ts) runs several at once in child processes. Both take the same task
 * specs and report the same events, so the cells are the same.
 */
import type { TaskEvents, TaskOutcome, TaskSpec } from './task';
import { runTask } from './task';

/** Runs tasks. */
export interface TaskExecutor {
  /** How many tasks may run at once. */
  readonly parallel: number;
  run(spec: TaskSpec, events: TaskEvents, signal?: AbortSignal): Promise<TaskOutcome>;
  /** Releases workers; safe to call twice. */
  close(): Promise<void>;
}

/** Runs one task at a time in this process. */
export function inProcessExecutor(): TaskExecutor {
  return {
    parallel: 1,
    run: (spec, events, signal) => runTask(spec, events, signal),
    close: async () => {},
  };
}
