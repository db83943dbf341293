// Worker threads on Node (docs/design.md, "Platforms"); threads-platform.browser.ts has the same exports.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Platform, ThreadPort } from './thread-pool';
import type { FromWorker } from './worker-protocol';

/** Defines the worker's port over `worker_threads` before the worker script runs. */
const PRELUDE =
  "const { parentPort } = require('node:worker_threads');" +
  'globalThis.__oversampleKnnPort = { post: (m, t) => parentPort.postMessage(m, t), listen: (f) => parentPort.on("message", f) };\n';

/** Workers from `worker_threads` (Node, Bun), running the worker script from a string. */
export function threadPlatform(): Platform | undefined {
  return {
    cores: os.availableParallelism(),
    spawn(source: string): ThreadPort | undefined {
      let worker: Worker;
      try {
        worker = new Worker(PRELUDE + source, { eval: true });
      } catch {
        return undefined;
      }
      return {
        post: (message) => worker.postMessage(message),
        listen(onMessage, onFailure) {
          worker.on('message', (m: FromWorker) => onMessage(m));
          worker.on('error', (e: Error) => onFailure(e));
          worker.on('exit', (code: number) => onFailure(new Error(`the worker exited (code ${code})`)));
        },
        keepAlive: (on) => (on ? worker.ref() : worker.unref()),
      };
    },
  };
}
