/**
 * `oversample-bench merge DIR... [--out DIR]`: combines the outputs of the shards of one grid
 * (`--shard I/N` on several machines) into one results set and report, as if one machine had run
 * it. Also redraws the report of a single run folder. Shards of different grids are refused.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkCell } from './cell-check';
import type { DatasetLoader } from './datasets';
import { publicationNotes } from './deviations';
import { lockRunDir } from './lock';
import type { ResultsFile, WrittenOutputs } from './outputs';
import { RESULTS_FORMAT, writeOutputs } from './outputs';
import { classifiersFor } from './plan';
import type { RunInfo } from './report-input';
import type { CellResult } from './results';
import { UsageError } from './usage-error';

/** A results.json read back, with the folder it is in. */
interface ShardFile {
  readonly dir: string;
  readonly file: ResultsFile;
}

/** Every results.json at `dir` or in its subfolders (two levels: an --out folder of run folders). */
function findResults(dir: string, depth = 2): string[] {
  const here = join(dir, 'results.json');
  if (existsSync(here)) return [here];
  if (depth === 0 || !existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .sort()
    .filter((n) => n !== 'cache' && !n.startsWith('.'))
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? findResults(join(dir, n), depth - 1) : []));
}

function readResults(path: string): ResultsFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new UsageError(`${path} is not valid JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); rerun that shard`);
  }
  const r = json as Partial<ResultsFile> | null;
  if (!r || r.format !== RESULTS_FORMAT || typeof r.planHash !== 'string' || !r.plan || !r.info || !Array.isArray(r.cells)) {
    throw new UsageError(`${path} is not an oversample-bench results file (${RESULTS_FORMAT})`);
  }
  const cells: CellResult[] = [];
  for (const [i, c] of r.cells.entries()) {
    const cell = checkCell(c);
    if (typeof cell === 'string') throw new UsageError(`${path}: cell ${i} is damaged (${cell}); rerun that shard`);
    cells.push(cell);
  }
  return { ...(r as ResultsFile), cells };
}

/** The loader a dataset spec names (`mnist`, `cifar10:DIR`, ...). */
function loaderOf(spec: string): DatasetLoader {
  const prefix = spec.split(':')[0]!;
  return (['keel', 'csv', 'mnist', 'fashion-mnist', 'cifar10'] as const).find((l) => l === prefix) ?? 'csv';
}

/** The run name without its shard suffix. */
export function unshardedName(run: string): string {
  return run.replace(/-shard-\d+-of-\d+$/, '');
}

function cellId(c: Pick<CellResult, 'dataset' | 'sampler' | 'classifier' | 'repeat' | 'fold' | 'seed'>): string {
  return `${c.dataset}|${c.sampler}|${c.classifier}|${c.repeat}|${c.fold}|${c.seed}`;
}

/** The outcome of a merge. */
export interface MergeOutcome {
  readonly written: WrittenOutputs;
  readonly shards: number;
  readonly cells: number;
  /** Cells of the plan that no shard had. */
  readonly missing: number;
  readonly notes: readonly string[];
}

/**
 * Merges the results found in `dirs` into `outDir/<run name>/`. Throws `UsageError` when nothing
 * is found, a file is damaged, or the files come from different grids.
 */
export function mergeResults(dirs: readonly string[], outDir: string): MergeOutcome {
  const paths = [...new Set(dirs.flatMap((d) => findResults(resolve(d))))];
  if (paths.length === 0) throw new UsageError(`no results.json in ${dirs.join(', ')}`);
  const shards: ShardFile[] = paths.map((p) => ({ dir: resolve(p, '..'), file: readResults(p) }));
  const plans = new Set(shards.map((s) => s.file.planHash));
  if (plans.size > 1) {
    const list = shards.map((s) => `${s.dir} (${s.file.run})`).join(', ');
    throw new UsageError(`these results come from ${plans.size} different grids and cannot be merged: ${list}`);
  }
  const first = shards[0]!.file;
  const plan = first.plan;
  const notes: string[] = [];

  // Plan order: dataset, repeat, fold, sampler, seed, classifier.
  const order = new Map<string, number>();
  for (const ds of plan.datasets) {
    for (let repeat = 0; repeat < plan.repeats; repeat++)
      for (let fold = 0; fold < plan.folds; fold++)
        for (const sampler of plan.samplers)
          for (const seed of plan.seeds)
            for (const classifier of classifiersFor(plan, ds.kind)) order.set(cellId({ dataset: ds.id, sampler, classifier, repeat, fold, seed }), order.size);
  }
  const byId = new Map<string, CellResult>();
  let conflicts = 0;
  for (const s of shards) {
    for (const c of s.file.cells) {
      const id = cellId(c);
      const prev = byId.get(id);
      if (!prev || (prev.status === 'failed' && c.status === 'ok')) byId.set(id, c);
      else if (prev.status === 'ok' && c.status === 'ok' && JSON.stringify(prev.metrics) !== JSON.stringify(c.metrics)) conflicts++;
    }
  }
  if (conflicts > 0) notes.push(`${conflicts} cell(s) were computed by more than one shard with different scores (different code?); the first was kept`);
  const cells = [...byId.values()].sort((a, b) => (order.get(cellId(a)) ?? 1e12) - (order.get(cellId(b)) ?? 1e12));
  const missing = [...order.keys()].filter((id) => !byId.has(id)).length;
  const counts = shards.map((s) => s.file.shard?.count).filter((n): n is number => n !== undefined);
  const expectedShards = counts.length > 0 ? Math.max(...counts) : 1;
  const shardIndexes = new Set(shards.map((s) => s.file.shard?.index ?? 0));
  if (missing > 0) notes.push(`${missing} cell(s) of the grid are in no shard (${shardIndexes.size} of ${expectedShards} shards found); merge again when the others finish`);

  const infos = shards.map((s) => s.file.info);
  const uniq = (xs: readonly string[]): string => [...new Set(xs)].join('; ');
  const info: RunInfo = {
    ...first.info,
    run: unshardedName(first.run),
    shard: `merged from ${shards.length} result file(s)${expectedShards > 1 ? ` (${shardIndexes.size} of ${expectedShards} shards)` : ''}`,
    jobs: Math.max(...infos.map((i) => i.jobs ?? 1)),
    ignoredCacheFiles: infos.reduce((a, i) => a + (i.ignoredCacheFiles ?? 0), 0),
    startedAt: infos.map((i) => i.startedAt).sort()[0]!,
    wallSeconds: Math.max(...infos.map((i) => i.wallSeconds)),
    cellSeconds: infos.reduce((a, i) => a + i.cellSeconds, 0),
    cpuSeconds: infos.reduce((a, i) => a + (i.cpuSeconds ?? 0), 0),
    computed: infos.reduce((a, i) => a + i.computed, 0),
    cached: infos.reduce((a, i) => a + i.cached, 0),
    interrupted: infos.some((i) => i.interrupted) || missing > 0,
    planned: order.size,
    machine: uniq(infos.map((i) => i.machine)),
    backend: uniq(infos.map((i) => i.backend)),
    datasetNotes: [...new Set(infos.flatMap((i) => i.datasetNotes))],
    skipped: [...new Set([...infos.flatMap((i) => i.skipped), ...notes])],
    // From the plan, so results written before these fields existed still merge.
    datasetKinds: Object.fromEntries(plan.datasets.map((d) => [d.id, d.kind])),
    imageProtocol: plan.image.protocol,
    // Recomputed with this build's wording (the settings are in the plan).
    publication: publicationNotes(
      plan.datasets.map((d) => ({ ...d, loader: loaderOf(d.spec) })),
      plan,
      first.info.backend,
    ),
  };
  const images = new Map<string, { dataset: string; sampler: string; path: string }>();
  for (const s of shards) {
    for (const img of s.file.images) {
      const key = `${img.dataset}|${img.sampler}`;
      if (!images.has(key) && existsSync(join(s.dir, img.file))) images.set(key, { dataset: img.dataset, sampler: img.sampler, path: join(s.dir, img.file) });
    }
  }
  const dir = join(outDir, info.run);
  const release = lockRunDir(dir);
  try {
    const written = writeOutputs(dir, { run: info.run, planHash: first.planHash, plan, info, cells, images: [...images.values()] });
    return { written, shards: shards.length, cells: cells.length, missing, notes };
  } finally {
    release();
  }
}

/** Parses `merge DIR... [--out DIR]` and merges; returns what happened. */
export function mergeCommand(argv: readonly string[], cwd: string): MergeOutcome {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: { out: { type: 'string' } } });
  } catch (err) {
    throw new UsageError(`merge: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} (usage: oversample-bench merge DIR... [--out DIR])`);
  }
  if (parsed.positionals.length === 0) throw new UsageError('merge needs the folders of the shards: oversample-bench merge DIR... [--out DIR]');
  return mergeResults(
    parsed.positionals.map((d) => resolve(cwd, d)),
    resolve(cwd, parsed.values.out ?? 'bench-out'),
  );
}
