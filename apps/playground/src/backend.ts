/**
 * Starts TensorFlow.js for the deep samplers through `@oversample/tf`'s `initBackend`, with the
 * backends bundled statically (a bundler cannot follow its variable `import()`s) and the wasm
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
      loaders: {
        wasm: async () => {
          const wasm = await import('@tensorflow/tfjs-backend-wasm');
          wasm.setWasmPaths({
            'tfjs-backend-wasm.wasm': wasmPlain,
            'tfjs-backend-wasm-simd.wasm': wasmSimd,
            'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
          });
          return wasm;
        },
        cpu: () => import('@tensorflow/tfjs-backend-cpu'),
      },
      // A page is not cross-origin isolated here, so XNNPACK's threads (SharedArrayBuffer) are out.
      wasmThreads: 1,
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
