import { checkpoint, gatherRows } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
import type { FitContext } from './context';
import { denseLossAndGrads, initDenseParams } from './mlp';
import { oneHot } from './rows';

/**
 * The final classifier (ours, not the publication's): a fresh MLP trained with Adam on standardised
 * rows `z` labelled `labels` for `refitEpochs`, in shuffled minibatches of `batchSize`. Progress
 * stage `'refit'`, one report per epoch. The caller owns (and disposes) the returned weights.
 */
export async function refitClassifier(ctx: FitContext, z: Float32Array, labels: Int32Array): Promise<tf.Variable[]> {
  const { config, d, nClasses, run } = ctx;
  const classifier = initDenseParams([d, ...config.hiddenLayers, nClasses], ctx.rng.child('refit'));
  const opt = tf.train.adam(config.learningRate);
  const order = ctx.rng.child('refit-batches');
  const n = labels.length;
  const batchSize = Math.min(config.batchSize, n);
  try {
    for (let epoch = 0; epoch < config.refitEpochs; epoch++) {
      const perm = order.permutation(n);
      for (let b = 0; b < n; b += batchSize) {
        const batch = perm.subarray(b, Math.min(n, b + batchSize));
        tf.tidy(() => {
          const { grads } = denseLossAndGrads(
            classifier,
            tf.tensor2d(gatherRows(z, d, batch), [batch.length, d]),
            tf.tensor2d(oneHot(Array.from(batch, (i) => labels[i]!), nClasses), [batch.length, nClasses]),
            tf.ones([batch.length]) as tf.Tensor1D,
            batch.length,
            config.activation,
          );
          opt.applyGradients(classifier.map((v, j) => ({ name: v.name, tensor: grads[j]! })));
        });
      }
      run.onProgress?.({ stage: 'refit', done: epoch + 1, total: config.refitEpochs, unit: 'epoch' });
      await checkpoint(run.signal);
    }
    return classifier;
  } catch (err) {
    tf.dispose(classifier);
    throw err;
  } finally {
    opt.dispose();
  }
}
