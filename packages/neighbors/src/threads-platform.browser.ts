// Web Workers in browsers (docs/design.md, "Platforms"); the browser side of threads-platform.node.ts.
import type * as NodeSide from './threads-platform.node.js';
import type { Platform, ThreadPort } from './thread-pool';
import type { FromWorker, ToWorker } from './worker-protocol';

/** The parts of the Web Worker API used here (the project's lib settings do not declare the DOM). */
interface WebWorker {
  postMessage(message: ToWorker): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}
interface WebGlobals {
  Worker?: new (url: string) => WebWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL?: (blob: object) => string };
  navigator?: { hardwareConcurrency?: number };
}

/** Defines the worker's port over the Web Worker globals before the worker script runs. */
const PRELUDE =
  'globalThis.__oversampleKnnPort = { post: (m, t) => postMessage(m, t), listen: (f) => addEventListener("message", (e) => f(e.data)) };\n';

/**
 * Web Workers (browsers, Deno, Bun) from a `blob:` URL of the worker script, or undefined where
 * there are none. A page whose Content-Security-Policy forbids `blob:` workers gets no worker
 * (the search then runs on the calling thread).
 */
export const threadPlatform: typeof NodeSide.threadPlatform = (): Platform | undefined => {
  const g = globalThis as WebGlobals;
  const { Worker, Blob } = g;
  const createObjectURL = g.URL?.createObjectURL;
  if (!Worker || !Blob || !createObjectURL) return undefined;
  let url: string | undefined;
  return {
    cores: Math.max(1, g.navigator?.hardwareConcurrency ?? 1),
    spawn(source: string): ThreadPort | undefined {
      let worker: WebWorker;
      try {
        url ??= createObjectURL(new Blob([PRELUDE + source], { type: 'text/javascript' }));
        worker = new Worker(url);
      } catch {
        return undefined;
      }
      return {
        post: (message) => worker.postMessage(message),
        listen(onMessage, onFailure) {
          worker.onmessage = (event) => onMessage(event.data);
          worker.onerror = (event) => {
            event.preventDefault?.();
            onFailure(new Error(event.message ?? 'the worker failed to start'));
          };
        },
        keepAlive: () => undefined,
      };
    },
  };
};
