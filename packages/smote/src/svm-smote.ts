import {
  OptionError,
  SamplerInputError,
  checkNumber,
  checkpoint,
  describeValue,
  gatherRows,
  prepareResample,
  samplerSettings,
  throwIfAborted,
  toRng,
  type ClassPlan,
  type Dataset,
  type ResamplePlan,
  type Rng,
  type RunOptions,
  type Sampler,
  type SamplerOptions,
  type SamplerSettings,
} from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';
import { beta10 } from './beta';
import { otherClassNeighborCounts } from './neighbor-labels';
import { neighborsOption } from './options';
import { drawPairs, interpolateInto } from './smote-rows';

/**
 * What SVM-SMOTE needs of a support vector classifier: `fit` on the data, then the training rows
 * that are support vectors. `SVC` from `@oversample/models/svc` is one.
 */
export interface SupportVectorClassifier {
  fit(data: Dataset, options?: RunOptions): Promise<unknown>;
  /** Indices (into the fitted data) of the support vectors. */
  readonly support: Int32Array;
}

/** Options of {@link SVMSMOTE}. */
export interface SVMSMOTEOptions extends SamplerOptions {
  /** Neighbours of the same class to interpolate with; default 5. */
  readonly kNeighbors?: number;
  /** Neighbours in the whole data that decide whether a support vector is noise, in danger or safe; default 10. */
  readonly mNeighbors?: number;
  /** How far safe support vectors extrapolate away from a neighbour (a step in `[0, outStep)`); default 0.5. */
  readonly outStep?: number;
  /**
   * The classifier whose support vectors seed new rows; default `new SVC({ gamma: 'scale' })` from
   * `@oversample/models/svc` (install `@oversample/models` for it), as imbalanced-learn's default.
   */
  readonly svmEstimator?: SupportVectorClassifier;
}

/** The support vectors of one class and how SVM-SMOTE uses them (indices into the data). */
export interface SvmSmoteRows {
  /** The class's support vectors. */
  readonly support: Int32Array;
  /** Support vectors whose `mNeighbors` nearest rows are all of other classes: not used. */
  readonly noise: Int32Array;
  /** Support vectors with at least half (not all) of their nearest rows from other classes: interpolate. */
  readonly danger: Int32Array;
  /** The other support vectors: extrapolate. */
  readonly safe: Int32Array;
}

async function defaultSvm(): Promise<SupportVectorClassifier> {
  let mod: { SVC: new (options: { gamma: 'scale' }) => SupportVectorClassifier };
  try {
    mod = (await import('@oversample/models/svc')) as typeof mod;
  } catch (error) {
    throw new OptionError(
      "SVMSMOTE: the default svmEstimator is SVC from @oversample/models, which is not installed: run 'npm install @oversample/models' or pass svmEstimator",
      { cause: error },
    );
  }
  return new mod.SVC({ gamma: 'scale' });
}

/**
 * SVM-SMOTE (Nguyen, Cooper & Kamei, 2011) as imbalanced-learn 0.10's `SVMSMOTE`: a support vector
 * classifier fitted on the whole data marks the borderline; each class to oversample seeds new
 * rows from its support vectors. Support vectors whose `mNeighbors` nearest rows are all of other
 * classes are noise and dropped; those with at least half from other classes are in danger and
 * interpolate towards one of their `kNeighbors` nearest rows of the class (gap `U[0, 1)`); the rest
 * are safe and extrapolate away from it (gap `-outStep U[0, 1)`). A fraction `f ~ Beta(10, 10)` of
 * the new rows, `floor(f (n + 1))`, comes from danger vectors, the rest from safe ones.
 *
 * (ours) When a class has no danger (or no safe) support vector, all its new rows come from the
 * other kind, so the class reaches its target; imbalanced-learn then makes only that kind's share
 * and misses the sampling strategy. The classifier is fitted once, not once per class (its fit is
 * deterministic, so the support vectors are the same).
 *
 * @example
 * const out = await new SVMSMOTE({ kNeighbors: 5, mNeighbors: 10, seed: 0 }).fitResample(data);
 */
export class SVMSMOTE implements Sampler {
  readonly name = 'SVMSMOTE';
  readonly kNeighbors: number;
  readonly mNeighbors: number;
  readonly outStep: number;
  private readonly svmEstimator: SupportVectorClassifier | undefined;
  private readonly settings: SamplerSettings;

  constructor(options: SVMSMOTEOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['kNeighbors', 'mNeighbors', 'outStep', 'svmEstimator']);
    this.kNeighbors = neighborsOption(this.name, 'kNeighbors', options.kNeighbors, 5);
    this.mNeighbors = neighborsOption(this.name, 'mNeighbors', options.mNeighbors, 10);
    this.outStep = options.outStep === undefined ? 0.5 : checkNumber(`${this.name}: outStep`, options.outStep, { min: 0 });
    const svm = options.svmEstimator;
    if (svm !== undefined && (typeof svm !== 'object' || svm === null || typeof svm.fit !== 'function')) {
      throw new OptionError(`${this.name}: svmEstimator must be a classifier with fit() and support (such as SVC), got ${describeValue(svm)}`);
    }
    this.svmEstimator = svm;
  }

  /**
   * Fits the classifier and splits each oversampled class's support vectors into noise, danger
   * and safe, as `fitResample` does. For inspection and tests.
   */
  async supportRows(data: Dataset, options: RunOptions = {}): Promise<Map<number, SvmSmoteRows>> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, allocate: false });
    this.requireRows(plan);
    return this.split(plan, await this.supportVectors(data, options));
  }

  private async supportVectors(data: Dataset, options: RunOptions): Promise<Int32Array> {
    const svm = this.svmEstimator ?? (await defaultSvm());
    await svm.fit(data, options.signal ? { signal: options.signal } : {});
    const support = svm.support;
    if (!(support instanceof Int32Array)) {
      throw new OptionError(`${this.name}: svmEstimator.support must be an Int32Array of row indices after fit, got ${describeValue(support)}`);
    }
    return support;
  }

  /** The data must hold more rows than `mNeighbors` (checked before the SVM is fitted). */
  private requireRows(plan: ResamplePlan): void {
    const m = this.mNeighbors;
    if (plan.n <= m) {
      throw new SamplerInputError(`${this.name}: the data has ${plan.n} rows, mNeighbors = ${m} needs at least ${m + 1}; lower mNeighbors`);
    }
  }

  private split(plan: ResamplePlan, support: Int32Array): Map<number, SvmSmoteRows> {
    const m = this.mNeighbors;
    const { x, y } = plan.data;
    const out = new Map<number, SvmSmoteRows>();
    for (const c of plan.classes) {
      const own = Int32Array.from([...support].filter((i) => y[i] === c.label));
      const others = otherClassNeighborCounts(x, y, plan.d, own, m, c.label);
      const noise: number[] = [];
      const danger: number[] = [];
      const safe: number[] = [];
      own.forEach((i, r) => {
        const o = others[r]!;
        if (o === m) noise.push(i);
        else if (o >= m / 2) danger.push(i);
        else safe.push(i);
      });
      out.set(c.label, { support: own, noise: Int32Array.from(noise), danger: Int32Array.from(danger), safe: Int32Array.from(safe) });
    }
    return out;
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, neighbors: { kNeighbors: this.kNeighbors } });
    this.requireRows(plan);
    const rows = this.split(plan, await this.supportVectors(data, options));
    throwIfAborted(options.signal);
    const rng = toRng(this.settings.seed);
    let done = 0;
    for (const c of plan.classes) {
      await checkpoint(options.signal);
      this.generate(plan, c, rows.get(c.label)!, rng);
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }

  private generate(plan: ResamplePlan, c: ClassPlan, sets: SvmSmoteRows, rng: Rng): void {
    const { d } = plan;
    const k = this.kNeighbors;
    if (sets.danger.length + sets.safe.length === 0) {
      throw new SamplerInputError(
        `${this.name}: all ${sets.support.length} support vectors of ${plan.describeClass(c.label)} are noise (their mNeighbors = ` +
          `${this.mNeighbors} nearest rows are all of other classes); SVM-SMOTE does not suit this data, try another SMOTE variant`,
      );
    }
    const classRows = plan.classRows(c);
    const { indices: nnAll } = kNearestNeighbors(classRows, d, k);
    const position = new Map<number, number>();
    c.indices.forEach((g, p) => position.set(g, p));
    const seeds = (global: Int32Array): { rows: Float32Array; nns: Int32Array } => {
      const at = Int32Array.from(global, (g) => position.get(g)!);
      const nns = new Int32Array(at.length * k);
      for (let s = 0; s < at.length; s++) nns.set(nnAll.subarray(at[s]! * k, at[s]! * k + k), s * k);
      return { rows: gatherRows(classRows, d, at), nns };
    };
    const fraction = beta10(rng);
    let nDanger = Math.floor(fraction * (c.nNew + 1));
    if (sets.danger.length === 0) nDanger = 0;
    else if (sets.safe.length === 0) nDanger = c.nNew;
    nDanger = Math.min(nDanger, c.nNew);
    const offset = plan.offsetOf(c.label) * d;
    if (nDanger > 0) {
      const s = seeds(sets.danger);
      interpolateInto(s.rows, classRows, d, drawPairs(s.nns, k, nDanger, rng), plan.x, offset);
    }
    if (c.nNew - nDanger > 0) {
      const s = seeds(sets.safe);
      interpolateInto(s.rows, classRows, d, drawPairs(s.nns, k, c.nNew - nDanger, rng, -this.outStep), plan.x, offset + nDanger * d);
    }
  }
}
