import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFormatError } from './errors';
import { joinPath, listDirectory, makeDirectory, parentPath, pathExists, readFileBytes, readFileText, writeFileBytes } from './files.node.js';

const dir = mkdtempSync(path.join(tmpdir(), 'oversample-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files (Node)', () => {
  it('writes and reads bytes and UTF-8 text, creating nested folders', async () => {
    const nested = joinPath(dir, 'a', 'b');
    await makeDirectory(nested);
    await makeDirectory(nested); // again: nothing happens
    const bin = joinPath(nested, 'x.bin');
    await writeFileBytes(bin, new Uint8Array([1, 2, 255]));
    expect(await readFileBytes(bin)).toEqual(new Uint8Array([1, 2, 255]));
    await writeFileBytes(joinPath(nested, 't.txt'), 'héllo\n');
    expect(await readFileText(joinPath(nested, 't.txt'))).toBe('héllo\n');
    expect(await pathExists(bin)).toBe(true);
    expect(await pathExists(joinPath(nested, 'missing'))).toBe(false);
  });

  it('lists a directory, following links', async () => {
    const d = joinPath(dir, 'list');
    await makeDirectory(joinPath(d, 'sub'));
    await writeFileBytes(joinPath(d, 'f.dat'), 'x');
    symlinkSync(joinPath(d, 'f.dat'), joinPath(d, 'link.dat'));
    const entries = (await listDirectory(d)).sort((a, b) => a.name.localeCompare(b.name));
    expect(entries).toEqual([
      { name: 'f.dat', isFile: true, isDirectory: false },
      { name: 'link.dat', isFile: true, isDirectory: false },
      { name: 'sub', isFile: false, isDirectory: true },
    ]);
  });

  it("passes Node's errors through for the caller to word", async () => {
    await expect(readFileBytes(joinPath(dir, 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(listDirectory(joinPath(dir, 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads regular files only: a directory, a device or a named pipe is a FileFormatError at once', async () => {
    const refused = async (file: string, what: string): Promise<void> => {
      for (const read of [readFileBytes, readFileText]) {
        const err = await read(file).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(FileFormatError);
        expect((err as Error).message).toBe(`${file}: is ${what}, not a regular file`);
      }
    };
    await refused(dir, 'a directory');
    if (process.platform !== 'win32') {
      await refused('/dev/zero', 'a character device');
      // Nobody writes to it: opening it for reading would block for ever.
      const pipe = joinPath(dir, 'pipe');
      execFileSync('mkfifo', [pipe]);
      await refused(pipe, 'a named pipe (FIFO)');
    }
  });

  it('joins and splits paths like node:path', () => {
    expect(joinPath('a', 'b', '../c')).toBe(path.join('a', 'c'));
    expect(parentPath(path.join('a', 'b', 'c.png'))).toBe(path.join('a', 'b'));
  });
});
