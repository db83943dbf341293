// Node only (docs/design.md, "Platforms"): reached through the `@oversample/core/node` entry, never from the main one.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The nearest folder at or above `start` holding `pnpm-workspace.yaml` (the monorepo's root), or
 * `undefined` when there is none (an installed package outside the repository).
 */
export function locateWorkspaceRoot(start: string = process.cwd()): string | undefined {
  let dir = resolve(start);
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return dir;
}

/**
 * The monorepo's root at or above `start` (default: the working directory, which vitest sets to
 * the package under test); throws when there is none. Tests and scripts find repository files
 * from it.
 */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  const root = locateWorkspaceRoot(start);
  if (root === undefined) throw new Error(`no pnpm-workspace.yaml at or above ${start}`);
  return root;
}
