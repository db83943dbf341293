/**
 * A run's plan and the grid it spans: datasets x repeats x folds x samplers x seeds tasks (one
 * resampling each), each with the cells of its classifiers and their cache keys; the shard of the
 * grid a machine runs; and the run's name (so two different runs never share a report).
 */
import type { GridSettings, ImageConfig } from './config';
import type { CellHashInput } from './cache';
import { cellHash, gridCachePath } from './cache';
import type { DatasetRef } from './datasets';
import { benchPipelineHash, forgetFingerprints, packageFingerprints, sha256 } from './fingerprint';
import { classifierReads, classifierRecord, samplerRecord } from './registry';
import type { CellKey } from './results';
import type { TaskSpec } from './task';

/** Which part of the grid this machine runs: `index` of `count` (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Everything a run needs, resolved from the configuration and the flags. */
export interface RunPlan extends GridSettings {
  readonly datasets: readonly DatasetRef[];
  readonly out: string;
  readonly useCache: boolean;
  readonly shard?: Shard;
}

/** One cell of a task: its key and cache key hash. */
export interface PlannedCell {
  readonly key: CellKey;
  readonly hash: string;
}

/** One task of the grid with the cells it yields. */
export interface PlannedTask {
  readonly dataset: DatasetRef;
  readonly repeat: number;
  readonly fold: number;
  readonly sampler: string;
  readonly seed: number;
  readonly cells: readonly PlannedCell[];
  /** Where its image grid is (or would be) cached, for the task that draws one. */
  readonly gridPath?: string;
}

/** The classifiers that apply to a dataset kind. */
export function classifiersFor(plan: Pick<RunPlan, 'tableClassifiers' | 'imageClassifiers'>, kind: 'table' | 'image'): string[] {
  return (kind === 'image' ? plan.imageClassifiers : plan.tableClassifiers).filter((c) => classifierReads(classifierRecord(c), kind));
}

/** The key under which a dataset's loading and splitting is shared (and its note cached). */
export function splitKey(ref: Pick<DatasetRef, 'identity' | 'kind'>, s: { readonly folds: number; readonly repeats: number; readonly image: Required<ImageConfig> }): string {
  return JSON.stringify([ref.identity, ref.kind === 'image' ? s.image : null, s.folds, s.repeats]);
}

const codeMemo = new Map<string, string[]>();

/** Forgets the code fingerprints of earlier runs in this process: each run hashes the code it runs. */
export function resetCodeFingerprints(): void {
  codeMemo.clear();
  forgetFingerprints();
}

/**
 * The code a cell of (sampler, classifier) runs: the bench's pipeline, the data, metrics and
 * core packages, the sampler's and the classifier's packages, each with its dependencies.
 * Without a classifier: the code of the resampling alone (for image grids).
 */
export function cellCode(sampler: string, classifier?: string): string[] {
  const key = `${sampler}|${classifier ?? ''}`;
  let code = codeMemo.get(key);
  if (!code) {
    const packages = ['@oversample/data', '@oversample/metrics', samplerRecord(sampler).package, ...(classifier ? [classifierRecord(classifier).package] : [])];
    code = [`bench-pipeline#${benchPipelineHash()}`, ...new Set(packages.flatMap((p) => packageFingerprints(p)))].sort();
    codeMemo.set(key, code);
  }
  return code;
}

function hashInput(plan: RunPlan, ref: DatasetRef, key: Omit<CellKey, 'dataset'>): CellHashInput {
  return {
    dataset: ref.identity,
    kind: ref.kind,
    image: plan.image,
    folds: plan.folds,
    repeats: plan.repeats,
    repeat: key.repeat,
    fold: key.fold,
    seed: key.seed,
    sampler: key.sampler,
    samplerOptions: plan.options[ref.kind][key.sampler],
    classifier: key.classifier,
    classifierOptions: key.classifier === '' ? null : plan.options[ref.kind][key.classifier],
    code: cellCode(key.sampler, key.classifier === '' ? undefined : key.classifier),
  };
}

/** Every task of the plan in plan order (dataset, repeat, fold, sampler, seed), or this shard's. */
export function planTasks(plan: RunPlan): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  for (const ref of plan.datasets) {
    const classifiers = classifiersFor(plan, ref.kind);
    if (classifiers.length === 0) continue;
    for (let repeat = 0; repeat < plan.repeats; repeat++) {
      for (let fold = 0; fold < plan.folds; fold++) {
        for (const sampler of plan.samplers) {
          for (const seed of plan.seeds) {
            const cells = classifiers.map((classifier) => {
              const key: CellKey = { dataset: ref.id, sampler, classifier, repeat, fold, seed };
              return { key, hash: cellHash(hashInput(plan, ref, key)) };
            });
            // One grid per (image dataset, sampler): from the first fold and seed.
            const draws = ref.kind === 'image' && samplerRecord(sampler).resamples && repeat === 0 && fold === 0 && seed === plan.seeds[0];
            const gridHash = draws ? cellHash(hashInput(plan, ref, { sampler, classifier: '', repeat, fold, seed })) : '';
            tasks.push({ dataset: ref, repeat, fold, sampler, seed, cells, ...(draws ? { gridPath: gridCachePath(plan.out, ref.identity, sampler, gridHash) } : {}) });
          }
        }
      }
    }
  }
  return plan.shard ? shardOf(tasks, plan.shard) : tasks;
}

/**
 * The tasks of one shard: tasks are ordered by a hash of their key (which mixes cheap and costly
 * ones) and dealt round-robin, so shards get equal counts and every task lands in exactly one.
 * Deterministic: the same grid always splits the same way.
 */
export function shardOf<T extends Pick<PlannedTask, 'dataset' | 'repeat' | 'fold' | 'sampler' | 'seed'>>(tasks: readonly T[], shard: Shard): T[] {
  const keyed = tasks.map((t, i) => ({ i, h: sha256(JSON.stringify([t.dataset.identity, t.repeat, t.fold, t.sampler, t.seed])) }));
  keyed.sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.i - b.i));
  const mine = new Set(keyed.filter((_, pos) => pos % shard.count === shard.index - 1).map((k) => k.i));
  return tasks.filter((_, i) => mine.has(i));
}

/** The task spec for a planned task's cells that are still to compute. */
export function taskSpec(plan: RunPlan, task: PlannedTask, todo: readonly PlannedCell[]): TaskSpec {
  const options = plan.options[task.dataset.kind];
  return {
    dataset: task.dataset,
    folds: plan.folds,
    repeats: plan.repeats,
    image: plan.image,
    repeat: task.repeat,
    fold: task.fold,
    sampler: task.sampler,
    samplerOptions: options[task.sampler]!,
    seed: task.seed,
    classifiers: todo.map((c) => ({ name: c.key.classifier, options: options[c.key.classifier]!, hash: c.hash })),
    ...(task.gridPath !== undefined ? { gridPath: task.gridPath } : {}),
  };
}

/** The plan as results.json records it (enough to merge shards and redraw the report). */
export interface PlanRecord extends GridSettings {
  readonly datasets: readonly { readonly id: string; readonly spec: string; readonly kind: 'table' | 'image'; readonly identity: string }[];
}

/** The plan as results.json records it. */
export function planRecord(plan: RunPlan): PlanRecord {
  return {
    datasets: plan.datasets.map((d) => ({ id: d.id, spec: d.spec, kind: d.kind, identity: d.identity })),
    samplers: plan.samplers,
    tableClassifiers: plan.tableClassifiers,
    imageClassifiers: plan.imageClassifiers,
    folds: plan.folds,
    repeats: plan.repeats,
    seeds: plan.seeds,
    image: plan.image,
    options: plan.options,
  };
}

/**
 * A hash of what the run computes (not of the code): datasets by content, lists, options, folds,
 * seeds, image settings. Two runs into one folder share a report only if this is equal.
 */
export function planHash(plan: RunPlan): string {
  const { datasets, ...grid } = planRecord(plan);
  return sha256(JSON.stringify({ datasets: datasets.map((d) => [d.id, d.identity]), ...grid })).slice(0, 8);
}

/** The run's folder name under `--out`: `quick-1a2b3c4d`, with `-shard-2-of-4` for a shard. */
export function runName(configName: string, plan: RunPlan): string {
  const base = configName.replace(/\.json$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'run';
  return `${base}-${planHash(plan)}${plan.shard ? `-shard-${plan.shard.index}-of-${plan.shard.count}` : ''}`;
}
