// Every package.json of the workspace, published or private (apps, tooling, the root), says where
// the code lives, where to report bugs and under which licence (issue #11, item 6); the published
// ones also ship the root LICENSE through tooling/pack-license.mjs (the tarballs are checked in
// consumer.test.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';

const root = findWorkspaceRoot();
const REPO = 'https://github.com/oversample/oversample';

/** The workspace's folders with a package.json, relative to the root ('' for the root itself). */
function packageDirs(): string[] {
  const dirs = [''];
  for (const group of ['packages', 'apps', 'tooling']) {
    for (const name of readdirSync(path.join(root, group)).sort()) {
      if (existsSync(path.join(root, group, name, 'package.json'))) dirs.push(`${group}/${name}`);
    }
  }
  return dirs;
}

describe('package.json metadata', () => {
  for (const dir of packageDirs()) {
    it(`${dir || '(root)'} names its repository folder, homepage, bug tracker and licence`, () => {
      const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(pkg['license']).toBe('MIT');
      expect(pkg['repository']).toEqual(
        dir === '' ? { type: 'git', url: `git+${REPO}.git` } : { type: 'git', url: `git+${REPO}.git`, directory: dir },
      );
      expect(pkg['homepage']).toBe(dir === '' ? `${REPO}#readme` : `${REPO}/tree/main/${dir}#readme`);
      expect(pkg['bugs']).toBe(`${REPO}/issues`);
      if (dir.startsWith('packages/')) {
        // Published: the tarball carries the root LICENSE, copied in while packing.
        expect(pkg['private']).toBeUndefined();
        expect(pkg['files']).toContain('LICENSE');
        expect(pkg['scripts']).toMatchObject({ prepack: 'node ../../tooling/pack-license.mjs' });
        // No postpack removal: lint's `attw --pack` and consumer-test's pack run at once under
        // turbo, and one pack's removal could strip the other's tarball of its LICENSE.
        expect(pkg['scripts']).not.toHaveProperty('postpack');
      } else {
        expect(pkg['private']).toBe(true);
      }
    });
  }
});
