// Bundle 2 of the browser test page: a one-epoch DeepSMOTE on 32 MNIST digits (one batch), on the backend
// initBackend picks (?backend=auto) or is asked to prefer (?backend=wasm), with an image grid.
import { classCounts, createDataset, PlatformError } from '@oversample/core';
import { imageGridPng } from '@oversample/data';
import { DeepSMOTE } from '@oversample/deepsmote';
import { getBackendInfo, initBackend, type BackendName } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { publish, show } from './report';

async function main(): Promise<void> {
  // ?backend=auto: initBackend's own order (webgpu, webgl, wasm, cpu); else that one first.
  const asked = new URLSearchParams(location.search).get('backend') ?? 'auto';
  const prefer = asked === 'auto' ? undefined : (asked as BackendName);
  const wasmPaths = new URL('wasm/', location.href).href;
  const info = await initBackend(prefer === undefined ? { wasmPaths } : { prefer, wasmPaths });
  // SwiftShader (software WebGL, as in a GPU-less CI) compiles shaders slowly; with shapes as
  // uniforms one program serves every batch shape (training, penalty, generation): 32 digits
  // took 28 s instead of 44 s on a loaded 2-core machine. An engine setting, not our maths.
  if (info.tfBackend === 'webgl') tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', true);
  const [meta, bin] = await Promise.all([
    fetch('data/mnist.json').then((r) => r.json() as Promise<{ y: number[]; shape: number[] }>),
    fetch('data/mnist.bin').then((r) => r.arrayBuffer()),
  ]);
  const data = createDataset({ x: new Float32Array(bin), y: meta.y, shape: meta.shape });
  const started = performance.now();
  const deep = new DeepSMOTE({ epochs: 1, dimH: 4, latentDim: 16, batchSize: 32, seed: 3 });
  const out = await deep.fitResample(data);
  const seconds = (performance.now() - started) / 1000;
  const n = data.y.length;
  const size = 28 * 28;
  let allFinite = true;
  let inRange = true;
  for (let i = n * size; i < out.x.length; i++) {
    const v = out.x[i]!;
    allFinite &&= Number.isFinite(v);
    inRange &&= v >= -1e-3 && v <= 255 + 1e-3;
  }
  let saveError: { name: string; typed: boolean; message: string } | undefined;
  try {
    await deep.save('models/deepsmote');
  } catch (error) {
    saveError = { name: (error as Error).name, typed: error instanceof PlatformError, message: (error as Error).message };
  }
  // Row 1: five real ones; row 2: five synthetic ones.
  const ones: number[] = [];
  for (let i = 0; i < n && ones.length < 5; i++) if (data.y[i] === 1) ones.push(i);
  const cells = new Float32Array(10 * size);
  ones.forEach((row, k) => cells.set(data.x.subarray(row * size, (row + 1) * size), k * size));
  for (let k = 0; k < 5; k++) cells.set(out.x.subarray((n + k) * size, (n + k + 1) * size), (5 + k) * size);
  const png = await imageGridPng(cells, { shape: [28, 28, 1], rows: 2, cols: 5, range: [0, 255], scale: 2, gap: 2 });
  const result = {
    backend: info.name,
    reason: info.reason,
    skipped: info.skipped,
    threads: info.threads,
    active: getBackendInfo()?.tfBackend,
    counts: Object.fromEntries(classCounts(out)),
    synthetic: out.y.length - n,
    allFinite,
    inRange,
    seconds,
    saveError,
  };
  show(`DeepSMOTE, one epoch on ${info.name}`, [
    `backend ${info.name} (${info.reason}); skipped: ${info.skipped.map((s) => `${s.name} — ${s.reason}`).join('; ') || 'none'}`,
    `wasm threads: ${JSON.stringify(info.threads ?? null)}`,
    `classes ${JSON.stringify(result.counts)}, ${result.synthetic} synthetic digits, finite ${allFinite}, in 0..255 ${inRange}, ${seconds.toFixed(1)} s`,
    `save: ${saveError ? `${saveError.name} — ${saveError.message}` : 'no error'}`,
    'real ones (top), synthetic ones after one epoch on 32 digits (bottom: a smoke test, not yet digits):',
  ], png);
  deep.dispose();
  publish('deep', result);
}

main().catch((error: unknown) => publish('deep', { failure: String((error as Error).stack ?? error) }));
