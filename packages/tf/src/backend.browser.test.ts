// The browser build's selection, run in Node: the platform module is swapped for its browser
// twin, as the browser build does (docs/design.md, "Platforms").
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKEND_ORDER, selectBackend } from './backend';
import * as browser from './backend-platform.browser';
import type * as node from './backend-platform.node.js';

vi.mock('./backend-platform.node.js', () => import('./backend-platform.browser'));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('backend selection in a browser', () => {
  it('has the same exports as the Node platform module', async () => {
    const real = await vi.importActual<typeof node>('./backend-platform.node.js');
    expect(Object.keys(browser).sort()).toEqual(Object.keys(real).sort());
  });

  it('tries webgpu, webgl, wasm, cpu and says why it skipped the GPU backends', async () => {
    expect(BACKEND_ORDER).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    const info = await selectBackend({}, undefined);
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped).toEqual([
      { name: 'webgpu', reason: 'this browser has no WebGPU (navigator.gpu is undefined)' },
      { name: 'webgl', reason: 'there is no canvas to draw WebGL on (no OffscreenCanvas, no document)' },
    ]);
    expect(info.threads?.reason).toMatch(/cross-origin isolated/);
  });

  it('names a WebGPU without adapter and a canvas without WebGL', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => null } });
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        getContext(): null {
          return null;
        }
      },
    );
    expect(await browser.unavailableReason('webgpu')).toBe('WebGPU found no adapter (navigator.gpu.requestAdapter() gave none)');
    expect(await browser.unavailableReason('webgl')).toBe('this browser gives no WebGL context (webgl2 or webgl)');
    expect(await browser.unavailableReason('tensorflow')).toBe('tensorflow runs in Node only (it needs libtensorflow)');
    expect(await browser.unavailableReason('wasm')).toBeUndefined();
  });

  it('rejects a Node backend as a preference, naming the browser ones', async () => {
    await expect(selectBackend({ prefer: 'tensorflow' }, undefined)).rejects.toThrow(
      "prefer must be one of this platform's backends, webgpu, webgl, wasm, cpu, got \"tensorflow\"",
    );
  });
});
