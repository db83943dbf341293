import { Conv2DBackpropFilter, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, type ConvGeometry } from './conv-geometry';
import { patchMatrix } from './im2col';
import { withScope, type WasmScope } from './wasm-compose';

// dW[i, j, c, o] = sum over (b, p, q) of xpad[b, p*sh + i, q*sw + j, c] * dy[b, p, q, o],
// which the wasm backend has no kernel for. Two ways to compute it, each the faster on some
// of DeepSMOTE's layers (measured, 2 threads, batch 100):
// - as a conv: x transposed to [inC, H, W, N] is the input, dy transposed to [oh, ow, N, outC]
//   the filter, dilated by the stride; XNNPACK then sums over batch and positions at once.
//   Best with many input channels and a large dy: 468 ms instead of 1436 for the decoder's
//   7 -> 10 layer, 44 instead of 101 for the encoder's 14 -> 7.
// - as one matmul, im2col(x)^T[fh*fw*inC, N*oh*ow] @ dy[N*oh*ow, outC], which is dW in the
//   filter's own layout. The matmul packs its right operand on every call, on one thread, so
//   the small dy goes on the right. Best where the conv would have a tiny batch (inC = 1, the
//   image layers) or a tiny filter (dy of 1x1 or 3x3). Under load: 38 ms instead of 53 with
//   the product the other way round (dy^T @ im2col(x), then transposed) and 65 as a conv for
//   5x5x256 -> 1x1x512; 7 instead of 18 and 37 for the 28x28x1 image layer.

/** Whether the dilated-conv form is expected to be the faster one for this geometry. */
function preferConv(g: ConvGeometry): boolean {
  return g.inChannels >= 8 && g.outHeight * g.outWidth >= 16;
}

function asConv(scope: WasmScope, x: TensorInfo, dy: TensorInfo, g: ConvGeometry): TensorInfo {
  const { filterHeight: fh, filterWidth: fw } = g;
  // Padding after the input so that the conv reaches every tap; cropped below when it gives more.
  const padBottom = Math.max(0, fh + (g.outHeight - 1) * g.strideHeight - g.inHeight - g.padTop);
  const padRight = Math.max(0, fw + (g.outWidth - 1) * g.strideWidth - g.inWidth - g.padLeft);
  const xT = scope.run('Transpose', { x }, { perm: [3, 1, 2, 0] });
  const dyT = scope.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  let dw = scope.run(
    'Conv2D',
    { x: xT, filter: dyT },
    {
      strides: 1,
      pad: [[0, 0], [g.padTop, padBottom], [g.padLeft, padRight], [0, 0]],
      dilations: [g.strideHeight, g.strideWidth],
      dataFormat: 'NHWC',
    },
  );
  // [inC, fh', fw', outC] with fh' >= fh: keep the first fh x fw taps.
  if (dw.shape[1] !== fh || dw.shape[2] !== fw) {
    dw = scope.run('Slice', { x: dw }, { begin: [0, 0, 0, 0], size: [g.inChannels, fh, fw, g.outChannels] });
  }
  return scope.run('Transpose', { x: dw }, { perm: [1, 2, 0, 3] });
}

function asMatMul(scope: WasmScope, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, filterShape: number[]): TensorInfo {
  const rows = g.batch * g.outHeight * g.outWidth;
  const cols = patchMatrix(scope, x, g);
  // The wasm matmul is 10-20x slower with a transposed operand: transpose explicitly.
  const colsT = scope.run('Transpose', { x: cols }, { perm: [1, 0] });
  const dy2 = scope.run('Reshape', { x: dy }, { shape: [rows, g.outChannels] });
  const dw = scope.run('BatchMatMul', { a: colsT, b: dy2 }, { transposeA: false, transposeB: false });
  return scope.run('Reshape', { x: dw }, { shape: filterShape });
}

/** `Conv2DBackpropFilter` for the wasm backend (NHWC), composed from its own kernels. */
export const conv2DBackpropFilterKernel: KernelFunc = ({ inputs, backend, attrs = {} }) => {
  const x = inputs['x'] as TensorInfo;
  const dy = inputs['dy'] as TensorInfo;
  const filterShape = attrs['filterShape'] as number[];
  const g = convGeometry(x.shape, filterShape, attrs);
  if (g === undefined) {
    throw new Error(`Conv2DBackpropFilter on wasm supports dataFormat 'NHWC' only, got ${String(attrs['dataFormat'])}`);
  }
  return withScope(backend, (scope) => scope.keep(preferConv(g) ? asConv(scope, x, dy, g) : asMatMul(scope, x, dy, g, filterShape)));
};

/** Registers {@link conv2DBackpropFilterKernel} for the wasm backend, which has none. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterKernel,
};
