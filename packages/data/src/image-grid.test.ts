import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OptionError } from '@oversample/core';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { imageGridPng, writeImageGrid } from './image-grid';
import { makeTempDir } from './test-support';

const { dir, cleanup } = makeTempDir('grid');
afterAll(cleanup);

/** Image k (2x2 grey) has values k*10 + [0, 1, 2, 3]. */
const greys = (count: number) => Float32Array.from({ length: count * 4 }, (_, i) => Math.floor(i / 4) * 10 + (i % 4));

/** Decoded by pngjs, an independent decoder. */
const decode = (bytes: Uint8Array): ReturnType<typeof PNG.sync.read> => PNG.sync.read(Buffer.from(bytes));

function pixelAt(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

describe('imageGridPng / writeImageGrid', () => {
  it('writes a greyscale grid that decodes to the right pixels, gaps and empty cells white', async () => {
    const path = join(dir, 'nested', 'grid.png');
    await writeImageGrid(path, greys(3), { shape: [2, 2, 1], rows: 2, cols: 2, range: [0, 255] });
    const png = PNG.sync.read(readFileSync(path));
    expect([png.width, png.height]).toEqual([5, 5]);
    expect(png.colorType).toBe(0);
    expect(pixelAt(png, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(png, 1, 1)).toEqual([3, 3, 3, 255]);
    expect(pixelAt(png, 2, 0)).toEqual([255, 255, 255, 255]); // gap column
    expect(pixelAt(png, 4, 1)).toEqual([13, 13, 13, 255]); // image 1, pixel (1, 1)
    expect(pixelAt(png, 0, 3)).toEqual([20, 20, 20, 255]); // image 2 starts the second row
    expect(pixelAt(png, 3, 3)).toEqual([255, 255, 255, 255]); // empty fourth cell
    expect(new Uint8Array(readFileSync(path))).toEqual(await imageGridPng(greys(3), { shape: [2, 2, 1], rows: 2, cols: 2, range: [0, 255] }));
  });

  it('scales values from range (clamping), magnifies, and writes RGB for three channels', async () => {
    const rgb = Float32Array.from([-1, 0, 1, 2, -5, 0.5]); // one 1x2 RGB image in [-1, 1]
    const png = decode(await imageGridPng(rgb, { shape: [1, 2, 3], rows: 1, cols: 1, range: [-1, 1], scale: 3, gap: 0 }));
    expect([png.width, png.height]).toEqual([6, 3]);
    expect(png.colorType).toBe(2);
    expect(pixelAt(png, 0, 0)).toEqual([0, 128, 255, 255]);
    expect(pixelAt(png, 2, 2)).toEqual([0, 128, 255, 255]);
    expect(pixelAt(png, 3, 0)).toEqual([255, 0, 191, 255]);
    // Default range: the images' own min (0) and max (33) map to black and white.
    const auto = decode(await imageGridPng(greys(4), { shape: [2, 2, 1], rows: 1, cols: 4, gap: 0 }));
    expect(pixelAt(auto, 0, 0)[0]).toBe(0);
    expect(pixelAt(auto, 7, 1)[0]).toBe(255);
  });

  it('rejects images that do not fit and malformed options', async () => {
    await expect(imageGridPng(greys(5), { shape: [2, 2, 1], rows: 2, cols: 2 })).rejects.toThrow(OptionError);
    await expect(imageGridPng(greys(5), { shape: [2, 2, 1], rows: 2, cols: 2 })).rejects.toThrow('5 images do not fit a 2 x 2 grid (4 cells)');
    await expect(imageGridPng(new Float32Array(5), { shape: [2, 2, 1], rows: 2, cols: 2 })).rejects.toThrow(/5 values, not a positive whole number of 2 x 2 x 1 images/);
    await expect(imageGridPng(greys(1), { shape: [2, 2, 2], rows: 1, cols: 1 })).rejects.toThrow(/c = 1 or 3, got \[2,2,2\]/);
    await expect(imageGridPng(greys(1), { shape: [2, 2, 1], rows: 1, cols: 1, range: [1, 1] })).rejects.toThrow(/range must be \[min, max\]/);
    await expect(imageGridPng(greys(1), { shape: [2, 2, 1], rows: 1, cols: 1, scale: 0 })).rejects.toThrow(/scale must be/);
  });
});
