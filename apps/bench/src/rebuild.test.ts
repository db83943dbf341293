import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchDir, packageDir } from './fingerprint';
import type { ResultsFile } from './outputs';
import type { ProgressSink } from './progress';
import { silentProgress } from './progress';
import { cacheFiles, runBench, useTempDirs } from './test-support';

const tmp = useTempDirs();

// A long run keys its cells by the code it hashed at the start. A build during the run (new
// package code on disk, loaded lazily by a later cell) must not be cached under the old key.
describe('a rebuild during a run', () => {
  it('fails the cells that ended after it, with the reason, and caches none of them', async () => {
    const out = tmp('bench-rebuild-');
    const smote = join(packageDir('@oversample/smote', benchDir())!, 'dist', 'index.js');
    const before = statSync(smote);
    let started = 0;
    const progress: ProgressSink = {
      ...silentProgress,
      startCell() {
        // "Rebuild" @oversample/smote as the second cell starts: a new modification time.
        if (++started === 2) utimesSync(smote, before.atime, new Date(before.mtimeMs + 60_000));
      },
    };
    try {
      const r = await runBench(['--dataset', 'keel:glass1', '--sampler', 'smote', '--classifier', 'knn', '--folds', '2'], out, { progress });
      const res = JSON.parse(readFileSync(join(r.runDir, 'results.json'), 'utf8')) as ResultsFile;
      expect(res.cells.map((c) => c.status)).toEqual(['ok', 'failed']);
      expect(res.cells[1]!.error).toMatch(/the code of @oversample\/smote was rebuilt during the run, so this cell is not kept/);
      expect(cacheFiles(out)).toHaveLength(1);
    } finally {
      utimesSync(smote, before.atime, before.mtime);
    }
    // The next run hashes the code again and computes the missing cell.
    const again = await runBench(['--dataset', 'keel:glass1', '--sampler', 'smote', '--classifier', 'knn', '--folds', '2'], out);
    expect(again.stdout).toContain('(1 computed, 1 cached, 0 failed)');
  });
});
