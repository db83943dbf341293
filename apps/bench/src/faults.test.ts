import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockRunDir } from './lock';
import type { ResultsFile } from './outputs';
import { runBench, useTempDirs } from './test-support';
import { UsageError } from './usage-error';

const tmp = useTempDirs();

describe('faults that must not lose a run', () => {
  // Issue #14.2: zoo-3 has 5 rows of its minority class; 6 folds cannot split it.
  it('one table too small for the folds fails its own cells with the reason; the others run and the report is written', async () => {
    const out = tmp('bench-small-');
    const r = await runBench(['--dataset', 'keel:ecoli1,keel:zoo-3', '--sampler', 'none,smote', '--classifier', 'knn', '--folds', '6'], out);
    expect(r.code).toBe(0);
    const res = JSON.parse(readFileSync(join(r.runDir, 'results.json'), 'utf8')) as ResultsFile;
    const zoo = res.cells.filter((c) => c.dataset === 'zoo-3');
    const ecoli = res.cells.filter((c) => c.dataset === 'ecoli1');
    expect(zoo).toHaveLength(12);
    expect(ecoli).toHaveLength(12);
    for (const c of zoo) expect(c.error).toMatch(/dataset zoo-3 could not be prepared: SamplerInputError: class \d+ has 5 rows; 6 folds need at least 6 rows of every class/);
    for (const c of ecoli) expect(c.status).toBe('ok');
    const md = readFileSync(join(r.runDir, 'report.md'), 'utf8');
    expect(md).toContain('## Failed cells');
    expect(md).toContain('zoo-3 / none / knn: dataset zoo-3 could not be prepared');
  });

  it('a run folder is locked while a run writes it; a lock left by a dead process is taken over', async () => {
    const dir = tmp('bench-lock-');
    const release = lockRunDir(dir);
    expect(() => lockRunDir(dir)).toThrow(UsageError);
    expect(() => lockRunDir(dir)).toThrow(/another run \(pid \d+, started .*\) is writing/);
    release();
    release(); // twice is harmless
    const again = lockRunDir(dir);
    again();
    // A lock whose holder is gone: pid 2^31 - 1 does not exist.
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: 2147483647, host: hostname(), started: 'then' }));
    const taken = lockRunDir(dir);
    expect(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    taken();
  });

  it('refuses, with exit 2, to write a run folder another live run holds', async () => {
    const out = tmp('bench-busy-');
    const args = ['--dataset', 'keel:glass1', '--sampler', 'none', '--classifier', 'knn', '--folds', '2'];
    const first = await runBench(args, out);
    writeFileSync(join(first.runDir, '.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: 'now' }));
    const second = await runBench(args, out);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^oversample-bench: another run \(pid \d+/);
  });
});
