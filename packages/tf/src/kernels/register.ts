import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './batch-mat-mul';
import { conv2DConfig, fusedConv2DConfig } from './conv2d';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input';
import { identityConfig } from './identity';
import { meanConfig, sumConfig } from './reduce-leading';
import { tileConfig } from './tile';
import { captureOriginal } from './wasm-compose';

/** The kernels this package adds to, or replaces in, the wasm backend. */
export const WASM_KERNELS: readonly KernelConfig[] = [
  conv2DConfig,
  fusedConv2DConfig,
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  tileConfig,
  identityConfig,
  sumConfig,
  meanConfig,
];

/**
 * Registers this package's kernels for the `wasm` backend: the gradient kernels it lacks and
 * faster replacements for slow ones. Idempotent. `initBackend` calls it when it picks wasm;
 * call it yourself only if you set the wasm backend up without `initBackend`, after importing
 * `@tensorflow/tfjs-backend-wasm`.
 */
export function registerWasmKernels(): void {
  for (const config of WASM_KERNELS) {
    // getKernel's type says it always finds one; at runtime it is undefined when absent.
    const existing = getKernel(config.kernelName, 'wasm') as KernelConfig | undefined;
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing !== undefined) {
      captureOriginal(config.kernelName);
      unregisterKernel(config.kernelName, 'wasm');
    }
    registerKernel(config);
  }
}
