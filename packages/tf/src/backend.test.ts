import os from 'node:os';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { OptionError, OversampleError } from '@oversample/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freeCoreThreads, getBackendInfo, initBackend, selectBackend } from './backend';

const missing = (name: string) => () => Promise.reject(new Error(`Cannot find package '${name}'`));
const noNative = {
  'tensorflow-gpu': missing('@tensorflow/tfjs-node-gpu'),
  tensorflow: missing('@tensorflow/tfjs-node'),
};

/**
 * Stands in for tfjs-node: registers a 'tensorflow' backend (a cpu one, told whether it sees a
 * GPU) with the cpu backend's kernels, so it passes initBackend's test computation.
 */
function fakeNative(usesGpu: boolean) {
  return async () => {
    for (const kernel of tf.getKernelsForBackend('cpu')) {
      if (tf.getKernel(kernel.kernelName, 'tensorflow') === undefined) tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
    }
    tf.registerBackend('tensorflow', () => Object.assign(new MathBackendCPU(), { isUsingGpuDevice: usesGpu }));
  };
}

/** Runs `body` with the fake native backend's matrix product replaced by `kernelFunc`. */
async function withBrokenMatMul<T>(kernelFunc: tf.KernelFunc, body: () => Promise<T>): Promise<T> {
  await fakeNative(true)();
  const real = tf.getKernel('BatchMatMul', 'tensorflow')!;
  tf.unregisterKernel('BatchMatMul', 'tensorflow');
  tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'tensorflow', kernelFunc });
  try {
    return await body();
  } finally {
    tf.unregisterKernel('BatchMatMul', 'tensorflow');
    tf.registerKernel(real);
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
});

describe('selectBackend', () => {
  it('skips the native packages that are not installed and picks wasm, saying why', async () => {
    const cores = Math.min(os.availableParallelism(), 8);
    const info = await selectBackend({ loaders: noNative, wasmThreads: cores }, undefined);
    expect(info.name).toBe('wasm');
    expect(info.tfBackend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow']);
    expect(info.skipped[0]?.reason).toContain("Cannot find package '@tensorflow/tfjs-node-gpu'");
    expect(info.reason).toBe('the fastest backend that loaded');
    // The threaded build, with the XNNPACK threads asked for (see wasm-threads.node.ts).
    expect(info.threads).toEqual({ count: cores, reason: `${cores} asked for by wasmThreads` });
  });

  it('tries the GPU package first and takes it when it sees a GPU', async () => {
    const info = await selectBackend({ loaders: { 'tensorflow-gpu': fakeNative(true) } }, undefined);
    expect(info).toMatchObject({ name: 'tensorflow-gpu', tfBackend: 'tensorflow', skipped: [], reason: 'the fastest backend' });
  });

  it('passes over a GPU package that runs without CUDA, then takes native CPU', async () => {
    const native = fakeNative(false);
    const info = await selectBackend({ loaders: { 'tensorflow-gpu': native, tensorflow: async () => undefined } }, undefined);
    expect(info.name).toBe('tensorflow');
    expect(info.skipped).toHaveLength(1);
    expect(info.skipped[0]?.reason).toMatch(/CUDA/);
  });

  it('reports a package that loads but registers no backend', async () => {
    const info = await selectBackend({ loaders: { ...noNative, wasm: async () => undefined } }, undefined);
    // wasm was registered by an earlier selection, so a loader that does nothing still works.
    expect(info.name).toBe('wasm');
    const bare = await selectBackend({ loaders: { 'tensorflow-gpu': async () => undefined, tensorflow: missing('x') } }, undefined);
    expect(bare.skipped[0]?.reason).toBe("@tensorflow/tfjs-node-gpu loaded but registered no 'tensorflow' backend");
  });

  it('falls back to plain cpu when wasm fails too', async () => {
    const info = await selectBackend({ loaders: { ...noNative, wasm: missing('@tensorflow/tfjs-backend-wasm') } }, undefined);
    expect(info.name).toBe('cpu');
    expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm']);
  });

  it('passes over a backend that starts but fails the test computation, saying how', async () => {
    const info = await withBrokenMatMul(
      () => {
        throw new Error('CONTEXT_LOST_WEBGL: the context is gone');
      },
      // The loader itself does nothing: the fake native backend is registered already.
      () => selectBackend({ loaders: { 'tensorflow-gpu': async () => undefined, tensorflow: missing('@tensorflow/tfjs-node') } }, undefined),
    );
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped[0]).toEqual({
      name: 'tensorflow-gpu',
      reason: "the 'tensorflow' backend started but failed a test computation (CONTEXT_LOST_WEBGL: the context is gone)",
    });
  });

  it('passes over a backend that computes wrong answers, showing them', async () => {
    const zeros: tf.KernelFunc = ({ backend }) => (backend as MathBackendCPU).makeTensorInfo([1, 2, 2], 'float32', new Float32Array(4));
    const info = await withBrokenMatMul(zeros, () => selectBackend({ loaders: { 'tensorflow-gpu': async () => undefined } }, undefined));
    expect(info.name).toBe('wasm');
    // tfjs-node is not installed here: 'tensorflow' is passed over for that.
    expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow']);
    expect(info.skipped[0]?.reason).toBe(
      "the 'tensorflow' backend started but gave wrong answers to a test computation (expected 4.5, -0.5, 9.5, -2, 16, 4, 4, 4, 4; got 0, 0, 0, 0, 16, 4, 4, 4, 4)",
    );
  });

  it('fails loudly when a forced backend fails the test computation', async () => {
    const failing: tf.KernelFunc = () => {
      throw new Error('out of memory');
    };
    await withBrokenMatMul(failing, async () => {
      await expect(selectBackend({ loaders: { tensorflow: async () => undefined } }, 'tensorflow')).rejects.toThrow(
        "OVERSAMPLE_TF_BACKEND=tensorflow forces a backend that did not load or compute right: the 'tensorflow' backend started but failed a test computation (out of memory)",
      );
    });
  });

  it('tries the preferred backend first', async () => {
    const info = await selectBackend({ prefer: 'cpu', loaders: noNative }, undefined);
    expect(info).toMatchObject({ name: 'cpu', reason: 'preferred by the caller', skipped: [] });
  });

  it('lets the environment variable force one, over a preference', async () => {
    const info = await selectBackend({ prefer: 'wasm', loaders: noNative }, 'cpu');
    expect(info).toMatchObject({ name: 'cpu', tfBackend: 'cpu', reason: 'forced by OVERSAMPLE_TF_BACKEND' });
  });

  it('rejects a wasm thread count outside 1..8', async () => {
    await expect(selectBackend({ wasmThreads: 0 }, undefined)).rejects.toThrow('wasmThreads must be an integer from 1 to 8, got 0');
    vi.stubEnv('OVERSAMPLE_TF_WASM_THREADS', 'many');
    await expect(selectBackend({}, undefined)).rejects.toThrow(OptionError);
  });

  it('rejects an unknown forced or preferred name, naming the accepted ones', async () => {
    await expect(selectBackend({}, 'webgl')).rejects.toThrow(OptionError);
    await expect(selectBackend({}, 'webgl')).rejects.toThrow(
      'OVERSAMPLE_TF_BACKEND must be one of tensorflow-gpu, tensorflow, wasm, cpu, got "webgl"',
    );
    await expect(selectBackend({ prefer: 'gpu' as never }, undefined)).rejects.toThrow(OptionError);
  });

  it('fails loudly when the forced backend does not load, instead of falling back', async () => {
    const attempt = selectBackend({ loaders: noNative }, 'tensorflow');
    await expect(attempt).rejects.toThrow(OversampleError);
    await expect(selectBackend({ loaders: noNative }, 'tensorflow')).rejects.toThrow(/forces a backend that did not load/);
  });
});

describe('initBackend', () => {
  it('selects once and returns the same answer after', async () => {
    vi.stubEnv('OVERSAMPLE_TF_BACKEND', '');
    expect(getBackendInfo()).toBeUndefined();
    const first = await initBackend({ loaders: noNative });
    const second = await initBackend({ prefer: 'cpu' });
    expect(second).toBe(first);
    expect(getBackendInfo()).toBe(first);
    expect(first.name).toBe('wasm');
  });

  it('registers the gradients that tfjs-core leaves out, and the wasm kernels', async () => {
    await initBackend();
    await tf.setBackend('wasm');
    const x = tf.ones([1, 4, 4, 2]);
    const filter = tf.ones([2, 2, 2, 3]);
    const [, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid')))([x, filter]);
    // Each filter tap sees 3x3 output positions of an all-ones input.
    expect(Array.from((dw as tf.Tensor).dataSync())).toEqual(new Array(24).fill(9));
  });
});

describe('freeCoreThreads', () => {
  it('gives one thread per core that the measurement finds free', () => {
    expect(freeCoreThreads(2, 0.1, 5).count).toBe(2); // measured idle: the lagging load average is not asked
    expect(freeCoreThreads(2, 0.7, 0).count).toBe(1);
    expect(freeCoreThreads(2, 2, 2).count).toBe(1);
    expect(freeCoreThreads(8, 3.2, undefined).count).toBe(5);
    expect(freeCoreThreads(16, 0, undefined).count).toBe(8);
    expect(freeCoreThreads(1, 0, undefined).count).toBe(1);
    expect(freeCoreThreads(2, 0.7, 0).why).toMatch(/0\.7 of 2 core\(s\) measured busy.*OVERSAMPLE_TF_WASM_THREADS/);
  });

  it('falls back to the load average, all or nothing, where nothing can be measured', () => {
    expect(freeCoreThreads(2, undefined, 2.5).count).toBe(1);
    expect(freeCoreThreads(2, undefined, 2.5).why).toMatch(/load average 2\.5 on 2 cores/);
    expect(freeCoreThreads(2, undefined, 1.2).count).toBe(2);
    expect(freeCoreThreads(4, undefined, undefined)).toEqual({ count: 4, why: 'one per core (4)' });
  });
});
