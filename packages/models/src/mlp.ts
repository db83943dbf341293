import { checkInteger, checkOneOf, describeValue, OptionError } from '@oversample/core';
import type * as tf from '@tensorflow/tfjs-core';
import type { FitLayout } from './input';
import { activate, ACTIVATIONS, type Activation } from '@oversample/tf';
import { dense } from './layers';
import { NetworkClassifier } from './network-classifier';
import type { Forward, NetworkOptions } from './network-classifier';
import type { ParamStore } from './param-store';

/** Options of `MLPClassifier`: the `NetworkOptions` plus the layer layout. */
export interface MLPClassifierOptions extends NetworkOptions {
  /** Units of each hidden layer; default `[100]` (scikit-learn's default). `[]` is a softmax regression. */
  readonly hiddenLayers?: readonly number[];
  /** Hidden-layer nonlinearity; default `'relu'`. */
  readonly activation?: Activation;
}

/**
 * A multi-layer perceptron on TensorFlow.js: dense hidden layers, softmax output, cross-entropy
 * trained with Adam (or SGD) on shuffled mini-batches. Any row shape is flattened.
 * The same `seed` gives the same weights and predictions on one backend.
 *
 * @example
 * const mlp = new MLPClassifier({ hiddenLayers: [64, 32], epochs: 50, seed: 1 });
 * await mlp.fit(train, { onProgress: (p) => console.log(p.done, p.metrics?.loss) });
 * const proba = await mlp.predictProba(test);
 */
export class MLPClassifier extends NetworkClassifier {
  /** The `name` of every instance, and the `kind` that `save` writes. */
  static readonly kind = 'mlp';
  readonly name = MLPClassifier.kind;
  private readonly hiddenLayers: readonly number[];
  private readonly activation: Activation;

  constructor(options: MLPClassifierOptions = {}) {
    super('MLPClassifier', options, ['hiddenLayers', 'activation']);
    const hidden = options.hiddenLayers ?? [100];
    if (!Array.isArray(hidden)) {
      throw new OptionError(`MLPClassifier hiddenLayers must be an array of layer widths, got ${describeValue(hidden)}`);
    }
    this.hiddenLayers = hidden.map((u, i) => checkInteger(`MLPClassifier hiddenLayers[${i}]`, u, { min: 1 }));
    this.activation = checkOneOf('MLPClassifier activation', options.activation ?? 'relu', ACTIVATIONS);
  }

  protected checkLayout(_layout: FitLayout): void {
    // Any shape works: rows are flattened.
  }

  protected override inputShape(layout: FitLayout, n: number): number[] {
    return [n, layout.d];
  }

  protected build(layout: FitLayout, store: ParamStore): Forward {
    const init = this.activation === 'relu' || this.activation === 'elu' || this.activation === 'leakyRelu' ? 'he-normal' : 'glorot-uniform';
    const layers: ((x: tf.Tensor2D) => tf.Tensor2D)[] = [];
    let width = layout.d;
    for (const [i, units] of this.hiddenLayers.entries()) {
      layers.push(dense(store, `hidden${i}`, width, units, init));
      width = units;
    }
    const output = dense(store, 'output', width, layout.nClasses, 'glorot-uniform');
    return (x) => {
      let h = x as tf.Tensor2D;
      for (const layer of layers) h = activate(layer(h), this.activation);
      return output(h);
    };
  }
}
