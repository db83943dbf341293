import {
  argmaxRows,
  checkInteger,
  checkKnownOptions,
  checkNumber,
  checkOneOf,
  checkpoint,
  checkSeed,
  describeValue,
  FileFormatError,
  NotFittedError,
  OptionError,
  Rng,
  SamplerInputError,
  subsetDataset,
  throwIfAborted,
  toRng,
} from '@oversample/core';
import type { Dataset, SeedLike } from '@oversample/core';
import { loadModel, saveModel, type DecodedModel, type ModelLocation } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from './backend';
import type { Classifier, FitOptions, PredictInput, PredictOptions } from './classifier';
import { checkClassWeight, checkTrainingData, predictBatchSize, rowsOf, sampleWeights } from './input';
import type { ClassWeight, FitLayout } from './input';
import { ParamStore } from './param-store';
import type { NamedWeight } from './param-store';

/** Stops training when the monitored loss has not improved for `patience` epochs; keeps the best weights. */
export interface EarlyStopping {
  /** Epochs without improvement before stopping. */
  readonly patience: number;
  /** Smallest decrease that counts as an improvement; default 0. */
  readonly minDelta?: number;
}

/** Options every network classifier takes (`MLPClassifier`, `SmallCNN`, `ResNet18`). */
export interface NetworkOptions {
  /** Passes over the training rows; default 10 (`fit`'s `epochs` overrides it). */
  readonly epochs?: number;
  /** Rows per gradient step; default 32 (`fit`'s `batchSize` overrides it). */
  readonly batchSize?: number;
  /** Step size; default 1e-3 (Adam) — use about 0.05 with `'sgd'`. */
  readonly learningRate?: number;
  /** `'adam'` (default) or `'sgd'` (with `momentum`). */
  readonly optimizer?: 'adam' | 'sgd';
  /** Momentum of `'sgd'`; default 0.9. */
  readonly momentum?: number;
  /** L2 penalty `weightDecay / 2 * ||W||^2` on kernels (not biases or batch-norm scales); default 0. */
  readonly weightDecay?: number;
  /** Seed of initial weights, shuffling and validation split; a number gives the same network per backend. */
  readonly seed?: SeedLike;
  /** Stop when the validation loss (or, without validation rows, the training loss) stalls. */
  readonly earlyStopping?: EarlyStopping;
  /** `'balanced'` weighs rows by `n / (classes * count[class])` in the loss. */
  readonly classWeight?: ClassWeight;
}

/** The option names of `NetworkOptions`, for subclasses' unknown-option checks. */
export const NETWORK_OPTION_NAMES = [
  'epochs',
  'batchSize',
  'learningRate',
  'optimizer',
  'momentum',
  'weightDecay',
  'seed',
  'earlyStopping',
  'classWeight',
] as const;

/** A network's forward pass: logits `[batch, nClasses]` from a batch shaped as `inputShape` says. */
export type Forward = (x: tf.Tensor, training: boolean) => tf.Tensor2D;

interface NetworkState {
  readonly layout: FitLayout;
  readonly store: ParamStore;
  readonly forward: Forward;
}

/** The kinds of network classifier `save` writes (each class's static `kind`). */
export const CLASSIFIER_KINDS = ['mlp', 'small-cnn', 'resnet18'] as const;

/**
 * The training loop, batching, validation, early stopping, save/load and tensor bookkeeping
 * shared by the TensorFlow.js classifiers; a subclass only says how to build its network.
 */
export abstract class NetworkClassifier implements Classifier {
  abstract readonly name: string;
  /** The constructor's options as given, kept for `save`. */
  protected readonly options: Readonly<Record<string, unknown>>;
  private readonly epochs: number;
  private readonly batchSize: number;
  private readonly learningRate: number;
  private readonly optimizerName: 'adam' | 'sgd';
  private readonly momentum: number;
  private readonly weightDecay: number;
  private readonly seed: SeedLike;
  private readonly earlyStopping: EarlyStopping | undefined;
  private readonly classWeight: ClassWeight;
  private state: NetworkState | undefined;
  /** The class name, for messages. */
  private readonly context: string;

  protected constructor(context: string, options: NetworkOptions & object, extraOptionNames: readonly string[]) {
    checkKnownOptions(context, options, [...NETWORK_OPTION_NAMES, ...extraOptionNames]);
    this.context = context;
    this.options = { ...options };
    this.epochs = checkInteger(`${context} epochs`, options.epochs ?? 10, { min: 1 });
    this.batchSize = checkInteger(`${context} batchSize`, options.batchSize ?? 32, { min: 1 });
    this.learningRate = checkNumber(`${context} learningRate`, options.learningRate ?? 1e-3, { min: 0, exclusiveMin: true });
    this.optimizerName = checkOneOf(`${context} optimizer`, options.optimizer ?? 'adam', ['adam', 'sgd']);
    this.momentum = checkNumber(`${context} momentum`, options.momentum ?? 0.9, { min: 0, max: 1, exclusiveMax: true });
    this.weightDecay = checkNumber(`${context} weightDecay`, options.weightDecay ?? 0, { min: 0 });
    this.seed = checkSeed(options.seed, context);
    if (options.earlyStopping !== undefined) {
      const es = options.earlyStopping;
      if (es === null || typeof es !== 'object') {
        throw new OptionError(`${context} earlyStopping must be { patience, minDelta? }, got ${describeValue(es)}`);
      }
      checkKnownOptions(`${context} earlyStopping`, es, ['patience', 'minDelta']);
      checkInteger(`${context} earlyStopping.patience`, es.patience, { min: 1 });
      checkNumber(`${context} earlyStopping.minDelta`, es.minDelta ?? 0, { min: 0 });
    }
    this.earlyStopping = options.earlyStopping;
    this.classWeight = checkClassWeight(`${context} classWeight`, options.classWeight);
  }

  /** Checks that the training layout suits the network (e.g. images need `[h, w, c]`). */
  protected abstract checkLayout(layout: FitLayout): void;

  /** Creates the network's variables in `store` and returns its forward pass. */
  protected abstract build(layout: FitLayout, store: ParamStore): Forward;

  /** The shape of a batch of `n` rows as the forward pass takes it. */
  protected inputShape(layout: FitLayout, n: number): number[] {
    return [n, ...layout.shape];
  }

  get nClasses(): number {
    return this.state?.layout.nClasses ?? 0;
  }

  /** Trainable scalars of the fitted network (0 before fit). */
  get parameterCount(): number {
    return this.state?.store.size ?? 0;
  }

  async fit(data: Dataset, options: FitOptions = {}): Promise<this> {
    const context = this.context;
    throwIfAborted(options.signal);
    const layout = checkTrainingData(data, context);
    this.checkLayout(layout);
    const epochs = checkInteger(`${context}.fit epochs`, options.epochs ?? this.epochs, { min: 1 });
    const batchSize = checkInteger(`${context}.fit batchSize`, options.batchSize ?? this.batchSize, { min: 1 });
    await ensureBackend();
    const rng = toRng(this.seed);
    const initRng = rng.fork();
    const shuffleRng = rng.fork();
    const { train, validation } = this.splitValidation(data, options.validation, layout, rng.fork(), context);
    this.dispose();

    const store = new ParamStore(initRng);
    let optimizer: tf.Optimizer | undefined;
    try {
      const forward = this.build(layout, store);
      optimizer = this.optimizerName === 'adam' ? tf.train.adam(this.learningRate) : tf.train.momentum(this.learningRate, this.momentum);
      await this.train(train, validation, layout, store, forward, optimizer, shuffleRng, epochs, batchSize, options);
      this.state = { layout, store, forward };
      return this;
    } catch (error) {
      store.dispose();
      throw error;
    } finally {
      optimizer?.dispose();
    }
  }

  async predictProba(input: PredictInput, options: PredictOptions = {}): Promise<Float32Array> {
    const state = this.fitted();
    const batch = predictBatchSize(`${this.context}.predictProba`, options.batchSize, 256);
    const { x, n } = rowsOf(input, state.layout, `${this.context}.predictProba`);
    await ensureBackend();
    throwIfAborted(options.signal);
    const out = await this.forwardRows(state, x, n, batch, options);
    return out;
  }

  async predict(input: PredictInput, options: PredictOptions = {}): Promise<Int32Array> {
    const proba = await this.predictProba(input, options);
    return argmaxRows(proba, this.fitted().layout.nClasses);
  }

  dispose(): void {
    this.state?.store.dispose();
    this.state = undefined;
  }

  /**
   * Writes the fitted network in the one save format of `@oversample/tf` (a directory with
   * `model.json` + `weights.bin`, a TensorFlow.js URL or a `tf.io.IOHandler`): kind, options and
   * layout as configuration, every weight (batch-norm statistics included) as an array. Read it
   * back with the class's static `load` or `loadClassifier`.
   */
  async save(destination: ModelLocation): Promise<void> {
    const state = this.fitted();
    const options: Record<string, unknown> = { ...this.options };
    // An Rng object cannot be written; the weights already carry what it decided.
    if (options.seed instanceof Rng) delete options.seed;
    await saveModel(destination, {
      kind: this.name,
      generatedBy: '@oversample/models',
      config: { options, layout: state.layout },
      arrays: await state.store.read(),
    });
  }

  /**
   * Reads a network written by `save` into a new classifier of this class.
   *
   * @example
   * const clf = await MLPClassifier.load('models/mlp');
   */
  static async load<T extends NetworkClassifier>(this: { new (options: never): T; readonly kind: string }, source: ModelLocation): Promise<T> {
    return NetworkClassifier.fromSaved(this, await loadModel(source, this.kind));
  }

  /**
   * A classifier of class `Kind` holding the network of a decoded saved model (`loadClassifier`
   * picks `Kind` from the saved kind): the options are re-checked by its constructor and the weights
   * must fit the network they build, else a `FileFormatError` naming the file.
   */
  static async fromSaved<T extends NetworkClassifier>(Kind: { new (options: never): T }, model: DecodedModel): Promise<T> {
    const { options, layout } = model.read('the classifier configuration', (c) => ({
      options: c['options'] as Record<string, unknown>,
      layout: c['layout'] as FitLayout,
    }));
    const clf = model.read('the options', () => new Kind(options as never));
    try {
      await clf.restore(layout, model);
    } catch (error) {
      if (error instanceof FileFormatError) throw error;
      throw new FileFormatError(model.source, `does not fit a ${model.kind} network: ${(error as Error).message}`, { cause: error });
    }
    return clf;
  }

  /** Rebuilds the network for `layout` and fills it with the saved weights. */
  private async restore(layout: FitLayout, model: DecodedModel): Promise<void> {
    await ensureBackend();
    this.dispose();
    const store = new ParamStore(new Rng(0));
    try {
      const forward = this.build(layout, store);
      store.write(model.names.map((name) => ({ name, shape: model.shapeOf(name), values: model.float32(name) })));
      this.state = { layout, store, forward };
    } catch (error) {
      store.dispose();
      throw error;
    }
  }

  private splitValidation(
    data: Dataset,
    validation: Dataset | number | undefined,
    layout: FitLayout,
    rng: Rng,
    context: string,
  ): { train: Dataset; validation: Dataset | undefined } {
    if (validation === undefined) return { train: data, validation: undefined };
    if (typeof validation === 'number') {
      checkNumber(`${context}.fit validation`, validation, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
      const n = data.y.length;
      const held = Math.round(n * validation);
      if (held < 1 || held >= n) {
        throw new SamplerInputError(`${context}.fit: validation = ${validation} of ${n} rows leaves ${held} for validation and ${n - held} for training; both need at least 1`);
      }
      const order = rng.permutation(n);
      return { train: subsetDataset(data, order.subarray(held)), validation: subsetDataset(data, order.subarray(0, held)) };
    }
    rowsOf(validation, layout, `${context}.fit validation`);
    if (!(validation.y instanceof Int32Array) || validation.y.length * layout.d !== validation.x.length) {
      throw new SamplerInputError(`${context}.fit: the validation dataset needs one Int32Array label per row`);
    }
    return { train: data, validation };
  }

  private async train(
    data: Dataset,
    validation: Dataset | undefined,
    layout: FitLayout,
    store: ParamStore,
    forward: Forward,
    optimizer: tf.Optimizer,
    rng: Rng,
    epochs: number,
    batchSize: number,
    options: FitOptions,
  ): Promise<void> {
    const { d, nClasses } = layout;
    const n = data.y.length;
    const bs = Math.min(batchSize, n);
    const sw = sampleWeights(data.y, nClasses, this.classWeight);
    const xBuf = new Float32Array(bs * d);
    const tBuf = new Float32Array(bs * nClasses);
    const wBuf = new Float32Array(bs);
    const trainable = store.trainable;
    const decayed = store.decayed;
    const wd = this.weightDecay;
    const es = this.earlyStopping;
    let best = Infinity;
    let bestWeights: NamedWeight[] | undefined;
    let sinceBest = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = rng.permutation(n);
      // The epoch's weighted loss stays on the device: reading it back after every step
      // would cost a sync per batch.
      let lossSum: tf.Scalar = tf.scalar(0);
      let weightSum = 0;
      let lastYield = performance.now();
      for (let start = 0; start < n; start += bs) {
        // Yielding to the event loop costs about as much as a small step, so yield
        // (letting an abort land) every 20 ms rather than every batch.
        if (start === 0 || performance.now() - lastYield > 20) {
          await checkpoint(options.signal).catch((error: unknown) => {
            lossSum.dispose();
            throw error;
          });
          lastYield = performance.now();
        }
        const m = Math.min(bs, n - start);
        tBuf.fill(0);
        let wTotal = 0;
        for (let r = 0; r < m; r++) {
          const i = order[start + r]!;
          xBuf.set(data.x.subarray(i * d, (i + 1) * d), r * d);
          tBuf[r * nClasses + data.y[i]!] = 1;
          wBuf[r] = sw[i]!;
          wTotal += sw[i]!;
        }
        const cost = tf.tidy(() => {
          const xb = tf.tensor(xBuf.subarray(0, m * d), this.inputShape(layout, m));
          const tb = tf.tensor2d(tBuf.subarray(0, m * nClasses), [m, nClasses]);
          const wb = tf.tensor1d(wBuf.subarray(0, m));
          return optimizer.minimize(
            () => {
              const logp = tf.logSoftmax(forward(xb, true));
              const ce = tf.neg(tf.sum(tf.mul(logp, tb), 1));
              let loss: tf.Scalar = tf.div(tf.sum(tf.mul(ce, wb)), wTotal);
              if (wd > 0 && decayed.length > 0) {
                const penalty = tf.addN(decayed.map((v) => tf.sum(tf.square(v))));
                loss = tf.add(loss, tf.mul(penalty, 0.5 * wd));
              }
              return loss;
            },
            true,
            trainable,
          )!;
        });
        const previous = lossSum;
        lossSum = tf.tidy(() => tf.add(previous, tf.mul(cost, wTotal)));
        previous.dispose();
        cost.dispose();
        weightSum += wTotal;
      }
      const epochLoss = (await lossSum.data())[0]! / weightSum;
      lossSum.dispose();
      if (!Number.isFinite(epochLoss)) {
        throw new SamplerInputError(
          `${this.context}: the training loss became ${epochLoss} in epoch ${epoch + 1}; lower learningRate (now ${this.learningRate}) or scale the features`,
        );
      }
      const metrics: Record<string, number> = { loss: epochLoss };
      if (validation) {
        const { loss, accuracy } = await this.evaluate({ layout, store, forward }, validation, options.signal);
        metrics.valLoss = loss;
        metrics.valAccuracy = accuracy;
      }
      let stop = false;
      if (es) {
        const monitored = metrics.valLoss ?? metrics.loss!;
        if (monitored < best - (es.minDelta ?? 0)) {
          best = monitored;
          bestWeights = await store.read();
          sinceBest = 0;
        } else if (++sinceBest >= es.patience) {
          stop = true;
        }
      }
      options.onProgress?.({ stage: 'train', done: epoch + 1, total: epochs, unit: 'epoch', metrics });
      if (stop) break;
    }
    if (bestWeights) store.write(bestWeights);
  }

  /** Class-weighted mean cross-entropy and plain accuracy on `data`, without training. */
  private async evaluate(state: NetworkState, data: Dataset, signal: AbortSignal | undefined): Promise<{ loss: number; accuracy: number }> {
    const { nClasses } = state.layout;
    const n = data.y.length;
    const proba = await this.forwardRows(state, data.x, n, 256, signal ? { signal } : {});
    const sw = sampleWeights(data.y, nClasses, this.classWeight);
    let loss = 0;
    let wSum = 0;
    let correct = 0;
    const predicted = argmaxRows(proba, nClasses);
    for (let i = 0; i < n; i++) {
      const label = data.y[i]!;
      const p = label < nClasses ? proba[i * nClasses + label]! : 0;
      loss -= sw[i]! * Math.log(Math.max(p, 1e-12));
      wSum += sw[i]!;
      if (predicted[i] === label) correct++;
    }
    return { loss: loss / wSum, accuracy: correct / n };
  }

  private async forwardRows(state: NetworkState, x: Float32Array, n: number, batch: number, options: PredictOptions): Promise<Float32Array> {
    const { d, nClasses } = state.layout;
    const out = new Float32Array(n * nClasses);
    for (let start = 0; start < n; start += batch) {
      if (start > 0) await checkpoint(options.signal);
      const m = Math.min(batch, n - start);
      const probs = tf.tidy(() =>
        tf.softmax(state.forward(tf.tensor(x.subarray(start * d, (start + m) * d), this.inputShape(state.layout, m)), false)),
      );
      try {
        out.set(await probs.data(), start * nClasses);
      } finally {
        probs.dispose();
      }
      options.onProgress?.({ stage: 'predict', done: start + m, total: n, unit: 'row' });
    }
    return out;
  }

  private fitted(): NetworkState {
    if (!this.state) throw new NotFittedError(this.context);
    return this.state;
  }
}
