import { Conv2D, FusedConv2D, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry } from './conv-geometry';
import { patchMatrix } from './im2col';
import { originalKernel, withScope } from './wasm-compose';

// A conv as one XNNPACK matrix product: y[N*oh*ow, outC] = im2col(x)[N*oh*ow, fh*fw*inC] @
// filter[fh*fw*inC, outC]. The matmul packs its right operand on every call on one thread,
// and here that is the small one (the filter). Measured at batch 100, 2 threads, against the
// backend's own conv (XNNPACK's indirect convolution): the same time for DeepSMOTE's
// decoder-sized layers (stride 1, 10x10x256 -> 7x7x512: 1,118 against 1,115 ms under load),
// 1.3-1.9x faster for its stride-2 encoder layers (5x5x256 -> 1x1x512: 27 against 51 ms;
// 9x9x128 -> 3x3x256: 67 against 87), where the backend's conv sets up more than it multiplies.

/** The activations the wasm backend's `_FusedMatMul` applies itself (its `FusableActivation`). */
const FUSABLE = new Set(['linear', 'relu', 'relu6', 'leakyrelu', 'sigmoid', 'elu']);

function conv2DKernelFor(kernelName: typeof Conv2D | typeof FusedConv2D): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs = {} } = args;
    const x = inputs['x'] as TensorInfo;
    const filter = inputs['filter'] as TensorInfo;
    const bias = inputs['bias'] as TensorInfo | undefined;
    const activation = (attrs['activation'] as string | undefined) ?? 'linear';
    const g = convGeometry(x.shape, filter.shape, attrs);
    // What this form does not cover goes to the backend's own kernel: dilation, channels-first
    // data, PReLU (per-channel weights), a bias that is not one value per output channel.
    if (
      g === undefined ||
      x.dtype !== 'float32' ||
      !FUSABLE.has(activation) ||
      inputs['preluActivationWeights'] != null ||
      (bias != null && (bias.shape.length !== 1 || bias.shape[0] !== filter.shape[3]))
    ) {
      return originalKernel(kernelName)(args);
    }
    const k = g.filterHeight * g.filterWidth * g.inChannels;
    const rows = g.batch * g.outHeight * g.outWidth;
    return withScope(backend, (scope) => {
      // Rank 3: the backend's _FusedMatMul reads its operands as [batch, rows, cols].
      const cols = scope.run('Reshape', { x: patchMatrix(scope, x, g) }, { shape: [1, rows, k] });
      const w = scope.run('Reshape', { x: filter }, { shape: [1, k, g.outChannels] });
      const y =
        bias == null && activation === 'linear'
          ? scope.run('BatchMatMul', { a: cols, b: w }, { transposeA: false, transposeB: false })
          : scope.run(
              '_FusedMatMul',
              { a: cols, b: w, ...(bias == null ? {} : { bias }) },
              { transposeA: false, transposeB: false, activation, leakyreluAlpha: (attrs['leakyreluAlpha'] as number | undefined) ?? 0 },
            );
      return scope.keep(scope.run('Reshape', { x: y }, { shape: [g.batch, g.outHeight, g.outWidth, g.outChannels] }));
    });
  };
}

/** `Conv2D` for the wasm backend as im2col and one matrix product, in place of its own. */
export const conv2DConfig: KernelConfig = { kernelName: Conv2D, backendName: 'wasm', kernelFunc: conv2DKernelFor(Conv2D) };

/** `FusedConv2D` (bias and activation) for the wasm backend, the same way. */
export const fusedConv2DConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'wasm',
  kernelFunc: conv2DKernelFor(FusedConv2D),
};
