import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

// DeepSMOTE's MNIST autoencoder (docs/algorithms.md, the authors' code), built here only as the
// workload that this package's tests and benchmark train: the real one lives in
// @oversample/autoencoder. The encoder's k4 s2 p1 convs are zero padding + 'valid', since
// layers offer only 'same' and 'valid'.

/** Sizes of the reference autoencoder: the authors use dimH 64, nZ 300. */
export interface ReferenceAutoencoderSize {
  dimH: number;
  nZ: number;
  /** Seeds the Glorot-uniform initial weights (layer i uses seed + i), for repeatable runs. */
  seed?: number;
}

/** The encoder and decoder, and the variables an optimizer updates. */
export interface ReferenceAutoencoder {
  encoder: tfl.Sequential;
  decoder: tfl.Sequential;
  trainableWeights: tf.Variable[];
}

/** Builds DeepSMOTE's 1x28x28 encoder/decoder (NHWC) with layers' default initialisers. */
export function buildReferenceAutoencoder({ dimH, nZ, seed = 0 }: ReferenceAutoencoderSize): ReferenceAutoencoder {
  let layerIndex = 0;
  const init = () => ({ kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + layerIndex++ }) });
  const encoder = tfl.sequential();
  const downs = [dimH, dimH * 2, dimH * 4, dimH * 8];
  downs.forEach((filters, i) => {
    encoder.add(tfl.layers.zeroPadding2d({ padding: 1, ...(i === 0 ? { inputShape: [28, 28, 1] } : {}) }));
    encoder.add(tfl.layers.conv2d({ ...init(), filters, kernelSize: 4, strides: 2, padding: 'valid', useBias: false }));
    if (i > 0) encoder.add(tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    encoder.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
  });
  encoder.add(tfl.layers.flatten());
  encoder.add(tfl.layers.dense({ ...init(), units: nZ }));

  const decoder = tfl.sequential();
  decoder.add(tfl.layers.dense({ ...init(), units: dimH * 8 * 7 * 7, activation: 'relu', inputShape: [nZ] }));
  decoder.add(tfl.layers.reshape({ targetShape: [7, 7, dimH * 8] }));
  for (const filters of [dimH * 4, dimH * 2]) {
    decoder.add(tfl.layers.conv2dTranspose({ ...init(), filters, kernelSize: 4, strides: 1, padding: 'valid' }));
    decoder.add(tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    decoder.add(tfl.layers.reLU());
  }
  decoder.add(tfl.layers.conv2dTranspose({ ...init(), filters: 1, kernelSize: 4, strides: 2, padding: 'valid', activation: 'tanh' }));

  const trainableWeights = [...encoder.trainableWeights, ...decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  return { encoder, decoder, trainableWeights };
}

/**
 * One Adam step on the reconstruction MSE of `images` ([n, 28, 28, 1] in [-1, 1]), batch
 * norm in training mode; returns the loss before the update.
 */
export function referenceTrainStep(model: ReferenceAutoencoder, optimizer: tf.Optimizer, images: tf.Tensor4D): number {
  const loss = optimizer.minimize(
    () => {
      const codes = model.encoder.apply(images, { training: true }) as tf.Tensor;
      const decoded = model.decoder.apply(codes, { training: true }) as tf.Tensor;
      return tf.mean(tf.squaredDifference(decoded, images)) as tf.Scalar;
    },
    true,
    model.trainableWeights,
  );
  if (loss === null) throw new Error('optimizer.minimize returned no loss');
  const value = loss.dataSync()[0] as number;
  loss.dispose();
  return value;
}
