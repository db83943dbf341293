import workerSource from 'virtual:knn-worker';
import { nodePlatform } from './platform-node';
import { webPlatform } from './platform-web';
import { ThreadPool } from './thread-pool';

let pool: Promise<ThreadPool | undefined> | undefined;

/**
 * The process's k-NN worker pool: Web Workers where the runtime has them, else Node's
 * `worker_threads`, else none (searches then run on the calling thread).
 */
export function threadPool(): Promise<ThreadPool | undefined> {
  pool ??= (async () => {
    const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
    const platform = webPlatform() ?? (isNode ? await nodePlatform() : undefined);
    return platform && new ThreadPool(platform, workerSource);
  })();
  return pool;
}
