/** Helpers for this app's tests: locating the repository, building the CLI, running it. */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from './cli';
import { findWorkspaceRoot } from '@oversample/core/node';
import type { ProgressSink } from './progress';
import { silentProgress } from './progress';

/** The app folder (apps/bench). */
export const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The monorepo root (the folder holding pnpm-workspace.yaml). */
export function repoRoot(): string {
  return findWorkspaceRoot(appDir);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/** Path of dist/cli.js, building it with tsup first when missing or older than src/. */
export async function builtCli(): Promise<string> {
  const cli = join(appDir, 'dist', 'cli.js');
  const srcTime = Math.max(newestMtime(join(appDir, 'src')), statSync(join(appDir, 'tsup.config.ts')).mtimeMs);
  if (!existsSync(cli) || statSync(cli).mtimeMs < srcTime) {
    const { build } = await import('tsup');
    const cwd = process.cwd();
    process.chdir(appDir);
    try {
      await build({ silent: true });
    } finally {
      process.chdir(cwd);
    }
  }
  return cli;
}

/** A writable that keeps what is written (a stand-in for stdout/stderr). */
export function textSink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** What an in-process run returned: exit code, output, and the run folder it wrote. */
export interface BenchRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The run folder (from the printed report path), or '' when none was printed. */
  readonly runDir: string;
}

/** Runs the CLI in this process (`--jobs 1`, silent progress) with `args`, into `out`. */
export async function runBench(
  args: readonly string[],
  out: string,
  options: { readonly signal?: AbortSignal; readonly progress?: ProgressSink; readonly cwd?: string } = {},
): Promise<BenchRun> {
  const stdout = textSink();
  const stderr = textSink();
  const code = await main([...args, '--jobs', '1', '--out', out], {
    cwd: options.cwd ?? out,
    env: {},
    stdout: stdout.stream,
    stderr: stderr.stream,
    progress: () => options.progress ?? silentProgress,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const html = /^\s+(\S+report\.html)$/m.exec(stdout.text())?.[1];
  return { code, stdout: stdout.text(), stderr: stderr.text(), runDir: html ? dirname(resolve(options.cwd ?? out, html)) : '' };
}

/** Every cache file (cell JSON) under `out/cache`. */
export function cacheFiles(out: string): string[] {
  const root = join(out, 'cache');
  if (!existsSync(root)) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : n.endsWith('.json') ? [p] : [];
    });
  return walk(root);
}

/**
 * A maker of fresh temporary folders for one test file, all removed after its tests
 * (registers vitest's `afterAll`; call it at the top level of the file).
 */
export function useTempDirs(): (prefix: string) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
