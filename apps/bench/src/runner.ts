/**
 * Runs a plan: reads what the cache already holds (checking every file), hands the rest to an
 * executor task by task (several at once with worker processes), caches each ok cell as soon as
 * it exists, and collects every cell in plan order. Cancellation (an aborted signal) stops
 * handing out tasks, lets running ones stop at their next checkpoint, and keeps what finished.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write';
import { notePath, readCell, writeCell } from './cache';
import { codeChangedSince } from './fingerprint';
import type { TaskExecutor } from './executor';
import { inProcessExecutor } from './executor';
import type { PlannedCell, PlannedTask, RunPlan } from './plan';
import { planTasks, splitKey, taskSpec } from './plan';
import type { ProgressSink } from './progress';
import { failedCell } from './task';
import type { CellResult } from './results';

/** What a run produced. */
export interface RunOutcome {
  /** Every cell of the plan that has a result (computed now or cached), in plan order. */
  readonly cells: CellResult[];
  readonly computed: number;
  readonly cached: number;
  /** Cells of the plan (of this shard). */
  readonly planned: number;
  readonly interrupted: boolean;
  /** Cache files that were ignored (and recomputed), with the reason. */
  readonly ignoredCacheFiles: readonly string[];
  /** Per dataset id, how it was loaded and cut. */
  readonly datasetNotes: readonly { readonly dataset: string; readonly note: string }[];
  /** Image grids in the cache: absolute paths. */
  readonly images: readonly { readonly dataset: string; readonly sampler: string; readonly path: string }[];
  /** CPU seconds the computed tasks took, over every process (a load-independent measure of work). */
  readonly cpuSeconds: number;
}

/** Options of `runPlan`. */
export interface RunnerOptions {
  readonly progress: ProgressSink;
  readonly signal?: AbortSignal;
  /** Default: one task at a time in this process. */
  readonly executor?: TaskExecutor;
}

/** The cost group of a cell for time estimates: data kind, sampler and classifier. */
export function cellGroup(kind: 'table' | 'image', sampler: string, classifier: string): string {
  return `${kind}|${sampler}|${classifier}`;
}

/** What the cache holds for a plan: cells found, cells to compute, files ignored. */
export interface CacheLookup {
  readonly tasks: readonly PlannedTask[];
  readonly found: ReadonlyMap<string, CellResult>;
  readonly todo: ReadonlyMap<PlannedTask, readonly PlannedCell[]>;
  readonly ignored: readonly string[];
  readonly planned: number;
}

/** Reads the cache for every cell of the plan (nothing when `useCache` is off). */
export function lookupCache(plan: RunPlan): CacheLookup {
  const tasks = planTasks(plan);
  const found = new Map<string, CellResult>();
  const todo = new Map<PlannedTask, PlannedCell[]>();
  const ignored: string[] = [];
  let planned = 0;
  for (const task of tasks) {
    const missing: PlannedCell[] = [];
    for (const c of task.cells) {
      planned++;
      const read = plan.useCache ? readCell(plan.out, task.dataset.identity, c.key, c.hash) : undefined;
      if (read && 'cell' in read) found.set(c.hash, read.cell);
      else {
        if (read) ignored.push(read.problem);
        missing.push(c);
      }
    }
    if (missing.length > 0) todo.set(task, missing);
  }
  return { tasks, found, todo, ignored, planned };
}

/**
 * Runs every cell of `plan` not already cached, writing each ok cell to the cache as it finishes.
 * Resolves with every available cell when done or when `signal` aborts (then `interrupted`).
 */
export async function runPlan(plan: RunPlan, options: RunnerOptions, lookup = lookupCache(plan)): Promise<RunOutcome> {
  const { progress, signal } = options;
  const executor = options.executor ?? inProcessExecutor();
  const computedCells = new Map<string, CellResult>();
  const notes = new Map<string, string>();
  let interrupted = false;
  let cpuMs = 0;
  for (const problem of lookup.ignored) progress.note(`ignoring a cache file (recomputing): ${problem}`);

  const pending = [...lookup.todo.entries()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      if (signal?.aborted) {
        interrupted = true;
        return;
      }
      const [task, todo] = pending[next++]!;
      const kind = task.dataset.kind;
      let current = '';
      const outcome = await executor.run(
        taskSpec(plan, task, todo),
        {
          startCell: (label) => {
            current = label;
            progress.startCell(label);
          },
          update: (phase, p) => progress.update(phase, p, current),
          note: (line) => progress.note(line),
          endCell: (done, seconds) => {
            // A rebuild during the run: this cell may have run the new code under the old key.
            const changed = done.status === 'ok' ? codeChangedSince() : [];
            const cell =
              changed.length === 0
                ? done
                : failedCell(
                    { dataset: done.dataset, sampler: done.sampler, classifier: done.classifier, repeat: done.repeat, fold: done.fold, seed: done.seed },
                    done.configHash,
                    `the code of ${changed.join(', ')} was rebuilt during the run, so this cell is not kept; run again to compute it with the new build`,
                  );
            try {
              writeCell(plan.out, task.dataset.identity, cell);
            } catch (err) {
              progress.note(`could not cache a cell: ${err instanceof Error ? err.message : String(err)}`);
            }
            computedCells.set(cell.configHash, cell);
            const m = cell.metrics;
            const summary = cell.status === 'ok' ? `ACSA ${m.acsa?.toFixed(3)} GM ${m.gmMacro?.toFixed(3)} F1 ${m.f1Macro?.toFixed(3)}` : (cell.error ?? '');
            const label = `${cell.dataset} · ${cell.sampler} · ${cell.classifier} · r${cell.repeat} f${cell.fold} s${cell.seed}`;
            progress.endCell(label, cell.status === 'ok', seconds, summary, cellGroup(kind, cell.sampler, cell.classifier));
          },
        },
        signal,
      );
      cpuMs += outcome.cpuMs ?? 0;
      if (outcome.datasetNote !== undefined && !notes.has(task.dataset.id)) {
        notes.set(task.dataset.id, outcome.datasetNote);
        try {
          writeFileAtomic(notePath(plan.out, task.dataset.identity, splitKey(task.dataset, plan)), `${outcome.datasetNote}\n`);
        } catch {
          // The note is a convenience for later cached runs; the report has it from this run.
        }
      }
      if (outcome.interrupted) {
        interrupted = true;
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(executor.parallel, pending.length)) }, () => worker()));
  } finally {
    await executor.close();
  }
  if (signal?.aborted && computedCells.size + lookup.found.size < lookup.planned) interrupted = true;

  const cells: CellResult[] = [];
  let cached = 0;
  for (const task of lookup.tasks) {
    for (const c of task.cells) {
      const cell = computedCells.get(c.hash) ?? lookup.found.get(c.hash);
      if (!cell) continue;
      if (!computedCells.has(c.hash)) cached++;
      cells.push(cell);
    }
  }
  const datasetNotes: { dataset: string; note: string }[] = [];
  const images: { dataset: string; sampler: string; path: string }[] = [];
  for (const ref of plan.datasets) {
    let note = notes.get(ref.id);
    const path = notePath(plan.out, ref.identity, splitKey(ref, plan));
    if (note === undefined && existsSync(path)) note = readFileSync(path, 'utf8').trim();
    if (note !== undefined && lookup.tasks.some((t) => t.dataset.id === ref.id)) datasetNotes.push({ dataset: ref.id, note });
  }
  for (const task of lookup.tasks) {
    if (task.gridPath !== undefined && existsSync(task.gridPath)) images.push({ dataset: task.dataset.id, sampler: task.sampler, path: task.gridPath });
  }
  return {
    cells,
    computed: computedCells.size,
    cached,
    planned: lookup.planned,
    interrupted,
    ignoredCacheFiles: lookup.ignored,
    datasetNotes,
    images,
    cpuSeconds: cpuMs / 1000,
  };
}
