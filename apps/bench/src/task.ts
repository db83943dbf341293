/**
 * The cell pipeline: one task is one resampling of one training fold (dataset, repeat, fold,
 * sampler, seed), shared by every classifier that is trained on it and scored on the test fold.
 * It runs in the CLI's process (`--jobs 1`) or in a worker process; a task spec and its events are
 * plain data, so both ways give the same cells.
 */
import type { Dataset, Progress, Sampler } from '@oversample/core';
import { CancelledError, classCounts } from '@oversample/core';
import type { ImageConfig } from './config';
import type { DatasetRef } from './datasets';
import { loadDataset } from './datasets';
import { categoricalColumns, oneHotEncode } from './encoding';
import type { CellScores } from './evaluate';
import { scoreCell } from './evaluate';
import { writeGrid } from './image-grid';
import type { OptionValues } from './option-schema';
import type { FoldSets, PreparedDataset } from './protocol';
import { foldSets, prepareDataset, smallestClass } from './protocol';
import { classifierRecord, samplerRecord } from './registry';
import type { CellKey, CellResult, TestScores } from './results';

/** One classifier to train on a task's resampled fold. */
export interface TaskClassifier {
  readonly name: string;
  readonly options: OptionValues;
  /** The cell's cache key hash, recorded in the cell. */
  readonly hash: string;
}

/** Everything a task needs, as plain data. */
export interface TaskSpec {
  readonly dataset: DatasetRef;
  readonly folds: number;
  readonly repeats: number;
  readonly image: Required<ImageConfig>;
  readonly repeat: number;
  readonly fold: number;
  readonly sampler: string;
  /** Resolved options for this data kind (neighbour counts are lowered per fold here). */
  readonly samplerOptions: OptionValues;
  readonly seed: number;
  /** The classifiers whose cells are wanted (those not cached). */
  readonly classifiers: readonly TaskClassifier[];
  /** Where to write the real-vs-synthetic image grid, if this task draws it. */
  readonly gridPath?: string;
}

/** What a task reports while it runs. */
export interface TaskEvents {
  /** A cell starts (the first one also covers the resampling). */
  startCell(label: string): void;
  update(phase: string, progress?: Progress): void;
  /** A cell finished (ok or failed), with its wall seconds. */
  endCell(cell: CellResult, seconds: number): void;
  note(line: string): void;
}

/** How a task ended. */
export interface TaskOutcome {
  /** The dataset's note (how it was loaded and cut), when it could be loaded. */
  readonly datasetNote?: string;
  /** Whether the image grid was written. */
  readonly grid: boolean;
  /** Stopped by the signal before every cell finished. */
  readonly interrupted: boolean;
  /** CPU milliseconds (user + system, every thread of the process) the task took. */
  readonly cpuMs?: number;
}

/** The seed a sampler and a classifier of a cell use: distinct per (seed, repeat, fold), below 2^32 within LIMITS. */
export function derivedSeed(seed: number, repeat: number, fold: number): number {
  return seed * 1000 + repeat * 100 + fold;
}

/** `glass1 · smote · knn · r0 f1 s0`. */
export function cellLabel(key: CellKey): string {
  return `${key.dataset} · ${key.sampler} · ${key.classifier} · r${key.repeat} f${key.fold} s${key.seed}`;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.split('\n')[0]!;
  return String(err);
}

/**
 * The options a sampler is built with on one fold: neighbour counts lowered to (smallest class - 1)
 * when the fold's smallest class is too small for them (ours; the cell records the value used).
 */
export function effectiveSamplerOptions(name: string, options: OptionValues, smallest: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options };
  for (const key of samplerRecord(name).neighborOptions) {
    const k = out[key];
    if (typeof k === 'number') out[key] = Math.max(1, Math.min(k, smallest - 1));
  }
  return out;
}

// Loaded and split datasets, per process: a worker loads each dataset once for all its tasks.
const prepared = new Map<string, Promise<PreparedDataset>>();

function preparedFor(spec: TaskSpec): Promise<PreparedDataset> {
  const key = JSON.stringify([spec.dataset.identity, spec.dataset.kind === 'image' ? spec.image : null, spec.folds, spec.repeats]);
  let p = prepared.get(key);
  if (!p) {
    p = loadDataset(spec.dataset).then((loaded) => prepareDataset(spec.dataset, loaded, spec));
    // A failure is kept too: every task of that dataset fails with the same reason, fast.
    prepared.set(key, p);
  }
  return p;
}

/** Forgets loaded datasets (tests; a long-lived worker that moves on). */
export function clearPreparedDatasets(): void {
  prepared.clear();
}

/** A failed cell of `key`: the reason, no scores. */
export function failedCell(key: CellKey, hash: string, error: string, extra: Partial<CellResult> = {}): CellResult {
  return {
    ...key,
    resampleMs: 0,
    fitMs: 0,
    predictMs: 0,
    trainRows: 0,
    resampledRows: 0,
    testRows: 0,
    configHash: hash,
    ...extra,
    status: 'failed',
    error,
    metrics: {},
    finishedAt: new Date().toISOString(),
  };
}

/**
 * Runs one task: prepares the fold, resamples it once, trains and scores each classifier.
 * Every cell ends in `events.endCell` (ok or failed with the reason); a dataset that cannot be
 * loaded or split fails its cells instead of the run. Resolves early, `interrupted`, when
 * `signal` aborts.
 */
export async function runTask(spec: TaskSpec, events: TaskEvents, signal?: AbortSignal): Promise<TaskOutcome> {
  const cpu0 = process.cpuUsage();
  const outcome = await runCells(spec, events, signal);
  const cpu = process.cpuUsage(cpu0);
  return { ...outcome, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function runCells(spec: TaskSpec, events: TaskEvents, signal?: AbortSignal): Promise<TaskOutcome> {
  const keys = spec.classifiers.map((c) => ({
    key: { dataset: spec.dataset.id, sampler: spec.sampler, classifier: c.name, repeat: spec.repeat, fold: spec.fold, seed: spec.seed },
    clf: c,
  }));
  const aborted = (err?: unknown): boolean => err instanceof CancelledError || (signal?.aborted ?? false);
  if (signal?.aborted || keys.length === 0) return { grid: false, interrupted: signal?.aborted ?? false };
  const first = keys[0]!;
  let cellStart = performance.now();
  events.startCell(cellLabel(first.key));

  let p: PreparedDataset;
  let sets: FoldSets;
  try {
    events.update('load');
    p = await preparedFor(spec);
    sets = foldSets(p, spec.repeat, spec.fold);
  } catch (err) {
    const why = `dataset ${spec.dataset.id} could not be prepared: ${errorText(err)}`;
    for (const [i, { key, clf }] of keys.entries()) {
      if (i > 0) events.startCell(cellLabel(key));
      events.endCell(failedCell(key, clf.hash, why), 0);
    }
    return { grid: false, interrupted: false };
  }

  const sampler = samplerRecord(spec.sampler);
  const categorical = categoricalColumns(sets.train);
  const trainOneHot = oneHotEncode(sets.train);
  const testOneHot = oneHotEncode(sets.test);
  const nClasses = Math.max(...p.data.y) + 1;
  const counts = classCounts(p.data.y);
  const minority = [...counts.entries()].reduce((a, b) => (b[1] < a[1] ? b : a))[0];
  const samplerOptions = effectiveSamplerOptions(spec.sampler, spec.samplerOptions, smallestClass(sets.train));
  const runSeed = derivedSeed(spec.seed, spec.repeat, spec.fold);

  let resampled: Dataset | undefined;
  let resampleError: string | undefined;
  const t0 = performance.now();
  try {
    const s: Sampler = await sampler.create(samplerOptions, { seed: runSeed, categoricalFeatures: categorical });
    events.update('resample');
    const input = sampler.categorical ? sets.train : trainOneHot;
    const out = await s.fitResample(input, { onProgress: (pr) => events.update('resample', pr), ...(signal ? { signal } : {}) });
    resampled = sampler.categorical ? oneHotEncode(out) : out;
    (s as { dispose?: () => void }).dispose?.();
  } catch (err) {
    if (aborted(err)) return { datasetNote: p.note, grid: false, interrupted: true };
    resampleError = `resampling failed: ${errorText(err)}`;
  }
  const resampleMs = performance.now() - t0;

  let grid = false;
  if (resampled && spec.gridPath !== undefined) {
    try {
      await writeGrid(spec.gridPath, sets.train, resampled, nClasses);
      grid = true;
    } catch (err) {
      events.note(`image grid for ${spec.dataset.id}/${spec.sampler} not written: ${errorText(err)}`);
    }
  }

  for (const [i, { key, clf }] of keys.entries()) {
    if (signal?.aborted) return { datasetNote: p.note, grid, interrupted: true };
    if (i > 0) {
      cellStart = performance.now();
      events.startCell(cellLabel(key));
    }
    const shared = { samplerOptions, classifierOptions: clf.options, resampleMs, trainRows: sets.train.y.length, testRows: sets.test.y.length };
    let cell: CellResult;
    if (!resampled) {
      cell = failedCell(key, clf.hash, resampleError ?? 'resampling failed', shared);
    } else {
      try {
        cell = await trainAndScore(key, clf, resampled, testOneHot, sets, nClasses, minority, p.data.classNames, runSeed, events, signal);
        cell = { ...cell, ...shared, resampledRows: resampled.y.length };
      } catch (err) {
        if (aborted(err)) return { datasetNote: p.note, grid, interrupted: true };
        cell = failedCell(key, clf.hash, `classifier failed: ${errorText(err)}`, shared);
      }
    }
    events.endCell(cell, (performance.now() - cellStart) / 1000);
  }
  return { datasetNote: p.note, grid, interrupted: false };
}

function padColumns(proba: Float32Array, k: number, nClasses: number): Float32Array {
  const n = proba.length / k;
  const out = new Float32Array(n * nClasses);
  for (let i = 0; i < n; i++) out.set(proba.subarray(i * k, (i + 1) * k), i * nClasses);
  return out;
}

function argmaxRows(proba: Float32Array, k: number): Int32Array {
  const n = proba.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c]! > proba[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

function toTestScores(s: CellScores, testRows: number): TestScores {
  return { metrics: s.metrics, perClass: s.perClass, confusionMatrix: s.confusionMatrix, testRows };
}

async function trainAndScore(
  key: CellKey,
  clf: TaskClassifier,
  resampled: Dataset,
  test: Dataset,
  sets: FoldSets,
  nClasses: number,
  minority: number,
  classNames: readonly string[] | undefined,
  runSeed: number,
  events: TaskEvents,
  signal: AbortSignal | undefined,
): Promise<CellResult> {
  const record = classifierRecord(clf.name);
  const model = await record.create(clf.options, { seed: runSeed });
  // Early stopping watches the protocol's validation set, else a share of the resampled rows.
  const stopping = clf.options.earlyStopping !== undefined;
  const validation = !stopping ? undefined : sets.validation ? oneHotEncode(sets.validation) : (clf.options[record.validationOption ?? ''] as number | undefined);
  const run = signal ? { signal } : {};
  try {
    events.update('fit');
    const t1 = performance.now();
    await model.fit(resampled, { onProgress: (pr) => events.update('fit', pr), ...(validation !== undefined ? { validation } : {}), ...run });
    const fitMs = performance.now() - t1;
    events.update('predict');
    const score = async (set: Dataset): Promise<{ scores: CellScores; ms: number }> => {
      const t2 = performance.now();
      const proba = await model.predictProba(set, run);
      const ms = performance.now() - t2;
      // A class absent from the resampled training set gives the model fewer outputs; pad with zeros.
      const full = model.nClasses === nClasses ? proba : padColumns(proba, model.nClasses, nClasses);
      return { scores: scoreCell(set.y, argmaxRows(full, nClasses), full, nClasses, minority, classNames), ms };
    };
    const main = await score(test);
    const balanced = sets.balancedTest ? await score(oneHotEncode(sets.balancedTest)) : undefined;
    return {
      ...key,
      status: 'ok',
      metrics: main.scores.metrics,
      perClass: main.scores.perClass,
      confusionMatrix: main.scores.confusionMatrix,
      ...(balanced ? { balanced: toTestScores(balanced.scores, sets.balancedTest!.y.length) } : {}),
      resampleMs: 0,
      fitMs,
      predictMs: main.ms,
      trainRows: 0,
      resampledRows: resampled.y.length,
      testRows: test.y.length,
      configHash: clf.hash,
      finishedAt: new Date().toISOString(),
    };
  } finally {
    model.dispose();
  }
}
