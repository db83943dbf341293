import { Tile, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, type WasmBackend } from './wasm-compose';

/**
 * How many back-to-back copies of x the tiling is, when it is one: reps only on leading axes
 * where x has size 1 (batch norm's gradient tiles a [1, 1, 1, C] vector to [N, H, W, C] this
 * way). `undefined` for any other tiling.
 */
function blockCopies(shape: number[], reps: number[]): number | undefined {
  let copies = 1;
  let leading = true;
  for (let i = 0; i < shape.length; i++) {
    const rep = reps[i] as number;
    if (leading && shape[i] === 1) {
      copies *= rep;
      continue;
    }
    leading = false;
    if (rep !== 1) return undefined;
  }
  return copies;
}

/**
 * `Tile` for the wasm backend: a tiling that is whole copies of the input (the batch-norm
 * gradient's) is done with memcpy doublings instead of the backend's per-element index loop,
 * which took ~10% of a DeepSMOTE training step. Any other tiling goes to the backend's kernel.
 */
export const tileKernel: KernelFunc = (args) => {
  const { inputs, attrs = {} } = args;
  const x = inputs['x'] as TensorInfo;
  const reps = attrs['reps'] as number[];
  const copies = blockCopies(x.shape, reps);
  if (copies === undefined || x.dtype === 'string' || x.dtype === 'complex64') return originalKernel(Tile)(args);
  const backend = args.backend as WasmBackend;
  const out = backend.makeOutput(
    x.shape.map((d, i) => d * (reps[i] as number)),
    x.dtype,
  );
  // Views after the allocation: it may have grown (and detached) the heap.
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  const n = source.length;
  if (n === 0) return out;
  target.set(source);
  for (let filled = n; filled < target.length; filled *= 2) {
    target.copyWithin(filled, 0, Math.min(filled, target.length - filled));
  }
  return out;
};

/** Replaces the wasm backend's `Tile` (see {@link tileKernel}). */
export const tileConfig: KernelConfig = {
  kernelName: Tile,
  backendName: 'wasm',
  kernelFunc: tileKernel,
};
