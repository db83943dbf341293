import type * as WorkerThreads from 'node:worker_threads';
import type * as Os from 'node:os';
import type { Platform, ThreadPort } from './thread-pool';
import type { FromWorker } from './worker-protocol';

/**
 * Loads a Node built-in by a name bundlers do not follow: this module is only reached where
 * `process.versions.node` is set, and a browser build must not try to resolve `node:*`.
 */
const loadBuiltin = (name: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ name);

/** Defines the worker's port over `worker_threads` before the worker script runs. */
const PRELUDE =
  "const { parentPort } = require('node:worker_threads');" +
  'globalThis.__oversampleKnnPort = { post: (m, t) => parentPort.postMessage(m, t), listen: (f) => parentPort.on("message", f) };\n';

/** Workers from `worker_threads` (Node, Bun), running the script from a string. */
export async function nodePlatform(): Promise<Platform | undefined> {
  try {
    const wt = (await loadBuiltin('node:worker_threads')) as typeof WorkerThreads;
    const os = (await loadBuiltin('node:os')) as typeof Os;
    return {
      cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
      spawn(source: string): ThreadPort | undefined {
        let worker: WorkerThreads.Worker;
        try {
          worker = new wt.Worker(PRELUDE + source, { eval: true });
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
  } catch {
    return undefined;
  }
}
