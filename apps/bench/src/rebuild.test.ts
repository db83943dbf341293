import type * as NodeFs from 'node:fs';
import { readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { benchDir, packageDir } from './fingerprint';
import type { ResultsFile } from './outputs';
import type { ProgressSink } from './progress';
import { silentProgress } from './progress';
import { cacheFiles, runBench, useTempDirs } from './test-support';

const tmp = useTempDirs();

// The "rebuild" is seen through statSync only: touching the real dist/index.js of
// @oversample/smote would fail the cells of every other test file running at the same time.
const rebuilt = vi.hoisted(() => ({ file: '', shiftMs: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const statSync = ((path: Parameters<typeof fs.statSync>[0], options?: Parameters<typeof fs.statSync>[1]) => {
    const st = fs.statSync(path, options) as Stats | undefined;
    if (rebuilt.shiftMs === 0 || st === undefined || String(path) !== rebuilt.file) return st;
    return Object.assign(Object.create(Object.getPrototypeOf(st) as object) as Stats, st, { mtimeMs: st.mtimeMs + rebuilt.shiftMs });
  }) as typeof fs.statSync;
  return { ...fs, statSync, default: { ...fs, statSync } };
});

// A long run keys its cells by the code it hashed at the start. A build during the run (new
// package code on disk, loaded lazily by a later cell) must not be cached under the old key.
describe('a rebuild during a run', () => {
  it('fails the cells that ended after it, with the reason, and caches none of them', async () => {
    const out = tmp('bench-rebuild-');
    rebuilt.file = join(packageDir('@oversample/smote', benchDir())!, 'dist', 'index.js');
    let started = 0;
    const progress: ProgressSink = {
      ...silentProgress,
      startCell() {
        // "Rebuild" @oversample/smote as the second cell starts: a new modification time.
        if (++started === 2) rebuilt.shiftMs = 60_000;
      },
    };
    try {
      const r = await runBench(['--dataset', 'keel:glass1', '--sampler', 'smote', '--classifier', 'knn', '--folds', '2'], out, { progress });
      const res = JSON.parse(readFileSync(join(r.runDir, 'results.json'), 'utf8')) as ResultsFile;
      expect(res.cells.map((c) => c.status)).toEqual(['ok', 'failed']);
      expect(res.cells[1]!.error).toMatch(/the code of @oversample\/smote was rebuilt during the run, so this cell is not kept/);
      expect(cacheFiles(out)).toHaveLength(1);
    } finally {
      rebuilt.shiftMs = 0;
    }
    // The next run hashes the code again and computes the missing cell.
    const again = await runBench(['--dataset', 'keel:glass1', '--sampler', 'smote', '--classifier', 'knn', '--folds', '2'], out);
    expect(again.stdout).toContain('(1 computed, 1 cached, 0 failed)');
  });
});
