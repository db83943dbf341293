import {
  appendRows,
  checkInteger,
  checkKnownOptions,
  checkNumber,
  checkOneOf,
  checkpoint,
  indicesOfClass,
  NotFittedError,
  OptionError,
  resolveSamplingStrategy,
  rowSize,
  SamplerInputError,
  throwIfAborted,
  toCountMap,
  toRng,
  validateDataset,
  withRows,
  type ClassCounts,
  type Dataset,
  type GenerativeSampler,
  type RunOptions,
  type Rng,
  type SamplerOptions,
} from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';
import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { AGGREGATIONS, aggregateRow, type AggregationName } from './aggregation';
import { annealedTemperature, gumbelNoise, gumbelSoftmax } from './gumbel';
import { denseForward, denseLossAndGrads, initDenseParams, type Activation } from './mlp';
import { buildNeighborhood, type ClassNeighborhood } from './neighborhood';
import type { Fitted } from './fitted';
import { loadFitted, saveFitted } from './persist';
import { buildUnits } from './units';

/** Options of {@link AutoSMOTE}; every one has a default. */
export interface AutoSMOTEOptions extends SamplerOptions {
  /** `self`: decisions per minority row; `cohort` (default): per k-means group of rows. */
  readonly variant?: 'self' | 'cohort';
  /** K, the neighbours each row can draw on; the k decision picks 1..K. Default 10. */
  readonly maxNeighbors?: number;
  /** Cohorts per class for the `cohort` variant. Default 8. */
  readonly cohorts?: number;
  /** The aggregation functions the policy chooses among. Default all three. */
  readonly aggregations?: readonly AggregationName[];
  /** Gumbel-Softmax temperature, annealed exponentially from `start` to `end`. Default 1 -> 0.1. */
  readonly temperature?: { readonly start?: number; readonly end?: number };
  /** Classifier hidden layer sizes. Default [32]. */
  readonly hiddenLayers?: readonly number[];
  /** Classifier activation. Default `'relu'`. */
  readonly activation?: Activation;
  /** Classifier Adam learning rate. Default 0.01. */
  readonly learningRate?: number;
  /** Width of the policy network's hidden layer. Default 32. */
  readonly policyHidden?: number;
  /** Policy Adam learning rate. Default 0.01. */
  readonly policyLearningRate?: number;
  /** Step size of the look-ahead classifier update the policy is scored through. Default 0.1. */
  readonly lookaheadLearningRate?: number;
  /** Joint training epochs over the training split. Default 20. */
  readonly epochs?: number;
  /** Real rows per step (and synthetic seeds per step). Default 64. */
  readonly batchSize?: number;
  /** Share of each class held out to score the policies. Default 0.25. */
  readonly validationFraction?: number;
  /**
   * Epochs of the final classifier, re-initialised after the joint phase and trained on every real
   * row plus the emitted synthetic rows (the held-out rows are not lost to it). Default 30.
   */
  readonly refitEpochs?: number;
}

const KNOWN = [
  'variant', 'maxNeighbors', 'cohorts', 'aggregations', 'temperature', 'hiddenLayers', 'activation', 'learningRate',
  'policyHidden', 'policyLearningRate', 'lookaheadLearningRate', 'epochs', 'batchSize', 'validationFraction',
  'refitEpochs', 'samplingStrategy', 'seed',
] as const;

type Config = Required<Omit<AutoSMOTEOptions, 'seed' | 'samplingStrategy' | 'temperature'>> & {
  readonly temperature: { readonly start: number; readonly end: number };
};

function resolveConfig(options: AutoSMOTEOptions): Config {
  checkKnownOptions('AutoSMOTE', options, KNOWN);
  const aggregations = options.aggregations ?? AGGREGATIONS;
  if (!Array.isArray(aggregations) || aggregations.length === 0) {
    throw new OptionError(`aggregations must be a non-empty list of ${AGGREGATIONS.join(', ')}, got ${JSON.stringify(aggregations)}`);
  }
  aggregations.forEach((a, i) => checkOneOf(`aggregations[${i}]`, a, AGGREGATIONS));
  if (new Set(aggregations).size !== aggregations.length) throw new OptionError(`aggregations must not repeat, got ${JSON.stringify(aggregations)}`);
  const hidden = options.hiddenLayers ?? [32];
  if (!Array.isArray(hidden)) throw new OptionError(`hiddenLayers must be an array of layer sizes, got ${JSON.stringify(hidden)}`);
  hidden.forEach((h, i) => checkInteger(`hiddenLayers[${i}]`, h, { min: 1 }));
  const start = checkNumber('temperature.start', options.temperature?.start ?? 1, { min: 0, exclusiveMin: true });
  const end = checkNumber('temperature.end', options.temperature?.end ?? 0.1, { min: 0, exclusiveMin: true, max: start });
  return {
    variant: checkOneOf('variant', options.variant ?? 'cohort', ['self', 'cohort'] as const),
    maxNeighbors: checkInteger('maxNeighbors', options.maxNeighbors ?? 10, { min: 1 }),
    cohorts: checkInteger('cohorts', options.cohorts ?? 8, { min: 1 }),
    aggregations: [...aggregations],
    temperature: { start, end },
    hiddenLayers: [...hidden],
    activation: checkOneOf('activation', options.activation ?? 'relu', ['relu', 'tanh'] as const),
    learningRate: checkNumber('learningRate', options.learningRate ?? 0.01, { min: 0, exclusiveMin: true }),
    policyHidden: checkInteger('policyHidden', options.policyHidden ?? 32, { min: 1 }),
    policyLearningRate: checkNumber('policyLearningRate', options.policyLearningRate ?? 0.01, { min: 0, exclusiveMin: true }),
    lookaheadLearningRate: checkNumber('lookaheadLearningRate', options.lookaheadLearningRate ?? 0.1, { min: 0, exclusiveMin: true }),
    epochs: checkInteger('epochs', options.epochs ?? 20, { min: 1 }),
    batchSize: checkInteger('batchSize', options.batchSize ?? 64, { min: 1 }),
    validationFraction: checkNumber('validationFraction', options.validationFraction ?? 0.25, { min: 0, exclusiveMin: true, max: 0.5 }),
    refitEpochs: checkInteger('refitEpochs', options.refitEpochs ?? 30, { min: 1 }),
  };
}

/** What the trained policies decided for one unit (a row for `self`, a cohort for `cohort`). */
export interface UnitDecision {
  readonly size: number;
  readonly seeds: boolean;
  readonly k: number;
  readonly aggregation: AggregationName;
}

/** The learned decisions of one oversampled class, for inspection. */
export interface ClassDecisions {
  readonly label: number;
  /** Rows of the class that AutoSMOTE seeds from. */
  readonly rows: number;
  /** Of those, rows whose unit decided to seed. */
  readonly seedingRows: number;
  /** Rows per chosen k (index k - 1). */
  readonly kHistogram: readonly number[];
  /** Rows per chosen aggregation. */
  readonly aggregationHistogram: Readonly<Partial<Record<AggregationName, number>>>;
  readonly units: readonly UnitDecision[];
}

/**
 * AutoSMOTE (Kishanthan & Hevapathige, 2025): oversampling as a composition of discrete
 * decisions — does a row seed synthetic rows, with how many neighbours, aggregated how — each
 * drawn by a small policy network through a straight-through Gumbel-Softmax, and trained jointly
 * with an MLP classifier. The policies are scored by the classifier's balanced loss on a held-out
 * split after a look-ahead step on the synthetic rows (see docs/algorithms.md). After `fit` it is a
 * classifier (`predict`, `predictProba`) and a sampler (`fitResample`, `sample`).
 *
 * @example
 * const auto = new AutoSMOTE({ variant: 'cohort', seed: 1 });
 * const balanced = await auto.fitResample(train); // rows for any classifier
 * const labels = await auto.predict(test);        // or use its own classifier
 * console.log(auto.decisions());
 */
export class AutoSMOTE implements GenerativeSampler {
  readonly name: string;
  private readonly config: Config;
  private readonly options: AutoSMOTEOptions;
  private rng: Rng | undefined;
  private fitted: Fitted | undefined;

  constructor(options: AutoSMOTEOptions = {}) {
    this.config = resolveConfig(options);
    this.options = options;
    this.name = `AutoSMOTE-${this.config.variant}`;
  }

  /** Fits policies and classifier, then emits the synthetic rows `fitResample` appends. */
  async fit(data: Dataset, run: RunOptions = {}): Promise<this> {
    throwIfAborted(run.signal);
    validateDataset(data, { context: this.name, minClasses: 2 });
    const plan = resolveSamplingStrategy(this.options.samplingStrategy ?? 'auto', data.y);
    for (const [label, n] of plan) {
      const have = indicesOfClass(data.y, label).length;
      if (n > 0 && have < 3) {
        throw new SamplerInputError(`${this.name}: class ${label} has ${have} rows; AutoSMOTE needs at least 3 to hold some out and find neighbours`);
      }
    }
    await initBackend();
    this.dispose();
    const rng = toRng(this.options.seed);
    this.rng = rng;
    this.fitted = await train(this.config, data, plan, rng, run, this.name);
    return this;
  }

  async fitResample(data: Dataset, run: RunOptions = {}): Promise<Dataset> {
    await this.fit(data, run);
    const { synthetic } = this.fitted!;
    return appendRows(data, synthetic.x, synthetic.y);
  }

  /** `counts` new rows per class from the learned decisions (classes AutoSMOTE was fitted to oversample). */
  async sample(counts: ClassCounts, run: RunOptions = {}): Promise<Dataset> {
    throwIfAborted(run.signal);
    const fitted = this.requireFitted('sample');
    const plan = toCountMap(counts);
    const rows = emit(fitted, plan, this.rng!.fork(), this.name, this.config.aggregations);
    return withRows({ shape: fitted.shape }, rows.x, rows.y);
  }

  /** Class probabilities of the jointly trained classifier, n x nClasses row-major. */
  async predictProba(x: Dataset | Float32Array): Promise<Float32Array> {
    const fitted = this.requireFitted('predictProba');
    const rows = x instanceof Float32Array ? x : x.x;
    if (rows.length % fitted.d !== 0) {
      throw new SamplerInputError(`${this.name}: ${rows.length} values are not whole rows of ${fitted.d} features (the width seen at fit)`);
    }
    const z = standardise(rows, fitted.mean, fitted.std);
    const probs = tf.tidy(() => tf.softmax(denseForward(fitted.classifier, tf.tensor2d(z, [z.length / fitted.d, fitted.d]), this.config.activation)));
    const out = (await probs.data()) as Float32Array;
    probs.dispose();
    return out;
  }

  /** The most probable class per row. */
  async predict(x: Dataset | Float32Array): Promise<Int32Array> {
    const probs = await this.predictProba(x);
    const c = this.requireFitted('predict').nClasses;
    const out = new Int32Array(probs.length / c);
    for (let i = 0; i < out.length; i++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (probs[i * c + j]! > probs[i * c + best]!) best = j;
      out[i] = best;
    }
    return out;
  }

  /** Per oversampled class: how many rows seed, which k and which aggregation were chosen, per unit. */
  decisions(): ClassDecisions[] {
    const f = this.requireFitted('decisions');
    return f.neighborhoods.map((nb, c) => {
      const units: UnitDecision[] = [];
      const kHistogram = new Array<number>(this.config.maxNeighbors).fill(0);
      const aggregationHistogram: Partial<Record<AggregationName, number>> = {};
      let seedingRows = 0;
      for (let u = 0; u < f.units.nUnits; u++) {
        if (f.units.unitClass[u] !== c) continue;
        const size = f.units.unitSize[u]!;
        const aggregation = this.config.aggregations[f.unitAgg[u]!]!;
        const seeds = f.unitSeeds[u] === 1;
        units.push({ size, seeds, k: f.unitK[u]!, aggregation });
        if (seeds) {
          seedingRows += size;
          kHistogram[f.unitK[u]! - 1]! += size;
          aggregationHistogram[aggregation] = (aggregationHistogram[aggregation] ?? 0) + size;
        }
      }
      return { label: nb.label, rows: nb.m, seedingRows, kHistogram, aggregationHistogram, units };
    });
  }

  /** Mean training loss per joint epoch (the classifier's loss on real plus gated synthetic rows). */
  get losses(): readonly number[] {
    return this.requireFitted('losses').losses;
  }

  /** Writes configuration, scaler, decisions and weights (`autosmote.json` + `weights.bin`) to `dir`. */
  async save(dir: string): Promise<void> {
    const f = this.requireFitted('save');
    await saveFitted(dir, this.options, f);
  }

  /** Loads what `save` wrote; the result predicts and samples like the saved sampler. */
  static async load(dir: string, seed?: number): Promise<AutoSMOTE> {
    await initBackend();
    const { options, fitted } = await loadFitted(dir);
    const auto = new AutoSMOTE(options as AutoSMOTEOptions);
    auto.fitted = fitted;
    auto.rng = toRng(seed ?? (typeof options.seed === 'number' ? options.seed : undefined));
    return auto;
  }

  /** Frees the TensorFlow.js weights. */
  dispose(): void {
    if (!this.fitted) return;
    for (const v of [...this.fitted.classifier, ...this.fitted.policy]) v.dispose();
    this.fitted = undefined;
  }

  private requireFitted(method: string): Fitted {
    if (!this.fitted) throw new NotFittedError(this.name, `fit (or fitResample) before ${method}`);
    return this.fitted;
  }
}

/** How far the initial policy logits favour SMOTE's decisions over the alternatives. */
const PRIOR_LOGIT = 2;

function standardise(x: Float32Array, mean: Float32Array, std: Float32Array): Float32Array {
  const d = mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - mean[i % d]!) / std[i % d]!;
  return out;
}

function unstandardise(z: Float32Array, mean: Float32Array, std: Float32Array): Float32Array {
  const d = mean.length;
  const out = new Float32Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i]! * std[i % d]! + mean[i % d]!;
  return out;
}

function oneHot(labels: ArrayLike<number>, nClasses: number): Float32Array {
  const out = new Float32Array(labels.length * nClasses);
  for (let i = 0; i < labels.length; i++) out[i * nClasses + labels[i]!] = 1;
  return out;
}

/** Emits `plan` rows per class from the fitted decisions, in original feature units. */
function emit(f: Pick<Fitted, 'neighborhoods' | 'units' | 'unitSeeds' | 'unitK' | 'unitAgg' | 'mean' | 'std' | 'd'>, plan: Map<number, number>, rng: Rng, name: string, aggregations: readonly AggregationName[]): { x: Float32Array; y: Int32Array } {
  const total = [...plan.values()].reduce((a, b) => a + b, 0);
  const z = new Float32Array(total * f.d);
  const y = new Int32Array(total);
  let row = 0;
  for (const [label, n] of plan) {
    if (n === 0) continue;
    const c = f.neighborhoods.findIndex((nb) => nb.label === label);
    if (c < 0) {
      throw new OptionError(`${name} was not fitted to oversample class ${label}; it can sample classes ${f.neighborhoods.map((nb) => nb.label).join(', ')}`);
    }
    const nb = f.neighborhoods[c]!;
    const ofRow = f.units.unitOfRow[c]!;
    let seeds: number[] = [];
    for (let i = 0; i < nb.m; i++) if (f.unitSeeds[ofRow[i]!] === 1) seeds.push(i);
    // A class whose every unit declined to seed still gets its rows: all rows seed then.
    if (seeds.length === 0) seeds = Array.from({ length: nb.m }, (_, i) => i);
    for (let s = 0; s < n; s++, row++) {
      const i = seeds[rng.int(seeds.length)]!;
      const u = ofRow[i]!;
      aggregateRow(nb, i, aggregations[f.unitAgg[u]!]!, f.unitK[u]!, rng.uniform(), rng, z, row * f.d);
      y[row] = label;
    }
  }
  return { x: unstandardise(z, f.mean, f.std), y };
}

async function train(config: Config, data: Dataset, plan: Map<number, number>, rng: Rng, run: RunOptions, name: string): Promise<Fitted> {
  const d = rowSize(data.shape);
  const n = data.y.length;
  let nClasses = 0;
  for (let i = 0; i < n; i++) nClasses = Math.max(nClasses, data.y[i]! + 1);

  // Standardise with the whole set's statistics; the aggregations commute with it, so rows are
  // generated in standardised units and mapped back.
  const mean = new Float32Array(d);
  const std = new Float32Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t]! += data.x[i * d + t]! / n;
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) std[t]! += (data.x[i * d + t]! - mean[t]!) ** 2 / n;
  for (let t = 0; t < d; t++) std[t] = std[t]! > 1e-12 ? Math.sqrt(std[t]!) : 1;
  const z = standardise(data.x, mean, std);

  // Stratified hold-out split that scores the policies.
  const splitRng = rng.child('split');
  const trainRows: number[] = [];
  const valRows: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    const rows = [...indicesOfClass(data.y, c)];
    if (rows.length === 0) continue;
    splitRng.shuffle(rows);
    const nVal = rows.length < 2 ? 0 : Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * config.validationFraction)));
    valRows.push(...rows.slice(0, nVal));
    trainRows.push(...rows.slice(nVal));
  }

  const oversampled = [...plan.entries()].filter(([, k]) => k > 0).map(([label]) => label);
  if (oversampled.length === 0) {
    // Nothing to oversample: AutoSMOTE is then just its classifier.
    const classifier = await refitClassifier(z, data.y, nClasses, d, config, rng, run);
    const units = { features: new Float32Array(0), f: 0, nUnits: 0, unitClass: new Int32Array(0), unitSize: new Int32Array(0), unitOfRow: [] };
    return {
      d, shape: [...data.shape], nClasses, mean, std, neighborhoods: [], units, unitSeeds: new Uint8Array(0), unitK: new Int32Array(0),
      unitAgg: new Int32Array(0), classifier, policy: [], plan, synthetic: { x: new Float32Array(0), y: new Int32Array(0) }, losses: [],
    };
  }
  const classTrainRows = oversampled.map((label) => trainRows.filter((i) => data.y[i] === label));
  const neighborhoods = oversampled.map((label, c) => buildNeighborhood(label, gatherRows(z, d, classTrainRows[c]!), d, config.maxNeighbors));
  const K = config.maxNeighbors;
  const A = config.aggregations.length;
  const units = buildUnits(neighborhoods, config.variant, K, config.cohorts, rng.child('units'));

  const classifier = initDenseParams([d, ...config.hiddenLayers, nClasses], rng.child('classifier'));
  const policy = initDenseParams([units.f, config.policyHidden, 2 + K + A], rng.child('policy'));
  // The policies start at SMOTE's decisions — every row seeds, k = 5, interpolate — as the modes of
  // their first draws, and move away from them only as far as the held-out loss asks.
  const lastBias = policy[policy.length - 1]!;
  const prior = new Float32Array(2 + K + A);
  prior[0] = PRIOR_LOGIT;
  prior[2 + Math.min(5, K) - 1] = PRIOR_LOGIT;
  const interpolate = config.aggregations.indexOf('interpolate');
  if (interpolate >= 0) prior[2 + K + interpolate] = PRIOR_LOGIT;
  tf.tidy(() => lastBias.assign(tf.tensor1d(prior)));

  const unitsT = tf.tensor2d(units.features, [units.nUnits, units.f]);
  const kMaskValues = new Float32Array(units.nUnits * K);
  for (let u = 0; u < units.nUnits; u++) {
    const kMax = neighborhoods[units.unitClass[u]!]!.kMax;
    for (let k = kMax; k < K; k++) kMaskValues[u * K + k] = -1e9;
  }
  const kMaskT = tf.tensor2d(kMaskValues, [units.nUnits, K]);

  const valX = tf.tensor2d(gatherRows(z, d, valRows), [valRows.length, d]);
  const valY = tf.tensor2d(oneHot(valRows.map((i) => data.y[i]!), nClasses), [valRows.length, nClasses]);
  const valCounts = new Map<number, number>();
  for (const i of valRows) valCounts.set(data.y[i]!, (valCounts.get(data.y[i]!) ?? 0) + 1);
  const valW = tf.tensor1d(valRows.map((i) => 1 / (valCounts.size * valCounts.get(data.y[i]!)!)));

  const totalDeficit = oversampled.reduce((a, label) => a + plan.get(label)!, 0);
  // A step sees batchSize rows, real and synthetic in the proportions of the resampled set, so an
  // epoch takes as many steps as one over SMOTE's output would.
  const B = Math.max(1, Math.min(trainRows.length, Math.round((config.batchSize * n) / (n + totalDeficit))));
  const seedBudget = Math.max(1, config.batchSize - B);
  const seedsPerClass = oversampled.map((label) => Math.max(1, Math.round((seedBudget * plan.get(label)!) / totalDeficit)));
  const S = seedsPerClass.reduce((a, b) => a + b, 0);
  // Synthetic weight per step for each class: the deficit's share of a batch of B of the nTrain real rows.
  const synthScale = oversampled.map((label) => (plan.get(label)! * B) / trainRows.length);
  const seedClass = new Int32Array(S);
  seedsPerClass.reduce((start, count, c) => (seedClass.fill(c, start, start + count), start + count), 0);
  const seedY = tf.tensor2d(oneHot([...seedClass].map((c) => oversampled[c]!), nClasses), [S, nClasses]);
  const seedClassOneHot = tf.tensor2d(oneHot(seedClass, oversampled.length), [S, oversampled.length]);
  const seedScaleT = tf.tensor1d(Float32Array.from(seedClass, (c) => synthScale[c]!));

  const clfOpt = tf.train.adam(config.learningRate);
  const polOpt = tf.train.adam(config.policyLearningRate);
  const stepsPerEpoch = Math.ceil(trainRows.length / B);
  const totalSteps = config.epochs * stepsPerEpoch;
  const losses: number[] = [];
  const trainRng = rng.child('train');
  const cand = new Float32Array(S * A * K * d);
  const candRng = rng.child('candidates');

  try {
    let step = 0;
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const order = trainRng.shuffle([...trainRows]);
      let epochLoss = 0;
      for (let b = 0; b < stepsPerEpoch; b++, step++) {
        const batch = order.slice(b * B, b * B + B);
        if (batch.length < B) batch.push(...order.slice(0, B - batch.length));
        const tau = annealedTemperature(step, totalSteps - 1, config.temperature.start, config.temperature.end);
        // Seeds, their units and every (aggregation, k) candidate row; decisions only weight these.
        const unitIdx = new Int32Array(S);
        for (let s = 0; s < S; s++) {
          const c = seedClass[s]!;
          const nb = neighborhoods[c]!;
          const i = trainRng.int(nb.m);
          unitIdx[s] = units.unitOfRow[c]![i]!;
          const gap = candRng.uniform();
          for (let a = 0; a < A; a++) {
            for (let k = 1; k <= K; k++) aggregateRow(nb, i, config.aggregations[a]!, k, gap, candRng, cand, ((s * A + a) * K + (k - 1)) * d);
          }
        }
        const noiseP = gumbelNoise(trainRng, S, 2);
        const noiseK = gumbelNoise(trainRng, S, K);
        const noiseA = gumbelNoise(trainRng, S, A);

        const stepLoss = tf.tidy(() => {
          const realX = tf.tensor2d(gatherRows(z, d, batch), [B, d]);
          const realY = tf.tensor2d(oneHot(batch.map((i) => data.y[i]!), nClasses), [B, nClasses]);
          const candT = tf.tensor3d(cand, [S, A * K, d]);
          const idxT = tf.tensor1d(unitIdx, 'int32');
          const nP = tf.tensor2d(noiseP, [S, 2]);
          const nK = tf.tensor2d(noiseK, [S, K]);
          const nA = tf.tensor2d(noiseA, [S, A]);

          const decide = (): { synth: tf.Tensor2D; sw: tf.Tensor1D } => {
            const logits = denseForward(policy, tf.gather(unitsT, idxT) as tf.Tensor2D, 'tanh');
            const partL = tf.slice(logits, [0, 0], [S, 2]) as tf.Tensor2D;
            const kL = tf.add(tf.slice(logits, [0, 2], [S, K]), tf.gather(kMaskT, idxT)) as tf.Tensor2D;
            const aggL = tf.slice(logits, [0, 2 + K], [S, A]) as tf.Tensor2D;
            const gP = gumbelSoftmax(partL, nP, tau);
            const gK = gumbelSoftmax(kL, nK, tau);
            const gA = gumbelSoftmax(aggL, nA, tau);
            const w = tf.reshape(tf.mul(tf.expandDims(gA, 2), tf.expandDims(gK, 1)), [S, 1, A * K]) as tf.Tensor3D;
            const synth = tf.reshape(tf.matMul(w, candT), [S, d]) as tf.Tensor2D;
            const gate = tf.reshape(tf.slice(gP, [0, 0], [S, 1]), [S]) as tf.Tensor1D;
            // Hold each class's synthetic weight at its share of the deficit, however many seeds take
            // part. The division is part of the graph, so a gate's gradient weighs its row against
            // the class's other seeds instead of asking for more synthetic weight overall.
            const seeding = tf.maximum(tf.matMul(tf.reshape(gate, [1, S]), seedClassOneHot), 1);
            const perSeed = tf.reshape(tf.matMul(seedClassOneHot, seeding, false, true), [S]);
            return { synth, sw: tf.div(tf.mul(gate, seedScaleT), perSeed) as tf.Tensor1D };
          };
          const allY = tf.concat([realY, seedY]) as tf.Tensor2D;
          const ones = tf.ones([B]) as tf.Tensor1D;

          // Policy step: balanced validation loss after a look-ahead classifier step on the synthetic rows.
          const { grads: policyGrads } = tf.variableGrads(() => {
            const { synth, sw } = decide();
            const { grads } = denseLossAndGrads(classifier, tf.concat([realX, synth]) as tf.Tensor2D, allY, tf.concat([ones, sw]) as tf.Tensor1D, B, config.activation);
            const ahead = classifier.map((p, j) => tf.sub(p, tf.mul(grads[j]!, config.lookaheadLearningRate)));
            const logp = tf.logSoftmax(denseForward(ahead, valX, config.activation));
            return tf.neg(tf.sum(tf.mul(tf.mul(logp, valY), tf.reshape(valW, [-1, 1])))) as tf.Scalar;
          }, policy);
          polOpt.applyGradients(Object.entries(policyGrads).map(([name, tensor]) => ({ name, tensor })));

          // Classifier step on real plus gated synthetic rows, decisions held fixed.
          const { synth, sw } = decide();
          const { loss, grads } = denseLossAndGrads(classifier, tf.concat([realX, synth]) as tf.Tensor2D, allY, tf.concat([ones, sw]) as tf.Tensor1D, B, config.activation);
          clfOpt.applyGradients(classifier.map((v, j) => ({ name: v.name, tensor: grads[j]! })));
          return loss.dataSync()[0]!;
        });
        epochLoss += stepLoss / stepsPerEpoch;
      }
      losses.push(epochLoss);
      const seedRate = tf.tidy(() => {
        const p = tf.softmax(tf.slice(denseForward(policy, unitsT, 'tanh'), [0, 0], [units.nUnits, 2]));
        const size = tf.tensor1d(units.unitSize, 'float32');
        return tf.div(tf.sum(tf.mul(tf.reshape(tf.slice(p, [0, 0], [units.nUnits, 1]), [-1]), size)), tf.sum(size)).dataSync()[0]!;
      });
      run.onProgress?.({ stage: 'train', done: epoch + 1, total: config.epochs, unit: 'epoch', metrics: { loss: epochLoss, seedRate, temperature: annealedTemperature(step, totalSteps - 1, config.temperature.start, config.temperature.end) } });
      await checkpoint(run.signal);
    }

    // The policies' modes are the decisions.
    const logits = tf.tidy(() => denseForward(policy, unitsT, 'tanh').arraySync());
    const unitSeeds = new Uint8Array(units.nUnits);
    const unitK = new Int32Array(units.nUnits);
    const unitAgg = new Int32Array(units.nUnits);
    for (let u = 0; u < units.nUnits; u++) {
      const row = logits[u]!;
      unitSeeds[u] = row[0]! >= row[1]! ? 1 : 0;
      const kMax = neighborhoods[units.unitClass[u]!]!.kMax;
      let bestK = 0;
      for (let k = 1; k < kMax; k++) if (row[2 + k]! > row[2 + bestK]!) bestK = k;
      unitK[u] = bestK + 1;
      let bestA = 0;
      for (let a = 1; a < A; a++) if (row[2 + K + a]! > row[2 + K + bestA]!) bestA = a;
      unitAgg[u] = bestA;
    }
    // Emit from every row of the class, the held-out ones included: each held-out row follows the
    // decisions of its nearest training row, and neighbours are searched among all of the class's rows.
    const emitNeighborhoods: ClassNeighborhood[] = [];
    const unitOfRow: Int32Array[] = [];
    const unitSize = new Int32Array(units.nUnits);
    oversampled.forEach((label, c) => {
      const held = valRows.filter((i) => data.y[i] === label);
      const all = [...classTrainRows[c]!, ...held];
      const ofRow = new Int32Array(all.length);
      ofRow.set(units.unitOfRow[c]!, 0);
      if (held.length > 0) {
        const { indices } = kNearestNeighbors(neighborhoods[c]!.x, d, 1, { queries: gatherRows(z, d, held) });
        held.forEach((_, j) => (ofRow[classTrainRows[c]!.length + j] = units.unitOfRow[c]![indices[j]!]!));
      }
      for (const u of ofRow) unitSize[u]!++;
      unitOfRow.push(ofRow);
      emitNeighborhoods.push(buildNeighborhood(label, gatherRows(z, d, all), d, config.maxNeighbors));
    });
    const partial = {
      d, neighborhoods: emitNeighborhoods, units: { ...units, unitOfRow, unitSize }, unitSeeds, unitK, unitAgg, mean, std,
    };
    const synthetic = emit(partial, plan, rng.child('emit'), name, config.aggregations);

    // The final classifier learns from every real row plus the emitted rows.
    const allZ = new Float32Array(z.length + synthetic.x.length);
    allZ.set(z);
    allZ.set(standardise(synthetic.x, mean, std), z.length);
    tf.dispose(classifier);
    const refitted = await refitClassifier(allZ, Int32Array.from([...data.y, ...synthetic.y]), nClasses, d, config, rng, run);
    return { ...partial, shape: [...data.shape], nClasses, classifier: refitted, policy, plan, synthetic, losses };
  } catch (err) {
    tf.dispose([...classifier, ...policy]);
    throw err;
  } finally {
    clfOpt.dispose();
    polOpt.dispose();
    tf.dispose([unitsT, kMaskT, valX, valY, valW, seedY, seedClassOneHot, seedScaleT]);
  }
}

/** A fresh classifier trained on standardised rows `z` for `refitEpochs`. */
async function refitClassifier(z: Float32Array, labels: Int32Array, nClasses: number, d: number, config: Config, rng: Rng, run: RunOptions): Promise<tf.Variable[]> {
  const classifier = initDenseParams([d, ...config.hiddenLayers, nClasses], rng.child('refit'));
  const opt = tf.train.adam(config.learningRate);
  try {
    await fitClassifier(classifier, opt, z, labels, nClasses, config, config.refitEpochs, rng.child('refit-batches'), run, 'refit');
    return classifier;
  } catch (err) {
    tf.dispose(classifier);
    throw err;
  } finally {
    opt.dispose();
  }
}

/** Plain minibatch training of the classifier on standardised rows `z` with labels `labels`. */
async function fitClassifier(
  classifier: tf.Variable[],
  opt: tf.Optimizer,
  z: Float32Array,
  labels: Int32Array,
  nClasses: number,
  config: Config,
  epochs: number,
  rng: Rng,
  run: RunOptions,
  stage: string,
): Promise<void> {
  const d = z.length / labels.length;
  const n = labels.length;
  const batchSize = Math.min(config.batchSize, n);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rng.permutation(n);
    for (let b = 0; b < n; b += batchSize) {
      const batch = [...order.subarray(b, Math.min(n, b + batchSize))];
      tf.tidy(() => {
        const { grads } = denseLossAndGrads(
          classifier,
          tf.tensor2d(gatherRows(z, d, batch), [batch.length, d]),
          tf.tensor2d(oneHot(batch.map((i) => labels[i]!), nClasses), [batch.length, nClasses]),
          tf.ones([batch.length]) as tf.Tensor1D,
          batch.length,
          config.activation,
        );
        opt.applyGradients(classifier.map((v, j) => ({ name: v.name, tensor: grads[j]! })));
      });
    }
    run.onProgress?.({ stage, done: epoch + 1, total: epochs, unit: 'epoch' });
    await checkpoint(run.signal);
  }
}

function gatherRows(z: Float32Array, d: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((i, j) => out.set(z.subarray(i * d, i * d + d), j * d));
  return out;
}
