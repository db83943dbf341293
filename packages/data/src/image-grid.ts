import { OptionError, checkInteger, checkKnownOptions, describeValue, makeDirectory, parentPath, writeFileBytes } from '@oversample/core';
import { encodePng } from './png';

/** Options of `imageGridPng` and `writeImageGrid`. */
export interface ImageGridOptions {
  /** One image's shape `[h, w, c]`, channels last, with c = 1 (grey) or 3 (RGB). */
  readonly shape: readonly number[];
  /** Grid rows and columns; images fill it row by row, and must number at most rows * cols. */
  readonly rows: number;
  readonly cols: number;
  /**
   * The values shown as black and white: `[0, 255]` for raw pixels, `[0, 1]` or `[-1, 1]` for
   * scaled ones. Default: the images' own minimum and maximum. Values outside are clamped.
   */
  readonly range?: readonly [number, number];
  /** Integer magnification (each pixel drawn as scale x scale); default 1. */
  readonly scale?: number;
  /** White pixels between cells; default 1. Empty cells are white too. */
  readonly gap?: number;
}

interface Layout {
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly count: number;
  readonly lo: number;
  readonly span: number;
  readonly scale: number;
  readonly gap: number;
  readonly rows: number;
  readonly cols: number;
}

function layout(images: Float32Array, options: ImageGridOptions): Layout {
  checkKnownOptions('imageGrid', options, ['shape', 'rows', 'cols', 'range', 'scale', 'gap']);
  if (!(images instanceof Float32Array)) throw new OptionError(`images must be a Float32Array of rows, got ${describeValue(images)}`);
  const shape = options.shape;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((s) => Number.isInteger(s) && s >= 1) || (shape[2] !== 1 && shape[2] !== 3)) {
    throw new OptionError(`shape must be [h, w, c] with positive integers and c = 1 or 3, got ${describeValue(shape)}`);
  }
  const [h, w, c] = shape as [number, number, number];
  const rows = checkInteger('rows', options.rows, { min: 1 });
  const cols = checkInteger('cols', options.cols, { min: 1 });
  const scale = checkInteger('scale', options.scale ?? 1, { min: 1 });
  const gap = checkInteger('gap', options.gap ?? 1, { min: 0 });
  const size = h * w * c;
  if (images.length === 0 || images.length % size !== 0) {
    throw new OptionError(`images holds ${images.length} values, not a positive whole number of ${h} x ${w} x ${c} images (${size} values each)`);
  }
  const count = images.length / size;
  if (count > rows * cols) {
    throw new OptionError(`${count} images do not fit a ${rows} x ${cols} grid (${rows * cols} cells); raise rows or cols`);
  }
  let lo: number;
  let hi: number;
  if (options.range !== undefined) {
    const r = options.range;
    if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(r[0] < r[1])) {
      throw new OptionError(`range must be [min, max] with finite min < max, got ${describeValue(r)}`);
    }
    [lo, hi] = r;
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < images.length; i++) {
      const v = images[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(lo < hi)) hi = lo + 1; // constant (or all-NaN) images: draw them black rather than divide by zero
    if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  }
  return { h, w, c, count, lo, span: hi - lo, scale, gap, rows, cols };
}

/**
 * Lays images out in a grid and encodes it as a PNG (greyscale for c = 1, RGB for c = 3), for
 * looking at real and synthetic samples side by side. `images` holds whole images row-major, as
 * `Dataset.x` does. Rejects with `OptionError` when the images do not fit `rows * cols` cells.
 * Runs in browsers too (e.g. `URL.createObjectURL(new Blob([png], { type: 'image/png' }))`).
 *
 * @example
 * const png = await imageGridPng(data.x.subarray(0, 100 * 784), { shape: [28, 28, 1], rows: 10, cols: 10, range: [0, 255] });
 */
export async function imageGridPng(images: Float32Array, options: ImageGridOptions): Promise<Uint8Array> {
  const { h, w, c, count, lo, span, scale, gap, rows, cols } = layout(images, options);
  const cellW = w * scale;
  const cellH = h * scale;
  const width = cols * cellW + (cols - 1) * gap;
  const height = rows * cellH + (rows - 1) * gap;
  const pixels = new Uint8Array(width * height * c).fill(255);
  const size = h * w * c;
  for (let k = 0; k < count; k++) {
    const left = (k % cols) * (cellW + gap);
    const top = Math.floor(k / cols) * (cellH + gap);
    const base = k * size;
    for (let py = 0; py < cellH; py++) {
      const srcRow = base + Math.floor(py / scale) * w * c;
      let dst = ((top + py) * width + left) * c;
      for (let px = 0; px < cellW; px++) {
        const src = srcRow + Math.floor(px / scale) * c;
        for (let ch = 0; ch < c; ch++) {
          const t = (images[src + ch]! - lo) / span;
          // NaN fails both comparisons and lands on 0 (black).
          pixels[dst++] = t >= 1 ? 255 : t > 0 ? Math.round(t * 255) : 0;
        }
      }
    }
  }
  return encodePng(pixels, width, height, c === 1 ? 1 : 3);
}

/**
 * Writes `imageGridPng(images, options)` to `path`, creating missing folders. Node only: in a
 * browser it throws `PlatformError` (use `imageGridPng` there).
 *
 * @example
 * // One row per class: 10 real digits, then 10 synthetic ones.
 * await writeImageGrid('out/grid.png', rows, { shape: [28, 28, 1], rows: 10, cols: 20, range: [0, 255], scale: 2 });
 */
export async function writeImageGrid(path: string, images: Float32Array, options: ImageGridOptions): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new OptionError(`writeImageGrid needs a file path, got ${describeValue(path)}`);
  const png = await imageGridPng(images, options);
  await makeDirectory(parentPath(path));
  await writeFileBytes(path, png);
}
