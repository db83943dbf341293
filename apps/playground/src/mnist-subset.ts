/**
 * The images view's data: 100 MNIST training digits per class, shipped as one grey PNG
 * (`assets/mnist-subset.png`, made by `scripts/make-mnist-subset.mjs`; one class per row) and
 * decoded by the browser; and the DeepSMOTE paper's imbalance profile scaled down to it.
 */
import type { Dataset } from '@oversample/core';
import { FileFormatError } from '@oversample/core';
import { imbalanceProfiles } from '@oversample/data';
import subsetUrl from './assets/mnist-subset.png?url';

/** Digits per class in the asset. */
export const DIGITS_PER_CLASS = 100;

const SIDE = 28;

/**
 * Rows per class for a fraction of DeepSMOTE's MNIST training profile (4000, 2000, ... 40):
 * rounded, at least `minimum` (SMOTE's neighbours need them), at most the asset's 100.
 *
 * @example
 * scaledProfile(1 / 40, 6) // [100, 50, 25, 19, 13, 9, 6, 6, 6, 6]
 */
export function scaledProfile(scale: number, minimum: number): number[] {
  return imbalanceProfiles['mnist-paper'].map((n) => Math.min(DIGITS_PER_CLASS, Math.max(minimum, Math.round(n * scale))));
}

/** Pixels (0..255, row-major) of a grey image in a grid, as a Dataset: one class per grid row. */
export function gridToDataset(pixels: Uint8ClampedArray, width: number, height: number, channels: number, source: string): Dataset {
  if (width % SIDE !== 0 || height !== 10 * SIDE) {
    throw new FileFormatError(source, `is ${width}x${height} pixels; expected ${SIDE}-pixel digits in 10 rows`);
  }
  const perClass = width / SIDE;
  const n = 10 * perClass;
  const x = new Float32Array(n * SIDE * SIDE);
  const y = new Int32Array(n);
  for (let c = 0; c < 10; c++) {
    for (let k = 0; k < perClass; k++) {
      const i = c * perClass + k;
      y[i] = c;
      for (let r = 0; r < SIDE; r++) {
        for (let q = 0; q < SIDE; q++) x[i * SIDE * SIDE + r * SIDE + q] = pixels[((c * SIDE + r) * width + k * SIDE + q) * channels]!;
      }
    }
  }
  return { x, y, shape: [SIDE, SIDE, 1], classNames: Array.from({ length: 10 }, (_, c) => String(c)) };
}

let loading: Promise<Dataset> | undefined;

/** The asset's 1000 digits (loaded once per page), pixels 0..255, classes 0..9 in order. */
export function loadMnistSubset(): Promise<Dataset> {
  loading ??= (async () => {
    const response = await fetch(subsetUrl);
    if (!response.ok) throw new FileFormatError(subsetUrl, `could not be fetched (HTTP ${response.status})`);
    const bitmap = await createImageBitmap(await response.blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return gridToDataset(data, bitmap.width, bitmap.height, 4, subsetUrl);
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
