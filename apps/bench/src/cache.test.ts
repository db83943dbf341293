import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetText } from '@oversample/datasets';
import { cellHash } from './cache';
import type { ResultsFile } from './outputs';
import type { ProgressSink } from './progress';
import { silentProgress } from './progress';
import { cacheFiles, runBench, useTempDirs } from './test-support';

// The cache must never serve a number computed from other data, other options or other code,
// and must never trust a file just because it sits under the right name (issue #14, items 1 and 8).
const tmp = useTempDirs();

/** A small imbalanced CSV (label last, or in column `y` first with `labelFirst`); `shift` moves class 1. */
function csv(n0: number, n1: number, shift: number, labelFirst = false): string {
  const lines = [labelFirst ? 'y,a,b,z' : 'a,b,z,y'];
  let s = 7;
  const r = (): number => ((s = (s * 48271) % 2147483647) / 2147483647);
  for (const [c, n] of [
    [0, n0],
    [1, n1],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const a = (c * shift + r()).toFixed(4);
      const b = (r() - c * shift * 0.5).toFixed(4);
      const z = (i % 2).toString(); // a second possible label column
      lines.push(labelFirst ? `${c},${a},${b},${z}` : `${a},${b},${z},${c}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const RUN = ['--sampler', 'smote,none', '--classifier', 'logistic-regression', '--folds', '2'];

function results(runDir: string): ResultsFile {
  return JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ResultsFile;
}

describe('an honest cache: the key covers the data', () => {
  it('two different files with one basename into one --out: each run reports its own data', async () => {
    const root = tmp('bench-basename-');
    const out = join(root, 'out');
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    writeFileSync(join(root, 'a', 'data.csv'), csv(40, 12, 0.6));
    writeFileSync(join(root, 'b', 'data.csv'), csv(40, 12, 2.5));
    const a = await runBench(['--dataset', 'csv:a/data.csv', ...RUN], out, { cwd: root });
    const b = await runBench(['--dataset', 'csv:b/data.csv', ...RUN], out, { cwd: root });
    expect(a.stdout).toContain('(4 computed, 0 cached, 0 failed)');
    expect(b.stdout).toContain('(4 computed, 0 cached, 0 failed)');
    expect(results(a.runDir).cells.map((c) => c.metrics.acsa)).not.toEqual(results(b.runDir).cells.map((c) => c.metrics.acsa));
    // Both in one run: two datasets, named apart by their folders, none dropped.
    const both = await runBench(['--dataset', 'csv:a/data.csv,csv:b/data.csv', ...RUN], out, { cwd: root });
    expect(both.stdout).toContain('(0 computed, 8 cached, 0 failed)');
    expect(results(both.runDir).plan.datasets.map((d) => d.id)).toEqual(['csv:a/data', 'csv:b/data']);
  });

  it('a file edited in place, or another label column, is recomputed', async () => {
    const root = tmp('bench-edit-');
    const out = join(root, 'out');
    const file = join(root, 'data.csv');
    writeFileSync(file, csv(40, 12, 0.6));
    expect((await runBench(['--dataset', `csv:${file}`, ...RUN], out)).stdout).toContain('(4 computed, 0 cached');
    expect((await runBench(['--dataset', `csv:${file}`, ...RUN], out)).stdout).toContain('(0 computed, 4 cached');
    writeFileSync(file, csv(40, 12, 0.9));
    expect((await runBench(['--dataset', `csv:${file}`, ...RUN], out)).stdout).toContain('(4 computed, 0 cached');
    // Column z (0/1 alternating) as the label: other data, other cells.
    const z = await runBench(['--dataset', `csv:${file}:z`, ...RUN], out);
    expect(z.stdout).toContain('(4 computed, 0 cached');
    expect(results(z.runDir).plan.datasets[0]!.id).toBe('csv:data[z]');
  });

  it('keel:PATH to a copy of a KEEL table is the same dataset; a changed copy is another one', async () => {
    const root = tmp('bench-keelcopy-');
    const out = join(root, 'out');
    mkdirSync(join(root, 'copy'));
    writeFileSync(join(root, 'copy', 'ecoli1.dat'), await datasetText('ecoli1'));
    const same = await runBench(['--dataset', 'keel:ecoli1,keel:copy/ecoli1.dat', ...RUN], out, { cwd: root });
    expect(results(same.runDir).plan.datasets.map((d) => d.id)).toEqual(['ecoli1']);
    const text = readFileSync(join(root, 'copy', 'ecoli1.dat'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(root, 'copy', 'ecoli1.dat'), `${text.slice(0, -3).join('\n')}\n`); // three rows fewer
    const other = await runBench(['--dataset', 'keel:ecoli1,keel:copy/ecoli1.dat', ...RUN], out, { cwd: root });
    expect(other.stdout).toContain('(4 computed, 4 cached, 0 failed)');
    expect(results(other.runDir).plan.datasets.map((d) => d.id)).toEqual(['keel/ecoli1', 'copy/ecoli1']);
  });
});

describe('an honest cache: files are checked, never trusted', () => {
  it('recomputes truncated, wrongly shaped and misplaced cache files, says so, and does not count them as cached', async () => {
    const root = tmp('bench-corrupt-');
    const out = join(root, 'out');
    const file = join(root, 'data.csv');
    writeFileSync(file, csv(40, 12, 0.6));
    const args = ['--dataset', `csv:${file}`, ...RUN];
    const first = await runBench(args, out);
    const files = cacheFiles(out).sort();
    expect(files).toHaveLength(4);
    const good = results(first.runDir).cells.map((c) => c.metrics);

    const [f0, f1, f2, f3] = files as [string, string, string, string];
    writeFileSync(f0, readFileSync(f0, 'utf8').slice(0, 40)); // truncated
    const wrong = JSON.parse(readFileSync(f1, 'utf8')) as { metrics: Record<string, unknown> };
    wrong.metrics.acsa = 'high'; // wrong type
    writeFileSync(f1, JSON.stringify(wrong));
    copyFileSync(f3, f2); // another cell's content under this cell's name
    const notes: string[] = [];
    const progress: ProgressSink = { ...silentProgress, note: (line) => notes.push(line) };
    const second = await runBench(args, out, { progress });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('(3 computed, 1 cached, 0 failed)');
    const ignored = notes.filter((n) => n.startsWith('ignoring a cache file'));
    expect(ignored).toHaveLength(3);
    expect(ignored.join('\n')).toMatch(/is not valid JSON/);
    expect(ignored.join('\n')).toMatch(/metric acsa is "high"/);
    expect(ignored.join('\n')).toMatch(/holds the cell of another key/);
    // The report is written and its numbers are the true ones.
    expect(results(second.runDir).cells.map((c) => c.metrics)).toEqual(good);
    expect(results(second.runDir).info.ignoredCacheFiles).toBe(3);
    // Recomputed cells replaced the bad files.
    expect((await runBench(args, out)).stdout).toContain('(0 computed, 4 cached, 0 failed)');
  });

  it('never caches a failed cell: a rerun retries it', async () => {
    const root = tmp('bench-failed-');
    const out = join(root, 'out');
    const file = join(root, 'separable.csv');
    writeFileSync(file, csv(40, 12, 50)); // classes far apart: ADASYN has no boundary rows and refuses
    const args = ['--dataset', `csv:${file}`, '--sampler', 'adasyn,none', '--classifier', 'logistic-regression', '--folds', '2'];
    const first = await runBench(args, out);
    expect(first.stdout).toContain('(4 computed, 0 cached, 2 failed)');
    expect(results(first.runDir).cells.find((c) => c.status === 'failed')!.error).toMatch(/resampling failed: SamplerInputError: ADASYN/);
    const second = await runBench(args, out);
    expect(second.stdout).toContain('(2 computed, 2 cached, 2 failed)');
  });
});

describe('cellHash', () => {
  it('changes with the code, the options, the data and the fold', () => {
    const base = {
      dataset: 'd1',
      kind: 'table' as const,
      image: null,
      folds: 5,
      repeats: 1,
      repeat: 0,
      fold: 0,
      seed: 0,
      sampler: 'smote',
      samplerOptions: { kNeighbors: 5 },
      classifier: 'knn',
      classifierOptions: { k: 5 },
      code: ['@oversample/smote@0.1.0#aaaa'],
    };
    const h = cellHash(base);
    expect(cellHash({ ...base })).toBe(h);
    for (const change of [
      { code: ['@oversample/smote@0.1.0#bbbb'] },
      { code: ['@oversample/smote@0.1.1#aaaa'] },
      { samplerOptions: { kNeighbors: 4 } },
      { classifierOptions: { k: 3 } },
      { dataset: 'd2' },
      { fold: 1 },
      { seed: 1 },
      { folds: 4 },
    ]) {
      expect(cellHash({ ...base, ...change }), JSON.stringify(change)).not.toBe(h);
    }
    // Image settings matter for images only.
    expect(cellHash({ ...base, image: { profileScale: 0.5 } })).toBe(h);
    expect(cellHash({ ...base, kind: 'image', image: { profileScale: 0.5 } })).not.toBe(cellHash({ ...base, kind: 'image', image: { profileScale: 1 } }));
  });
});
