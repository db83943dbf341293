import { Mean, Sum, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, type WasmBackend } from './wasm-compose';

// The wasm backend reduces only innermost axes, and transposes the whole input first for
// any other reduction. A training step reduces NHWC tensors over N, H, W all the time (bias
// gradients, batch-norm statistics and their gradients): a full transpose of every such
// tensor. Leading axes are contiguous rows, so a running per-column sum needs no transpose.

/** The number of leading axes reduced, when the reduction is exactly axes 0..k-1 (k < rank). */
function leadingAxes(shape: number[], axis: unknown): number | undefined {
  const axes = util.parseAxisParam(axis as number | number[], shape).sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= shape.length) return undefined;
  return axes.every((a, i) => a === i) ? axes.length : undefined;
}

function reduceLeading(kernelName: typeof Sum | typeof Mean): KernelFunc {
  return (args) => {
    const { inputs, attrs = {} } = args;
    const x = inputs['x'] as TensorInfo;
    const k = x.dtype === 'float32' ? leadingAxes(x.shape, attrs['axis']) : undefined;
    if (k === undefined) return originalKernel(kernelName)(args);
    const backend = args.backend as WasmBackend;
    const rows = util.sizeFromShape(x.shape.slice(0, k));
    const rest = x.shape.slice(k);
    const width = util.sizeFromShape(rest);
    const out = backend.makeOutput(attrs['keepDims'] === true ? [...x.shape.slice(0, k).map(() => 1), ...rest] : rest, 'float32');
    // Views after the allocation, which may have grown (and detached) the heap.
    const source = backend.typedArrayFromHeap(x);
    const target = backend.typedArrayFromHeap(out);
    const totals = new Float64Array(width);
    // Four rows per pass over the totals: a quarter of the read-modify-writes of a row at a time.
    let r = 0;
    for (let base = 0; r + 4 <= rows; r += 4, base += 4 * width) {
      const b1 = base + width;
      const b2 = b1 + width;
      const b3 = b2 + width;
      for (let c = 0; c < width; c++) {
        totals[c] =
          (totals[c] as number) +
          (source[base + c] as number) +
          (source[b1 + c] as number) +
          (source[b2 + c] as number) +
          (source[b3 + c] as number);
      }
    }
    for (let base = r * width; r < rows; r++, base += width) {
      for (let c = 0; c < width; c++) totals[c] = (totals[c] as number) + (source[base + c] as number);
    }
    const scale = kernelName === Mean ? 1 / rows : 1;
    for (let c = 0; c < width; c++) target[c] = (totals[c] as number) * scale;
    return out;
  };
}

/** `Sum` for the wasm backend: leading-axis reductions without the transpose. */
export const sumConfig: KernelConfig = { kernelName: Sum, backendName: 'wasm', kernelFunc: reduceLeading(Sum) };

/** `Mean` for the wasm backend: leading-axis reductions without the transpose. */
export const meanConfig: KernelConfig = { kernelName: Mean, backendName: 'wasm', kernelFunc: reduceLeading(Mean) };
