// Doc tests (issue #12): every fenced TypeScript block of every README is type-checked against the
// built packages, strict, as a user's module; the self-contained ones are also run (in a
// temporary folder, so files they write land there). See extract.ts for the doc-test comments.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findWorkspaceRoot } from '@oversample/core/testkit';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractBlocks, type DocBlock } from './extract';

const root = findWorkspaceRoot();
const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const blocksDir = path.join(here, '.blocks');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function readmes(): string[] {
  const found = ['README.md'];
  for (const group of ['packages', 'apps', 'tooling']) {
    const dir = path.join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (existsSync(path.join(dir, name, 'README.md'))) found.push(`${group}/${name}/README.md`);
  }
  return found;
}

const blocks: (DocBlock & { file: string })[] = readmes().flatMap((readme) =>
  extractBlocks(readme, readFileSync(path.join(root, readme), 'utf8')).map((b) => ({
    ...b,
    file: `${readme.replace(/\/?README\.md$/, '').replace(/[/]/g, '-') || 'root'}-line${b.line}.ts`,
  })),
);
const diagnostics = new Map<string, string[]>();
const work = mkdtempSync(path.join(tmpdir(), 'oversample-doc-test-'));

beforeAll(() => {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  for (const b of blocks) {
    // The context first (hidden in the README), then the block as the reader sees it; a module.
    writeFileSync(path.join(blocksDir, b.file), `${b.context}${b.code}\nexport {};\n`);
  }
  const config = {
    extends: '@oversample/tsconfig/base.json',
    compilerOptions: { noEmit: true, skipLibCheck: true, noUnusedLocals: false },
    include: ['*.ts'],
  };
  writeFileSync(path.join(blocksDir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  let output = '';
  try {
    execFileSync('node', [tsc, '-p', blocksDir, '--pretty', 'false'], { cwd: here, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error);
  }
  for (const line of output.split('\n')) {
    const m = /^(?:.*[/\\])?([^/\\(]+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
    if (m) diagnostics.set(m[1]!, [...(diagnostics.get(m[1]!) ?? []), `line ${m[2]}: ${m[4]}`]);
  }
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README code', () => {
  it('has blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  for (const b of blocks) {
    it(`${b.readme}:${b.line} type-checks`, () => {
      expect(diagnostics.get(b.file) ?? []).toEqual([]);
    });
    if (b.noRun === undefined) {
      it(`${b.readme}:${b.line} runs`, () => {
        const js = transformSync(`${b.code}\nexport {};\n`, { loader: 'ts', format: 'esm', target: 'node20' }).code;
        const script = path.join(blocksDir, b.file.replace(/\.ts$/, '.mjs'));
        writeFileSync(script, js);
        const cwd = path.join(work, b.file);
        mkdirSync(cwd, { recursive: true });
        execFileSync('node', [script], { cwd, encoding: 'utf8', stdio: 'pipe', timeout: 240_000 });
      }, 300_000);
    }
  }
});
