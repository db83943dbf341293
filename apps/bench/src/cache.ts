/**
 * The per-cell result cache under `OUT/cache/`: one JSON file per finished cell, in a folder per
 * dataset content (`cache/<identity>/`), named by the cell's key hash. The key covers everything
 * that shapes the cell (see `cellHash`), so a rerun with the same everything resumes and a change
 * to any of it recomputes. Files that do not parse or do not hold the cell they should are
 * ignored with a reason and recomputed; failed cells are never cached (a rerun retries them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { checkCell } from './cell-check';
import { sha256 } from './fingerprint';
import type { CellKey, CellResult } from './results';

/** Bumped when the cell file's shape changes, so old files are recomputed rather than misread. */
export const CACHE_FORMAT = 'cell@4';

/** What a cell's key hash covers. */
export interface CellHashInput {
  /** The dataset's content identity (files and reading options). */
  readonly dataset: string;
  readonly kind: 'table' | 'image';
  /** Image cut and protocol settings (images only). */
  readonly image: unknown;
  readonly folds: number;
  readonly repeats: number;
  readonly repeat: number;
  readonly fold: number;
  readonly seed: number;
  readonly sampler: string;
  /** The sampler's resolved options for this kind of data. */
  readonly samplerOptions: unknown;
  readonly classifier: string;
  readonly classifierOptions: unknown;
  /** Versions and built-code hashes of the packages the cell runs, and of the bench's pipeline. */
  readonly code: readonly string[];
}

/** The key hash of a cell (hex, 32 characters). */
export function cellHash(input: CellHashInput): string {
  return sha256(JSON.stringify({ format: CACHE_FORMAT, ...input, image: input.kind === 'image' ? input.image : null })).slice(0, 32);
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** The cache folder of a dataset (by content, not by name). */
export function datasetCacheDir(outDir: string, identity: string): string {
  return join(outDir, 'cache', identity.slice(0, 16));
}

/** Path of a cell's cache file. */
export function cellPath(outDir: string, identity: string, key: Omit<CellKey, 'dataset'>, hash: string): string {
  return join(datasetCacheDir(outDir, identity), `${safeName(key.sampler)}__${safeName(key.classifier)}__r${key.repeat}-f${key.fold}-s${key.seed}__${hash}.json`);
}

/** What reading a cache file found. */
export type CacheRead = { readonly cell: CellResult } | { readonly problem: string } | undefined;

/**
 * The cached cell for `key` and `hash`: `undefined` when there is no file, `{ problem }` when the
 * file is unreadable, not a cell, a failed cell, or a cell of another key. The cell's dataset name
 * is the current one (the folder is by content).
 */
export function readCell(outDir: string, identity: string, key: CellKey, hash: string): CacheRead {
  const path = cellPath(outDir, identity, key, hash);
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    return { problem: `${path} is not valid JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  const cell = checkCell(json);
  if (typeof cell === 'string') return { problem: `${path} does not hold a cell: ${cell}` };
  if (cell.status !== 'ok') return { problem: `${path} holds a failed cell` };
  if (cell.configHash !== hash || cell.sampler !== key.sampler || cell.classifier !== key.classifier || cell.repeat !== key.repeat || cell.fold !== key.fold || cell.seed !== key.seed) {
    return { problem: `${path} holds the cell of another key` };
  }
  return { cell: { ...cell, dataset: key.dataset } };
}

/** Writes a finished ok cell atomically (a kill leaves the old file or the new, never half). */
export function writeCell(outDir: string, identity: string, cell: CellResult): void {
  if (cell.status !== 'ok') return; // failed cells are retried on the next run
  writeFileAtomic(cellPath(outDir, identity, cell, cell.configHash), `${JSON.stringify(cell)}\n`);
}

/** Path of a dataset's note (how it was loaded and cut) for one set of split settings. */
export function notePath(outDir: string, identity: string, splitKey: string): string {
  return join(datasetCacheDir(outDir, identity), `_note-${sha256(splitKey).slice(0, 12)}.txt`);
}

/** Path of the real-vs-synthetic grid of one resampling. */
export function gridCachePath(outDir: string, identity: string, sampler: string, hash: string): string {
  return join(datasetCacheDir(outDir, identity), 'grids', `${safeName(sampler)}__${hash.slice(0, 16)}.png`);
}
