// The backends of browsers (docs/design.md, "Platforms"): same exports as backend-platform.node.ts.
// Each package is imported with a literal specifier, so bundlers see it and split it into its own
// chunk, loaded only when that backend is tried.
import * as tf from '@tensorflow/tfjs-core';
import type * as NodePlatform from './backend-platform.node.js';

/** The backends tried on this platform, fastest first. */
export const PLATFORM_BACKENDS: typeof NodePlatform.PLATFORM_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Imports a backend's package, which registers the backend with TensorFlow.js. */
export const importBackend: typeof NodePlatform.importBackend = async (name) => {
  switch (name) {
    case 'webgpu':
      return import('@tensorflow/tfjs-backend-webgpu');
    case 'webgl':
      return import('@tensorflow/tfjs-backend-webgl');
    case 'wasm':
      return import('@tensorflow/tfjs-backend-wasm');
    case 'cpu':
      return import('@tensorflow/tfjs-backend-cpu');
    default:
      throw new Error(`${name} runs in Node only`);
  }
};

interface Gpu {
  requestAdapter(): Promise<unknown>;
}
interface Canvas {
  getContext(kind: string): unknown;
}

/** Why `name` cannot run in this browser, found without loading its package; `undefined` when it may. */
export const unavailableReason: typeof NodePlatform.unavailableReason = async (name) => {
  if (!PLATFORM_BACKENDS.includes(name)) return `${name} runs in Node only (it needs libtensorflow)`;
  const g = globalThis as {
    navigator?: { gpu?: Gpu };
    OffscreenCanvas?: new (w: number, h: number) => Canvas;
    document?: { createElement(tag: 'canvas'): Canvas };
  };
  if (name === 'webgpu') {
    const gpu = g.navigator?.gpu;
    if (gpu === undefined) return 'this browser has no WebGPU (navigator.gpu is undefined)';
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (adapter === null || adapter === undefined) return 'WebGPU found no adapter (navigator.gpu.requestAdapter() gave none)';
  }
  if (name === 'webgl') {
    const canvas = g.OffscreenCanvas ? new g.OffscreenCanvas(1, 1) : g.document?.createElement('canvas');
    if (canvas === undefined) return 'there is no canvas to draw WebGL on (no OffscreenCanvas, no document)';
    if (!canvas.getContext('webgl2') && !canvas.getContext('webgl')) return 'this browser gives no WebGL context (webgl2 or webgl)';
  }
  return undefined;
};

/**
 * Starts the wasm backend. In a browser the package itself picks its threaded build when the page
 * is cross-origin isolated (SharedArrayBuffer available); the thread count cannot be chosen here.
 */
export const startWasmBackend: typeof NodePlatform.startWasmBackend = async (_request, wasm, options) => {
  const started = tf.engine().registry['wasm'] !== undefined;
  if (!started && options.wasmPaths !== undefined) wasm.setWasmPaths?.(options.wasmPaths);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start (are its .wasm files served? see the wasmPaths option)');
  const count = wasm.getThreadsCount?.() ?? 1;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const reason = started
    ? 'the wasm backend had already been started'
    : isolated
      ? 'chosen by the wasm package: the page is cross-origin isolated, so its threaded build may run'
      : 'the page is not cross-origin isolated (no SharedArrayBuffer), so the wasm package runs single-threaded';
  return { count, reason };
};
