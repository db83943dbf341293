import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { buildReferenceAutoencoder, referenceTrainStep, type ReferenceAutoencoder } from './reference-autoencoder';
import { maxAbs, maxAbsDiff, randomValues } from './test-utils';

// DeepSMOTE's MNIST autoencoder, small (dimH 8) to keep the plain-JS reference fast.
const SIZE = { dimH: 8, nZ: 16, seed: 5 };
const BATCH = 4;

beforeAll(async () => {
  expect((await initBackend({ prefer: 'wasm' })).name).toBe('wasm');
});

function images(): tf.Tensor4D {
  return tf.tensor4d(randomValues([BATCH, 28, 28, 1], 99).values, [BATCH, 28, 28, 1]);
}

/** One model per backend, all with the same initial weights. */
async function modelOn(backend: string, weights: Float32Array[] | undefined): Promise<ReferenceAutoencoder> {
  await tf.setBackend(backend);
  const model = buildReferenceAutoencoder(SIZE);
  if (weights !== undefined) {
    model.trainableWeights.forEach((w, i) => w.assign(tf.tensor(weights[i] as Float32Array, w.shape)));
  }
  return model;
}

describe('a training step of the reference autoencoder', () => {
  it('gives the same loss, gradients and updated weights on wasm as on cpu', async () => {
    const cpuModel = await modelOn('cpu', undefined);
    const initial = cpuModel.trainableWeights.map((w) => w.dataSync() as Float32Array);
    // minimize() in two visible halves: the gradients, then Adam's update with them.
    const step = (model: ReferenceAutoencoder) => {
      const x = images();
      const { value, grads } = tf.variableGrads(() => {
        const decoded = model.decoder.apply(model.encoder.apply(x, { training: true }), { training: true }) as tf.Tensor;
        return tf.mean(tf.squaredDifference(decoded, x)) as tf.Scalar;
      }, model.trainableWeights);
      const loss = value.dataSync()[0] as number;
      const gradients = model.trainableWeights.map((w) => (grads[w.name] as tf.Tensor).dataSync() as Float32Array);
      tf.train.adam(2e-4, 0.9, 0.999).applyGradients(grads as tf.NamedTensorMap & Record<string, tf.Variable>);
      const updated = model.trainableWeights.map((w) => w.dataSync() as Float32Array);
      tf.dispose([value, x, ...Object.values(grads)]);
      return { loss, gradients, updated };
    };
    const cpu = step(cpuModel);
    const wasm = step(await modelOn('wasm', initial));

    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-5);
    // A conv bias followed by batch norm has a true gradient of zero (the norm removes any
    // shift), so its computed one is rounding noise: errors are measured against at least a
    // hundredth of the largest gradient, not against that noise.
    const largest = Math.max(...cpu.gradients.map((g) => maxAbs(g)));
    cpu.gradients.forEach((g, i) => {
      const scale = Math.max(maxAbs(g), 1e-2 * largest);
      expect(maxAbsDiff(wasm.gradients[i] as Float32Array, g) / scale, `gradient ${i}`).toBeLessThanOrEqual(1e-4);
    });
    // Adam's first step moves each weight by lr * g / (|g| + 1e-7): about lr * sign(g), and
    // sensitive to rounding where |g| is near 1e-7, so the moves agree to a few % of lr.
    // Weights whose gradient is rounding noise (the biases before batch norm) move by noise.
    const lr = 2e-4;
    let compared = 0;
    cpu.updated.forEach((w, i) => {
      if (maxAbs(cpu.gradients[i] as Float32Array) < 1e-3 * largest) return;
      compared++;
      const before = initial[i] as Float32Array;
      const after = wasm.updated[i] as Float32Array;
      const moveCpu = w.map((v, j) => v - (before[j] as number));
      const moveWasm = after.map((v, j) => v - (before[j] as number));
      expect(maxAbsDiff(moveWasm, moveCpu) / lr, `weight ${i}`).toBeLessThan(0.05);
    });
    expect(compared).toBe(cpu.updated.length - 2);
    // A full training step on the plain-JS backend: over a minute on a loaded 2-core machine.
  }, 300_000);

  it('keeps the tensor count and the wasm heap flat over 20 steps', async () => {
    await tf.setBackend('wasm');
    const model = buildReferenceAutoencoder(SIZE);
    const optimizer = tf.train.adam(2e-4, 0.9, 0.999);
    const x = images();
    referenceTrainStep(model, optimizer, x); // creates the optimizer's moment variables
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) losses.push(referenceTrainStep(model, optimizer, x));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    expect(losses[19]).toBeLessThan(losses[0] as number);
  });
});
