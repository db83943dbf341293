/** Helpers for this app's tests: locating the repository, building the CLI. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot } from './registry';

/** The app folder (apps/bench). */
export const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The monorepo root (the folder holding pnpm-workspace.yaml). */
export function repoRoot(): string {
  const root = findRepoRoot(appDir);
  if (!root) throw new Error(`no pnpm-workspace.yaml above ${appDir}`);
  return root;
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
