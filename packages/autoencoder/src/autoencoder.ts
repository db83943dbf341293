import * as tf from '@tensorflow/tfjs-core';
import {
  OptionError,
  SamplerInputError,
  checkInteger,
  checkKnownOptions,
  checkNumber,
  checkOneOf,
  checkpoint,
  describeValue,
  toRng,
  type Rng,
  type RunOptions,
  type SeedLike,
} from '@oversample/core';
import { initBackend, loadModel, saveModel, type BackendName, type DecodedModel, type ModelLocation, type SavedArray } from '@oversample/tf';
import { buildArchitecture, type Architecture, type NetworkConfig } from './architecture';
import { runLayers } from './network';
import { ParameterSet, parameterSpecs } from './parameters';
import { PENALTY_VARIANTS, type PenaltyVariant } from './penalty';
import { trainAutoencoder, type EpochLoss, type TrainConfig, type TrainResult } from './train';

/** What `save` writes as the model's kind. */
const KIND = 'autoencoder';

/** Options of {@link Autoencoder.create}. */
export interface AutoencoderOptions extends NetworkConfig {
  /** Seeds the initial weights and, unless `fit` gets its own, the training's randomness. */
  readonly seed?: SeedLike;
  /** TensorFlow.js backend to prefer (default: the fastest that loads, see `@oversample/tf`). */
  readonly backend?: BackendName;
}

/** Options of {@link Autoencoder.fit}: the training configuration plus progress and cancellation. */
export interface AutoencoderFitOptions extends RunOptions, Partial<Omit<TrainConfig, 'epochs'>> {
  /** Passes over the training rows (DeepSMOTE's code: 200). */
  readonly epochs: number;
  /** Seeds batch order and penalty draws; default: a child of the autoencoder's seed. */
  readonly seed?: SeedLike;
  /**
   * Held-out rows (scaled like `x`) whose reconstruction error picks the kept epoch instead of the
   * training loss (ours; the authors keep the lowest training loss).
   */
  readonly validation?: Float32Array;
  /** Stop after this many epochs without a better kept-epoch score; default 0 (never). */
  readonly patience?: number;
  /** Awaited after every epoch with its losses, e.g. to evaluate the weights of that moment. */
  readonly onEpochEnd?: (entry: EpochLoss) => void | Promise<void>;
}

/** Which statistics the batch-norm layers of an inference call normalise with. */
export type BatchNormMode = 'running' | 'batch';

/** Every {@link BatchNormMode}, for validation. */
export const BATCH_NORM_MODES: readonly BatchNormMode[] = ['running', 'batch'];

/** Options of the batched inference calls. */
export interface InferenceOptions {
  /** Rows per forward pass; default 256. */
  readonly batchSize?: number;
  /**
   * `'running'` (default): the running estimates kept during training (PyTorch's `eval()`, as the
   * authors' generation script runs); `'batch'`: each forward batch's own statistics (PyTorch's
   * `train()` mode), so a row's output depends on the rows it is batched with.
   */
  readonly batchNorm?: BatchNormMode;
  readonly signal?: AbortSignal;
}

/** The forward pass's batch-norm mode for an inference call (training mode without statistics kept). */
function forwardMode(options: InferenceOptions): 'train' | 'infer' {
  const mode = checkOneOf('batchNorm', options.batchNorm ?? 'running', BATCH_NORM_MODES);
  return mode === 'batch' ? 'train' : 'infer';
}

/** DeepSMOTE's published training configuration. */
export const DEFAULT_TRAIN_CONFIG: Omit<TrainConfig, 'epochs'> = {
  batchSize: 100,
  learningRate: 2e-4,
  betas: [0.9, 0.999],
  penalty: 'paper',
  penaltyRows: 100,
};

/** The names of the training options ({@link TrainConfig}'s fields). */
export const TRAIN_OPTION_NAMES = ['epochs', 'batchSize', 'learningRate', 'betas', 'penalty', 'penaltyRows'] as const;

/**
 * Checks a training configuration and fills in DeepSMOTE's published defaults (`epochs` has none
 * unless `defaultEpochs` is given); `context` prefixes the messages. DeepSMOTE checks its training
 * options with it at construction.
 */
export function resolveTrainConfig(options: Partial<TrainConfig>, context?: string, defaultEpochs?: number): TrainConfig {
  const pre = context ? `${context}: ` : '';
  const betas = options.betas ?? DEFAULT_TRAIN_CONFIG.betas;
  if (!Array.isArray(betas) || betas.length !== 2) throw new OptionError(`${pre}betas must be [beta1, beta2], got ${describeValue(betas)}`);
  const checkIntegerIn = (name: string, value: unknown): number => checkInteger(`${pre}${name}`, value, { min: 1 });
  const checkRate = (name: string, value: unknown, range: Parameters<typeof checkNumber>[2]): number => checkNumber(`${pre}${name}`, value, range);
  return {
    epochs: checkIntegerIn('epochs', options.epochs ?? defaultEpochs),
    batchSize: checkIntegerIn('batchSize', options.batchSize ?? DEFAULT_TRAIN_CONFIG.batchSize),
    learningRate: checkRate('learningRate', options.learningRate ?? DEFAULT_TRAIN_CONFIG.learningRate, { min: 0, exclusiveMin: true }),
    betas: [
      checkRate('betas[0]', betas[0], { min: 0, max: 1, exclusiveMax: true }),
      checkRate('betas[1]', betas[1], { min: 0, max: 1, exclusiveMax: true }),
    ],
    penalty: checkOneOf<PenaltyVariant>(`${pre}penalty`, options.penalty ?? DEFAULT_TRAIN_CONFIG.penalty, PENALTY_VARIANTS),
    penaltyRows: checkIntegerIn('penaltyRows', options.penaltyRows ?? DEFAULT_TRAIN_CONFIG.penaltyRows),
  };
}

const FIT_KEYS = [...TRAIN_OPTION_NAMES, 'seed', 'validation', 'patience', 'onEpochEnd', 'onProgress', 'signal'];

function checkFitOptions(options: AutoencoderFitOptions): TrainConfig {
  checkKnownOptions('Autoencoder.fit', options, FIT_KEYS);
  return resolveTrainConfig(options);
}

/**
 * DeepSMOTE's autoencoder: the authors' convolutional network for `[28, 28, c]` images, the one
 * docs/algorithms.md fixes for `[32, 32, c]`, or a dense one for `[d]` table rows. Inputs are expected in
 * [-1, 1] (the decoder ends in tanh). Holds tf.Variables: call `dispose()` when done.
 *
 * @example
 * const ae = await Autoencoder.create({ inputShape: [28, 28, 1], dimH: 64, latentDim: 300, seed: 1 });
 * await ae.fit(x, y, { epochs: 50, onProgress: (p) => console.log(p.done, p.metrics) });
 * const codes = await ae.encode(x);
 * const images = await ae.decode(codes);
 * await ae.save('model-dir');
 */
export class Autoencoder {
  /** Input shape, dimH and latentDim. */
  readonly config: NetworkConfig;
  /** The layer lists the configuration selects. */
  readonly architecture: Architecture;
  private params: ParameterSet | undefined;
  private readonly rng: Rng;
  private readonly backend: BackendName | undefined;

  private constructor(config: NetworkConfig, params: ParameterSet, rng: Rng, backend: BackendName | undefined) {
    this.config = config;
    this.architecture = buildArchitecture(config);
    this.params = params;
    this.rng = rng;
    this.backend = backend;
  }

  /** A new autoencoder with PyTorch-style initial weights drawn from `seed`. */
  static async create(options: AutoencoderOptions): Promise<Autoencoder> {
    checkKnownOptions('Autoencoder', options, ['inputShape', 'dimH', 'latentDim', 'seed', 'backend']);
    const config: NetworkConfig = { inputShape: [...options.inputShape], dimH: options.dimH, latentDim: options.latentDim };
    const architecture = buildArchitecture(config);
    await initBackend(options.backend ? { prefer: options.backend } : {});
    const rng = toRng(options.seed);
    const params = ParameterSet.initialise(parameterSpecs(architecture), rng.child('init'));
    return new Autoencoder(config, params, rng, options.backend);
  }

  /**
   * Reads an autoencoder written by {@link Autoencoder.save} (a directory, a TensorFlow.js URL or a
   * `tf.io.IOHandler`); its weights are bit for bit the saved ones.
   */
  static async load(source: ModelLocation, options: { readonly backend?: BackendName } = {}): Promise<Autoencoder> {
    return Autoencoder.fromSaved(await loadModel(source, KIND), options);
  }

  /**
   * The autoencoder stored in a decoded model under `prefix` (DeepSMOTE keeps its autoencoder's
   * arrays in its own file as `autoencoder/...`). Every array is checked before any tensor is made,
   * so a damaged file leaks none.
   */
  static async fromSaved(model: DecodedModel, options: { readonly backend?: BackendName; readonly prefix?: string } = {}): Promise<Autoencoder> {
    const prefix = options.prefix ?? '';
    const config = model.read('the autoencoder configuration', (c) => {
      const saved = (prefix ? c[prefix.replace(/\/$/, '')] : c) as Record<string, unknown>;
      const network: NetworkConfig = { inputShape: saved['inputShape'] as number[], dimH: saved['dimH'] as number, latentDim: saved['latentDim'] as number };
      buildArchitecture(network);
      return network;
    });
    const architecture = buildArchitecture(config);
    const specs = parameterSpecs(architecture);
    const values = new Map(specs.map((spec) => [spec.name, model.float32(`${prefix}${spec.name}`, spec.shape)]));
    await initBackend(options.backend ? { prefer: options.backend } : {});
    return new Autoencoder(config, ParameterSet.fromValues(specs, values), toRng(undefined), options.backend);
  }

  /** Values in one input row. */
  get inputSize(): number {
    return this.config.inputShape.reduce((a, b) => a * b, 1);
  }

  private live(): ParameterSet {
    if (!this.params) throw new OptionError('this Autoencoder has been disposed');
    return this.params;
  }

  private rowsOf(x: Float32Array, d: number, what: string): number {
    if (!(x instanceof Float32Array)) throw new SamplerInputError(`${what} must be a Float32Array, got ${describeValue(x)}`);
    if (x.length % d !== 0) {
      throw new SamplerInputError(`${what} has ${x.length} values, not a whole number of rows of ${d}`);
    }
    return x.length / d;
  }

  /**
   * Trains on rows `x` (scaled to [-1, 1]) labelled `y` (the penalty draws classes from them):
   * Adam, batches, reconstruction MSE + penalty; keeps the epoch with the lowest loss. Reports
   * each epoch's losses through `onProgress` (stage `'train'`); stops with `CancelledError` on abort.
   */
  async fit(x: Float32Array, y: Int32Array, options: AutoencoderFitOptions): Promise<TrainResult> {
    const config = checkFitOptions(options);
    const params = this.live();
    const n = this.rowsOf(x, this.inputSize, 'x');
    if (!(y instanceof Int32Array) || y.length !== n) {
      throw new SamplerInputError(`y must be an Int32Array of ${n} labels (one per row of x), got ${describeValue(y?.length)}`);
    }
    if (n === 0) throw new SamplerInputError('cannot train an autoencoder on 0 rows');
    const patience = checkInteger('patience', options.patience ?? 0, { min: 0 });
    const validation = options.validation;
    if (validation !== undefined && this.rowsOf(validation, this.inputSize, 'validation') === 0) {
      throw new SamplerInputError('validation must hold at least one row');
    }
    await initBackend(this.backend ? { prefer: this.backend } : {});
    const rng = options.seed === undefined ? this.rng.child('train') : toRng(options.seed);
    return trainAutoencoder(this.architecture, params, this.config.inputShape, x, y, config, rng, options, {
      patience,
      ...(validation ? { validate: () => this.reconstructionError(validation, options.signal ? { signal: options.signal } : {}) } : {}),
      ...(options.onEpochEnd ? { onEpochEnd: options.onEpochEnd } : {}),
    });
  }

  private async infer(
    input: Float32Array,
    inSize: number,
    inShape: readonly number[],
    outSize: number,
    run: (batch: tf.Tensor) => tf.Tensor,
    options: InferenceOptions,
    what: string,
  ): Promise<Float32Array> {
    const batchSize = checkInteger('batchSize', options.batchSize ?? 256, { min: 1 });
    const n = this.rowsOf(input, inSize, what);
    await initBackend(this.backend ? { prefer: this.backend } : {});
    const out = new Float32Array(n * outSize);
    for (let start = 0; start < n; start += batchSize) {
      await checkpoint(options.signal);
      const end = Math.min(n, start + batchSize);
      const result = tf.tidy(() => run(tf.tensor(input.subarray(start * inSize, end * inSize), [end - start, ...inShape], 'float32')));
      try {
        out.set(result.dataSync() as Float32Array, start * outSize);
      } finally {
        result.dispose();
      }
    }
    return out;
  }

  /** Codes (`latentDim` per row) of rows `x`, batch norm on running statistics unless `options.batchNorm` says otherwise. */
  async encode(x: Float32Array, options: InferenceOptions = {}): Promise<Float32Array> {
    const params = this.live();
    const mode = forwardMode(options);
    const run = (b: tf.Tensor): tf.Tensor => runLayers(this.architecture.encoder, params, b, { mode });
    return this.infer(x, this.inputSize, this.config.inputShape, this.config.latentDim, run, options, 'x');
  }

  /** Rows (in [-1, 1]) decoded from codes `z`, batch norm on running statistics unless `options.batchNorm` says otherwise. */
  async decode(z: Float32Array, options: InferenceOptions = {}): Promise<Float32Array> {
    const params = this.live();
    const mode = forwardMode(options);
    const run = (b: tf.Tensor): tf.Tensor => runLayers(this.architecture.decoder, params, b, { mode });
    return this.infer(z, this.config.latentDim, [this.config.latentDim], this.inputSize, run, options, 'z');
  }

  /** Mean squared reconstruction error of rows `x` in inference mode (in the [-1, 1] scale). */
  async reconstructionError(x: Float32Array, options: InferenceOptions = {}): Promise<number> {
    const params = this.live();
    const run = (b: tf.Tensor): tf.Tensor => {
      const out = runLayers(this.architecture.decoder, params, runLayers(this.architecture.encoder, params, b, { mode: 'infer' }), {
        mode: 'infer',
      });
      return tf.reshape(tf.sum(tf.squaredDifference(out, b), b.shape.slice(1).map((_, i) => i + 1)), [-1, 1]);
    };
    const perRow = await this.infer(x, this.inputSize, this.config.inputShape, 1, run, options, 'x');
    let sum = 0;
    for (let i = 0; i < perRow.length; i++) sum += perRow[i]!;
    return perRow.length === 0 ? Number.NaN : sum / (perRow.length * this.inputSize);
  }

  /** Every weight (running batch-norm statistics included) by name, as copies. */
  weights(): Map<string, Float32Array> {
    return this.live().read();
  }

  /** Number of trainable values. */
  get trainableCount(): number {
    return this.live().countTrainable();
  }

  /**
   * Writes the autoencoder in the one save format of `@oversample/tf`: to a directory
   * (`model.json` with the configuration and TensorFlow.js weights manifest, and `weights.bin`),
   * a TensorFlow.js URL such as `'indexeddb://ae'`, or a `tf.io.IOHandler`.
   */
  async save(destination: ModelLocation): Promise<void> {
    await saveModel(destination, { kind: KIND, generatedBy: '@oversample/autoencoder', ...this.toSaved() });
  }

  /**
   * The configuration and arrays `save` writes, names prefixed with `prefix`, for models that keep
   * an autoencoder inside their own file.
   */
  toSaved(prefix = ''): { config: { inputShape: number[]; dimH: number; latentDim: number }; arrays: SavedArray[] } {
    const params = this.live();
    const values = params.read();
    return {
      config: { inputShape: [...this.config.inputShape], dimH: this.config.dimH, latentDim: this.config.latentDim },
      arrays: params.specs.map((spec) => ({ name: `${prefix}${spec.name}`, shape: [...spec.shape], values: values.get(spec.name)! })),
    };
  }

  /** Frees the weights; the autoencoder cannot be used afterwards. */
  dispose(): void {
    this.params?.dispose();
    this.params = undefined;
  }
}
