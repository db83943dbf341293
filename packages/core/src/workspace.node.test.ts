import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkspaceRoot, locateWorkspaceRoot } from './workspace.node.js';

describe('findWorkspaceRoot', () => {
  it('finds the monorepo root from a package folder, and says when there is none', async () => {
    const root = findWorkspaceRoot();
    expect(locateWorkspaceRoot(join(root, 'packages', 'core', 'src'))).toBe(root);
    const outside = await mkdtemp(join(tmpdir(), 'no-workspace-'));
    try {
      expect(locateWorkspaceRoot(outside)).toBeUndefined();
      expect(() => findWorkspaceRoot(outside)).toThrow(/no pnpm-workspace.yaml at or above/);
    } finally {
      await rm(outside, { recursive: true });
    }
  });
});
