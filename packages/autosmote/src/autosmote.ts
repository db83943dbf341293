import {
  appendRows,
  argmaxRows,
  fitScaling,
  gatherRows,
  NotFittedError,
  prepareResample,
  prepareSample,
  rowSize,
  SamplerInputError,
  samplerSettings,
  sampleStream,
  scaleRows,
  throwIfAborted,
  toRng,
  withRows,
  type ClassCounts,
  type Dataset,
  type GenerativeSampler,
  type RunOptions,
  type Rng,
  type SamplerSettings,
} from '@oversample/core';
import { denseForward, initBackend, type BackendName, type ModelLocation } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { readShares } from './class-shares';
import type { FitContext } from './context';
import { readDecisions, summariseDecisions, type ClassDecisions } from './decisions';
import { emissionState, emit } from './emit';
import type { Fitted } from './fitted';
import { stratifiedHoldout } from './holdout';
import { trainJointly } from './joint-training';
import { buildNeighborhood, withCrossNeighbors } from './neighborhood';
import { KNOWN, resolveConfig, type AutoSMOTEOptions, type Config } from './options';
import { refitClassifier } from './refit';
import { loadFitted, saveFitted } from './saved-state';
import { checkFinite } from './standardization';
import { buildUnits } from './units';

/**
 * AutoSMOTE (Kishanthan & Hevapathige, 2025): oversampling as a composition of discrete
 * decisions — does a row seed synthetic rows, with how many neighbours, aggregated how — each
 * drawn by a small policy network through a straight-through Gumbel-Softmax, and trained jointly
 * with an MLP classifier. By default the policies are scored by the classifier's balanced loss on a
 * held-out split after a look-ahead step on the synthetic rows (ours); `objective: 'joint'` trains
 * them on the classifier's own loss, as the publication does (see docs/algorithms.md). After `fit` it is
 * a classifier (`predict`, `predictProba`) and a sampler (`fitResample`, `sample`).
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
  private readonly settings: SamplerSettings;
  private fitted: Fitted | undefined;

  constructor(options: AutoSMOTEOptions = {}) {
    this.settings = samplerSettings('AutoSMOTE', options, KNOWN);
    this.config = resolveConfig(options);
    this.options = options;
    this.name = `AutoSMOTE-${this.config.variant}`;
  }

  /** Fits policies and classifier, then emits the synthetic rows `fitResample` appends. */
  async fit(data: Dataset, run: RunOptions = {}): Promise<this> {
    const prepared = prepareResample(this.name, data, this.settings.samplingStrategy, {
      ...run,
      allocate: false,
      minClassRows: { rows: 3, reason: 'AutoSMOTE (holding some out and finding neighbours)' },
    });
    const plan = new Map(prepared.named.map((c) => [c.label, c.nNew]));
    await initBackend();
    this.dispose();
    const rng = toRng(this.settings.seed);
    this.fitted = { ...(await fitModel(this.config, data, plan, rng, run, this.name)), seed: rng.seed, sampleCalls: 0 };
    return this;
  }

  async fitResample(data: Dataset, run: RunOptions = {}): Promise<Dataset> {
    await this.fit(data, run);
    const { synthetic } = this.fitted!;
    return appendRows(data, synthetic.x, synthetic.y);
  }

  /** `counts` new rows per class from the learned decisions (classes AutoSMOTE was fitted to oversample). */
  async sample(counts: ClassCounts, run: RunOptions = {}): Promise<Dataset> {
    const fitted = this.requireFitted('sample');
    const { counts: plan } = prepareSample(this.name, counts, { fitted: new Map(fitted.neighborhoods.map((nb) => [nb.label, nb.m])), rowWidth: fitted.d });
    throwIfAborted(run.signal);
    const rows = emit(fitted, plan, sampleStream(fitted.seed, fitted.sampleCalls++), this.name, this.config.aggregations, this.config.neighborPools);
    return withRows({ shape: fitted.shape }, rows.x, rows.y);
  }

  /**
   * Class probabilities of the jointly trained classifier, n x nClasses row-major. Throws
   * `SamplerInputError` for rows that are not whole or hold NaN or an infinity.
   */
  async predictProba(x: Dataset | Float32Array): Promise<Float32Array> {
    const fitted = this.requireFitted('predictProba');
    const rows = x instanceof Float32Array ? x : x.x;
    if (rows.length % fitted.d !== 0) {
      throw new SamplerInputError(`${this.name}: ${rows.length} values are not whole rows of ${fitted.d} features (the width seen at fit)`);
    }
    checkFinite(rows, fitted.d, `${this.name}.predict`);
    const z = scaleRows(fitted.scaling, rows);
    const probs = tf.tidy(() => tf.softmax(denseForward(fitted.classifier, tf.tensor2d(z, [z.length / fitted.d, fitted.d]), this.config.activation)));
    const out = (await probs.data()) as Float32Array;
    probs.dispose();
    return out;
  }

  /** The most probable class per row. */
  async predict(x: Dataset | Float32Array): Promise<Int32Array> {
    const probs = await this.predictProba(x);
    return argmaxRows(probs, this.requireFitted('predict').nClasses);
  }

  /** Per oversampled class: how many rows seed, which k and which aggregation were chosen, per unit. */
  decisions(): ClassDecisions[] {
    return summariseDecisions(this.requireFitted('decisions'), this.config.aggregations, this.config.neighborPools);
  }

  /** Mean training loss per joint epoch (the classifier's loss on real plus gated synthetic rows). */
  get losses(): readonly number[] {
    return this.requireFitted('losses').losses;
  }

  /**
   * Writes configuration, scaler, decisions and weights in the one save format of
   * `@oversample/tf` (a directory with `model.json` + `weights.bin`, a TensorFlow.js URL or a
   * `tf.io.IOHandler`).
   */
  async save(destination: ModelLocation): Promise<void> {
    const f = this.requireFitted('save');
    await saveFitted(destination, this.options, this.settings, f);
  }

  /** Loads what `save` wrote; the result predicts like the saved sampler and samples what it would have sampled next. */
  static async load(source: ModelLocation, options: { readonly backend?: BackendName } = {}): Promise<AutoSMOTE> {
    await initBackend(options.backend ? { prefer: options.backend } : {});
    return loadFitted(source, (saved) => new AutoSMOTE(saved), (auto, fitted) => {
      auto.fitted = fitted;
    });
  }

  /** Frees the TensorFlow.js weights. */
  dispose(): void {
    if (!this.fitted) return;
    for (const v of [...this.fitted.classifier, ...this.fitted.policy]) v.dispose();
    this.fitted = undefined;
  }

  private requireFitted(method: string): Fitted {
    if (!this.fitted) throw new NotFittedError(`${this.name} (${method})`);
    return this.fitted;
  }
}

/**
 * The whole fit: standardise, hold a stratified share out, find each oversampled class's
 * neighbourhoods and policy units, train policies and classifier jointly, read the decisions,
 * emit the deficit from every row of each class, and refit a fresh classifier on real + emitted rows.
 */
async function fitModel(config: Config, data: Dataset, plan: Map<number, number>, rng: Rng, run: RunOptions, name: string): Promise<Omit<Fitted, 'seed' | 'sampleCalls'>> {
  const d = rowSize(data.shape);
  let nClasses = 0;
  for (let i = 0; i < data.y.length; i++) nClasses = Math.max(nClasses, data.y[i]! + 1);
  // Standardised with the whole set's statistics; the aggregations commute with it, so rows are
  // generated in standardised units and mapped back.
  const scaling = fitScaling(data.x, d, { kind: 'standard' });
  const z = scaleRows(scaling, data.x);
  const ctx: FitContext = { config, name, d, nClasses, z, y: data.y, rng, run };
  const holdout = stratifiedHoldout(data.y, nClasses, config.validationFraction, rng.child('split'));

  const oversampled = [...plan.entries()].filter(([, k]) => k > 0).map(([label]) => label);
  if (oversampled.length === 0) {
    // Nothing to oversample: AutoSMOTE is then just its classifier.
    const classifier = await refitClassifier(ctx, z, data.y);
    const units = { features: new Float32Array(0), f: 0, nUnits: 0, unitClass: new Int32Array(0), unitSize: new Int32Array(0), unitOfRow: [] };
    return {
      d, shape: [...data.shape], nClasses, scaling, neighborhoods: [], units, unitSeeds: new Uint8Array(0), unitK: new Int32Array(0),
      unitAgg: new Int32Array(0), unitPool: new Int32Array(0), classShares: [], classifier, policy: [], plan,
      synthetic: { x: new Float32Array(0), y: new Int32Array(0) }, losses: [],
    };
  }
  const classTrainRows = oversampled.map((label) => holdout.trainRows.filter((i) => data.y[i] === label));
  const crossPool = config.neighborPools.includes('all');
  // The 'all' pool during training: every training row, whatever its class.
  const poolRows = crossPool ? gatherRows(z, d, holdout.trainRows) : undefined;
  const poolLabels = Int32Array.from(holdout.trainRows, (i) => data.y[i]!);
  const poolIndex = new Map(holdout.trainRows.map((i, p) => [i, p]));
  const neighborhoods = oversampled.map((label, c) => {
    const own = buildNeighborhood(label, gatherRows(z, d, classTrainRows[c]!), d, config.maxNeighbors);
    return poolRows ? withCrossNeighbors(own, poolRows, poolLabels, classTrainRows[c]!.map((i) => poolIndex.get(i)!)) : own;
  });
  // (ours) maxNeighbors is capped where a row runs out of neighbours: no class offers more than
  // m - 1, and k choices above a class's cap are masked out of its policy (docs/algorithms.md).
  const K = Math.max(...neighborhoods.map((nb) => nb.kMax));
  const units = buildUnits(neighborhoods, config.variant, K, config.cohorts, rng.child('units'));
  const joint = await trainJointly(ctx, { holdout, plan, oversampled, classTrainRows, neighborhoods, units, K });
  try {
    const choices = readDecisions(joint.policy, units, neighborhoods, K, config.aggregations.length, config.neighborPools.length);
    const classShares = readShares(joint.shareLogits, config.classShares, oversampled.length);
    joint.shareLogits?.dispose();
    // Each class gets its decided share of its deficit (the whole deficit unless classShares offers less).
    const emitted = new Map([...plan].map(([label, n]) => {
      const c = oversampled.indexOf(label);
      return [label, c < 0 ? n : Math.round(n * classShares[c]!)];
    }));
    const widened = emissionState(z, d, data.y, holdout.valRows, classTrainRows, neighborhoods, units, choices, config.maxNeighbors, crossPool);
    const partial = { d, scaling, ...widened };
    const synthetic = emit(partial, emitted, rng.child('emit'), name, config.aggregations, config.neighborPools);
    // The final classifier (ours) learns from every real row plus the emitted rows.
    const allZ = new Float32Array(z.length + synthetic.x.length);
    allZ.set(z);
    allZ.set(scaleRows(scaling, synthetic.x), z.length);
    tf.dispose(joint.classifier);
    const classifier = await refitClassifier(ctx, allZ, Int32Array.from([...data.y, ...synthetic.y]));
    return { ...partial, shape: [...data.shape], nClasses, classShares, classifier, policy: joint.policy, plan: emitted, synthetic, losses: joint.losses };
  } catch (err) {
    tf.dispose([...joint.classifier, ...joint.policy]);
    if (joint.shareLogits && !joint.shareLogits.isDisposed) joint.shareLogits.dispose();
    throw err;
  }
}
