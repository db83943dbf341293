import { gramTile, pairColumns } from './gram-tile';
import { PANEL_ROWS, createWasmGram, wasmSimdAvailable, writePanels } from './wasm-gram';

/**
 * Computes dot products tile by tile: `setQueries(i0, i1)` once per query tile, then
 * `tile(j0, j1)` per candidate tile; results land in `gram` (row `qi - i0` at `(qi - i0) * stride`,
 * column `cj - j0`).
 */
export interface GramKernel {
  readonly name: 'wasm' | 'wasm32' | 'js';
  readonly stride: number;
  readonly gram: Float64Array;
  setQueries(i0: number, i1: number): void;
  tile(j0: number, j1: number): void;
}

/**
 * Which kernel to use: `'wasm32'` (float32 sums, verified by the caller), `'wasm'` (float64 sums),
 * `'js'` (float64, no wasm), or `'auto'`: the fastest that applies (tests and benchmarks force one).
 */
export type KernelChoice = 'auto' | 'wasm32' | 'wasm' | 'js';

/** The plain JavaScript kernel (float64 arithmetic on Float32Array rows). */
export function jsKernel(q: Float32Array, x: Float32Array, d: number, t: number): GramKernel {
  const pairs = (t + 1) >> 1;
  const cols = new Int32Array(pairs * d);
  const len = new Int32Array(pairs);
  const gram = new Float64Array(t * t);
  let q0 = 0;
  let q1 = 0;
  return {
    name: 'js',
    stride: t,
    gram,
    setQueries(i0, i1) {
      q0 = i0;
      q1 = i1;
      pairColumns(q, i0, i1, d, cols, 0, len, 0, 1);
    },
    tile(j0, j1) {
      gramTile(q, q0, q1, x, j0, j1, d, cols, len, gram, t);
    },
  };
}

/**
 * A WebAssembly SIMD kernel over copies of the rows in wasm memory (float64 or float32 sums), or
 * undefined where wasm SIMD is missing or the rows do not fit in 2 GiB. `t` must be a multiple of
 * 16 (the widest panel).
 */
export function wasmKernel(
  q: Float32Array,
  x: Float32Array,
  self: boolean,
  d: number,
  t: number,
  precision: 'f64' | 'f32',
): GramKernel | undefined {
  const n = x.length / d;
  const m = q.length / d;
  // Panels of P rows (a pass of the kernel); padding rows are zeros.
  const P = PANEL_ROWS[precision];
  const pb = 4 * P * d;
  const panels = (rows: number): number => Math.ceil(rows / P);
  const pairs = (t + 1) >> 1;
  const align = (v: number): number => Math.ceil(v / 16) * 16;
  const cp = 0;
  const qp = self ? cp : panels(n) * pb;
  const cols = align(qp + (self ? panels(n) : panels(m)) * pb);
  const lens = align(cols + pairs * d * 4);
  const out = align(lens + pairs * 4);
  const rowBytes = t * 8;
  const bytes = out + (t + 2) * rowBytes;
  if (bytes > 2 ** 31 - 65536) return undefined;
  const w = createWasmGram(bytes);
  if (!w) return undefined;
  const buffer = w.memory.buffer;
  writePanels(x, n, d, new Float32Array(buffer, cp, panels(n) * P * d), P);
  if (!self) writePanels(q, m, d, new Float32Array(buffer, qp, panels(m) * P * d), P);
  const colsView = new Int32Array(buffer, cols, pairs * d);
  const lensView = new Int32Array(buffer, lens, pairs);
  const gram = new Float64Array(buffer, out, (t + 1) * t);
  let q0 = 0;
  let q1 = 0;
  const tile = precision === 'f64' ? w.tile : w.tile32;
  return {
    name: precision === 'f64' ? 'wasm' : 'wasm32',
    stride: t,
    gram,
    setQueries(i0, i1) {
      q0 = i0;
      q1 = i1;
      // Byte offsets of columns within a panel: 4 P bytes per column.
      pairColumns(q, i0, i1, d, colsView, 0, lensView, 0, 4 * P);
    },
    tile(j0, j1) {
      const g0 = j0 / P;
      tile(qp, cp, pb, q0, q1, g0, g0 + Math.ceil((j1 - j0) / P), cols, lens, out, rowBytes);
    },
  };
}

/** A kernel by name: float32 wasm sums, float64 wasm sums, or JavaScript. */
export type KernelName = 'wasm32' | 'wasm' | 'js';

/**
 * Which kernel `choice` means for a search: `'auto'` takes the float32 wasm kernel when `f32Safe`
 * (the caller verifies its rounding), else the float64 one, or JavaScript where wasm SIMD is
 * missing; a forced wasm kernel that is unavailable is an error. Allocates nothing.
 */
export function resolveKernel(choice: KernelChoice, f32Safe: boolean): KernelName {
  if (choice === 'js') return 'js';
  if (wasmSimdAvailable()) return choice === 'wasm32' || (choice === 'auto' && f32Safe) ? 'wasm32' : 'wasm';
  if (choice !== 'auto') throw new Error('the WebAssembly SIMD kernel is not available here');
  return 'js';
}

/**
 * The kernel `name` over query rows `q` and candidates `x`; a wasm kernel whose memory cannot be
 * had (rows beyond 2 GiB) is replaced by the JavaScript one, which gives the same final results.
 */
export function createKernel(name: KernelName, q: Float32Array, x: Float32Array, self: boolean, d: number, t: number): GramKernel {
  if (name !== 'js') {
    const w = wasmKernel(q, x, self, d, t, name === 'wasm' ? 'f64' : 'f32');
    if (w) return w;
  }
  return jsKernel(q, x, d, t);
}
