import type { ScanPart, ScanTask } from './scan-task';

/**
 * Messages to a k-NN worker: open a scan (its task, arrays shared or copied), run units of it,
 * collect what the worker kept (which also closes the scan), or close it unfinished (an abort).
 */
export type ToWorker =
  | { readonly type: 'open'; readonly job: number; readonly task: ScanTask }
  | { readonly type: 'run'; readonly job: number; readonly from: number; readonly to: number }
  | { readonly type: 'collect'; readonly job: number }
  | { readonly type: 'close'; readonly job: number };

/**
 * Messages from a k-NN worker: it has started; a run is done (with result rows for some tasks, and
 * the milliseconds it took);
 * a collect's answer; a failure. Every `run` and `collect` gets exactly one `done`, `collected`
 * or `error`.
 */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly job: number; readonly part: ScanPart | undefined; readonly ms: number }
  | { readonly type: 'collected'; readonly job: number; readonly part: ScanPart | undefined }
  | { readonly type: 'error'; readonly job: number; readonly message: string };

/** The buffers of a part, to transfer rather than copy. */
export function transferList(part: ScanPart | undefined): ArrayBuffer[] {
  if (!part) return [];
  return [part.dist.buffer, part.index.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
