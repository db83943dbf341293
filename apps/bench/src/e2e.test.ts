import { existsSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultsFile } from './outputs';
import type { ProgressSink } from './progress';
import { silentProgress } from './progress';
import { METRIC_NAMES } from './results';
import { cacheFiles, runBench, useTempDirs } from './test-support';

// In-process runs of the real pipeline on one real KEEL table: SMOTE and no resampling,
// logistic regression, 2 folds (4 cells).
const tmp = useTempDirs();

const ARGS = ['--dataset', 'keel:glass1', '--sampler', 'smote,none', '--classifier', 'logistic-regression', '--folds', '2'];

function results(runDir: string): ResultsFile {
  return JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ResultsFile;
}

describe('benchmark run', () => {
  it('writes every output with every metric into its run folder, standardising and resampling inside the training fold', async () => {
    const out = tmp('bench-e2e-');
    const r = await runBench(ARGS, out);
    expect(r.code).toBe(0);
    expect(basename(r.runDir)).toMatch(/^quick-[0-9a-f]{8}$/);
    for (const f of ['results.json', 'results.csv', 'report.md', 'report.html']) expect(existsSync(join(r.runDir, f))).toBe(true);
    // Written by rename: no temporary file is left behind.
    expect(readdirSync(r.runDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const json = results(r.runDir);
    expect(json.cells).toHaveLength(4);
    expect(json.plan.datasets[0]).toMatchObject({ id: 'glass1', spec: 'keel:glass1', kind: 'table' });
    for (const c of json.cells) {
      expect(c.status).toBe('ok');
      expect(c.testRows + c.trainRows).toBe(214); // glass1 has 214 rows; every row is tested once
      // Every option the cell ran with is recorded.
      expect(c.classifierOptions).toEqual({ C: 1, maxIter: 200, tol: 1e-5, fitIntercept: true, classWeight: 'none' });
      expect(c.samplerOptions).toEqual(c.sampler === 'smote' ? { samplingStrategy: 'auto', kNeighbors: 5 } : {});
      for (const m of ['acsa', 'gmMacro', 'f1Macro', 'f1Minority', 'rocAuc', 'mcc'] as const) {
        expect(c.metrics[m]).toBeGreaterThan(-1);
        expect(c.metrics[m]).toBeLessThanOrEqual(1);
      }
    }
    const smote = json.cells.filter((c) => c.sampler === 'smote');
    const none = json.cells.filter((c) => c.sampler === 'none');
    // SMOTE balances the training fold only: more training rows, same test rows.
    for (const [i, s] of smote.entries()) {
      expect(s.resampledRows).toBeGreaterThan(s.trainRows);
      expect(s.testRows).toBe(none[i]!.testRows);
      expect(none[i]!.resampledRows).toBe(none[i]!.trainRows);
    }

    const csv = readFileSync(join(r.runDir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    const header = csv[0]!.split(',');
    for (const m of METRIC_NAMES) expect(header).toContain(m);
    for (const t of ['resampleMs', 'fitMs', 'predictMs']) expect(header).toContain(t);

    const md = readFileSync(join(r.runDir, 'report.md'), 'utf8');
    expect(md).toContain('### Average ranks');
    expect(md).toContain('smote vs none');
    expect(md).toContain('### glass1: mean ± std per sampler');
    expect(md).toMatch(/\| smote \| \**0\.\d{3} ± 0\.\d{3}/);
    const html = readFileSync(join(r.runDir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link|img[^>]+src="http)/); // self-contained
  });

  it('resumes from the cache: a second run computes nothing, a lost cell is recomputed alone, a changed option recomputes its cells', async () => {
    const out = tmp('bench-resume-');
    const first = await runBench(ARGS, out);
    expect(first.stdout).toContain('(4 computed, 0 cached, 0 failed)');
    expect(cacheFiles(out)).toHaveLength(4);

    const second = await runBench(ARGS, out);
    expect(second.stdout).toContain('(0 computed, 4 cached, 0 failed)');
    expect(results(second.runDir).cells.map((c) => c.metrics)).toEqual(results(first.runDir).cells.map((c) => c.metrics));

    unlinkSync(cacheFiles(out).find((f) => basename(f).startsWith('smote__'))!);
    const third = await runBench(ARGS, out);
    expect(third.stdout).toContain('(1 computed, 3 cached, 0 failed)');

    // A changed sampler option recomputes that sampler's cells only; a classifier option, all.
    const fourth = await runBench([...ARGS, '--set', 'smote.kNeighbors=3'], out);
    expect(fourth.stdout).toContain('(2 computed, 2 cached, 0 failed)');
    const fifth = await runBench([...ARGS, '--set', 'logistic-regression.C=0.5'], out);
    expect(fifth.stdout).toContain('(4 computed, 0 cached, 0 failed)');
    // Different runs, different report folders: neither overwrote the other.
    expect(new Set([first.runDir, fourth.runDir, fifth.runDir]).size).toBe(3);
    expect(results(first.runDir).cells[0]!.classifierOptions).toMatchObject({ C: 1 });
    expect(results(fifth.runDir).cells[0]!.classifierOptions).toMatchObject({ C: 0.5 });
  });

  it('stops cleanly when cancelled, keeps finished cells, and the rerun finishes the rest', async () => {
    const out = tmp('bench-cancel-');
    const controller = new AbortController();
    let finished = 0;
    const progress: ProgressSink = {
      ...silentProgress,
      endCell() {
        // Ctrl-C arrives while the first cell's successor starts.
        if (++finished === 1) controller.abort(new Error('interrupted (Ctrl-C)'));
      },
    };
    const r = await runBench(ARGS, out, { signal: controller.signal, progress });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('interrupted; partial results');
    expect(cacheFiles(out)).toHaveLength(1);
    expect(readFileSync(join(r.runDir, 'report.md'), 'utf8')).toContain('Interrupted (Ctrl-C)');
    const rerun = await runBench(ARGS, out);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('(3 computed, 1 cached, 0 failed)');
  });
});
