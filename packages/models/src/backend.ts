import { initBackend } from '@oversample/tf';

/**
 * Makes sure a TensorFlow.js backend is active before tensor work: `@oversample/tf` picks the
 * fastest that loads (native, wasm with its gradient kernels, or plain JS) once per process.
 */
export async function ensureBackend(): Promise<void> {
  await initBackend();
}
