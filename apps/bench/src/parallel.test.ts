import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from './outputs';
import type { CellResult } from './results';
import { builtCli } from './test-support';

// --jobs and --shard through the built CLI, as a user runs them: worker processes, shards on
// several "machines" (here: folders), and the merge.
let cli = '';
const root = mkdtempSync(join(tmpdir(), 'bench-parallel-'));
/** The grid run in one process, one task at a time: the reference for the others. */
let serial: ResultsFile;
beforeAll(async () => {
  cli = await builtCli();
  const one = bench([...GRID, '--jobs', '1', '--out', join(root, 'one')]);
  expect(one.code, one.stderr).toBe(0);
  serial = results(one.runDir);
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Tables with the SMOTE family, a TensorFlow.js sampler and a TensorFlow.js classifier.
const GRID = [
  '--dataset',
  'keel:glass1,keel:new-thyroid1',
  '--sampler',
  'none,smote,regression-smote',
  '--set',
  'regression-smote.epochs=2',
  '--classifier',
  'logistic-regression,mlp',
  '--set',
  'mlp.epochs=3',
  '--folds',
  '2',
];

function bench(args: string[]): { code: number | null; stdout: string; stderr: string; runDir: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 600_000 });
  const html = /^\s+(\S+report\.html)$/m.exec(r.stdout)?.[1];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, runDir: html ? dirname(html) : '' };
}

/** What must not depend on how the grid was run: everything but times and the finishing clock. */
function comparable(cells: readonly CellResult[]): unknown[] {
  return cells.map(({ resampleMs: _r, fitMs: _f, predictMs: _p, finishedAt: _t, ...rest }) => rest);
}

function results(runDir: string): ResultsFile {
  return JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ResultsFile;
}

describe('--jobs and --shard', () => {
  it('--jobs 2 (worker processes) gives exactly the cells of --jobs 1', () => {
    const two = bench([...GRID, '--jobs', '2', '--out', join(root, 'two')]);
    expect(two.code, two.stderr).toBe(0);
    const parallel = results(two.runDir);
    expect(serial.cells).toHaveLength(2 * 3 * 2 * 2);
    expect(serial.cells.every((c) => c.status === 'ok')).toBe(true);
    expect(parallel.info.jobs).toBe(2);
    expect(comparable(parallel.cells)).toEqual(comparable(serial.cells));
  }, 600_000);

  it('the merge of 3 shards equals the unsharded run, and a shard alone is a third of the grid', () => {
    const shardDirs = [1, 2, 3].map((i) => join(root, `machine-${i}`));
    const sizes: number[] = [];
    for (const [i, dir] of shardDirs.entries()) {
      const r = bench([...GRID, '--jobs', '1', '--shard', `${i + 1}/3`, '--out', dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.runDir).toMatch(new RegExp(`-shard-${i + 1}-of-3$`));
      sizes.push(results(r.runDir).cells.length);
    }
    // Shards deal tasks (one resampling, all its classifiers) evenly: 12 tasks, 4 each.
    expect(sizes).toEqual([8, 8, 8]);
    const merged = spawnSync(process.execPath, [cli, 'merge', ...shardDirs, '--out', join(root, 'merged')], { encoding: 'utf8' });
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('merged 3 result file(s): 24 cells');
    const runDir = dirname(/^\s+(\S+report\.html)$/m.exec(merged.stdout)![1]!);
    const m = results(runDir);
    expect(runDir.endsWith(serial.run)).toBe(true); // the unsharded run's name
    expect(comparable(m.cells)).toEqual(comparable(serial.cells));
    // Same scores, ranks and tests (times are the machines' own).
    const untimed = (summary: unknown): unknown => {
      const sum = summary as { groups: Record<string, unknown>[]; comparisons: unknown[] };
      return { groups: sum.groups.map(({ resampleMs: _r, fitMs: _f, predictMs: _p, ...g }) => g), comparisons: sum.comparisons };
    };
    expect(untimed(m.summary)).toEqual(untimed(serial.summary));
    expect(m.info.shard).toBe('merged from 3 result file(s) (3 of 3 shards)');
    const md = readFileSync(join(runDir, 'report.md'), 'utf8');
    expect(md).toContain('### Average ranks');

    // Two shards only: merged, with the gap said.
    const partial = spawnSync(process.execPath, [cli, 'merge', shardDirs[0]!, shardDirs[2]!, '--out', join(root, 'partial')], { encoding: 'utf8' });
    expect(partial.status).toBe(0);
    expect(partial.stdout).toContain('16 cells, 8 missing');
    expect(partial.stdout).toContain('(2 of 3 shards found)');
  }, 600_000);

  it('refuses to merge shards of different grids', () => {
    const other = bench(['--dataset', 'keel:glass1', '--sampler', 'none', '--classifier', 'knn', '--folds', '2', '--jobs', '1', '--out', join(root, 'other')]);
    expect(other.code).toBe(0);
    const r = spawnSync(process.execPath, [cli, 'merge', join(root, 'machine-1'), join(root, 'other'), '--out', join(root, 'bad')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/come from 2 different grids and cannot be merged/);
  }, 120_000);
});
