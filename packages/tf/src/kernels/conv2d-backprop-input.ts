import { Conv2DBackpropInput, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, type ConvGeometry } from './conv-geometry';
import { heapOffsets } from './heap';
import { col2im } from './im2col';
import { originalKernel, withScope, type WasmScope } from './wasm-compose';

// dx of a conv (and the forward pass of a transposed conv) as one XNNPACK matmul and a
// col2im: cols[N*oh*ow, fh*fw*inC] = dy[N*oh*ow, outC] @ filter^T, then every row of cols is
// added back onto the input positions its patch came from. It does exactly the conv's
// multiply-adds, where a conv over zero-inserted, padded dy would multiply zeros too (4x for
// stride 2, 2x for the decoder's 7 -> 10 layer), and the wasm backend's own kernel is a scalar
// loop. Measured at batch 100, 2 threads: 795 ms instead of 1505 (padded conv) for DeepSMOTE's
// 7 -> 10 layer; 43-60 ms instead of 240-680 for its stride-2 encoder layers.
//
// The matmul packs its right operand on every call, on one thread, and the wasm backend
// transposes with a scalar loop; so the product is taken whichever way moves fewer elements:
// - dy @ filter^T: the filter is transposed and packed (2 * k * outC elements);
// - (filter @ dy^T)^T: dy is transposed and packed, the product transposed back
//   (2 * rows * outC + rows * k). Better with few output positions: 23 ms instead of 51 under
//   load for the encoder's 5x5x256 -> 1x1x512 layer, whose filter is 2M values and dy 51k.

function cols(scope: WasmScope, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const rows = g.batch * g.outHeight * g.outWidth;
  const w2 = scope.run('Reshape', { x: filter }, { shape: [k, g.outChannels] });
  const dy2 = scope.run('Reshape', { x: dy }, { shape: [rows, g.outChannels] });
  const plain = { transposeA: false, transposeB: false };
  if (2 * k * g.outChannels <= 2 * rows * g.outChannels + rows * k) {
    const wT = scope.run('Transpose', { x: w2 }, { perm: [1, 0] });
    return scope.run('BatchMatMul', { a: dy2, b: wT }, plain);
  }
  const dyT = scope.run('Transpose', { x: dy2 }, { perm: [1, 0] });
  const colsT = scope.run('BatchMatMul', { a: w2, b: dyT }, plain);
  return scope.run('Transpose', { x: colsT }, { perm: [1, 0] });
}

/** `Conv2DBackpropInput` for the wasm backend (NHWC) as a matmul and a col2im. */
export const conv2DBackpropInputKernel: KernelFunc = ({ inputs, backend, attrs = {} }) => {
  const dy = inputs['dy'] as TensorInfo;
  const filter = inputs['filter'] as TensorInfo;
  const inputShape = attrs['inputShape'] as number[];
  const g = convGeometry(inputShape, filter.shape, attrs);
  if (g === undefined) return originalKernel(Conv2DBackpropInput)({ inputs, backend, attrs });
  return withScope(backend, (scope) => {
    const patches = cols(scope, dy, filter, g);
    const dx = scope.zeros([g.batch, g.inHeight, g.inWidth, g.inChannels]);
    const { heap, offsets } = heapOffsets(scope, patches, dx);
    col2im(heap, offsets[0] as number, offsets[1] as number, g);
    return scope.keep(dx);
  });
};

/** Registers {@link conv2DBackpropInputKernel} for the wasm backend, in place of its own. */
export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInputKernel,
};
