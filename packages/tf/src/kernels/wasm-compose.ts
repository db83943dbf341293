import {
  getKernel,
  type DataId,
  type DataType,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/** The parts of the wasm backend (`BackendWasm`) that the composed kernels use. */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: DataId, force?: boolean): boolean;
  /** Another user of `dataId`'s memory (the backend's own `Reshape` shares memory this way). */
  incRef(dataId: DataId): void;
}

// The wasm backend's own kernel functions, captured before this package replaces any of
// them, so a replacement can delegate to the original without calling itself.
const originals = new Map<string, KernelFunc>();

/** Remembers the wasm backend's own `kernelName` before it is overridden. */
export function captureOriginal(kernelName: string): void {
  const config = getKernel(kernelName, 'wasm') as KernelConfig | undefined;
  if (!originals.has(kernelName) && config !== undefined) originals.set(kernelName, config.kernelFunc);
}

/** The wasm backend's own `kernelName`, as captured before any override. */
export function originalKernel(kernelName: string): KernelFunc {
  const kernel = originals.get(kernelName) ?? (getKernel(kernelName, 'wasm') as KernelConfig | undefined)?.kernelFunc;
  if (kernel === undefined) throw new Error(`the wasm backend has no ${kernelName} kernel`);
  return kernel;
}

/**
 * Runs wasm kernels from inside another kernel and frees every intermediate when done.
 * Tensors are never created here: wrapping a kernel's inputs as `Tensor`s and disposing
 * them would free the caller's variables, so everything stays `TensorInfo` and is released
 * with `backend.disposeData`.
 */
export class WasmScope {
  private readonly temps: TensorInfo[] = [];

  constructor(readonly backend: WasmBackend) {}

  /** Runs the wasm backend's own `kernelName` (never an override) and tracks the output. */
  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = originalKernel(kernelName);
    const out = kernel({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) throw new Error(`${kernelName} returned several outputs; one was expected`);
    this.temps.push(out);
    return out;
  }

  /** A new zero-filled float32 tensor on the wasm heap, tracked like a kernel output. */
  zeros(shape: number[]): TensorInfo {
    const out = this.backend.makeOutput(shape, 'float32');
    this.view(out).fill(0);
    this.temps.push(out);
    return out;
  }

  /** An uninitialised float32 tensor on the wasm heap, tracked like a kernel output. */
  empty(shape: number[]): TensorInfo {
    const out = this.backend.makeOutput(shape, 'float32');
    this.temps.push(out);
    return out;
  }

  /**
   * A Float32Array over a tensor's heap memory. Valid only until the next allocation: the
   * wasm memory may grow and detach it.
   */
  view(info: TensorInfo): Float32Array {
    const array = this.backend.typedArrayFromHeap(info);
    if (!(array instanceof Float32Array)) throw new Error(`expected a float32 tensor, got ${info.dtype}`);
    return array;
  }

  /** Takes `info` out of the scope, so that it outlives `dispose` (the kernel's result). */
  keep(info: TensorInfo): TensorInfo {
    const at = this.temps.indexOf(info);
    if (at >= 0) this.temps.splice(at, 1);
    return info;
  }

  /** Frees every tracked intermediate. */
  dispose(): void {
    for (const info of this.temps) this.backend.disposeData(info.dataId);
    this.temps.length = 0;
  }
}

/** Runs `body` in a fresh scope and frees everything it did not `keep`, also on a throw. */
export function withScope(backend: unknown, body: (scope: WasmScope) => TensorInfo): TensorInfo {
  const scope = new WasmScope(backend as WasmBackend);
  try {
    return body(scope);
  } finally {
    scope.dispose();
  }
}
