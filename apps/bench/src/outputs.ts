/**
 * Writes a run's outputs into its own folder `OUT/<run>/`: results.json, results.csv, report.md,
 * report.html and images/. Every file is written to a temporary name and renamed, so a kill
 * leaves the previous complete file or the new one, never a truncated one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from './aggregate';
import { summarize } from './aggregate';
import { writeFileAtomic } from './atomic-write';
import { GRID_PER_SIDE } from './image-grid';
import type { PlanRecord, Shard } from './plan';
import { SAMPLERS } from './registry';
import { renderHtml } from './report-html';
import { recommendations } from './recommend';
import type { ImageGrid, ReportInput, RunInfo } from './report-input';
import { renderMarkdown } from './report-md';
import type { CellResult } from './results';
import { toCsv } from './results';

/** The format tag of results.json. */
export const RESULTS_FORMAT = 'oversample-bench/results@2';

/** Display order for the summary: as planned. */
export interface DisplayOrder {
  readonly samplers: readonly string[];
  readonly datasets: readonly string[];
  readonly classifiers: readonly string[];
}

/** What results.json holds. */
export interface ResultsFile {
  readonly format: typeof RESULTS_FORMAT;
  /** The run folder's name. */
  readonly run: string;
  /** The hash of the plan, equal across the shards of one grid. */
  readonly planHash: string;
  readonly shard?: Shard;
  readonly plan: PlanRecord;
  readonly info: RunInfo;
  readonly summary: unknown;
  /** Image grids, relative to the run folder. */
  readonly images: readonly { readonly dataset: string; readonly sampler: string; readonly file: string }[];
  readonly cells: readonly CellResult[];
}

/** Paths of what `writeOutputs` wrote. */
export interface WrittenOutputs {
  readonly dir: string;
  readonly json: string;
  readonly csv: string;
  readonly markdown: string;
  readonly html: string;
  readonly summary: Summary;
}

/** The caption under a real-vs-synthetic grid. */
export function gridCaption(dataset: string, sampler: string, paper: boolean): string {
  const brief =
    !paper && SAMPLERS.some((s) => s.name === sampler && s.deep)
      ? ' This run trains the deep sampler for a few epochs only, so its images are rougher than a full training gives.'
      : '';
  return (
    `${dataset} · ${sampler}: one row per class (class 0 at the top); left ${GRID_PER_SIDE} real training images, ` +
    `right ${GRID_PER_SIDE} synthetic ones (grey: no image).${brief}`
  );
}

/** The image file name of a (dataset, sampler) grid inside a run folder. */
export function gridFile(dataset: string, sampler: string): string {
  return `images/${dataset.replace(/[^A-Za-z0-9._-]+/g, '_')}__${sampler}.png`;
}

/** What `writeOutputs` needs about the run besides its cells. */
export interface OutputsInput {
  readonly run: string;
  readonly planHash: string;
  readonly shard?: Shard;
  readonly plan: PlanRecord;
  readonly info: RunInfo;
  readonly cells: readonly CellResult[];
  /** Grids to copy into the run folder: source paths (cache) or files already in it. */
  readonly images: readonly { readonly dataset: string; readonly sampler: string; readonly path: string }[];
}

/** Summarises the cells and writes every output file into `dir`; returns their paths. */
export function writeOutputs(dir: string, input: OutputsInput): WrittenOutputs {
  const { info, cells, plan } = input;
  const order: DisplayOrder = {
    samplers: plan.samplers,
    datasets: plan.datasets.map((d) => d.id),
    classifiers: [...new Set([...plan.tableClassifiers, ...plan.imageClassifiers])],
  };
  const summary = summarize(cells, order);
  const images: { dataset: string; sampler: string; file: string }[] = [];
  const grids: ImageGrid[] = [];
  for (const img of input.images) {
    if (!existsSync(img.path)) continue;
    const file = gridFile(img.dataset, img.sampler);
    const png = readFileSync(img.path);
    if (img.path !== join(dir, file)) writeFileAtomic(join(dir, file), png);
    images.push({ dataset: img.dataset, sampler: img.sampler, file });
    grids.push({ dataset: img.dataset, sampler: img.sampler, file, png, caption: gridCaption(img.dataset, img.sampler, info.paper) });
  }
  const paths = {
    dir,
    json: join(dir, 'results.json'),
    csv: join(dir, 'results.csv'),
    markdown: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
  };
  const record: ResultsFile = {
    format: RESULTS_FORMAT,
    run: input.run,
    planHash: input.planHash,
    ...(input.shard ? { shard: input.shard } : {}),
    plan,
    info,
    summary: { groups: summary.groups, comparisons: summary.comparisons.map(({ scores: _s, ...rest }) => rest) },
    images,
    cells,
  };
  // The published protocol scores every cell on a balanced test as well: the same summary of those.
  const balancedCells = cells.flatMap((c) => (c.balanced ? [{ ...c, metrics: c.balanced.metrics, testRows: c.balanced.testRows }] : []));
  const balanced = balancedCells.length > 0 ? summarize(balancedCells, order) : undefined;
  const report: ReportInput = { summary, info, images: grids, recommendations: recommendations(cells, info.datasetKinds, order), ...(balanced ? { balanced } : {}) };
  writeFileAtomic(paths.json, `${JSON.stringify(record, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`);
  writeFileAtomic(paths.csv, toCsv(cells));
  writeFileAtomic(paths.markdown, renderMarkdown(report));
  writeFileAtomic(paths.html, renderHtml(report));
  return { ...paths, summary };
}
