/**
 * Scatter plots on a canvas: decision regions shaded under the points, original rows as filled
 * dots by class, synthetic rows as crosses of their class's colour, axes with round ticks.
 */
import type { Bounds, Regions } from './pipeline';

/** Okabe & Ito's colour-blind-safe palette: one colour per class, in class order. */
export const CLASS_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'] as const;

/** The colour of class `c` (the palette repeats past eight classes). */
export function classColor(c: number): string {
  return CLASS_COLORS[c % CLASS_COLORS.length]!;
}

/** What one scatter plot shows. */
export interface ScatterInput {
  /** Plot points `[x0, y0, x1, y1, ...]`. */
  readonly points: Float32Array;
  /** Class of each point. */
  readonly labels: Int32Array;
  /** Points from this index on are synthetic. */
  readonly syntheticFrom: number;
  readonly bounds: Bounds;
  readonly axes: readonly [string, string];
  readonly regions?: Regions;
}

const MARGIN = { left: 44, right: 10, top: 10, bottom: 36 };

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Draws the plot into `canvas` at its CSS size (sharp on high-density screens). */
export function drawScatter(canvas: HTMLCanvasElement, input: ScatterInput): void {
  const cssWidth = canvas.clientWidth || Number(canvas.getAttribute('width')) || 320;
  const cssHeight = canvas.clientHeight || Number(canvas.getAttribute('height')) || 320;
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, cssWidth, cssHeight);
  const { bounds: b, points, labels } = input;
  const w = cssWidth - MARGIN.left - MARGIN.right;
  const h = cssHeight - MARGIN.top - MARGIN.bottom;
  const px = (x: number): number => MARGIN.left + ((x - b.x0) / (b.x1 - b.x0)) * w;
  const py = (y: number): number => MARGIN.top + ((b.y1 - y) / (b.y1 - b.y0)) * h;

  if (input.regions) {
    // One pixel per grid cell, scaled up: a light tint of the predicted class.
    const { size, labels: cells } = input.regions;
    const image = new ImageData(size, size);
    for (let i = 0; i < cells.length; i++) {
      const [r, g, bl] = hexToRgb(classColor(cells[i]!));
      image.data.set([r, g, bl, 46], i * 4);
    }
    const tile = document.createElement('canvas');
    tile.width = size;
    tile.height = size;
    tile.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tile, MARGIN.left, MARGIN.top, w, h);
  }

  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, w, h);
  ctx.fillStyle = '#444';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks(b.x0, b.x1)) {
    ctx.fillRect(px(t), MARGIN.top + h, 1, 4);
    ctx.fillText(formatTick(t), px(t), MARGIN.top + h + 5);
  }
  ctx.fillText(input.axes[0], MARGIN.left + w / 2, MARGIN.top + h + 20);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks(b.y0, b.y1)) {
    ctx.fillRect(MARGIN.left - 4, py(t), 4, 1);
    ctx.fillText(formatTick(t), MARGIN.left - 6, py(t));
  }
  ctx.save();
  ctx.translate(11, MARGIN.top + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(input.axes[1], 0, 0);
  ctx.restore();

  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, w, h);
  ctx.clip();
  const n = labels.length;
  // Originals first (majority first, so the minority stays visible), synthetic crosses on top.
  const order = Array.from({ length: input.syntheticFrom }, (_, i) => i).sort((a, b2) => labels[a]! - labels[b2]!);
  ctx.globalAlpha = 0.85;
  for (const i of order) {
    ctx.fillStyle = classColor(labels[i]!);
    ctx.beginPath();
    ctx.arc(px(points[2 * i]!), py(points[2 * i + 1]!), 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 1.4;
  for (let i = input.syntheticFrom; i < n; i++) {
    const x = px(points[2 * i]!);
    const y = py(points[2 * i + 1]!);
    ctx.strokeStyle = classColor(labels[i]!);
    ctx.beginPath();
    ctx.moveTo(x - 3, y - 3);
    ctx.lineTo(x + 3, y + 3);
    ctx.moveTo(x + 3, y - 3);
    ctx.lineTo(x - 3, y + 3);
    ctx.stroke();
  }
  ctx.restore();
}

function formatTick(v: number): string {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(0) : String(+v.toPrecision(3));
}
