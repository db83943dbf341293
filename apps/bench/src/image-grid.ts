/**
 * Real-versus-synthetic image grids: one row per class, a few real training images on the left
 * and the sampler's synthetic images of that class on the right, written as a PNG.
 */
import type { Dataset } from '@oversample/core';
import { rowSize } from '@oversample/core';
import { writeFileAtomic } from './atomic-write';

/** Images per side of a row. */
export const GRID_PER_SIDE = 6;

/**
 * Arranges `perSide` real rows of each class (from `original`) and `perSide` synthetic rows (the
 * rows `resampled` appends after `original`'s) into a class-per-row grid, with a white separator
 * tile between the two halves; tiles without an image (a class that got no synthetic rows) are
 * mid-grey. Returns the pixels, tile by tile, row-major (`nClasses` rows of `2 perSide + 1` tiles).
 */
export function gridImages(original: Dataset, resampled: Dataset, nClasses: number, perSide = GRID_PER_SIDE): Float32Array {
  const d = rowSize(original.shape);
  const cols = perSide * 2 + 1;
  const out = new Float32Array(nClasses * cols * d).fill(0.5);
  const put = (tile: number, src: Dataset, row: number): void => {
    out.set(src.x.subarray(row * d, (row + 1) * d), tile * d);
  };
  for (let c = 0; c < nClasses; c++) {
    out.fill(1, (c * cols + perSide) * d, (c * cols + perSide + 1) * d);
    let real = 0;
    for (let i = 0; i < original.y.length && real < perSide; i++) {
      if (original.y[i] === c) put(c * cols + real++, original, i);
    }
    let synth = 0;
    for (let i = original.y.length; i < resampled.y.length && synth < perSide; i++) {
      if (resampled.y[i] === c) put(c * cols + perSide + 1 + synth++, resampled, i);
    }
  }
  return out;
}

/** Writes the grid of `gridImages` to `path` as a PNG (atomically: a kill leaves no half image). */
export async function writeGrid(path: string, original: Dataset, resampled: Dataset, nClasses: number): Promise<void> {
  const { imageGridPng } = await import('@oversample/data');
  const images = gridImages(original, resampled, nClasses);
  writeFileAtomic(path, await imageGridPng(images, { shape: original.shape, rows: nClasses, cols: GRID_PER_SIDE * 2 + 1, range: [0, 1], scale: 2, gap: 2 }));
}
