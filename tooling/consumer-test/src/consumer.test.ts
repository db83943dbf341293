// The consumer test (issue #12): every package packed as it would be published (`pnpm pack` turns
// workspace: and catalog: ranges into versions), installed from the tarballs by npm into a fresh
// project with no workspace links, then used as ESM, as CommonJS, and type-checked by tsc under
// `nodenext` and `bundler` without @types/node.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findWorkspaceRoot } from '@oversample/core/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = findWorkspaceRoot();
const fixture = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixture');
const work = mkdtempSync(path.join(tmpdir(), 'oversample-consumer-'));
const app = path.join(work, 'app');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const tarballs = path.join(work, 'tarballs');

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

beforeAll(() => {
  mkdirSync(tarballs, { recursive: true });
  // One pnpm process packs them all (one startup instead of one per package).
  run('pnpm', ['--recursive', '--filter', './packages/*', 'pack', '--pack-destination', tarballs], root);
  const deps: Record<string, string> = {};
  for (const file of readdirSync(tarballs)) {
    // oversample-smote-0.1.0.tgz -> @oversample/smote
    const name = `@oversample/${file.replace(/^oversample-/, '').replace(/-\d+\.\d+\.\d+.*\.tgz$/, '')}`;
    deps[name] = `file:${path.join(tarballs, file)}`;
  }
  mkdirSync(app, { recursive: true });
  // overrides: every @oversample name resolves to its tarball, never to the registry.
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: deps, overrides: deps }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app);
  for (const f of readdirSync(fixture)) copyFileSync(path.join(fixture, f), path.join(app, f));
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installed from packed tarballs with npm', () => {
  it('installs real copies, not workspace links, with one TensorFlow.js', () => {
    interface Node {
      version?: string;
      dependencies?: Record<string, Node>;
    }
    const versions = new Set<string>();
    const walk = (deps: Record<string, Node> = {}): void => {
      for (const [name, node] of Object.entries(deps)) {
        if (name === '@tensorflow/tfjs-core' && node.version) versions.add(node.version);
        walk(node.dependencies);
      }
    };
    walk((JSON.parse(run('npm', ['ls', '--all', '--json', '@tensorflow/tfjs-core'], app)) as Node).dependencies);
    expect([...versions]).toEqual(['4.22.0']);
    expect(readdirSync(path.join(app, 'node_modules', '@oversample')).sort()).toEqual(
      readdirSync(path.join(root, 'packages')).sort(),
    );
  });

  it('ships the licence and the registry metadata in every tarball', () => {
    const licence = readFileSync(path.join(root, 'LICENSE'), 'utf8');
    for (const file of readdirSync(tarballs)) {
      const listing = run('tar', ['-tzf', path.join(tarballs, file)], work).split('\n');
      expect(listing, file).toContain('package/LICENSE');
      expect(run('tar', ['-xzOf', path.join(tarballs, file), 'package/LICENSE'], work), file).toBe(licence);
      const manifest = JSON.parse(run('tar', ['-xzOf', path.join(tarballs, file), 'package/package.json'], work)) as Record<string, unknown>;
      expect(manifest, file).toMatchObject({
        license: 'MIT',
        repository: { type: 'git', url: 'git+https://github.com/oversample/oversample.git', directory: expect.stringMatching(/^packages\//) },
        homepage: expect.stringMatching(/^https:\/\/github\.com\/oversample\/oversample\/tree\/main\/packages\/[a-z-]+#readme$/),
        bugs: 'https://github.com/oversample/oversample/issues',
      });
    }
  });

  it('runs as ESM: every package imported, SMOTE, ADASYN, metrics and a DeepSMOTE epoch', () => {
    const result = JSON.parse(run('node', ['esm.mjs'], app)) as Record<string, unknown>;
    expect(result).toMatchObject({
      smote: { 0: 40, 1: 40 },
      deep: { 0: 40, 1: 40 },
      f1: 2 / 3,
      knn: 100,
      folds: 2,
      typed: true,
      classes: ['Autoencoder', 'RegressionSMOTE', 'AutoSMOTE', 'LogisticRegression'],
      tables: 100,
      glass: { rows: 214, shape: [9], classes: ['negative', 'positive'] },
    });
    expect(['wasm', 'cpu']).toContain(result['backend']);
  });

  it('runs as CommonJS: require() of every package, one copy of core', () => {
    const result = JSON.parse(run('node', ['cjs.cjs'], app)) as Record<string, unknown>;
    expect(result).toMatchObject({ counts: { 0: 8, 1: 8 }, f1: 1, sameClass: true, glassRows: 214, backend: 'cpu' });
    for (const count of result['loaded'] as number[]) expect(count).toBeGreaterThan(0);
  });

  for (const resolution of ['nodenext', 'bundler'] as const) {
    it(`type-checks under moduleResolution ${resolution}, strict, without @types/node`, () => {
      const config = {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2022'],
          types: [],
          module: resolution === 'nodenext' ? 'NodeNext' : 'ESNext',
          moduleResolution: resolution === 'nodenext' ? 'NodeNext' : 'Bundler',
          skipLibCheck: true,
        },
        files: resolution === 'nodenext' ? ['check.ts', 'check-require.cts'] : ['check.ts'],
      };
      writeFileSync(path.join(app, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
      expect(run('node', [tsc, '-p', `tsconfig.${resolution}.json`], app)).toBe('');
    });
  }
});
