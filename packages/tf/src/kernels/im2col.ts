import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './conv-geometry';
import { heapOffsets } from './heap';
import type { WasmScope } from './wasm-compose';

// Both loops address one Float32Array over the whole wasm heap by element offsets, so the
// contiguous runs of channels move with copyWithin (a memmove) instead of a JS loop.

/**
 * Fills `cols` ([batch*outH*outW, fh*fw*inC], row-major) with the input patches of a conv:
 * row (b, p, q) holds x[b, p*sh+i-padTop, q*sw+j-padLeft, :] for every (i, j), zero outside.
 */
export function im2col(heap: Float32Array, x: number, cols: number, g: ConvGeometry): void {
  const { inHeight: H, inWidth: W, inChannels: C, filterHeight: FH, filterWidth: FW } = g;
  const rowLen = FH * FW * C;
  let row = cols;
  for (let b = 0; b < g.batch; b++) {
    const xb = x + b * H * W * C;
    for (let p = 0; p < g.outHeight; p++) {
      const h0 = p * g.strideHeight - g.padTop;
      for (let q = 0; q < g.outWidth; q++) {
        const w0 = q * g.strideWidth - g.padLeft;
        let dst = row;
        for (let i = 0; i < FH; i++) {
          const h = h0 + i;
          if (h < 0 || h >= H) {
            heap.fill(0, dst, dst + FW * C);
            dst += FW * C;
            continue;
          }
          const xRow = xb + h * W * C;
          for (let j = 0; j < FW; j++) {
            const w = w0 + j;
            if (w < 0 || w >= W) heap.fill(0, dst, dst + C);
            else if (C < 8) for (let c = 0; c < C; c++) heap[dst + c] = heap[xRow + w * C + c] as number;
            else heap.copyWithin(dst, xRow + w * C, xRow + w * C + C);
            dst += C;
          }
        }
        row += rowLen;
      }
    }
  }
}

/**
 * The adjoint of {@link im2col}: adds each row of `cols` back onto the positions of `dx`
 * ([batch, H, W, inC], zero-filled by the caller) its patch came from.
 */
export function col2im(heap: Float32Array, cols: number, dx: number, g: ConvGeometry): void {
  const { inHeight: H, inWidth: W, inChannels: C, filterHeight: FH, filterWidth: FW } = g;
  let src = cols;
  for (let b = 0; b < g.batch; b++) {
    const xb = dx + b * H * W * C;
    for (let p = 0; p < g.outHeight; p++) {
      const h0 = p * g.strideHeight - g.padTop;
      for (let q = 0; q < g.outWidth; q++) {
        const w0 = q * g.strideWidth - g.padLeft;
        for (let i = 0; i < FH; i++) {
          const h = h0 + i;
          if (h < 0 || h >= H) {
            src += FW * C;
            continue;
          }
          const xRow = xb + h * W * C;
          for (let j = 0; j < FW; j++) {
            const w = w0 + j;
            if (w >= 0 && w < W) {
              const d = xRow + w * C;
              for (let c = 0; c < C; c++) heap[d + c] = (heap[d + c] as number) + (heap[src + c] as number);
            }
            src += C;
          }
        }
      }
    }
  }
}

/** The patches of `x` as a new tensor of `scope`, [batch*outH*outW, fh*fw*inC] (see {@link im2col}). */
export function patchMatrix(scope: WasmScope, x: TensorInfo, g: ConvGeometry): TensorInfo {
  const cols = scope.empty([g.batch * g.outHeight * g.outWidth, g.filterHeight * g.filterWidth * g.inChannels]);
  const { heap, offsets } = heapOffsets(scope, x, cols);
  im2col(heap, offsets[0] as number, offsets[1] as number, g);
  return cols;
}
