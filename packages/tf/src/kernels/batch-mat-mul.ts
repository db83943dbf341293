import { BatchMatMul, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, withScope, type WasmScope } from './wasm-compose';

// The wasm backend multiplies untransposed operands on XNNPACK but falls back to a slow loop
// when either is transposed: 10-20x slower for a dense layer's gradients (g @ w^T, a^T @ g).
// This replacement transposes explicitly first, choosing for each product the cheaper of two
// equivalent forms by the number of elements moved:
//   a @ b^T = (b @ a^T)^T    a^T @ b = (b^T @ a)^T    a^T @ b^T = (b @ a)^T

function size(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

function transposed(scope: WasmScope, x: TensorInfo): TensorInfo {
  const rank = x.shape.length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return scope.run('Transpose', { x }, { perm });
}

/**
 * `BatchMatMul` for the wasm backend: untransposed products go to the backend's own kernel;
 * transposed ones are rewritten as explicit transposes around an untransposed product.
 */
export const batchMatMulKernel: KernelFunc = (args) => {
  const { inputs, backend, attrs = {} } = args;
  const ta = attrs['transposeA'] === true;
  const tb = attrs['transposeB'] === true;
  const original = originalKernel(BatchMatMul);
  if (!ta && !tb) return original(args);
  const a = inputs['a'] as TensorInfo;
  const b = inputs['b'] as TensorInfo;
  const plain = { transposeA: false, transposeB: false };
  return withScope(backend, (scope) => {
    const product = (left: TensorInfo, right: TensorInfo) => scope.run(BatchMatMul, { a: left, b: right }, plain);
    if (ta && tb) return scope.keep(transposed(scope, product(b, a)));
    const m = a.shape[a.shape.length - (ta ? 1 : 2)] as number;
    const n = b.shape[b.shape.length - (tb ? 2 : 1)] as number;
    const batch = Math.max(size(a.shape.slice(0, -2)), size(b.shape.slice(0, -2)));
    const moved = size(ta ? a.shape : b.shape);
    const movedSwapped = size(ta ? b.shape : a.shape) + batch * m * n;
    if (moved <= movedSwapped) {
      return scope.keep(ta ? product(transposed(scope, a), b) : product(a, transposed(scope, b)));
    }
    const swapped = ta ? product(transposed(scope, b), a) : product(b, transposed(scope, a));
    return scope.keep(transposed(scope, swapped));
  });
};

/** Replaces the wasm backend's `BatchMatMul` (see {@link batchMatMulKernel}). */
export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMulKernel,
};
