import { CancelledError } from './errors';

/** One progress report from long work. `done` and `total` count `unit`s of the named stage. */
export interface Progress {
  /** What is running, e.g. `'train'`, `'generate'`, `'knn'`. */
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  /** What `done` and `total` count, e.g. `'epoch'`, `'row'`, `'batch'`. */
  readonly unit?: string;
  /** Stage-specific figures such as `{ loss: 0.12 }`. */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly message?: string;
}

/** The options object every long-running call takes: progress reports and cancellation. */
export interface RunOptions {
  /** Called as work advances; must not throw. */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting it stops the work with a `CancelledError` at the next checkpoint. */
  readonly signal?: AbortSignal;
}

/** Throws `CancelledError` if `signal` has been aborted. Call it at checkpoints of long loops. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    throw new CancelledError(
      reason instanceof Error && reason.message ? `cancelled: ${reason.message}` : 'the operation was cancelled',
      { cause: reason },
    );
  }
}

/**
 * Yields to the event loop so that an abort from a timer or a signal handler can land,
 * then checks the signal. Use between batches of synchronous work.
 */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfAborted(signal);
}
