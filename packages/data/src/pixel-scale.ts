import { checkOneOf } from '@oversample/core';

/**
 * How byte pixels (0..255) become floats: `'raw'` keeps 0..255, `'unit'` divides by 255 (0..1),
 * `'symmetric'` maps to -1..1 (x / 127.5 - 1, the range DeepSMOTE trains on).
 */
export type PixelScale = 'raw' | 'unit' | 'symmetric';

const SCALES: readonly PixelScale[] = ['raw', 'unit', 'symmetric'];

/** Validates a `scale` option (default `'raw'`). */
export function checkPixelScale(value: unknown): PixelScale {
  return value === undefined ? 'raw' : checkOneOf('scale', value, SCALES);
}

/** Writes `src` into `dst` at `dstOffset`, converted by `scale`. One typed-array loop, no allocation. */
export function writePixels(dst: Float32Array, dstOffset: number, src: Uint8Array, scale: PixelScale): void {
  if (scale === 'raw') {
    dst.set(src, dstOffset);
    return;
  }
  const n = src.length;
  if (scale === 'unit') {
    for (let i = 0; i < n; i++) dst[dstOffset + i] = src[i]! / 255;
  } else {
    for (let i = 0; i < n; i++) dst[dstOffset + i] = src[i]! / 127.5 - 1;
  }
}
