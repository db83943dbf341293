import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Autoencoder, PENALTY_VARIANTS, type EpochLoss, type PenaltyVariant, type TrainResult } from '@oversample/autoencoder';
import {
  FileFormatError,
  NotFittedError,
  OptionError,
  SamplerInputError,
  appendRows,
  checkInteger,
  checkKnownOptions,
  checkNumber,
  checkOneOf,
  checkpoint,
  classCounts,
  describeValue,
  resolveSamplingStrategy,
  rowSize,
  toCountMap,
  toRng,
  validateDataset,
  withRows,
  type ClassCounts,
  type Dataset,
  type FeatureInfo,
  type GenerativeSampler,
  type Rng,
  type RunOptions,
  type SamplerOptions,
  type SamplingStrategy,
} from '@oversample/core';
import { smoteRows } from '@oversample/smote';
import type { BackendName } from '@oversample/tf';
import { fromUnitRange, observeScaling, toUnitRange, type Scaling } from './scaling';

/** Options of {@link DeepSMOTE}; every one has the published configuration as its default. */
export interface DeepSMOTEOptions extends SamplerOptions {
  /** Base width of the networks (the authors' `dim_h`); default 64. */
  readonly dimH?: number;
  /** Code size (`n_z`); default 300 for [28, 28, c] images, 600 for [32, 32, c], d for tables (ours). */
  readonly latentDim?: number;
  /** Training epochs; default 200 (the authors' code; the publication reports 50 to 350). */
  readonly epochs?: number;
  /** Rows per training step; default 100. */
  readonly batchSize?: number;
  /** Adam step size; default 2e-4. */
  readonly learningRate?: number;
  /** Adam's (beta1, beta2); default (0.9, 0.999). */
  readonly betas?: readonly [number, number];
  /** `'paper'` (Algorithm 1, default), `'code'` (the released code) or `'none'`: see docs/algorithms.md. */
  readonly penalty?: PenaltyVariant;
  /** Most rows of the drawn class in the penalty sample; default 100. */
  readonly penaltyRows?: number;
  /** Neighbours for SMOTE in the latent space; default 5. */
  readonly kNeighbors?: number;
  /**
   * Share of each class held out of training to pick the kept epoch by its reconstruction error
   * (ours); default 0: keep the epoch with the lowest training loss, as the authors do. Held-out
   * rows are still encoded and take part in latent SMOTE.
   */
  readonly validationFraction?: number;
  /** With held-out rows: stop after this many epochs without a lower held-out error; default 0 (never). */
  readonly patience?: number;
  /** TensorFlow.js backend to prefer; default: the fastest that loads (`@oversample/tf`). */
  readonly backend?: BackendName;
}

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

const KNOWN = [
  'dimH',
  'latentDim',
  'epochs',
  'batchSize',
  'learningRate',
  'betas',
  'penalty',
  'penaltyRows',
  'kNeighbors',
  'validationFraction',
  'patience',
  'backend',
  'samplingStrategy',
  'seed',
];

interface Resolved {
  readonly dimH: number;
  readonly latentDim: number | undefined;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly betas: readonly [number, number];
  readonly penalty: PenaltyVariant;
  readonly penaltyRows: number;
  readonly kNeighbors: number;
  readonly validationFraction: number;
  readonly patience: number;
}

function resolveOptions(o: DeepSMOTEOptions): Resolved {
  checkKnownOptions('DeepSMOTE', o, KNOWN);
  const betas = o.betas ?? [0.9, 0.999];
  if (!Array.isArray(betas) || betas.length !== 2) throw new OptionError(`betas must be [beta1, beta2], got ${describeValue(betas)}`);
  return {
    dimH: checkInteger('dimH', o.dimH ?? 64, { min: 1 }),
    latentDim: o.latentDim === undefined ? undefined : checkInteger('latentDim', o.latentDim, { min: 1 }),
    epochs: checkInteger('epochs', o.epochs ?? 200, { min: 1 }),
    batchSize: checkInteger('batchSize', o.batchSize ?? 100, { min: 1 }),
    learningRate: checkNumber('learningRate', o.learningRate ?? 2e-4, { min: 0, exclusiveMin: true }),
    betas: [checkNumber('betas[0]', betas[0], { min: 0, max: 1, exclusiveMax: true }), checkNumber('betas[1]', betas[1], { min: 0, max: 1, exclusiveMax: true })],
    penalty: checkOneOf('penalty', o.penalty ?? 'paper', PENALTY_VARIANTS),
    penaltyRows: checkInteger('penaltyRows', o.penaltyRows ?? 100, { min: 1 }),
    kNeighbors: checkInteger('kNeighbors', o.kNeighbors ?? 5, { min: 1 }),
    validationFraction: checkNumber('validationFraction', o.validationFraction ?? 0, { min: 0, max: 0.5 }),
    patience: checkInteger('patience', o.patience ?? 0, { min: 0 }),
  };
}

/**
 * Rows held out of autoencoder training: `fraction` of each class, rounded down, so a class of
 * fewer than 1 / fraction rows keeps every row for training. Returns training and held-out row ids.
 */
function holdOut(y: Int32Array, fraction: number, rng: Rng): { train: number[]; held: number[] } {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const rows = byClass.get(y[i]!);
    if (rows) rows.push(i);
    else byClass.set(y[i]!, [i]);
  }
  const train: number[] = [];
  const held: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = rng.child(`class-${c}`).shuffle(byClass.get(c)!);
    const n = Math.floor(rows.length * fraction);
    held.push(...rows.slice(0, n));
    train.push(...rows.slice(n));
  }
  return { train: train.sort((a, b) => a - b), held: held.sort((a, b) => a - b) };
}

function gatherScaled(x: Float32Array, d: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((i, j) => out.set(x.subarray(i * d, (i + 1) * d), j * d));
  return out;
}

/** The published code size for an input shape: 300 for 28x28 images, 600 for 32x32, d for tables (ours). */
function defaultLatentDim(shape: readonly number[]): number {
  if (shape.length === 1) return shape[0]!;
  return shape[0] === 32 ? 600 : 300;
}

function checkShape(shape: readonly number[]): void {
  const image = shape.length === 3 && ((shape[0] === 28 && shape[1] === 28) || (shape[0] === 32 && shape[1] === 32));
  if (!image && shape.length !== 1) {
    throw new SamplerInputError(
      `DeepSMOTE has networks for [28, 28, c] and [32, 32, c] images and [d] table rows; the data has shape ${describeValue(shape)}`,
    );
  }
}

/** What fitting leaves behind: the network, the input range and every training row's code. */
interface Fitted {
  readonly autoencoder: Autoencoder;
  readonly shape: readonly number[];
  readonly classNames?: readonly string[];
  readonly features?: readonly FeatureInfo[];
  readonly scaling: Scaling;
  readonly latentDim: number;
  /** Codes of the training rows, row-major, and their labels. */
  readonly codes: Float32Array;
  readonly codeLabels: Int32Array;
  readonly seed: number;
  readonly training: TrainResult | undefined;
}

const STATE_FILE = 'deepsmote.json';
const CODES_FILE = 'codes.bin';
const AUTOENCODER_DIR = 'autoencoder';
const FORMAT = 'oversample-deepsmote';

/**
 * DeepSMOTE (Dablain, Krawczyk and Chawla, IEEE TNNLS 2022): an encoder/decoder trained on the
 * whole imbalanced set with a permutation penalty, then SMOTE among each class's codes, decoded
 * back to images. Images are chosen by `Dataset.shape` ([28, 28, c] or [32, 32, c]); other shapes
 * of length 1 use a dense autoencoder. Inputs are scaled to [-1, 1] from their observed range and
 * synthetic rows mapped back to it. Holds TensorFlow.js weights once fitted: `dispose()` frees them.
 *
 * @example
 * const deep = new DeepSMOTE({ epochs: 50, seed: 1 });
 * const balanced = await deep.fitResample(mnist, { onProgress: (p) => console.log(p.stage, p.done, p.metrics) });
 * const more = await deep.sample({ 9: 500 }); // 500 more synthetic 9s from the same model
 * await deep.save('models/deepsmote-mnist');
 */
export class DeepSMOTE implements GenerativeSampler {
  /** For reports. */
  readonly name = 'DeepSMOTE';
  private readonly options: Resolved;
  private readonly samplingStrategy: SamplingStrategy;
  private readonly seedOption: DeepSMOTEOptions['seed'];
  private readonly backend: BackendName | undefined;
  private fitted: Fitted | undefined;
  private sampleRng: Rng | undefined;

  constructor(options: DeepSMOTEOptions = {}) {
    this.options = resolveOptions(options);
    this.samplingStrategy = options.samplingStrategy ?? 'auto';
    this.seedOption = options.seed;
    this.backend = options.backend === undefined ? undefined : checkOneOf('backend', options.backend, ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const);
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
    if (!this.fitted) throw new NotFittedError(`DeepSMOTE (${what})`);
    return this.fitted;
  }

  private validate(data: Dataset): void {
    validateDataset(data, { context: 'DeepSMOTE', minRows: 2 });
    checkShape(data.shape);
  }

  /**
   * Trains the autoencoder on every row of `data` (progress stage `'train'`, one report per epoch)
   * and encodes them, ready for `sample`. Replaces an earlier fit.
   */
  async fit(data: Dataset, options: DeepSMOTEFitOptions = {}): Promise<this> {
    this.validate(data);
    await checkpoint(options.signal);
    this.dispose();
    const o = this.options;
    const rng = toRng(this.seedOption);
    const scaling = observeScaling(data);
    const d = rowSize(data.shape);
    const scaled = toUnitRange(data.x, d, scaling);
    const latentDim = o.latentDim ?? defaultLatentDim(data.shape);
    const split = o.validationFraction > 0 ? holdOut(data.y, o.validationFraction, rng.child('holdout')) : undefined;
    const heldOut = split && split.held.length > 0 ? split : undefined;
    const trainX = heldOut ? gatherScaled(scaled, d, heldOut.train) : scaled;
    const trainY = heldOut ? Int32Array.from(heldOut.train, (i) => data.y[i]!) : data.y;
    const fittedAt = (autoencoder: Autoencoder, codes: Float32Array, training: TrainResult | undefined): Fitted => ({
      autoencoder,
      shape: [...data.shape],
      ...(data.classNames ? { classNames: [...data.classNames] } : {}),
      ...(data.features ? { features: [...data.features] } : {}),
      scaling,
      latentDim,
      codes,
      codeLabels: data.y.slice(),
      seed: rng.seed,
      training,
    });
    const autoencoder = await Autoencoder.create({
      inputShape: data.shape,
      dimH: o.dimH,
      latentDim,
      seed: rng.child('autoencoder'),
      ...(this.backend ? { backend: this.backend } : {}),
    });
    const hook = options.onEpochEnd;
    const inference = options.signal ? { signal: options.signal } : {};
    try {
      const training = await autoencoder.fit(trainX, trainY, {
        epochs: o.epochs,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        betas: o.betas,
        penalty: o.penalty,
        penaltyRows: o.penaltyRows,
        seed: rng.child('train'),
        ...(heldOut ? { validation: gatherScaled(scaled, d, heldOut.held), patience: o.patience } : {}),
        ...(hook
          ? {
              onEpochEnd: async (entry: EpochLoss) => {
                // The sampler as it stands after this epoch, for the hook only.
                this.fitted = fittedAt(autoencoder, await autoencoder.encode(scaled, inference), undefined);
                this.sampleRng = rng.child(`sample-after-epoch-${entry.epoch}`);
                try {
                  await hook(entry, this);
                } finally {
                  this.fitted = undefined;
                  this.sampleRng = undefined;
                }
              },
            }
          : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const codes = await autoencoder.encode(scaled, inference);
      this.fitted = fittedAt(autoencoder, codes, training);
      this.sampleRng = rng.child('sample');
      return this;
    } catch (err) {
      this.fitted = undefined;
      autoencoder.dispose();
      throw err;
    }
  }

  /**
   * New rows only: `counts` rows of each class, made by SMOTE among that class's training codes
   * (uniform base, uniform one of its `kNeighbors` nearest codes, gap U[0, 1)) and decoded.
   * Grouped by class in ascending order. Progress stage `'generate'`, one report per class.
   */
  async sample(counts: ClassCounts, options: RunOptions = {}): Promise<Dataset> {
    const f = this.state('sample');
    const wanted = toCountMap(counts);
    const k = this.options.kNeighbors;
    const byClass = classCounts(f.codeLabels);
    for (const [c, n] of wanted) {
      if (n === 0) continue;
      const have = byClass.get(c) ?? 0;
      if (have === 0) throw new SamplerInputError(`DeepSMOTE cannot sample class ${c}: it had no rows at fit (classes: ${[...byClass.keys()].join(', ')})`);
      if (have <= k) throw new SamplerInputError(`DeepSMOTE: class ${c} has ${have} rows, kNeighbors = ${k} needs at least ${k + 1}`);
    }
    await checkpoint(options.signal);
    const d = rowSize(f.shape);
    const total = [...wanted.values()].reduce((a, b) => a + b, 0);
    const x = new Float32Array(total * d);
    const y = new Int32Array(total);
    const rng = this.sampleRng!;
    let offset = 0;
    let done = 0;
    for (const [c, n] of wanted) {
      if (n === 0) continue;
      const classCodes = gatherClass(f.codes, f.codeLabels, f.latentDim, c);
      const latent = smoteRows(classCodes, f.latentDim, n, { kNeighbors: k, rng: rng.fork() });
      const rows = await f.autoencoder.decode(latent, options.signal ? { signal: options.signal } : {});
      x.set(fromUnitRange(rows, d, f.scaling), offset * d);
      y.fill(c, offset, offset + n);
      offset += n;
      done++;
      options.onProgress?.({ stage: 'generate', done, total: [...wanted.values()].filter((v) => v > 0).length, unit: 'class', message: `class ${c}: ${n} rows` });
    }
    return withRows(f, x, y);
  }

  /** `fit` then `sample` the counts `samplingStrategy` asks for; returns the original rows, then the new ones. */
  async fitResample(data: Dataset, options: DeepSMOTEFitOptions = {}): Promise<Dataset> {
    this.validate(data);
    const plan = resolveSamplingStrategy(this.samplingStrategy, data.y);
    // Fail before training, not after: SMOTE needs more than k rows in every class it grows.
    const have = classCounts(data.y);
    for (const [c, n] of plan) {
      if (n > 0 && have.get(c)! <= this.options.kNeighbors) {
        throw new SamplerInputError(`DeepSMOTE: class ${c} has ${have.get(c)} rows, kNeighbors = ${this.options.kNeighbors} needs at least ${this.options.kNeighbors + 1}`);
      }
    }
    await this.fit(data, options);
    const synthetic = await this.sample(plan, options);
    return appendRows(data, synthetic.x, synthetic.y);
  }

  /** Mean squared reconstruction error of `data` in the data's own units (inference mode). */
  async reconstructionError(data: Dataset, options: { readonly signal?: AbortSignal } = {}): Promise<number> {
    const f = this.state('reconstructionError');
    validateDataset(data, { context: 'DeepSMOTE.reconstructionError' });
    const d = rowSize(f.shape);
    if (rowSize(data.shape) !== d) throw new SamplerInputError(`data rows have ${rowSize(data.shape)} values, the model was fitted on ${d}`);
    const scaled = toUnitRange(data.x, d, f.scaling);
    const codes = await f.autoencoder.encode(scaled, options);
    const back = fromUnitRange(await f.autoencoder.decode(codes, options), d, f.scaling);
    let sum = 0;
    for (let i = 0; i < back.length; i++) sum += (back[i]! - data.x[i]!) ** 2;
    return sum / back.length;
  }

  /**
   * Writes the fitted model to `dir`: `autoencoder/` (model.json + weights.bin), `codes.bin` (the
   * training codes, float32) and `deepsmote.json` (options, input range, labels, seed). A
   * function `samplingStrategy` cannot be written and is saved as `'auto'`.
   */
  async save(dir: string): Promise<void> {
    const f = this.state('save');
    await mkdir(dir, { recursive: true });
    await f.autoencoder.save(path.join(dir, AUTOENCODER_DIR));
    await writeFile(path.join(dir, CODES_FILE), new Uint8Array(f.codes.buffer, f.codes.byteOffset, f.codes.byteLength));
    const state = {
      format: FORMAT,
      formatVersion: 1,
      options: { ...this.options, latentDim: f.latentDim, samplingStrategy: typeof this.samplingStrategy === 'function' ? 'auto' : this.samplingStrategy instanceof Map ? Object.fromEntries(this.samplingStrategy) : this.samplingStrategy },
      shape: f.shape,
      classNames: f.classNames,
      features: f.features,
      scaling: f.scaling,
      seed: f.seed,
      codeLabels: [...f.codeLabels],
    };
    await writeFile(path.join(dir, STATE_FILE), `${JSON.stringify(state)}\n`);
  }

  /**
   * Reads a model written by `save`: sampling from it gives what the saved model's first
   * `sample` call gave.
   */
  static async load(dir: string, options: { readonly backend?: BackendName } = {}): Promise<DeepSMOTE> {
    const file = path.join(dir, STATE_FILE);
    let state: Record<string, unknown>;
    try {
      state = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new FileFormatError(file, `cannot read a saved DeepSMOTE model (${(err as Error).message})`, { cause: err });
    }
    if (state['format'] !== FORMAT) throw new FileFormatError(file, `not a saved DeepSMOTE model: "format" should be "${FORMAT}"`);
    const saved = state['options'] as DeepSMOTEOptions & { samplingStrategy?: SamplingStrategy };
    const model = new DeepSMOTE({ ...saved, seed: state['seed'] as number, ...(options.backend ? { backend: options.backend } : {}) });
    const autoencoder = await Autoencoder.load(path.join(dir, AUTOENCODER_DIR), options);
    const bytes = await readFile(path.join(dir, CODES_FILE));
    const codes = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(codes.buffer).set(bytes);
    const labels = Int32Array.from(state['codeLabels'] as number[]);
    const latentDim = autoencoder.config.latentDim;
    if (codes.length !== labels.length * latentDim) {
      autoencoder.dispose();
      throw new FileFormatError(path.join(dir, CODES_FILE), `holds ${codes.length} values, ${labels.length} codes of ${latentDim} need ${labels.length * latentDim}`);
    }
    const rng = toRng(state['seed'] as number);
    model.fitted = {
      autoencoder,
      shape: state['shape'] as number[],
      ...(state['classNames'] ? { classNames: state['classNames'] as string[] } : {}),
      ...(state['features'] ? { features: state['features'] as FeatureInfo[] } : {}),
      scaling: state['scaling'] as Scaling,
      latentDim,
      codes,
      codeLabels: labels,
      seed: rng.seed,
      training: undefined,
    };
    model.sampleRng = rng.child('sample');
    return model;
  }

  /** Frees the autoencoder's weights; the sampler must be fitted or loaded again before `sample`. */
  dispose(): void {
    this.fitted?.autoencoder.dispose();
    this.fitted = undefined;
  }
}

/** The codes of class `c`, row-major. */
function gatherClass(codes: Float32Array, labels: Int32Array, dim: number, c: number): Float32Array {
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === c) n++;
  const out = new Float32Array(n * dim);
  for (let i = 0, j = 0; i < labels.length; i++) {
    if (labels[i] === c) out.set(codes.subarray(i * dim, (i + 1) * dim), dim * j++);
  }
  return out;
}
