/**
 * Starts TensorFlow.js for the deep samplers through `@oversample/tf`'s `initBackend` (its
 * browser build tries webgpu, webgl, wasm, cpu, each backend a chunk of its own), with the wasm
 * binaries served from this site, so training works offline. Loaded lazily: the tables view never
 * pays for TensorFlow.js unless a deep sampler runs.
 */
import type { BackendInfo } from '@oversample/tf';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let started: Promise<BackendInfo> | undefined;

/** Starts (once) and describes the backend the deep samplers train on. */
export function startBackend(): Promise<BackendInfo> {
  started ??= (async () => {
    const { initBackend } = await import('@oversample/tf');
    return initBackend({
      // Vite fingerprints the binaries; the wasm package is told each one's URL.
      wasmPaths: {
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
      },
    });
  })();
  started.catch(() => (started = undefined));
  return started;
}

/** One line for the page: the backend, why, and what was passed over. */
export function describeBackend(info: BackendInfo): string {
  const skipped = info.skipped.length > 0 ? `; passed over: ${info.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}` : '';
  return `TensorFlow.js backend: ${info.name} (${info.reason})${skipped}`;
}
