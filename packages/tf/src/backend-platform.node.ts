// The backends of Node (docs/design.md, "Platforms"); backend-platform.browser.ts has the same exports.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo, BackendName, InitBackendOptions, ThreadRequest, WasmModule } from './backend';
import { startThreadedWasm, threadsUnsupportedReason } from './wasm-threads.node.js';

/** The backends tried on this platform, fastest first. */
export const PLATFORM_BACKENDS: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** A variable specifier: bundlers and tsc leave the optional native packages alone. */
async function importOptional(specifier: string): Promise<unknown> {
  return import(specifier);
}

/** Imports a backend's package, which registers the backend with TensorFlow.js. */
export async function importBackend(name: BackendName): Promise<unknown> {
  switch (name) {
    case 'tensorflow-gpu':
      return importOptional('@tensorflow/tfjs-node-gpu');
    case 'tensorflow':
      return importOptional('@tensorflow/tfjs-node');
    case 'wasm':
      return import('@tensorflow/tfjs-backend-wasm');
    case 'cpu':
      return import('@tensorflow/tfjs-backend-cpu');
    default:
      throw new Error(`${name} is a browser backend`);
  }
}

/** Why `name` cannot run here, known before loading anything; `undefined` when it may. */
export async function unavailableReason(name: BackendName): Promise<string | undefined> {
  return PLATFORM_BACKENDS.includes(name) ? undefined : `${name} runs in browsers only`;
}

/**
 * Starts the wasm backend, on its threaded build when more than one thread is wanted and
 * possible (see wasm-threads.node.ts), else single-threaded; says how many threads it got and why.
 */
export async function startWasmBackend(
  { count: threads, why }: ThreadRequest,
  wasm: WasmModule,
  options: Pick<InitBackendOptions, 'wasmPaths'>,
): Promise<BackendInfo['threads']> {
  const started = tf.engine().registry['wasm'] !== undefined;
  const count = () => wasm.getThreadsCount?.() ?? 1;
  if (started) {
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start');
    return { count: count(), reason: 'the wasm backend had already been started' };
  }
  setWasmPaths(wasm, options.wasmPaths);
  let reason = threads === 1 ? why : threadsUnsupportedReason();
  if (reason === undefined) {
    try {
      if (await startThreadedWasm(threads)) {
        return { count: count(), reason: why };
      }
      reason = 'the threaded build failed to start';
    } catch (error) {
      reason = `the threaded build failed to start (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start');
  return { count: count(), reason };
}

/**
 * Points the wasm backend at its `.wasm` binaries: `wasmPaths` when given, else the package's own
 * dist folder, so they are found wherever this package is bundled (the wasm package's default is
 * relative to the running script).
 */
function setWasmPaths(wasm: WasmModule, wasmPaths: InitBackendOptions['wasmPaths']): void {
  if (wasm.setWasmPaths === undefined) return;
  if (wasmPaths !== undefined) {
    wasm.setWasmPaths(wasmPaths);
    return;
  }
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  } catch {
    return; // resolvable by import but not by require: keep the package's own default
  }
  wasm.setWasmPaths(path.dirname(entry) + path.sep);
}
