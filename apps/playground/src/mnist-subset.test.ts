import { readFileSync } from 'node:fs';
import { FileFormatError } from '@oversample/core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DIGITS_PER_CLASS, gridToDataset, scaledProfile } from './mnist-subset';

describe('the MNIST subset', () => {
  it('scales the paper profile down to the asset, keeping enough rows for SMOTE', () => {
    expect(scaledProfile(1 / 40, 6)).toEqual([100, 50, 25, 19, 13, 9, 6, 6, 6, 6]);
    expect(scaledProfile(1, 6)).toEqual([100, 100, 100, 100, 100, 100, 100, DIGITS_PER_CLASS, 60, 40]);
    expect(scaledProfile(1 / 400, 3)).toEqual([10, 5, 3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('reads the shipped PNG as 100 digits per class in class order', () => {
    const png = PNG.sync.read(readFileSync(new URL('./assets/mnist-subset.png', import.meta.url)));
    const data = gridToDataset(Uint8ClampedArray.from(png.data), png.width, png.height, 4, 'mnist-subset.png');
    expect(data.shape).toEqual([28, 28, 1]);
    expect(data.y.length).toBe(10 * DIGITS_PER_CLASS);
    expect([...new Set(data.y)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Real digits: dark background, some bright strokes, in every image.
    for (let i = 0; i < data.y.length; i++) {
      const img = data.x.subarray(i * 784, (i + 1) * 784);
      expect(img[0]).toBe(0);
      expect(Math.max(...img)).toBeGreaterThan(200);
    }
  });

  it('rejects an image of the wrong size with FileFormatError', () => {
    expect(() => gridToDataset(new Uint8ClampedArray(4 * 30 * 280), 30, 280, 4, 'x.png')).toThrow(FileFormatError);
    expect(() => gridToDataset(new Uint8ClampedArray(4 * 28 * 200), 28, 200, 4, 'x.png')).toThrow('x.png: is 28x200 pixels');
  });
});
