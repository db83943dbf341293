import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchPipelineHash, codeChangedSince, packageFingerprints, relativeImports } from './fingerprint';

const root = mkdtempSync(join(tmpdir(), 'bench-fingerprint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pkg(dir: string, name: string, version: string, deps: Record<string, string>, code: string): void {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version, dependencies: deps }));
  writeFileSync(join(dir, 'dist', 'index.js'), code);
  writeFileSync(join(dir, 'dist', 'index.js.map'), '{}');
}

describe('packageFingerprints', () => {
  it('covers the version and built code of a package and of its dependencies, not its maps', () => {
    const app = join(root, 'app');
    const a = join(app, 'node_modules', '@oversample', 'a');
    const b = join(app, 'node_modules', '@oversample', 'b');
    const tf = join(app, 'node_modules', '@tensorflow', 'tfjs-core');
    mkdirSync(app, { recursive: true });
    pkg(a, '@oversample/a', '1.0.0', { '@oversample/b': 'workspace:^', '@tensorflow/tfjs-core': '^4' }, 'export const a = 1;');
    pkg(b, '@oversample/b', '1.0.0', {}, 'export const b = 1;');
    pkg(tf, '@tensorflow/tfjs-core', '4.22.0', {}, 'x');
    const first = packageFingerprints('@oversample/a', app);
    expect(first.map((f) => f.split('#')[0])).toEqual(['@oversample/a@1.0.0', '@oversample/b@1.0.0', '@tensorflow/tfjs-core@4.22.0']);

    // Fingerprints are memoised per process, so each change below is a fresh package folder.
    const changed = (mutate: (dir: string) => void): string[] => {
      const app2 = mkdtempSync(join(root, 'app-'));
      for (const [dir, name, version, deps, code] of [
        [join(app2, 'node_modules', '@oversample', 'a'), '@oversample/a', '1.0.0', { '@oversample/b': 'workspace:^', '@tensorflow/tfjs-core': '^4' }, 'export const a = 1;'],
        [join(app2, 'node_modules', '@oversample', 'b'), '@oversample/b', '1.0.0', {}, 'export const b = 1;'],
        [join(app2, 'node_modules', '@tensorflow', 'tfjs-core'), '@tensorflow/tfjs-core', '4.22.0', {}, 'x'],
      ] as const) {
        pkg(dir, name, version, deps, code);
      }
      mutate(app2);
      return packageFingerprints('@oversample/a', app2);
    };
    expect(changed(() => {})).toEqual(first);
    expect(changed((d) => writeFileSync(join(d, 'node_modules', '@oversample', 'a', 'dist', 'index.js.map'), '{"x":1}'))).toEqual(first);
    expect(changed((d) => writeFileSync(join(d, 'node_modules', '@oversample', 'b', 'dist', 'index.js'), 'export const b = 2;'))).not.toEqual(first);
    expect(changed((d) => pkg(join(d, 'node_modules', '@tensorflow', 'tfjs-core'), '@tensorflow/tfjs-core', '4.23.0', {}, 'x'))).not.toEqual(first);
    expect(packageFingerprints('@oversample/nope', app)).toEqual(['@oversample/nope@missing']);

    // A rebuild after the fingerprint was taken is noticed (a long run must not cache across it).
    expect(codeChangedSince()).not.toContain('@oversample/a');
    writeFileSync(join(a, 'dist', 'index.js'), 'export const a = 2; // rebuilt');
    expect(codeChangedSince()).toContain('@oversample/a');
  });
});

describe('benchPipelineHash', () => {
  it('hashes the worker entry and what it imports', () => {
    expect(benchPipelineHash()).toMatch(/^[0-9a-f]{16}$/);
    expect(relativeImports(`import { a } from './a';\nexport { b } from "../b.js";\nconst c = await import('./c');\nimport x from 'pkg';`)).toEqual(['./a', '../b.js', './c']);
  });
});
