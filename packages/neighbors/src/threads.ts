import workerSource from 'virtual:knn-worker';
import { ThreadPool } from './thread-pool';
import { threadPlatform } from './threads-platform.node.js';

let pool: ThreadPool | undefined | null = null;

/**
 * The process's k-NN worker pool, made on first use: `worker_threads` in Node, Web Workers in
 * browsers (the browser build swaps the platform module), or none (searches then run on the
 * calling thread).
 */
export function threadPool(): ThreadPool | undefined {
  if (pool === null) {
    const platform = threadPlatform();
    pool = platform && new ThreadPool(platform, workerSource);
  }
  return pool;
}
