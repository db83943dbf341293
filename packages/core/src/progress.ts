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
  await yieldToEventLoop();
  throwIfAborted(signal);
}

interface Port {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

/**
 * Resolves once pending events (timers, I/O, an abort) have had their turn: `setImmediate` where it
 * exists (Node, Bun), else a `MessageChannel` message (browsers, where `setTimeout(0)` is clamped to
 * 4 ms after a few nested calls), else `setTimeout`.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as unknown as {
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: new () => { port1: Port; port2: Port };
  };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return new Promise((resolve) => void setImmediate(resolve));
  }
  if (typeof g.MessageChannel === 'function') {
    const { port1, port2 } = new g.MessageChannel();
    return new Promise((resolve) => {
      port1.onmessage = () => {
        // Closed at once: an open port would keep some runtimes (Deno) alive.
        port1.close();
        port2.close();
        resolve();
      };
      port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
