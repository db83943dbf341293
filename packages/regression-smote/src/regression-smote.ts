import {
  appendRows,
  fitScaling,
  gatherRows,
  indicesOfClass,
  NotFittedError,
  OptionError,
  prepareResample,
  prepareSample,
  Rng,
  SamplerInputError,
  rowSize,
  sampleStream,
  scaleRows,
  throwIfAborted,
  toRng,
  unscaleRows,
  withRows,
  type ClassCounts,
  type Dataset,
  type GenerativeSampler,
  type ResamplePlan,
  type RunOptions,
} from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';
import { initBackend, loadModel, saveModel, type BackendName, type ModelLocation } from '@oversample/tf';
import type { ClassModel, FittedState } from './fitted-state';
import { predictRows, type NetworkSpec } from './network';
import { resolveOptions, type RegressionSMOTEOptions, type ResolvedOptions } from './options';
import { drawPairs, fillPairRows, type PairSource } from './pairs';
import { fromSavedModel, KIND, toSavedModel } from './saved-state';
import { trainNetwork, type TrainingHistory } from './train';

/**
 * Deep SMOTE (Mansourifar & Shi, arXiv 2003.09788): a dense regression network per class learns
 * SMOTE's interpolation — input two rows `[a, b]` of the class, target `a + u (b - a)` — and then
 * generates new rows from freshly drawn pairs. One network per class (not one conditioned
 * network) keeps each class's generator a function of that class's rows alone, as SMOTE is, and
 * lets each class keep its own column scaling.
 *
 * @example
 * const sampler = new RegressionSMOTE({ gap: 'midpoint', epochs: 50, seed: 42 });
 * const balanced = await sampler.fitResample(train);       // original rows, then synthetic ones
 * const more = await sampler.sample({ 1: 100 });            // 100 more rows of class 1
 * await sampler.save('models/rsmote');
 * const again = await RegressionSMOTE.load('models/rsmote');
 */
export class RegressionSMOTE implements GenerativeSampler {
  readonly name = 'RegressionSMOTE';
  /** The options with their defaults filled in. */
  readonly options: ResolvedOptions;
  private state: FittedState | undefined;

  constructor(options: RegressionSMOTEOptions = {}) {
    this.options = resolveOptions(options);
  }

  /** The fitted classes, in ascending order (empty before `fit`). */
  get fittedClasses(): number[] {
    return this.state ? [...this.state.classes.keys()] : [];
  }

  /** Training history of each fitted class's network: losses, the kept epoch and the baselines. */
  get history(): Map<number, TrainingHistory> {
    return new Map([...(this.state?.classes ?? new Map<number, ClassModel>()).entries()].map(([c, m]) => [c, m.history]));
  }

  /**
   * Trains one network for every class the sampling strategy names (a class the strategy gives 0
   * new rows, such as the majority under `'all'`, is trained too, so `sample` can ask for it).
   */
  async fit(data: Dataset, options: RunOptions = {}): Promise<this> {
    const plan = this.prepare(data, options);
    // fit trains every class the strategy names, so each must be large enough.
    for (const c of plan.named) this.requireRows(plan, c);
    await this.train(data, plan.named.map((c) => c.label), options);
    return this;
  }

  /** Synthetic rows only: `counts` new rows per class, grouped by class in ascending order. */
  async sample(counts: ClassCounts, options: RunOptions = {}): Promise<Dataset> {
    const state = this.state;
    if (!state) throw new NotFittedError(this.name);
    const d = rowSize(state.shape);
    const { counts: wanted, total } = prepareSample(this.name, counts, {
      fitted: new Map([...state.classes].map(([c, m]) => [c, m.n])),
      rowWidth: d,
      ...(state.classNames ? { classNames: state.classNames } : {}),
    });
    throwIfAborted(options.signal);
    await initBackend();
    const x = new Float32Array(total * d);
    const y = new Int32Array(total);
    const stream = sampleStream(state.seed, state.sampleCalls++);
    let offset = 0;
    for (const [c, count] of wanted) {
      const model = state.classes.get(c)!;
      const pairs = drawPairs(pairSource(model, this.options), count, this.options.gap, stream.child(`class-${c}`));
      const input = new Float32Array(count * 2 * d);
      fillPairRows(model.rows, d, pairs, 0, count, input);
      const out = unscaleRows(model.scaler, predictRows(state.spec, model.params, input, count));
      x.set(out, offset * d);
      y.fill(c, offset, offset + count);
      offset += count;
      options.onProgress?.({ stage: 'generate', done: offset, total, unit: 'row', message: `class ${c}` });
      throwIfAborted(options.signal);
    }
    return withRows(state, x, y);
  }

  /**
   * Runs class `label`'s network on given pairs: row `i` of the result is what the network makes
   * of `first` row `i` and `second` row `i` (all in the data's units, `m` rows each). This is the
   * map `sample` applies to the pairs it draws; use it to inspect how far the network strays from
   * SMOTE's segment.
   *
   * @example
   * const out = await sampler.interpolate(1, rowsA, rowsB); // compare with (rowsA + rowsB) / 2
   */
  async interpolate(label: number, first: Float32Array, second: Float32Array): Promise<Float32Array> {
    const state = this.state;
    if (!state) throw new NotFittedError(this.name);
    const model = state.classes.get(label);
    if (!model) {
      throw new OptionError(`${this.name} cannot interpolate class ${label}: it was not fitted for it (fitted classes: ${[...state.classes.keys()].join(', ')})`);
    }
    const d = rowSize(state.shape);
    if (first.length !== second.length || first.length % d !== 0) {
      throw new SamplerInputError(
        `interpolate needs two Float32Arrays of the same number of ${d}-value rows, got ${first.length} and ${second.length} values`,
      );
    }
    await initBackend();
    const m = first.length / d;
    const a = scaleRows(model.scaler, first);
    const b = scaleRows(model.scaler, second);
    const input = new Float32Array(m * 2 * d);
    for (let i = 0; i < m; i++) {
      input.set(a.subarray(i * d, (i + 1) * d), i * 2 * d);
      input.set(b.subarray(i * d, (i + 1) * d), i * 2 * d + d);
    }
    return unscaleRows(model.scaler, predictRows(state.spec, model.params, input, m));
  }

  /** Fits the classes that need new rows and returns the original rows followed by the synthetic ones. */
  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const plan = this.prepare(data, options);
    await this.train(
      data,
      plan.classes.map((c) => c.label),
      options,
    );
    const synth = await this.sample(plan.counts, options);
    return appendRows(data, synth.x, synth.y);
  }

  /**
   * Writes the fitted model in the one save format of `@oversample/tf` (a directory with
   * `model.json` + `weights.bin`, a TensorFlow.js URL or a `tf.io.IOHandler`): options, scalers
   * and training histories as configuration; each class's weights, scaled rows and neighbour
   * table as arrays. A function `samplingStrategy` cannot be written and is saved as the default.
   */
  async save(destination: ModelLocation): Promise<void> {
    if (!this.state) throw new NotFittedError(this.name);
    await saveModel(destination, toSavedModel(this.options, this.state));
  }

  /**
   * Reads a sampler written by `save`; it generates exactly what the saved one would have
   * generated next. `backend` is the TensorFlow.js backend to prefer.
   */
  static async load(source: ModelLocation, options: { readonly backend?: BackendName } = {}): Promise<RegressionSMOTE> {
    const model = await loadModel(source, KIND);
    const { options: saved, state } = fromSavedModel(model);
    const sampler = model.read('the options', () => new RegressionSMOTE(saved));
    await initBackend(options.backend ? { prefer: options.backend } : {});
    sampler.state = state;
    return sampler;
  }

  /** Forgets the fitted networks (they are plain arrays, so nothing else is freed); `sample` needs a new fit. */
  dispose(): void {
    this.state = undefined;
  }

  /** The common path: data, strategy and the size of every class that grows, before any training. */
  private prepare(data: Dataset, options: RunOptions): ResamplePlan {
    const o = this.options;
    return prepareResample(this.name, data, o.samplingStrategy, {
      ...options,
      allocate: false,
      ...(o.pairing === 'knn' ? { neighbors: { kNeighbors: o.kNeighbors } } : { minClassRows: { rows: 2, reason: "pairing: 'random'" } }),
    });
  }

  private requireRows(plan: ResamplePlan, c: ResamplePlan['named'][number]): void {
    if (this.options.pairing === 'knn') plan.requireNeighbors(c, this.options.kNeighbors);
    else plan.requireRows(c, 2, "pairing: 'random'");
  }

  private async train(data: Dataset, labels: number[], options: RunOptions): Promise<void> {
    const o = this.options;
    const d = rowSize(data.shape);
    const seed = toRng(o.seed).seed;
    const spec: NetworkSpec = {
      inputSize: 2 * d,
      outputSize: d,
      hiddenLayers: o.hiddenLayers,
      activation: o.activation,
      loss: o.loss,
    };
    this.state = undefined;
    await initBackend();
    const classes = new Map<number, ClassModel>();
    const root = new Rng(seed);
    for (const c of labels) {
      const idx = indicesOfClass(data.y, c);
      const n = idx.length;
      const raw = gatherRows(data.x, d, idx);
      // Neighbours in the data's own units, as SMOTE finds them; the network sees scaled columns.
      const k = o.pairing === 'knn' ? o.kNeighbors : 0;
      const neighbors = o.pairing === 'knn' ? kNearestNeighbors(raw, d, k).indices : new Int32Array(0);
      const scaler = fitScaling(raw, d, { kind: o.loss === 'bce' ? 'minmax' : 'standard' });
      const rows = scaleRows(scaler, raw);
      const source: PairSource = { pairing: o.pairing, n, k, neighbors };
      const { params, history } = await trainNetwork(
        rows,
        d,
        source,
        { spec, gap: o.gap, epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, pairsPerEpoch: o.pairsPerEpoch, patience: o.patience },
        root.child(`train-class-${c}`),
        (p) => options.onProgress?.({ stage: 'train', ...p, message: `class ${c}` }),
        options.signal,
        `RegressionSMOTE, class ${c}`,
      );
      classes.set(c, { label: c, rows, n, neighbors, k, scaler, params, history });
    }
    this.state = {
      seed,
      shape: [...data.shape],
      ...(data.classNames ? { classNames: data.classNames } : {}),
      ...(data.features ? { features: data.features } : {}),
      spec,
      classes,
      sampleCalls: 0,
    };
  }
}

function pairSource(model: ClassModel, options: ResolvedOptions): PairSource {
  return { pairing: options.pairing, n: model.n, k: model.k, neighbors: model.neighbors };
}
