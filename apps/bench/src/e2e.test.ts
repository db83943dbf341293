import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './cli';
import type { ProgressSink } from './progress';
import { silentProgress } from './progress';
import type { CellResult } from './results';
import { METRIC_NAMES } from './results';

// In-process runs of the real pipeline on one real KEEL table: SMOTE and no resampling,
// logistic regression, 2 folds (4 cells).
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const ARGS = ['--dataset', 'keel:glass1', '--sampler', 'smote,none', '--classifier', 'logistic-regression', '--folds', '2'];

async function bench(out: string, options: { signal?: AbortSignal; progress?: ProgressSink } = {}): Promise<{ code: number; stdout: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await main([...ARGS, '--out', out], {
    cwd: out,
    env: {},
    stdout: stdout.stream,
    stderr: stderr.stream,
    progress: () => options.progress ?? silentProgress,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout: stdout.text() };
}

function cacheFiles(out: string): string[] {
  const dir = join(out, 'cache', 'glass1');
  return readdirSync(dir).filter((f) => f.endsWith('.json'));
}

describe('benchmark run', () => {
  it('writes every output with every metric, standardising and resampling inside the training fold', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
    dirs.push(out);
    const r = await bench(out);
    expect(r.code).toBe(0);
    for (const f of ['results.json', 'results.csv', 'report.md', 'report.html']) expect(existsSync(join(out, f))).toBe(true);

    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cells: CellResult[] };
    expect(json.cells).toHaveLength(4);
    for (const c of json.cells) {
      expect(c.status).toBe('ok');
      expect(c.testRows + c.trainRows).toBe(214); // glass1 has 214 rows; every row is tested once
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

    const csv = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    const header = csv[0]!.split(',');
    for (const m of METRIC_NAMES) expect(header).toContain(m);
    for (const t of ['resampleMs', 'fitMs', 'predictMs']) expect(header).toContain(t);

    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('### Average ranks');
    expect(md).toContain('smote vs none');
    expect(md).toContain('### glass1: mean ± std per sampler');
    expect(md).toMatch(/\| smote \| \**0\.\d{3} ± 0\.\d{3}/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link|img[^>]+src="http)/); // self-contained
  });

  it('resumes from the cache: a second run computes nothing, a lost cell is recomputed alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-resume-'));
    dirs.push(out);
    const first = await bench(out);
    expect(first.stdout).toContain('(4 computed, 0 cached, 0 failed)');
    const before = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cells: CellResult[] };
    expect(cacheFiles(out)).toHaveLength(4);

    const second = await bench(out);
    expect(second.stdout).toContain('(0 computed, 4 cached, 0 failed)');
    const after = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cells: CellResult[] };
    expect(after.cells.map((c) => c.metrics)).toEqual(before.cells.map((c) => c.metrics));

    unlinkSync(join(out, 'cache', 'glass1', cacheFiles(out).find((f) => f.startsWith('smote__'))!));
    const third = await bench(out);
    expect(third.stdout).toContain('(1 computed, 3 cached, 0 failed)');
  });

  it('stops cleanly when cancelled, keeps finished cells, and the rerun finishes the rest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-cancel-'));
    dirs.push(out);
    const controller = new AbortController();
    let finished = 0;
    const progress: ProgressSink = {
      ...silentProgress,
      endCell() {
        // Ctrl-C arrives while the first cell's successor starts.
        if (++finished === 1) controller.abort(new Error('interrupted (Ctrl-C)'));
      },
    };
    const r = await bench(out, { signal: controller.signal, progress });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('interrupted; partial results');
    expect(cacheFiles(out)).toHaveLength(1);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Interrupted (Ctrl-C)');
    const rerun = await bench(out);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('(3 computed, 1 cached, 0 failed)');
  });
});
