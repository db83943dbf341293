import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { onBackends, randomValues, relativeError } from '../test-utils';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

const TOLERANCE = 1e-4;

beforeAll(async () => {
  // The threaded build (its numerics are the ones to check; the autoencoder test may get
  // either build, depending on the machine's load).
  const info = await initBackend({ prefer: 'wasm', wasmThreads: 2 });
  expect(info.name).toBe('wasm');
  expect(info.threads?.count).toBe(2);
});

function expectClose(wasm: Float32Array[], cpu: Float32Array[]): void {
  expect(wasm.length).toBe(cpu.length);
  cpu.forEach((reference, i) => {
    expect(relativeError(wasm[i] as Float32Array, reference), `output ${i}`).toBeLessThanOrEqual(TOLERANCE);
  });
}

// A grid of small geometries: filter sizes 1..4, strides 1 and 2, every kind of padding,
// channel counts from 1 (the image input) up, odd and non-square sizes.
const convCases: { batch: number; h: number; w: number; k: [number, number]; inC: number; outC: number; stride: number; pad: Pad }[] = [];
const pads: Pad[] = ['same', 'valid', 1, [[0, 0], [1, 2], [2, 0], [0, 0]]];
const geometries = [
  { batch: 2, h: 7, w: 7, k: [3, 3] as [number, number], inC: 1, outC: 4 },
  { batch: 3, h: 8, w: 6, k: [4, 4] as [number, number], inC: 5, outC: 3 },
  { batch: 1, h: 9, w: 10, k: [2, 3] as [number, number], inC: 16, outC: 8 },
  { batch: 2, h: 5, w: 5, k: [1, 1] as [number, number], inC: 3, outC: 6 },
  { batch: 2, h: 6, w: 7, k: [3, 3] as [number, number], inC: 8, outC: 4 },
  // Few output positions and a large filter: dx takes the product the other way round.
  { batch: 2, h: 4, w: 5, k: [4, 4] as [number, number], inC: 16, outC: 8 },
];
for (const g of geometries) {
  for (const stride of [1, 2]) {
    for (const pad of pads) {
      // tfjs-core sizes a numeric pad's output width with the filter's height, so the
      // forward conv itself disagrees between backends for non-square filters: not ours to test.
      if (typeof pad === 'number' && g.k[0] !== g.k[1]) continue;
      convCases.push({ ...g, stride, pad });
    }
  }
}

describe('conv2d gradients on wasm match cpu', () => {
  it.each(convCases)('x [$batch,$h,$w,$inC] k $k -> $outC, stride $stride, pad $pad', async (c) => {
    const x = randomValues([c.batch, c.h, c.w, c.inC], 11);
    const filter = randomValues([c.k[0], c.k[1], c.inC, c.outC], 23);
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [x, filter], (xt, ft) => {
      const y = tf.conv2d(xt as tf.Tensor4D, ft as tf.Tensor4D, c.stride, c.pad);
      // A non-uniform upstream gradient, so every position of dy matters.
      const weights = tf.tensor(randomValues(y.shape, 37).values, y.shape);
      const loss = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(tf.mul(tf.conv2d(a, b, c.stride, c.pad), weights));
      const grads = tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor)([xt as tf.Tensor, ft as tf.Tensor]);
      return [y, ...grads];
    });
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });
});

describe('conv2d forward, fused and dilated, on wasm matches cpu', () => {
  const activations = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
  const cases = activations.flatMap((activation) => [
    { activation, bias: true, stride: 1, pad: 'same' as const },
    { activation, bias: false, stride: 2, pad: 'valid' as const },
  ]);
  it.each(cases)('$activation, bias $bias, stride $stride, pad $pad', async (c) => {
    const x = randomValues([2, 7, 6, 5], 13);
    const filter = randomValues([3, 3, 5, 4], 17);
    const bias = randomValues([4], 19);
    const alpha = randomValues([4], 29);
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [x, filter, bias, alpha], (xt, ft, bt, at) => [
      tf.fused.conv2d({
        x: xt as tf.Tensor4D,
        filter: ft as tf.Tensor4D,
        strides: c.stride,
        pad: c.pad,
        bias: c.bias ? bt : undefined,
        activation: c.activation,
        preluActivationWeights: c.activation === 'prelu' ? at : undefined,
        leakyreluAlpha: 0.3,
      }),
    ]);
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });

  it('the gradients of a fused conv with bias and relu', async () => {
    const x = randomValues([2, 6, 6, 3], 31);
    const filter = randomValues([3, 3, 3, 4], 37);
    const bias = randomValues([4], 41);
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [x, filter, bias], (xt, ft, bt) => {
      const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.fused.conv2d({ x: a as tf.Tensor4D, filter: b as tf.Tensor4D, strides: 2, pad: 'same', bias: c, activation: 'relu' });
      const weights = tf.tensor(randomValues([2, 3, 3, 4], 43).values, [2, 3, 3, 4]);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c), weights)))([
        xt as tf.Tensor,
        ft as tf.Tensor,
        bt as tf.Tensor,
      ]);
      return [f(xt as tf.Tensor, ft as tf.Tensor, bt as tf.Tensor), ...grads];
    });
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });

  it('a dilated conv (the backend kernel handles it)', async () => {
    const x = randomValues([2, 9, 9, 3], 47);
    const filter = randomValues([3, 3, 3, 2], 53);
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [x, filter], (xt, ft) => [
      tf.conv2d(xt as tf.Tensor4D, ft as tf.Tensor4D, 1, 'same', 'NHWC', 2),
    ]);
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });
});

describe('conv2dTranspose and its gradients on wasm match cpu', () => {
  const cases = [
    { batch: 2, h: 7, w: 7, inC: 8, outC: 4, k: 4, stride: 1, pad: 'valid' as const, out: [10, 10] },
    { batch: 2, h: 13, w: 13, inC: 6, outC: 1, k: 4, stride: 2, pad: 'valid' as const, out: [28, 28] },
    { batch: 3, h: 4, w: 5, inC: 3, outC: 5, k: 3, stride: 2, pad: 'same' as const, out: [8, 10] },
    { batch: 1, h: 6, w: 6, inC: 4, outC: 7, k: 3, stride: 1, pad: 'same' as const, out: [6, 6] },
  ];
  it.each(cases)('[$batch,$h,$w,$inC] k$k s$stride $pad -> $outC', async (c) => {
    const x = randomValues([c.batch, c.h, c.w, c.inC], 5);
    const filter = randomValues([c.k, c.k, c.outC, c.inC], 7);
    const outShape: [number, number, number, number] = [c.batch, c.out[0] as number, c.out[1] as number, c.outC];
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [x, filter], (xt, ft) => {
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, outShape, c.stride, c.pad);
      const weights = tf.tensor(randomValues(outShape, 41).values, outShape);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, b), weights)))([xt as tf.Tensor, ft as tf.Tensor]);
      return [f(xt as tf.Tensor, ft as tf.Tensor), ...grads];
    });
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });
});

describe('matMul with transposed operands and its gradients on wasm match cpu', () => {
  // Shapes on both sides of the rule that picks which operand to transpose.
  const cases = [
    { a: [6, 4], b: [4, 9], ta: false, tb: false },
    { a: [6, 4], b: [9, 4], ta: false, tb: true },
    { a: [50, 3], b: [2, 3], ta: false, tb: true },
    { a: [4, 6], b: [4, 9], ta: true, tb: false },
    { a: [3, 2], b: [3, 40], ta: true, tb: false },
    { a: [4, 6], b: [9, 4], ta: true, tb: true },
    { a: [2, 5, 3], b: [2, 7, 3], ta: false, tb: true },
    { a: [2, 3, 5], b: [2, 3, 7], ta: true, tb: false },
  ];
  it.each(cases)('a $a (T $ta) @ b $b (T $tb)', async (c) => {
    const a = randomValues(c.a, 3);
    const b = randomValues(c.b, 4);
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [a, b], (at, bt) => {
      const f = (p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q, c.ta, c.tb);
      const y = f(at as tf.Tensor, bt as tf.Tensor);
      const weights = tf.tensor(randomValues(y.shape, 9).values, y.shape);
      const grads = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(f(p, q), weights)))([at as tf.Tensor, bt as tf.Tensor]);
      return [y, ...grads];
    });
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });
});

describe('the composed kernels free their intermediates', () => {
  it('leaves no tensor and no wasm buffer behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(randomValues([2, 8, 8, 3], 1).values, [2, 8, 8, 3]);
    const filter = tf.tensor(randomValues([4, 4, 3, 5], 2).values, [4, 4, 3, 5]);
    const run = () =>
      tf.tidy(() => {
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 1))),
        )([x, filter]);
        const mm = tf.grads((a: tf.Tensor) => tf.sum(tf.matMul(a, a, true, false)))([tf.reshape(filter, [48, 5])]);
        return tf.add(tf.sum(dx as tf.Tensor), tf.add(tf.sum(dw as tf.Tensor), tf.sum(mm[0] as tf.Tensor)));
      });
    run().dispose();
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) run().dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    // The inputs survived: a kernel that freed its inputs would make these throw.
    expect(x.dataSync().length).toBe(2 * 8 * 8 * 3);
    expect(filter.dataSync().length).toBe(4 * 4 * 3 * 5);
  });
});

describe('identity on wasm', () => {
  it('shares the memory of its input and frees it with the last user', async () => {
    await tf.setBackend('wasm');
    const buffers = tf.engine().backend.numDataIds();
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const copy = tf.clone(x);
    expect(tf.engine().backend.numDataIds()).toBe(buffers + 1);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3, 4]);
    copy.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
  });

  it('copies strings as the backend does', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(['a', 'b']);
    const copy = tf.clone(x);
    x.dispose();
    expect(copy.dataSync()).toEqual(['a', 'b']);
    copy.dispose();
  });
});

describe('tile on wasm matches cpu', () => {
  const cases = [
    { shape: [1, 1, 1, 5], reps: [3, 4, 2, 1] },
    { shape: [1, 6], reps: [7, 1] },
    { shape: [2, 3], reps: [2, 2] },
    { shape: [1, 3, 1], reps: [2, 1, 4] },
    { shape: [4], reps: [3] },
  ];
  it.each(cases)('$shape x $reps', async (c) => {
    const x = randomValues(c.shape, 8);
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [x], (xt) => [
      tf.tile(xt as tf.Tensor, c.reps),
      tf.cast(tf.tile(tf.cast(tf.mul(xt as tf.Tensor, 100), 'int32'), c.reps), 'float32'),
    ]);
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });
});

describe('sum and mean on wasm match cpu', () => {
  const cases = [
    { shape: [4, 3, 5, 6], axis: [0, 1, 2], keepDims: false },
    { shape: [4, 3, 5, 6], axis: [2, 0, 1], keepDims: true },
    { shape: [7, 9], axis: 0, keepDims: false },
    { shape: [9, 2, 3], axis: [0, 1], keepDims: false },
    { shape: [4, 3, 5], axis: [1, 2], keepDims: false },
    { shape: [4, 3, 5], axis: [0, 2], keepDims: true },
    { shape: [4, 3], axis: undefined, keepDims: false },
  ];
  it.each(cases)('$shape over $axis (keepDims $keepDims)', async (c) => {
    const x = randomValues(c.shape, 12);
    const [cpu, wasm] = await onBackends(['cpu', 'wasm'], [x], (xt) => {
      const t = xt as tf.Tensor;
      const shapes = [tf.sum(t, c.axis, c.keepDims), tf.mean(t, c.axis, c.keepDims)];
      return [...shapes, tf.tensor(shapes.flatMap((s) => s.shape))];
    });
    expectClose(wasm as Float32Array[], cpu as Float32Array[]);
  });
});
