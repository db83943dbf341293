import { checkInteger, describeValue, OptionError } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkImageLayout } from './image-input';
import type { FitLayout } from './input';
import { conv2d, dense } from './layers';
import { NetworkClassifier } from './network-classifier';
import type { Forward, NetworkOptions } from './network-classifier';
import type { ParamStore } from './param-store';

/** Options of `SmallCNN`: the `NetworkOptions` plus the widths of its layers. */
export interface SmallCNNOptions extends NetworkOptions {
  /** Filters of the two conv blocks; default `[32, 64]`. */
  readonly filters?: readonly [number, number];
  /** Units of the hidden dense layer; default 128. */
  readonly denseUnits?: number;
}

/**
 * A small convolutional network for 28x28x1 or 32x32x3 images (any `[h, w, c]` works):
 * two blocks of 3x3 conv + ReLU + 2x2 max-pool, a dense ReLU layer and a softmax output.
 * Image size comes from the training set's `shape`.
 *
 * @example
 * const cnn = new SmallCNN({ epochs: 3, seed: 0 });
 * await cnn.fit(mnistTrain); // shape [28, 28, 1], pixels scaled to [0, 1]
 */
export class SmallCNN extends NetworkClassifier {
  /** The `name` of every instance, and the `kind` that `save` writes. */
  static readonly kind = 'small-cnn';
  readonly name = SmallCNN.kind;
  private readonly filters: readonly [number, number];
  private readonly denseUnits: number;

  constructor(options: SmallCNNOptions = {}) {
    super('SmallCNN', options, ['filters', 'denseUnits']);
    const f = options.filters ?? [32, 64];
    if (!Array.isArray(f) || f.length !== 2) {
      throw new OptionError(`SmallCNN filters must be two filter counts [block1, block2], got ${describeValue(f)}`);
    }
    this.filters = [
      checkInteger('SmallCNN filters[0]', f[0], { min: 1 }),
      checkInteger('SmallCNN filters[1]', f[1], { min: 1 }),
    ];
    this.denseUnits = checkInteger('SmallCNN denseUnits', options.denseUnits ?? 128, { min: 1 });
  }

  protected checkLayout(layout: FitLayout): void {
    checkImageLayout(layout, 'SmallCNN');
  }

  protected build(layout: FitLayout, store: ParamStore): Forward {
    const [h, w, c] = layout.shape as [number, number, number];
    const [f1, f2] = this.filters;
    const conv1 = conv2d(store, 'conv1', { size: 3, inChannels: c, outChannels: f1 });
    const conv2 = conv2d(store, 'conv2', { size: 3, inChannels: f1, outChannels: f2 });
    // 'valid' 2x2 pooling floors odd sizes.
    const flat = Math.floor(Math.floor(h / 2) / 2) * Math.floor(Math.floor(w / 2) / 2) * f2;
    const hidden = dense(store, 'dense', flat, this.denseUnits, 'he-normal');
    const output = dense(store, 'output', this.denseUnits, layout.nClasses, 'glorot-uniform');
    return (x) => {
      let y = tf.maxPool(tf.relu(conv1(x as tf.Tensor4D)), 2, 2, 'valid');
      y = tf.maxPool(tf.relu(conv2(y)), 2, 2, 'valid');
      const n = y.shape[0];
      return output(tf.relu(hidden(tf.reshape(y, [n, flat]))));
    };
  }
}
