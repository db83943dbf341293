/**
 * `--jobs N`: a pool of N worker processes (dist/worker.js), each running one task at a time.
 * A worker that dies (crash, out of memory) fails its task's remaining cells with the reason and
 * is replaced; Ctrl-C is passed on so workers stop at their next checkpoint.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TaskExecutor } from './executor';
import type { TaskEvents, TaskOutcome, TaskSpec } from './task';
import { failedCell } from './task';
import type { FromWorker, ToWorker } from './worker-protocol';

/** Where the built worker entry is (beside the built CLI). */
export function workerPath(): string {
  return fileURLToPath(new URL('./worker.js', import.meta.url));
}

/** The default of `--jobs`: one per core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * A pool of `jobs` worker processes. Each gets `OVERSAMPLE_TF_WASM_THREADS` = cores / jobs (unless
 * set), so N workers do not oversubscribe the cores with TensorFlow.js threads.
 */
export function createPool(jobs: number, env: NodeJS.ProcessEnv = process.env): TaskExecutor {
  const path = workerPath();
  if (!existsSync(path)) throw new Error(`--jobs ${jobs} needs the built worker ${path}; run pnpm build (or use --jobs 1)`);
  const threads = String(Math.max(1, Math.floor(availableParallelism() / jobs)));
  const childEnv = { ...env, OVERSAMPLE_TF_WASM_THREADS: env.OVERSAMPLE_TF_WASM_THREADS ?? threads };
  const idle: ChildProcess[] = [];
  const all = new Set<ChildProcess>();
  const spawn = (): ChildProcess => {
    const child = fork(path, [], { env: childEnv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    all.add(child);
    child.on('exit', () => all.delete(child));
    return child;
  };
  const run = (spec: TaskSpec, events: TaskEvents, signal?: AbortSignal): Promise<TaskOutcome> =>
    new Promise((resolve) => {
      const child = idle.pop() ?? spawn();
      const ended = new Set<string>();
      const onAbort = (): void => {
        if (child.connected) child.send({ type: 'abort' } satisfies ToWorker);
      };
      const finish = (outcome: TaskOutcome, reusable: boolean): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        if (reusable && child.connected) idle.push(child);
        resolve(outcome);
      };
      // The cells a dead worker did not finish fail with the reason, like any failed cell.
      const failRest = (why: string): void => {
        for (const c of spec.classifiers) {
          if (ended.has(c.hash)) continue;
          const key = { dataset: spec.dataset.id, sampler: spec.sampler, classifier: c.name, repeat: spec.repeat, fold: spec.fold, seed: spec.seed };
          const cell = failedCell(key, c.hash, why);
          events.endCell(cell, 0);
        }
      };
      const onMessage = (m: FromWorker): void => {
        switch (m.type) {
          case 'startCell':
            events.startCell(m.label);
            break;
          case 'update':
            events.update(m.phase, m.progress);
            break;
          case 'note':
            events.note(m.line);
            break;
          case 'endCell':
            ended.add(m.cell.configHash);
            events.endCell(m.cell, m.seconds);
            break;
          case 'done':
            finish(m.outcome, true);
            break;
          case 'error':
            failRest(`worker failed: ${m.message.split('\n')[0]}`);
            finish({ grid: false, interrupted: false }, true);
            break;
        }
      };
      const onExit = (code: number | null, sig: NodeJS.Signals | null): void => {
        if (signal?.aborted) {
          finish({ grid: false, interrupted: true }, false);
          return;
        }
        failRest(`worker process died (${sig ?? `exit code ${code}`}; out of memory?)`);
        finish({ grid: false, interrupted: false }, false);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      child.send({ type: 'run', spec } satisfies ToWorker);
    });
  return {
    parallel: jobs,
    run,
    close: async () => {
      const exits = [...all].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))));
      for (const c of all) if (c.connected) c.disconnect();
      await Promise.all(exits);
    },
  };
}
