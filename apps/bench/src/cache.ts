/**
 * The per-cell result cache: one JSON file per (dataset, sampler, classifier, repeat, fold, seed)
 * under `out/cache/`, named with a hash of the settings that shaped the cell, so a rerun with the
 * same settings resumes and one with different settings recomputes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellKey, CellResult } from './results';

/** Short stable hash of a JSON-able value. */
export function configHash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 10);
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Path of a cell's cache file. */
export function cellPath(outDir: string, key: CellKey, hash: string): string {
  return join(
    outDir,
    'cache',
    safeName(key.dataset),
    `${safeName(key.sampler)}__${safeName(key.classifier)}__r${key.repeat}-f${key.fold}-s${key.seed}__${hash}.json`,
  );
}

/** The cached result of a cell, or `undefined` when absent or unreadable (then it is recomputed). */
export function readCell(outDir: string, key: CellKey, hash: string): CellResult | undefined {
  const path = cellPath(outDir, key, hash);
  if (!existsSync(path)) return undefined;
  try {
    const cell = JSON.parse(readFileSync(path, 'utf8')) as CellResult;
    return cell.configHash === hash ? cell : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a cell atomically (temp file + rename), so Ctrl-C never leaves half a file. */
export function writeCell(outDir: string, cell: CellResult): void {
  const path = cellPath(outDir, cell, cell.configHash);
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(cell)}\n`);
  renameSync(tmp, path);
}

/** Path of a dataset's note (how it was loaded), kept beside its cells so cached runs can report it. */
export function notePath(outDir: string, dataset: string): string {
  return join(outDir, 'cache', safeName(dataset), '_dataset.txt');
}
