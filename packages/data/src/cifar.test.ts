import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileFormatError } from '@oversample/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCifar10 } from './cifar';
import { makeTempDir } from './test-support';

const { dir, cleanup } = makeTempDir('cifar');
afterAll(cleanup);

const RECORD = 3073;

/** `count` records; record r has label (r % 10) and pixel (channel c, pixel p) = (r + 7c + p) % 256. */
function batch(count: number, first: number): Buffer {
  const buf = Buffer.alloc(count * RECORD);
  for (let i = 0; i < count; i++) {
    const r = first + i;
    buf[i * RECORD] = r % 10;
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) buf[i * RECORD + 1 + c * 1024 + p] = (r + 7 * c + p) % 256;
  }
  return buf;
}

const root = join(dir, 'cifar-10-batches-bin');
mkdirSync(root);
for (let b = 1; b <= 5; b++) writeFileSync(join(root, `data_batch_${b}.bin`), batch(2, 2 * (b - 1)));
writeFileSync(join(root, 'test_batch.bin'), batch(3, 100));

describe('loadCifar10', () => {
  it('reads the five training batches in order, channel-first records into [32, 32, 3] rows', async () => {
    const ds = await loadCifar10(dir);
    expect(ds.shape).toEqual([32, 32, 3]);
    expect([...ds.y]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ds.classNames?.[0]).toBe('airplane');
    for (const r of [0, 9]) {
      for (const [pixel, channel] of [[0, 0], [1, 2], [1023, 1], [517, 2]] as const) {
        expect(ds.x[r * 3072 + pixel * 3 + channel]).toBe((r + 7 * channel + pixel) % 256);
      }
    }
  });

  it('reads the test batch, scales pixels, and takes class names from batches.meta.txt', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    writeFileSync(join(root, 'batches.meta.txt'), `${names.join('\n')}\n\n`);
    try {
      const ds = await loadCifar10(root, { split: 'test', scale: 'unit' });
      expect([...ds.y]).toEqual([0, 1, 2]);
      expect(ds.classNames).toEqual(names);
      expect(ds.x[0]).toBeCloseTo(100 / 255, 6);
      expect(ds.x[2 * 3072 + 5 * 3 + 1]).toBeCloseTo(((102 + 7 + 5) % 256) / 255, 6);
    } finally {
      rmSync(join(root, 'batches.meta.txt'));
    }
  });

  it('names the file for a missing batch, a truncated batch, and an unknown label', async () => {
    const { dir: bad, cleanup: done } = makeTempDir('cifar-bad');
    try {
      await expect(loadCifar10(bad, { split: 'test' })).rejects.toThrow(`${join(bad, 'test_batch.bin')}: file not found`);
      writeFileSync(join(bad, 'test_batch.bin'), batch(2, 0).subarray(0, RECORD + 100));
      await expect(loadCifar10(bad, { split: 'test' })).rejects.toThrow(FileFormatError);
      await expect(loadCifar10(bad, { split: 'test' })).rejects.toThrow(/is 3173 bytes, not a whole number of 3073-byte CIFAR-10 records/);
      const wrongLabel = batch(1, 0);
      wrongLabel[0] = 12;
      writeFileSync(join(bad, 'test_batch.bin'), wrongLabel);
      await expect(loadCifar10(bad, { split: 'test' })).rejects.toThrow(/record 0 has label 12, but there are 10 classes/);
      await expect(loadCifar10(bad, { split: 'val' as 'test' })).rejects.toThrow(/split must be one of/);
    } finally {
      done();
    }
  });
});
