import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, cacheFiles } from './test-support';

// Spawns the built CLI (dist/cli.js) as a user would, to check exit codes and stderr.
let cli = '';
const out = mkdtempSync(join(tmpdir(), 'bench-cli-'));

beforeAll(async () => {
  cli = await builtCli();
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('oversample-bench CLI', () => {
  it('prints help and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--dataset SPEC');
    expect(r.stdout).toContain('paper-cifar10');
  });

  it('runs as the installed command (bin/oversample-bench.js, linked before any build)', () => {
    const bin = join(cli, '..', '..', 'bin', 'oversample-bench.js');
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--dataset SPEC');
    const bad = spawnSync(process.execPath, [bin, '--fast'], { encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--fast'/);
  });

  it('lists every option of a sampler family with its default', () => {
    const r = run(['options', 'deepsmote']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('deepsmote-paper [family deepsmote] (fixed: { penalty: paper })');
    expect(r.stdout).toContain('deepsmote-code [family deepsmote] (fixed: { penalty: code })');
    expect(r.stdout).toMatch(/epochs = 200 +an integer >= 1 and <= 100000/);
  });

  const errors: [string, string[], RegExp][] = [
    ['an unknown flag', ['--fast'], /Unknown option '--fast'/],
    ['an unknown sampler', ['--sampler', 'megasmote'], /unknown sampler 'megasmote'/],
    ['a bad number', ['--folds', '0'], /--folds must be an integer from 2 to 100/],
    ['a misspelt option', ['--set', 'smote.k=3'], /smote has no option 'k'; did you mean 'kNeighbors'\?/],
    ['a bad option value', ['--dataset', 'keel:glass1', '--set', 'smote.kNeighbors=0', '--out', out], /smote.kNeighbors must be an integer >= 1, got 0/],
    ['an unknown name for options', ['options', 'smoot'], /called 'smoot'; did you mean 'smote'\?/],
    ['an unknown KEEL table', ['--dataset', 'keel:glass-1', '--out', out], /dataset 'keel:glass-1': no bundled dataset is named "glass-1"; the nearest names are 'glass1', /],
    ['a missing .dat file', ['--dataset', 'keel:/nope/t.dat', '--out', out], /file \/nope\/t\.dat does not exist/],
    ['a missing CSV file', ['--dataset', 'csv:/nope/data.csv', '--out', out], /file \/nope\/data\.csv does not exist/],
    ['a missing image folder', ['--dataset', 'fashion-mnist:/nope/fmnist', '--out', out], /folder \/nope\/fmnist does not exist/],
    ['an unknown dataset kind', ['--dataset', 'svhn', '--out', out], /unknown dataset 'svhn'/],
    ['a CNN on a table', ['--dataset', 'keel:glass1', '--classifier', 'small-cnn', '--out', out], /no classifier given can read dataset 'glass1'/],
  ];
  it.each(errors)('exits 2 with a one-line error for %s', (_what, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.startsWith('oversample-bench: ')).toBe(true);
  });

  it('rejects an --out that cannot be written, up front, with exit 2 and one line', () => {
    const file = join(out, 'a-file');
    writeFileSync(file, 'x');
    for (const bad of [join(file, 'sub'), '/sys/oversample-bench-out', '/proc/oversample-bench-out']) {
      const r = run(['--dataset', 'keel:glass1', '--out', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^oversample-bench: --out .* is not a writable folder \((ENOTDIR|ENOENT|EACCES|EROFS|EPERM)/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('survives a reader that goes away (| head -2): finishes, caches every cell and writes the report', () => {
    const dir = join(out, 'epipe');
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${cli}" --dataset keel:new-thyroid1 --sampler none,random,smote --classifier knn --folds 2 --jobs 1 --out "${dir}" 2>&1 | head -2; echo "exit=\${PIPESTATUS[0]}"`],
      { encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 120_000 },
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(3); // two lines, then the exit status
    expect(r.stdout).toContain('exit=0');
    expect(cacheFiles(dir)).toHaveLength(6);
    const runDir = readdirSync(dir).find((n) => n.startsWith('quick-'))!;
    for (const f of ['results.json', 'report.md']) expect(existsSync(join(dir, runDir, f))).toBe(true);
  });

  it('runs a small benchmark end to end and prints where the report is', () => {
    const r = run(['--dataset', 'keel:new-thyroid1', '--sampler', 'none,random', '--classifier', 'knn', '--folds', '2', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/done in .*: 4\/4 cells \(4 computed, 0 cached, 0 failed\)/);
    expect(r.stdout).toMatch(new RegExp(`${out}/quick-[0-9a-f]{8}/report\\.html`));
    // Plain progress lines on a non-terminal stderr.
    expect(r.stderr).toMatch(/\[4\/4\] done new-thyroid1 · (none|random) · knn · r0 f[01] s0/);
  });
});
