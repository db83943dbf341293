import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileFormatError } from '@oversample/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCifar10 } from './cifar';
import { loadCsv } from './csv';
import { loadIdx } from './idx';
import { loadKeel } from './keel';
import { readBytes } from './read-file';
import { makeTempDir } from './test-support';

const { dir, cleanup } = makeTempDir('read-file');
afterAll(cleanup);

// Named pipes exist on POSIX systems only; Windows has no mkfifo.
const posix = process.platform !== 'win32';

/** A FIFO nobody ever writes to: opening it for reading would block for ever. */
function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

describe('readBytes: only regular files', () => {
  it.runIf(posix)('refuses a named pipe with FileFormatError at once, for every loader', async () => {
    const pipe = fifo('table.csv');
    const expectRefused = async (load: Promise<unknown>): Promise<void> => {
      const err = await load.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileFormatError);
      expect((err as FileFormatError).file).toBe(pipe);
      expect((err as Error).message).toBe(`${pipe}: is a named pipe (FIFO), not a regular file`);
    };
    await expectRefused(readBytes(pipe));
    await expectRefused(loadCsv(pipe));
    await expectRefused(loadKeel(pipe));
    await expectRefused(loadIdx(pipe, pipe));
    const cifar = join(dir, 'cifar');
    mkdirSync(cifar);
    execFileSync('mkfifo', [join(cifar, 'test_batch.bin')]);
    await expect(loadCifar10(cifar, { split: 'test' })).rejects.toThrow(/test_batch\.bin: is a named pipe \(FIFO\), not a regular file/);
  });

  it.runIf(posix)('leaves the file-system threads free: I/O still works after many refused pipes', async () => {
    const pipes = Array.from({ length: 8 }, (_, i) => fifo(`stall-${i}.csv`));
    // libuv has four threads; eight blocking opens would have stalled every later read.
    await Promise.all(pipes.map((p) => loadCsv(p).catch(() => undefined)));
    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, 'still reading');
    expect(await readFile(plain, 'utf8')).toBe('still reading');
  });

  it.runIf(posix)('refuses a character device such as /dev/zero (it never ends)', async () => {
    await expect(readBytes('/dev/zero')).rejects.toThrow('/dev/zero: is a character device, not a regular file');
  });

  it('refuses a directory, and names a missing file', async () => {
    await expect(readBytes(dir)).rejects.toThrow(`${dir}: is a directory, not a regular file`);
    await expect(loadCsv(join(dir, 'nope.csv'))).rejects.toThrow(`${join(dir, 'nope.csv')}: file not found`);
  });

  it('gives a typed error when CIFAR-10\'s batches.meta.txt is a directory', async () => {
    const cifar = join(dir, 'cifar-meta-dir');
    mkdirSync(join(cifar, 'batches.meta.txt'), { recursive: true });
    writeFileSync(join(cifar, 'test_batch.bin'), Buffer.alloc(3073));
    const err = await loadCifar10(cifar, { split: 'test' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as Error).message).toBe(`${join(cifar, 'batches.meta.txt')}: is a directory, not a regular file`);
  });
});
