/** The messages between the CLI and its worker processes (structured-clone serialisation). */
import type { Progress } from '@oversample/core';
import type { CellResult } from './results';
import type { TaskOutcome, TaskSpec } from './task';

/** Parent to worker. */
export type ToWorker = { readonly type: 'run'; readonly spec: TaskSpec } | { readonly type: 'abort' };

/** Worker to parent. */
export type FromWorker =
  | { readonly type: 'startCell'; readonly label: string }
  | { readonly type: 'update'; readonly phase: string; readonly progress?: Progress }
  | { readonly type: 'endCell'; readonly cell: CellResult; readonly seconds: number }
  | { readonly type: 'note'; readonly line: string }
  | { readonly type: 'done'; readonly outcome: TaskOutcome }
  | { readonly type: 'error'; readonly message: string };
