import { Autoencoder, resolveTrainConfig, TRAIN_OPTION_NAMES, type EpochLoss, type TrainConfig, type TrainResult } from '@oversample/autoencoder';
import {
  appendRows,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkpoint,
  classCounts,
  describeValue,
  fitScaling,
  gatherRows,
  indicesOfClass,
  NotFittedError,
  OptionError,
  prepareResample,
  prepareSample,
  rowSize,
  SamplerInputError,
  samplerSettings,
  sampleStream,
  scaleRows,
  strategyToJSON,
  throwIfAborted,
  toRng,
  unscaleRows,
  validateDataset,
  withRows,
  type ClassCounts,
  type ColumnScaling,
  type Dataset,
  type FeatureInfo,
  type GenerativeSampler,
  type ResamplePlan,
  type Rng,
  type RunOptions,
  type SamplerOptions,
  type SamplerSettings,
} from '@oversample/core';
import { BACKEND_ORDER, loadModel, saveModel, type BackendName, type DecodedModel, type ModelLocation } from '@oversample/tf';
import { GENERATION_OPTION_NAMES, PUBLISHED_GENERATION, resolveGeneration, synthesizeClass, type Generation, type GenerationOptions } from './generation';

/**
 * Options of {@link DeepSMOTE}; every one has the published configuration as its default except
 * `synthesis`, which defaults to `'residual'` (ours; `DEFAULT_GENERATION` says why). The
 * training options (`epochs`, `batchSize`, `learningRate`, `betas`, `penalty`, `penaltyRows`) are
 * the autoencoder's `TrainConfig` with its defaults (the penalty of Algorithm 1 as the publication
 * writes it, `'paper'`) and the authors' released code's 200 epochs. With residual synthesis
 * `'paper'` trained better than the released code's `'code'` on 4 of 5 `paper-cpu` folds and 3 of
 * 3 lite-profile seeds, and worse on 2 of 2 seeds at 60 epochs (docs/research/issue-16.md).
 */
export interface DeepSMOTEOptions extends SamplerOptions, Partial<TrainConfig>, GenerationOptions {
  /** Base width of the networks (the authors' `dim_h`); default 64. */
  readonly dimH?: number;
  /** Code size (`n_z`); default 300 for [28, 28, c] images, 600 for [32, 32, c], d for tables (ours). */
  readonly latentDim?: number;
  /**
   * Share of each class held out of training to pick the kept epoch by its reconstruction error
   * (ours); default 0: keep the epoch with the lowest training loss, as the authors do. Held-out
   * rows are still encoded and take part in latent SMOTE.
   */
  readonly validationFraction?: number;
  /** With held-out rows: stop after this many epochs without a lower held-out error; default 0 (never). */
  readonly patience?: number;
  /**
   * The range the inputs are scaled to from their observed range, inside the decoder's tanh range
   * [-1, 1]; default [-1, 1] (ours: the authors scale MNIST by hand). Synthetic rows are clipped
   * to it, so they stay in the data's observed range. A narrower range such as [-0.9, 0.9] keeps
   * the targets off tanh's asymptotes.
   */
  readonly inputRange?: readonly [number, number];
  /** TensorFlow.js backend to prefer; default: the fastest that loads (`@oversample/tf`). */
  readonly backend?: BackendName;
}

/** Options of {@link DeepSMOTE.sample}: progress, cancellation, and generation options that replace the model's for this call. */
export interface DeepSMOTESampleOptions extends RunOptions, GenerationOptions {}

/** Options of {@link DeepSMOTE.fit}: progress, cancellation and a per-epoch hook. */
export interface DeepSMOTEFitOptions extends RunOptions {
  /**
   * Awaited after every training epoch with that epoch's losses and the sampler itself, which
   * can `sample` with the weights of that moment inside the hook (each epoch draws from its own
   * stream, so the final model samples as it would without the hook). Used to plot a measure
   * against training length from one run.
   */
  readonly onEpochEnd?: (entry: EpochLoss, model: DeepSMOTE) => void | Promise<void>;
}

const NAME = 'DeepSMOTE';
const KIND = 'deepsmote';
/** Epochs of the authors' code (the publication reports 50 to 350). */
const DEFAULT_EPOCHS = 200;
/** Arrays of the autoencoder inside a saved DeepSMOTE model are named `autoencoder/<weight>`. */
const AUTOENCODER_PREFIX = 'autoencoder/';

interface Resolved extends TrainConfig {
  readonly dimH: number;
  readonly latentDim: number | undefined;
  readonly inputRange: readonly [number, number];
  readonly generation: Generation;
  readonly validationFraction: number;
  readonly patience: number;
}

/**
 * Rows held out of autoencoder training: `fraction` of each class, rounded down, so a class of
 * fewer than 1 / fraction rows keeps every row for training. Returns training and held-out row ids.
 */
function holdOut(y: Int32Array, fraction: number, rng: Rng): { train: number[]; held: number[] } {
  const train: number[] = [];
  const held: number[] = [];
  for (const c of classCounts(y).keys()) {
    const rows = rng.child(`class-${c}`).shuffle([...indicesOfClass(y, c)]);
    const n = Math.floor(rows.length * fraction);
    held.push(...rows.slice(0, n));
    train.push(...rows.slice(n));
  }
  return { train: train.sort((a, b) => a - b), held: held.sort((a, b) => a - b) };
}

/** The published code size for an input shape: 300 for 28x28 images, 600 for 32x32, d for tables (ours). */
function defaultLatentDim(shape: readonly number[]): number {
  if (shape.length === 1) return shape[0]!;
  return shape[0] === 32 ? 600 : 300;
}

/** `inputRange` as given, or a typed error naming it: two numbers, -1 <= lo < hi <= 1. */
function checkInputRange(range: unknown): readonly [number, number] {
  const ok = Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === 'number' && v >= -1 && v <= 1) && range[0] < range[1];
  if (!ok) throw new OptionError(`${NAME}: inputRange must be [lo, hi] with -1 <= lo < hi <= 1 (the decoder ends in tanh), got ${describeValue(range)}`);
  return [range[0], range[1]];
}

function checkShape(shape: readonly number[]): void {
  const image = shape.length === 3 && ((shape[0] === 28 && shape[1] === 28) || (shape[0] === 32 && shape[1] === 32));
  if (!image && shape.length !== 1) {
    throw new SamplerInputError(
      `${NAME}: there are networks for [28, 28, c] and [32, 32, c] images and [d] table rows; the data has shape ${describeValue(shape)}`,
    );
  }
}

/** What fitting leaves behind: the network, the input scaling and every training row's code. */
interface Fitted {
  readonly autoencoder: Autoencoder;
  readonly shape: readonly number[];
  readonly classNames?: readonly string[];
  readonly features?: readonly FeatureInfo[];
  /** Inputs to the autoencoder's `inputRange`: one range for images, one per column for tables. */
  readonly scaling: ColumnScaling;
  readonly latentDim: number;
  /** Codes of the training rows, row-major, and their labels. */
  readonly codes: Float32Array;
  /**
   * The training rows in the autoencoder's `inputRange` scale (residual synthesis, input-space
   * neighbours, real copies); absent in a model saved before they were kept.
   */
  readonly rows: Float32Array | undefined;
  readonly codeLabels: Int32Array;
  readonly seed: number;
  /** `sample` calls since the fit: the next one draws from `sampleStream(seed, sampleCalls)`. */
  sampleCalls: number;
  readonly training: TrainResult | undefined;
}

/**
 * DeepSMOTE (Dablain, Krawczyk and Chawla, IEEE TNNLS 2022): an encoder/decoder trained on the
 * whole imbalanced set with a permutation penalty, then SMOTE among each class's codes, decoded
 * back to images. Images are chosen by `Dataset.shape` ([28, 28, c] or [32, 32, c]); other shapes
 * of length 1 use a dense autoencoder. Inputs are scaled to `inputRange` ([-1, 1]) from their
 * observed range and synthetic rows mapped back to it. Holds TensorFlow.js weights once fitted:
 * `dispose()` frees them.
 *
 * @example
 * const deep = new DeepSMOTE({ epochs: 50, seed: 1 });
 * const balanced = await deep.fitResample(mnist, { onProgress: (p) => console.log(p.stage, p.done, p.metrics) });
 * const more = await deep.sample({ 9: 500 }); // 500 more synthetic 9s from the same model
 * await deep.save('models/deepsmote-mnist');
 */
export class DeepSMOTE implements GenerativeSampler {
  /** For reports. */
  readonly name = NAME;
  private readonly options: Resolved;
  private readonly settings: SamplerSettings;
  private readonly backend: BackendName | undefined;
  private fitted: Fitted | undefined;

  constructor(options: DeepSMOTEOptions = {}) {
    this.settings = samplerSettings(NAME, options, [
      ...TRAIN_OPTION_NAMES,
      ...GENERATION_OPTION_NAMES,
      'dimH',
      'latentDim',
      'inputRange',
      'validationFraction',
      'patience',
      'backend',
    ]);
    this.options = {
      ...resolveTrainConfig(options, NAME, DEFAULT_EPOCHS),
      dimH: checkInteger(`${NAME}: dimH`, options.dimH ?? 64, { min: 1 }),
      latentDim: options.latentDim === undefined ? undefined : checkInteger(`${NAME}: latentDim`, options.latentDim, { min: 1 }),
      inputRange: options.inputRange === undefined ? [-1, 1] : checkInputRange(options.inputRange),
      generation: resolveGeneration(NAME, options),
      validationFraction: checkNumber(`${NAME}: validationFraction`, options.validationFraction ?? 0, { min: 0, max: 0.5 }),
      patience: checkInteger(`${NAME}: patience`, options.patience ?? 0, { min: 0 }),
    };
    this.backend = options.backend === undefined ? undefined : checkOneOf(`${NAME}: backend`, options.backend, BACKEND_ORDER);
  }

  /** The trained autoencoder (after `fit` or `load`). */
  get autoencoder(): Autoencoder {
    return this.state('autoencoder').autoencoder;
  }

  /** Per-epoch losses of the last `fit` (undefined after `load`). */
  get training(): TrainResult | undefined {
    return this.state('training').training;
  }

  private state(what: string): Fitted {
    if (!this.fitted) throw new NotFittedError(`${NAME} (${what})`);
    return this.fitted;
  }

  /**
   * Trains the autoencoder on every row of `data` (progress stage `'train'`, one report per epoch)
   * and encodes them, ready for `sample`. The data, the sampling strategy and the size of every
   * class it grows are checked first, as `fitResample` checks them. Replaces an earlier fit.
   */
  async fit(data: Dataset, options: DeepSMOTEFitOptions = {}): Promise<this> {
    this.prepare(data, options);
    await this.train(data, options);
    return this;
  }

  /** The common path (data, strategy, the size of every grown class), then the shapes DeepSMOTE has networks for. */
  private prepare(data: Dataset, options: RunOptions): ResamplePlan {
    const plan = prepareResample(NAME, data, this.settings.samplingStrategy, {
      ...options,
      allocate: false,
      minRows: 2,
      neighbors: { kNeighbors: this.options.generation.kNeighbors },
    });
    checkShape(data.shape);
    return plan;
  }

  private async train(data: Dataset, options: DeepSMOTEFitOptions): Promise<void> {
    await checkpoint(options.signal);
    this.dispose();
    const o = this.options;
    const rng = toRng(this.settings.seed);
    const d = rowSize(data.shape);
    const scaling = fitScaling(data.x, d, { kind: 'minmax', range: o.inputRange, perColumn: data.shape.length === 1 });
    const scaled = scaleRows(scaling, data.x);
    const latentDim = o.latentDim ?? defaultLatentDim(data.shape);
    const split = o.validationFraction > 0 ? holdOut(data.y, o.validationFraction, rng.child('holdout')) : undefined;
    const heldOut = split && split.held.length > 0 ? split : undefined;
    const trainX = heldOut ? gatherRows(scaled, d, heldOut.train) : scaled;
    const trainY = heldOut ? Int32Array.from(heldOut.train, (i) => data.y[i]!) : data.y;
    const fittedAt = (autoencoder: Autoencoder, codes: Float32Array, seed: number, training: TrainResult | undefined): Fitted => ({
      autoencoder,
      shape: [...data.shape],
      ...(data.classNames ? { classNames: [...data.classNames] } : {}),
      ...(data.features ? { features: [...data.features] } : {}),
      scaling,
      latentDim,
      codes,
      rows: scaled,
      codeLabels: data.y.slice(),
      seed,
      sampleCalls: 0,
      training,
    });
    const hook = options.onEpochEnd;
    const inference = options.signal ? { signal: options.signal } : {};
    const autoencoder = await Autoencoder.create({
      inputShape: data.shape,
      dimH: o.dimH,
      latentDim,
      seed: rng.child('autoencoder'),
      ...(this.backend ? { backend: this.backend } : {}),
    });
    try {
      const training = await autoencoder.fit(trainX, trainY, {
        epochs: o.epochs,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        betas: o.betas,
        penalty: o.penalty,
        penaltyRows: o.penaltyRows,
        seed: rng.child('train'),
        ...(heldOut ? { validation: gatherRows(scaled, d, heldOut.held), patience: o.patience } : {}),
        ...(hook
          ? {
              onEpochEnd: async (entry: EpochLoss) => {
                // The sampler as it stands after this epoch, for the hook only, sampling from a
                // stream of its own so that the final model samples as it would without the hook.
                const codes = await autoencoder.encode(scaled, inference);
                this.fitted = fittedAt(autoencoder, codes, rng.child(`after-epoch-${entry.epoch}`).seed, undefined);
                try {
                  await hook(entry, this);
                } finally {
                  this.fitted = undefined;
                }
              },
            }
          : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      this.fitted = fittedAt(autoencoder, await autoencoder.encode(scaled, inference), rng.seed, training);
    } catch (err) {
      this.fitted = undefined;
      autoencoder.dispose();
      throw err;
    }
  }

  /**
   * New rows only: `counts` rows of each class, made by SMOTE among that class's training codes
   * (uniform base, uniform one of its `kNeighbors` nearest codes, gap U[0, 1)) and decoded, or as
   * the generation options (the model's, replaced by any given here) say. Grouped by class in
   * ascending order; each call draws a fresh stream. Progress stage `'generate'`, one report per class.
   */
  async sample(counts: ClassCounts, options: DeepSMOTESampleOptions = {}): Promise<Dataset> {
    const f = this.state('sample');
    const d = rowSize(f.shape);
    const generation = resolveGeneration(`${NAME}.sample`, options, this.options.generation);
    const plan = prepareSample(NAME, counts, {
      fitted: classCounts(f.codeLabels),
      rowWidth: d,
      neighbors: { kNeighbors: generation.kNeighbors },
      ...(f.classNames ? { classNames: f.classNames } : {}),
    });
    throwIfAborted(options.signal);
    const rng = sampleStream(f.seed, f.sampleCalls++);
    const x = new Float32Array(plan.total * d);
    const y = new Int32Array(plan.total);
    let offset = 0;
    let done = 0;
    for (const [c, n] of plan.counts) {
      await checkpoint(options.signal);
      const members = indicesOfClass(f.codeLabels, c);
      const material = {
        autoencoder: f.autoencoder,
        codes: gatherRows(f.codes, f.latentDim, members),
        latentDim: f.latentDim,
        rows: f.rows ? gatherRows(f.rows, d, members) : undefined,
        rowSize: d,
        range: this.options.inputRange,
      };
      const rows = await synthesizeClass(material, n, generation, rng.child(c), options.signal);
      x.set(unscaleRows(f.scaling, rows), offset * d);
      y.fill(c, offset, offset + n);
      offset += n;
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.counts.size, unit: 'class', message: `class ${c}: ${n} rows` });
    }
    return withRows(f, x, y);
  }

  /** `fit` then `sample` the counts `samplingStrategy` asks for; returns the original rows, then the new ones. */
  async fitResample(data: Dataset, options: DeepSMOTEFitOptions = {}): Promise<Dataset> {
    const plan = this.prepare(data, options);
    await this.train(data, options);
    const synthetic = await this.sample(plan.counts, options);
    return appendRows(data, synthetic.x, synthetic.y);
  }

  /** Mean squared reconstruction error of `data` in the data's own units (inference mode). */
  async reconstructionError(data: Dataset, options: { readonly signal?: AbortSignal } = {}): Promise<number> {
    const f = this.state('reconstructionError');
    validateDataset(data, { context: `${NAME}.reconstructionError` });
    const d = rowSize(f.shape);
    if (rowSize(data.shape) !== d) throw new SamplerInputError(`${NAME}: data rows have ${rowSize(data.shape)} values, the model was fitted on ${d}`);
    const codes = await f.autoencoder.encode(scaleRows(f.scaling, data.x), options);
    const back = unscaleRows(f.scaling, await f.autoencoder.decode(codes, options));
    let sum = 0;
    for (let i = 0; i < back.length; i++) sum += (back[i]! - data.x[i]!) ** 2;
    return sum / back.length;
  }

  /**
   * Writes the fitted model in the one save format of `@oversample/tf` (a directory with
   * `model.json` + `weights.bin`, a TensorFlow.js URL or a `tf.io.IOHandler`): the autoencoder's
   * weights, the training codes and their labels as arrays; options, input scaling, seed and the
   * number of `sample` calls made as configuration. A function `samplingStrategy` cannot be
   * written and is saved as the default.
   */
  async save(destination: ModelLocation): Promise<void> {
    const f = this.state('save');
    const ae = f.autoencoder.toSaved(AUTOENCODER_PREFIX);
    const { latentDim: _unset, generation, ...options } = this.options;
    await saveModel(destination, {
      kind: KIND,
      generatedBy: '@oversample/deepsmote',
      config: {
        options: { ...options, ...generation, latentDim: f.latentDim, samplingStrategy: strategyToJSON(this.settings.samplingStrategy) },
        autoencoder: ae.config,
        shape: f.shape,
        classNames: f.classNames,
        features: f.features,
        scaling: { offset: [...f.scaling.offset], scale: [...f.scaling.scale] },
        seed: f.seed,
        sampleCalls: f.sampleCalls,
      },
      arrays: [
        ...ae.arrays,
        { name: 'codes', shape: [f.codeLabels.length, f.latentDim], values: f.codes },
        ...(f.rows ? [{ name: 'rows', shape: [f.codeLabels.length, rowSize(f.shape)], values: f.rows }] : []),
        { name: 'codeLabels', shape: [f.codeLabels.length], values: f.codeLabels },
      ],
    });
  }

  /**
   * Reads a model written by `save`: it samples what the saved model would have sampled next.
   * A damaged file or one of another format version is a `FileFormatError`, and leaks no tensors.
   */
  static async load(source: ModelLocation, options: { readonly backend?: BackendName } = {}): Promise<DeepSMOTE> {
    const model = await loadModel(source, KIND);
    const { sampler, fitted } = DeepSMOTE.readState(model, options.backend);
    // Every array is checked before the autoencoder's tensors exist.
    const autoencoder = await Autoencoder.fromSaved(model, { prefix: AUTOENCODER_PREFIX, ...(options.backend ? { backend: options.backend } : {}) });
    sampler.fitted = { ...fitted, autoencoder, training: undefined };
    return sampler;
  }

  private static readState(model: DecodedModel, backend: BackendName | undefined): { sampler: DeepSMOTE; fitted: Omit<Fitted, 'autoencoder' | 'training'> } {
    const state = model.read('the DeepSMOTE state', (c) => {
      const saved = c['options'] as DeepSMOTEOptions;
      // Files from before the generation options were made to decode (and lack the rows residual synthesis needs).
      const synthesis = saved.synthesis ?? PUBLISHED_GENERATION.synthesis;
      const sampler = new DeepSMOTE({ ...saved, synthesis, seed: c['seed'] as number, ...(backend ? { backend } : {}) });
      const shape = c['shape'] as number[];
      checkShape(shape);
      const scaling = c['scaling'] as { offset: number[]; scale: number[] };
      const sampleCalls = checkInteger('sampleCalls', c['sampleCalls'], { min: 0 });
      const latentDim = checkInteger('autoencoder.latentDim', (c['autoencoder'] as { latentDim: unknown }).latentDim, { min: 1 });
      const columns = shape.length === 1 ? shape[0]! : 1;
      if (scaling.offset.length !== columns || scaling.scale.length !== columns) throw new SamplerInputError(`scaling needs ${columns} columns`);
      return {
        sampler,
        shape,
        latentDim,
        sampleCalls,
        scaling: { offset: Float64Array.from(scaling.offset), scale: Float64Array.from(scaling.scale) },
        ...(c['classNames'] ? { classNames: c['classNames'] as string[] } : {}),
        ...(c['features'] ? { features: c['features'] as FeatureInfo[] } : {}),
        seed: c['seed'] as number,
      };
    });
    const codeLabels = model.int32('codeLabels');
    const codes = model.float32('codes', [codeLabels.length, state.latentDim]);
    // Files saved before the training rows were kept still load; only the generation options that need the rows refuse them.
    const rows = model.has('rows') ? model.float32('rows', [codeLabels.length, rowSize(state.shape)]) : undefined;
    const { sampler, ...rest } = state;
    return { sampler, fitted: { ...rest, codes, rows, codeLabels } };
  }

  /** Frees the autoencoder's weights; the sampler must be fitted or loaded again before `sample`. */
  dispose(): void {
    this.fitted?.autoencoder.dispose();
    this.fitted = undefined;
  }
}
