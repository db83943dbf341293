import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

const dir = mkdtempSync(join(tmpdir(), 'bench-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Issue #14.5: a SIGKILL while results are written must leave the old complete file or the new
// complete one. A child process rewrites a 32 MB file over and over; it is killed mid-way.
const CHILD = `
const { writeFileAtomic } = await import(process.argv[1]);
const path = process.argv[2];
const size = 32 * 1024 * 1024;
const versions = ['B', 'C'].map((c) => Buffer.alloc(size, c));
process.send('ready');
for (let i = 0; ; i++) writeFileAtomic(path, versions[i % 2]); // nearly all of its time is spent writing
`;

describe('writeFileAtomic', () => {
  it('creates folders, replaces the file and leaves no temporary file', () => {
    const path = join(dir, 'a', 'b', 'out.txt');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.txt']);
  });

  it('leaves a complete file when the writer is killed (SIGKILL) at any moment', async () => {
    const path = join(dir, 'results.json');
    writeFileSync(path, 'A'.repeat(32 * 1024 * 1024));
    // The child runs the very source of writeFileAtomic, transpiled (Node 20 cannot run TypeScript).
    const source = readFileSync(new URL('./atomic-write.ts', import.meta.url), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const modulePath = join(dir, 'atomic-write.mjs');
    writeFileSync(modulePath, js);
    const moduleUrl = pathToFileURL(modulePath).href;
    for (const delay of [30, 120, 250]) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, moduleUrl, path], {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const text = readFileSync(path, 'latin1');
      expect(text.length).toBe(32 * 1024 * 1024);
      expect(text).toBe(text[0]!.repeat(text.length)); // one whole version, not two mixed or cut short
    }
    expect(existsSync(path)).toBe(true);
  }, 60_000);
});
