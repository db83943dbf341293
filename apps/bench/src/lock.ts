/**
 * A lock on a run folder, so two processes never write one run's report at once. The lock file
 * names its holder; a lock whose holder is gone (killed) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './usage-error';

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of `dir` (creating the folder) and returns its release. Throws `UsageError`
 * when a live process on this machine holds it; a stale lock is replaced.
 */
export function lockRunDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() } satisfies Holder));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: Partial<Holder> = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
      } catch {
        // An unreadable lock file is a leftover of a killed run.
      }
      const sameHost = holder.host === hostname();
      if (typeof holder.pid === 'number' && (!sameHost || alive(holder.pid))) {
        throw new UsageError(
          `another run (pid ${holder.pid}${sameHost ? '' : ` on ${holder.host}`}, started ${holder.started ?? '?'}) is writing ${dir}; ` +
            `wait for it, or give this run another --out (delete ${path} if that run is gone)`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new UsageError(`could not take the lock ${path}`);
}
