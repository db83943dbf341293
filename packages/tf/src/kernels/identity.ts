import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, type WasmBackend } from './wasm-compose';

/**
 * `Identity` for the wasm backend: the output shares the input's memory, as the cpu and webgl
 * backends' identity does (tensors are immutable, and the memory is freed when its last user is).
 * The wasm backend's own kernel copies every element: ten copies of a [100, 10, 10, 256]
 * gradient per DeepSMOTE training step, from the gradients of additions and of `tf.clone`.
 */
export const identityKernel: KernelFunc = (args) => {
  const x = args.inputs['x'] as TensorInfo;
  if (x.dtype === 'string') return originalKernel(Identity)(args);
  (args.backend as WasmBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/** Replaces the wasm backend's `Identity` (see {@link identityKernel}). */
export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identityKernel,
};
