import {
  appendRows,
  classCounts,
  indicesOfClass,
  NotFittedError,
  OptionError,
  Rng,
  SamplerInputError,
  resolveSamplingStrategy,
  rowSize,
  throwIfAborted,
  toCountMap,
  toRng,
  validateDataset,
  withRows,
  type ClassCounts,
  type Dataset,
  type GenerativeSampler,
  type RunOptions,
} from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';
import { initBackend } from '@oversample/tf';
import { fitColumnScaler, scaleRows, unscaleRowsInPlace } from './column-scaler';
import type { ClassModel, FittedState } from './fitted-state';
import { readModel, writeModel } from './persistence';
import { predictRows, type NetworkSpec } from './network';
import { resolveOptions, type RegressionSMOTEOptions, type ResolvedOptions } from './options';
import { drawPairs, fillPairRows, type PairSource } from './pairs';
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
    const counts = this.check(data, options);
    await this.train(data, [...counts.keys()], options);
    return this;
  }

  /** Synthetic rows only: `counts` new rows per class, grouped by class in ascending order. */
  async sample(counts: ClassCounts, options: RunOptions = {}): Promise<Dataset> {
    const state = this.state;
    if (!state) throw new NotFittedError(this.name);
    const wanted = toCountMap(counts);
    for (const [c, count] of wanted) {
      if (count > 0 && !state.classes.has(c)) {
        throw new OptionError(
          `RegressionSMOTE has no network for class ${c}: fit trained classes ${[...state.classes.keys()].join(', ') || 'none'}; ` +
            'name the class in samplingStrategy when fitting',
        );
      }
    }
    throwIfAborted(options.signal);
    await initBackend();
    const d = rowSize(state.shape);
    const total = [...wanted.values()].reduce((a, b) => a + b, 0);
    const x = new Float32Array(total * d);
    const y = new Int32Array(total);
    const stream = new Rng(state.seed).child('sample').child(state.sampleCalls);
    state.sampleCalls++;
    let offset = 0;
    for (const [c, count] of wanted) {
      if (count === 0) continue;
      const model = state.classes.get(c)!;
      const pairs = drawPairs(pairSource(model, this.options), count, this.options.gap, stream.child(`class-${c}`));
      const input = new Float32Array(count * 2 * d);
      fillPairRows(model.rows, d, pairs, 0, count, input);
      const out = unscaleRowsInPlace(model.scaler, predictRows(state.spec, model.params, input, count));
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
      throw new OptionError(`RegressionSMOTE has no network for class ${label}: fit trained classes ${[...state.classes.keys()].join(', ')}`);
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
    return unscaleRowsInPlace(model.scaler, predictRows(state.spec, model.params, input, m));
  }

  /** Fits the classes that need new rows and returns the original rows followed by the synthetic ones. */
  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const counts = this.check(data, options);
    const needed = [...counts.entries()].filter(([, n]) => n > 0);
    await this.train(
      data,
      needed.map(([c]) => c),
      options,
    );
    const synth = await this.sample(new Map(needed), options);
    return appendRows(data, synth.x, synth.y);
  }

  /**
   * Writes the fitted model to `dir` (created if missing): `model.json` (options, scalers,
   * training history) and little-endian binaries of each class's weights, scaled rows and
   * neighbour table. A function `samplingStrategy` cannot be written and is left out.
   */
  async save(dir: string): Promise<void> {
    if (!this.state) throw new NotFittedError(this.name);
    await writeModel(dir, this.options, this.state);
  }

  /** Reads a sampler written by `save`; it generates exactly what the saved one would have. */
  static async load(dir: string): Promise<RegressionSMOTE> {
    const { options, state } = await readModel(dir);
    const sampler = new RegressionSMOTE(options);
    sampler.state = state;
    return sampler;
  }

  private check(data: Dataset, options: RunOptions): Map<number, number> {
    throwIfAborted(options.signal);
    validateDataset(data, { context: this.name, minClasses: 2 });
    return resolveSamplingStrategy(this.options.samplingStrategy, data.y);
  }

  private async train(data: Dataset, labels: number[], options: RunOptions): Promise<void> {
    const o = this.options;
    const d = rowSize(data.shape);
    const sizes = classCounts(data.y);
    for (const c of labels) {
      const n = sizes.get(c) ?? 0;
      const need = o.pairing === 'knn' ? o.kNeighbors + 1 : 2;
      if (n < need) {
        throw new SamplerInputError(
          o.pairing === 'knn'
            ? `RegressionSMOTE: class ${c} has ${n} rows, kNeighbors = ${o.kNeighbors} needs at least ${need} ` +
                `(lower kNeighbors or use pairing: 'random')`
            : `RegressionSMOTE: class ${c} has ${n} row, pairing needs at least 2`,
        );
      }
    }
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
      const raw = new Float32Array(n * d);
      for (let i = 0; i < n; i++) raw.set(data.x.subarray(idx[i]! * d, (idx[i]! + 1) * d), i * d);
      // Neighbours in the data's own units, as SMOTE finds them; the network sees scaled columns.
      const k = o.pairing === 'knn' ? o.kNeighbors : 0;
      const neighbors = o.pairing === 'knn' ? kNearestNeighbors(raw, d, k).indices : new Int32Array(0);
      const scaler = fitColumnScaler(o.loss === 'bce' ? 'minmax' : 'standard', raw, n, d);
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
