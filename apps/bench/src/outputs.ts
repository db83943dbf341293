/**
 * Writes a run's outputs into the output folder: results.json, results.csv, report.md, report.html.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from './aggregate';
import { summarize } from './aggregate';
import { GRID_PER_SIDE } from './image-grid';
import { SAMPLERS } from './registry';
import { renderHtml } from './report-html';
import type { ImageGrid, RunInfo } from './report-input';
import { renderMarkdown } from './report-md';
import type { CellResult } from './results';
import { toCsv } from './results';

/** Display order for the summary: as planned. */
export interface DisplayOrder {
  readonly samplers: readonly string[];
  readonly datasets: readonly string[];
  readonly classifiers: readonly string[];
}

/** Paths of what `writeOutputs` wrote. */
export interface WrittenOutputs {
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
      ? ' This preset trains the deep sampler for a few epochs only, so its images are rougher than a full training gives.'
      : '';
  return (
    `${dataset} · ${sampler}: one row per class (class 0 at the top); left ${GRID_PER_SIDE} real training images, ` +
    `right ${GRID_PER_SIDE} synthetic ones (grey: no image).${brief}`
  );
}

/** Summarises `cells` and writes every output file; returns their paths. */
export function writeOutputs(
  outDir: string,
  cells: readonly CellResult[],
  info: RunInfo,
  images: readonly { dataset: string; sampler: string; file: string }[],
  order: DisplayOrder,
): WrittenOutputs {
  mkdirSync(outDir, { recursive: true });
  const summary = summarize(cells, order);
  const grids: ImageGrid[] = images
    .filter((img) => existsSync(join(outDir, img.file)))
    .map((img) => ({ ...img, png: readFileSync(join(outDir, img.file)), caption: gridCaption(img.dataset, img.sampler, info.paper) }));
  const input = { summary, info, images: grids };
  const paths = {
    json: join(outDir, 'results.json'),
    csv: join(outDir, 'results.csv'),
    markdown: join(outDir, 'report.md'),
    html: join(outDir, 'report.html'),
  };
  writeFileSync(
    paths.json,
    `${JSON.stringify(
      {
        info,
        summary: { groups: summary.groups, comparisons: summary.comparisons.map(({ scores: _s, ...rest }) => rest) },
        cells,
      },
      (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      1,
    )}\n`,
  );
  writeFileSync(paths.csv, toCsv(cells));
  writeFileSync(paths.markdown, renderMarkdown(input));
  writeFileSync(paths.html, renderHtml(input));
  return { ...paths, summary };
}
