import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmScope } from './wasm-compose';

/**
 * One Float32Array over the whole wasm heap and each tensor's element offset in it. Take it
 * after the last allocation: a later one may grow the memory and detach this view.
 */
export function heapOffsets(scope: WasmScope, ...infos: TensorInfo[]): { heap: Float32Array; offsets: number[] } {
  let heap: Float32Array | undefined;
  const offsets = infos.map((info) => {
    const view = scope.view(info);
    heap ??= new Float32Array(view.buffer);
    return view.byteOffset / Float32Array.BYTES_PER_ELEMENT;
  });
  if (heap === undefined) throw new Error('heapOffsets needs at least one tensor');
  return { heap, offsets };
}
