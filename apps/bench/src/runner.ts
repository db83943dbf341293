/**
 * Runs the grid of cells: per dataset, per repeat and fold, the training fold is standardised
 * (tables), resampled once per (sampler, seed) and given to every classifier; each cell's scores go
 * to the cache as soon as they exist. Cancellation (an aborted signal) stops at the next
 * checkpoint and keeps what finished.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Dataset, Progress, Sampler } from '@oversample/core';
import { CancelledError, classCounts, subsetDataset } from '@oversample/core';
import { cellPath, configHash, notePath, readCell, writeCell } from './cache';
import { categoricalColumns, oneHotEncode } from './encoding';
import { scoreCell } from './evaluate';
import { writeGrid } from './image-grid';
import type { ImageConfig } from './config';
import type { DatasetSource } from './datasets';
import type { OptionValues } from './option-schema';
import type { ProgressSink } from './progress';
import { classifierReads, classifierRecord, samplerRecord } from './registry';
import type { CellKey, CellResult } from './results';

/** Everything a run needs, resolved from the preset and the flags. */
export interface RunPlan {
  readonly datasets: readonly DatasetSource[];
  readonly samplers: readonly string[];
  /** Classifiers for tables and for images. */
  readonly tableClassifiers: readonly string[];
  readonly imageClassifiers: readonly string[];
  readonly folds: number;
  readonly repeats: number;
  readonly seeds: readonly number[];
  readonly image: Required<ImageConfig>;
  /** Resolved options per data kind, per sampler and classifier name. */
  readonly options: { readonly table: Readonly<Record<string, OptionValues>>; readonly image: Readonly<Record<string, OptionValues>> };
  readonly out: string;
  readonly useCache: boolean;
}

/** What a run produced. */
export interface RunOutcome {
  /** Every cell of the plan that has a result (computed now or cached), in plan order. */
  readonly cells: CellResult[];
  readonly computed: number;
  readonly cached: number;
  readonly planned: number;
  readonly interrupted: boolean;
  readonly datasetNotes: string[];
  /** PNG grids written (or found) for image datasets: paths relative to `out`. */
  readonly images: { dataset: string; sampler: string; file: string }[];
}

/** Options of `runPlan`. */
export interface RunnerOptions {
  readonly progress: ProgressSink;
  readonly signal?: AbortSignal;
}

/** The classifiers that apply to a dataset kind. */
export function classifiersFor(plan: RunPlan, kind: 'table' | 'image'): string[] {
  return (kind === 'image' ? plan.imageClassifiers : plan.tableClassifiers).filter((c) => classifierReads(classifierRecord(c), kind));
}

/** Hash of the settings that shape one cell (not its key): folds, image cut, every option of its sampler and classifier. */
export function cellConfig(plan: RunPlan, kind: 'table' | 'image', sampler: string, classifier: string): string {
  const options = plan.options[kind];
  return configHash({
    v: 3,
    folds: plan.folds,
    repeats: plan.repeats,
    image: kind === 'image' ? plan.image : undefined,
    sampler: options[sampler],
    classifier: options[classifier],
  });
}

/**
 * The options a sampler is built with on one fold: neighbour counts lowered to (smallest class - 1)
 * when the fold's smallest class is too small for them (ours; the cell records the value used).
 */
export function effectiveSamplerOptions(name: string, options: OptionValues, smallestClass: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options };
  for (const key of samplerRecord(name).neighborOptions) {
    const k = out[key];
    if (typeof k === 'number') out[key] = Math.max(1, Math.min(k, smallestClass - 1));
  }
  return out;
}

function label(key: CellKey): string {
  return `${key.dataset} · ${key.sampler} · ${key.classifier} · r${key.repeat} f${key.fold} s${key.seed}`;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.split('\n')[0]!;
  return String(err);
}

function isCancel(err: unknown, signal: AbortSignal | undefined): boolean {
  return err instanceof CancelledError || (signal?.aborted ?? false);
}

/**
 * Per-column standardisation fitted on the training fold only (no leakage into the test fold).
 * Categorical columns (category codes) are left as they are.
 */
export function standardize(train: Dataset, test: Dataset): { train: Dataset; test: Dataset } {
  const d = train.shape[0]!;
  const n = train.y.length;
  const isCategorical = new Uint8Array(d);
  for (const j of categoricalColumns(train)) isCategorical[j] = 1;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += train.x[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = train.x[i * d + j]! - mean[j]!;
      sq[j]! += v * v;
    }
  }
  // Population std, as scikit-learn's StandardScaler; a constant column is left centred, not divided by 0.
  const scale = Float64Array.from(sq, (s, j) => {
    const sd = Math.sqrt(s / n);
    return sd > 0 && !isCategorical[j] ? sd : 1;
  });
  for (let j = 0; j < d; j++) if (isCategorical[j]) mean[j] = 0;
  const apply = (ds: Dataset): Dataset => {
    const x = new Float32Array(ds.x.length);
    for (let i = 0; i < ds.y.length; i++) for (let j = 0; j < d; j++) x[i * d + j] = (ds.x[i * d + j]! - mean[j]!) / scale[j]!;
    return { ...ds, x };
  };
  return { train: apply(train), test: apply(test) };
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

/** The cost group of a cell for time estimates: data kind, sampler and classifier. */
export function cellGroup(kind: 'table' | 'image', sampler: string, classifier: string): string {
  return `${kind}|${sampler}|${classifier}`;
}

/** Counts the cells of a plan, how many are already cached, and the cost group of each one to compute. */
export function countCells(plan: RunPlan): { planned: number; cached: number; pendingGroups: string[] } {
  let planned = 0;
  let cached = 0;
  const pendingGroups: string[] = [];
  for (const ds of plan.datasets) {
    for (const classifier of classifiersFor(plan, ds.kind)) {
      for (const sampler of plan.samplers) {
        const hash = cellConfig(plan, ds.kind, sampler, classifier);
        for (let repeat = 0; repeat < plan.repeats; repeat++) {
          for (let fold = 0; fold < plan.folds; fold++) {
            for (const seed of plan.seeds) {
              planned++;
              if (plan.useCache && existsSync(cellPath(plan.out, { dataset: ds.id, sampler, classifier, repeat, fold, seed }, hash))) cached++;
              else pendingGroups.push(cellGroup(ds.kind, sampler, classifier));
            }
          }
        }
      }
    }
  }
  return { planned, cached, pendingGroups };
}

/** The image-grid path of a (dataset, sampler), relative to `out`. */
export function gridFile(dataset: string, sampler: string): string {
  return `images/${dataset.replace(/[^A-Za-z0-9._-]+/g, '_')}__${sampler}.png`;
}

/**
 * Runs every cell of `plan` not already cached, writing each to the cache as it finishes.
 * Resolves with every available cell when done or when `signal` aborts (then `interrupted`).
 */
export async function runPlan(plan: RunPlan, options: RunnerOptions): Promise<RunOutcome> {
  const { progress, signal } = options;
  const cells: CellResult[] = [];
  const notes: string[] = [];
  const images: { dataset: string; sampler: string; file: string }[] = [];
  let computed = 0;
  let cachedCount = 0;
  let planned = 0;
  let interrupted = false;

  datasetLoop: for (const source of plan.datasets) {
    const classifiers = classifiersFor(plan, source.kind);
    if (classifiers.length === 0) continue;
    const hashOf = (s: string, c: string): string => cellConfig(plan, source.kind, s, c);
    const keysFor = (repeat: number, fold: number, sampler: string, seed: number): CellKey[] =>
      classifiers.map((classifier) => ({ dataset: source.id, sampler, classifier, repeat, fold, seed }));
    const lookup = (key: CellKey): CellResult | undefined =>
      plan.useCache ? readCell(plan.out, key, hashOf(key.sampler, key.classifier)) : undefined;

    // All cached: report from the cache without loading the data.
    const allKeys: CellKey[] = [];
    for (let repeat = 0; repeat < plan.repeats; repeat++)
      for (let fold = 0; fold < plan.folds; fold++)
        for (const sampler of plan.samplers) for (const seed of plan.seeds) allKeys.push(...keysFor(repeat, fold, sampler, seed));
    planned += allKeys.length;
    const fromCache = allKeys.map(lookup);
    if (fromCache.every((c) => c !== undefined)) {
      cells.push(...(fromCache as CellResult[]));
      cachedCount += allKeys.length;
      const np = notePath(plan.out, source.id);
      if (existsSync(np)) notes.push(readFileSync(np, 'utf8').trim());
      if (source.kind === 'image') {
        for (const s of plan.samplers) if (existsSync(join(plan.out, gridFile(source.id, s)))) images.push({ dataset: source.id, sampler: s, file: gridFile(source.id, s) });
      }
      continue;
    }

    progress.note(`loading ${source.id} ...`);
    let data: Dataset;
    try {
      const loaded = await source.load();
      data = loaded.data;
      notes.push(loaded.note);
      mkdirSync(dirname(notePath(plan.out, source.id)), { recursive: true });
      writeFileSync(notePath(plan.out, source.id), `${loaded.note}\n`);
    } catch (err) {
      // A dataset that cannot be read fails its cells, not the whole run.
      const msg = `loading failed: ${errorText(err)}`;
      progress.note(`${source.id}: ${msg}`);
      for (const key of allKeys) {
        cells.push(failedCell(key, msg, hashOf(key.sampler, key.classifier)));
      }
      continue;
    }
    const nClasses = Math.max(...data.y) + 1;
    const counts = classCounts(data.y);
    const minority = [...counts.entries()].reduce((a, b) => (b[1] < a[1] ? b : a))[0];
    const categorical = categoricalColumns(data);
    const { repeatedStratifiedKFold } = await import('@oversample/data');
    const folds = repeatedStratifiedKFold(data.y, plan.folds, plan.repeats, { seed: 20240601 });

    for (const split of folds) {
      let train = subsetDataset(data, split.train);
      let test = subsetDataset(data, split.test);
      if (source.kind === 'table') ({ train, test } = standardize(train, test));
      // SMOTE-NC takes category codes; every other sampler and every classifier takes one-hot columns.
      const trainOneHot = oneHotEncode(train);
      const testOneHot = oneHotEncode(test);
      const smallest = Math.min(...classCounts(train.y).values());
      for (const sampler of plan.samplers) {
        for (const seed of plan.seeds) {
          const keys = keysFor(split.repeat, split.fold, sampler, seed);
          const existing = keys.map(lookup);
          if (existing.every((c) => c !== undefined)) {
            cells.push(...(existing as CellResult[]));
            cachedCount += keys.length;
            continue;
          }
          if (signal?.aborted) {
            interrupted = true;
            break datasetLoop;
          }
          // One resampling per (fold, sampler, seed), shared by every classifier.
          const runSeed = seed * 1000 + split.repeat * 100 + split.fold;
          let cellStart = Date.now();
          progress.startCell(label(keys.find((_, i) => existing[i] === undefined)!));
          const onResample = (p: Progress): void => progress.update('resample', p);
          let resampled: Dataset | undefined;
          let resampleError: string | undefined;
          const record = samplerRecord(sampler);
          const samplerOptions = effectiveSamplerOptions(sampler, plan.options[source.kind][sampler]!, smallest);
          const t0 = performance.now();
          try {
            const s: Sampler = await record.create(samplerOptions, { seed: runSeed, categoricalFeatures: categorical });
            progress.update('resample');
            const input = record.categorical ? train : trainOneHot;
            const out = await s.fitResample(input, { onProgress: onResample, ...(signal ? { signal } : {}) });
            resampled = record.categorical ? oneHotEncode(out) : out;
            const d = s as { dispose?: () => void };
            if (typeof d.dispose === 'function') d.dispose();
          } catch (err) {
            if (isCancel(err, signal)) {
              interrupted = true;
              break datasetLoop;
            }
            resampleError = `resampling failed: ${errorText(err)}`;
          }
          const resampleMs = performance.now() - t0;
          if (resampled && source.kind === 'image' && sampler !== 'none' && split.repeat === 0 && split.fold === 0 && seed === plan.seeds[0]) {
            const file = gridFile(source.id, sampler);
            try {
              await writeGrid(join(plan.out, file), train, resampled, nClasses);
              images.push({ dataset: source.id, sampler, file });
            } catch (err) {
              progress.note(`image grid for ${source.id}/${sampler} not written: ${errorText(err)}`);
            }
          }
          for (const [i, key] of keys.entries()) {
            const hit = existing[i];
            if (hit) {
              cells.push(hit);
              cachedCount++;
              continue;
            }
            if (signal?.aborted) {
              interrupted = true;
              break datasetLoop;
            }
            if (i > 0) {
              cellStart = Date.now();
              progress.startCell(label(key));
            }
            const hash = hashOf(sampler, key.classifier);
            const classifierOptions = plan.options[source.kind][key.classifier]!;
            let cell: CellResult;
            if (!resampled) {
              cell = { ...failedCell(key, resampleError ?? 'resampling failed', hash, resampleMs), samplerOptions, classifierOptions };
            } else {
              try {
                cell = await runClassifier(key, hash, resampled, trainOneHot, testOneHot, nClasses, minority, data.classNames, resampleMs, classifierOptions, progress, signal);
                cell = { ...cell, samplerOptions };
              } catch (err) {
                if (isCancel(err, signal)) {
                  interrupted = true;
                  break datasetLoop;
                }
                cell = { ...failedCell(key, `classifier failed: ${errorText(err)}`, hash, resampleMs), samplerOptions, classifierOptions };
              }
            }
            writeCell(plan.out, cell);
            cells.push(cell);
            computed++;
            const m = cell.metrics;
            const summary =
              cell.status === 'ok'
                ? `ACSA ${m.acsa?.toFixed(3)} GM ${m.gmMacro?.toFixed(3)} F1 ${m.f1Macro?.toFixed(3)}`
                : cell.error ?? '';
            progress.endCell(label(key), cell.status === 'ok', (Date.now() - cellStart) / 1000, summary, cellGroup(source.kind, sampler, key.classifier));
          }
        }
      }
    }
  }
  return { cells, computed, cached: cachedCount, planned, interrupted, datasetNotes: notes, images };
}

function failedCell(key: CellKey, error: string, hash: string, resampleMs = 0): CellResult {
  return {
    ...key,
    status: 'failed',
    error,
    metrics: {},
    resampleMs,
    fitMs: 0,
    predictMs: 0,
    trainRows: 0,
    resampledRows: 0,
    testRows: 0,
    configHash: hash,
    finishedAt: new Date().toISOString(),
  };
}

async function runClassifier(
  key: CellKey,
  hash: string,
  resampled: Dataset,
  train: Dataset,
  test: Dataset,
  nClasses: number,
  minority: number,
  classNames: readonly string[] | undefined,
  resampleMs: number,
  classifierOptions: OptionValues,
  progress: ProgressSink,
  signal: AbortSignal | undefined,
): Promise<CellResult> {
  const runSeed = key.seed * 1000 + key.repeat * 100 + key.fold;
  const record = classifierRecord(key.classifier);
  const clf = await record.create(classifierOptions, { seed: runSeed });
  // Early stopping watches a share of the resampled rows held out (the protocol has no validation set here).
  const validation = record.validationOption && classifierOptions.earlyStopping !== undefined ? (classifierOptions[record.validationOption] as number) : undefined;
  try {
    progress.update('fit');
    const t1 = performance.now();
    await clf.fit(resampled, { onProgress: (p) => progress.update('fit', p), ...(validation !== undefined ? { validation } : {}), ...(signal ? { signal } : {}) });
    const fitMs = performance.now() - t1;
    progress.update('predict');
    const t2 = performance.now();
    const proba = await clf.predictProba(test, signal ? { signal } : {});
    const predictMs = performance.now() - t2;
    // A class absent from the resampled training set gives the model fewer outputs; pad with zeros.
    const k = clf.nClasses;
    const full = k === nClasses ? proba : padColumns(proba, k, nClasses);
    const yPred = argmaxRows(full, nClasses);
    const scores = scoreCell(test.y, yPred, full, nClasses, minority, classNames);
    return {
      ...key,
      status: 'ok',
      metrics: scores.metrics,
      resampleMs,
      fitMs,
      predictMs,
      trainRows: train.y.length,
      resampledRows: resampled.y.length,
      testRows: test.y.length,
      perClass: scores.perClass,
      confusionMatrix: scores.confusionMatrix,
      classifierOptions,
      configHash: hash,
      finishedAt: new Date().toISOString(),
    };
  } finally {
    clf.dispose();
  }
}

function padColumns(proba: Float32Array, k: number, nClasses: number): Float32Array {
  const n = proba.length / k;
  const out = new Float32Array(n * nClasses);
  for (let i = 0; i < n; i++) out.set(proba.subarray(i * k, (i + 1) * k), i * nClasses);
  return out;
}
