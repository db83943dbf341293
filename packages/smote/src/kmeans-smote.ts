import {
  OptionError,
  SamplerInputError,
  checkInteger,
  checkNumber,
  checkpoint,
  describeValue,
  gatherRows,
  prepareResample,
  samplerSettings,
  throwIfAborted,
  toRng,
  type Dataset,
  type ResamplePlan,
  type Rng,
  type RunOptions,
  type Sampler,
  type SamplerOptions,
  type SamplerSettings,
} from '@oversample/core';
import { kMeans, kNearestNeighbors } from '@oversample/neighbors';
import { apportion } from './apportion';
import { neighborsOption } from './options';
import { drawPairs, interpolateInto } from './smote-rows';

/**
 * What K-Means SMOTE needs of a clustering: a cluster index (an integer >= 0) for every row of the
 * data. The default is `@oversample/neighbors`' `kMeans`; any other clustering fits this shape.
 */
export interface RowClusterer {
  fitPredict(data: Dataset, options?: RunOptions): ArrayLike<number> | Promise<ArrayLike<number>>;
}

/** Options of {@link KMeansSMOTE}. */
export interface KMeansSMOTEOptions extends SamplerOptions {
  /** Neighbours of the same class, within a cluster, to interpolate towards; default 2 (as imbalanced-learn). */
  readonly kNeighbors?: number;
  /** The number of k-means clusters (default 8, as scikit-learn's), or a clustering of your own. */
  readonly kmeansEstimator?: number | RowClusterer;
  /**
   * The share of a class among a cluster's rows at which the cluster is oversampled for it;
   * `'auto'` (default): the class's share of all new rows, halved (0.5 for two classes).
   * Ignored (every cluster qualifies) when there is one cluster.
   */
  readonly clusterBalanceThreshold?: 'auto' | number;
  /**
   * The exponent of the mean distance in a cluster's sparsity; `'auto'` (default):
   * `log_1.6(m)^1.8 * 0.16` with `m` the class's rows in the cluster, as imbalanced-learn computes it.
   */
  readonly densityExponent?: 'auto' | number;
}

/** One cluster K-Means SMOTE oversamples a class in. */
export interface KMeansSmoteCluster {
  /** The cluster's index as the clustering numbered it. */
  readonly cluster: number;
  /** The class's rows in the cluster (indices into the data, ascending). */
  readonly rows: Int32Array;
  /** Rows of the cluster in all. */
  readonly size: number;
  /** `meanDistance^exponent / rows`: the mean Euclidean distance between the class's rows in the cluster. */
  readonly sparsity: number;
  /** The cluster's share of the class's new rows: its sparsity over the sum of the chosen clusters'. */
  readonly weight: number;
  /** New rows made in the cluster. */
  readonly nNew: number;
}

const DEFAULT_CLUSTERS = 8;

/** `@oversample/neighbors`' seeded k-means over every row, as a {@link RowClusterer}. */
function kmeansClusterer(k: number, d: number, rng: Rng): RowClusterer {
  return { fitPredict: (data) => kMeans(data.x, d, k, rng).assignments };
}

/**
 * K-Means SMOTE (Last, Douzas & Bacao, 2018) as imbalanced-learn 0.10's `KMeansSMOTE`: k-means
 * clusters all the rows; for each class to oversample, the clusters where the class makes up at
 * least `clusterBalanceThreshold` of the rows and has more than `kNeighbors` rows are chosen; each
 * chosen cluster gets a share of the class's new rows proportional to its sparsity (the mean
 * distance between the class's rows there, raised to `densityExponent`, over their count), and
 * makes them by SMOTE among the class's rows of that cluster. Sparse clusters get more rows, so
 * new rows fill thin minority regions and stay inside minority-dominated ones.
 *
 * (ours) Shares are rounded by largest remainder so the class reaches its target exactly
 * (imbalanced-learn rounds each share up and overshoots by up to one row per cluster). The
 * clustering is `kMeans` of `@oversample/neighbors` (k-means++ and Lloyd iterations on every row,
 * one initialisation, seeded by `seed`) rather than scikit-learn's `MiniBatchKMeans`, and runs
 * once rather than once per class. Empty clusters are skipped; when the class's rows coincide in
 * every chosen cluster (all sparsities 0) the clusters share the rows evenly.
 *
 * @example
 * const out = await new KMeansSMOTE({ kmeansEstimator: 10, kNeighbors: 2, seed: 0 }).fitResample(data);
 */
export class KMeansSMOTE implements Sampler {
  readonly name = 'KMeansSMOTE';
  readonly kNeighbors: number;
  readonly clusterBalanceThreshold: 'auto' | number;
  readonly densityExponent: 'auto' | number;
  private readonly kmeansEstimator: number | RowClusterer;
  private readonly settings: SamplerSettings;

  constructor(options: KMeansSMOTEOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['kNeighbors', 'kmeansEstimator', 'clusterBalanceThreshold', 'densityExponent']);
    this.kNeighbors = neighborsOption(this.name, 'kNeighbors', options.kNeighbors, 2);
    const est = options.kmeansEstimator;
    if (est === undefined) this.kmeansEstimator = DEFAULT_CLUSTERS;
    else if (typeof est === 'number') this.kmeansEstimator = checkInteger(`${this.name}: kmeansEstimator`, est, { min: 1 });
    else if (typeof est === 'object' && est !== null && typeof est.fitPredict === 'function') this.kmeansEstimator = est;
    else {
      throw new OptionError(
        `${this.name}: kmeansEstimator must be a number of clusters (an integer >= 1) or an object with fitPredict(data), got ${describeValue(est)}`,
      );
    }
    this.clusterBalanceThreshold = autoOrNumber(this.name, 'clusterBalanceThreshold', options.clusterBalanceThreshold);
    this.densityExponent = autoOrNumber(this.name, 'densityExponent', options.densityExponent);
  }

  /**
   * The clusters each oversampled class grows in, with their sparsities, weights and row counts,
   * as `fitResample` chooses them for the same seed. For inspection and tests.
   */
  async clusterPlan(data: Dataset, options: RunOptions = {}): Promise<Map<number, KMeansSmoteCluster[]>> {
    const plan = this.prepare(data, options, false);
    return this.choose(plan, await this.assign(plan, toRng(this.settings.seed), options));
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const plan = this.prepare(data, options, true);
    const rng = toRng(this.settings.seed);
    const chosen = this.choose(plan, await this.assign(plan, rng, options));
    const { d } = plan;
    const k = this.kNeighbors;
    let done = 0;
    for (const c of plan.classes) {
      let offset = plan.offsetOf(c.label) * d;
      for (const cl of chosen.get(c.label)!) {
        await checkpoint(options.signal);
        if (cl.nNew === 0) continue;
        const rows = gatherRows(data.x, d, cl.rows);
        const { indices } = kNearestNeighbors(rows, d, k);
        interpolateInto(rows, rows, d, drawPairs(indices, k, cl.nNew, rng), plan.x, offset);
        offset += cl.nNew * d;
      }
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }

  private prepare(data: Dataset, options: RunOptions, allocate: boolean): ResamplePlan {
    return prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, allocate, neighbors: { kNeighbors: this.kNeighbors } });
  }

  /** A cluster index per row, checked. */
  private async assign(plan: ResamplePlan, rng: Rng, options: RunOptions): Promise<Int32Array> {
    throwIfAborted(options.signal);
    const est = this.kmeansEstimator;
    const clusterer = typeof est === 'number' ? kmeansClusterer(est, plan.d, rng) : est;
    const got = await clusterer.fitPredict(plan.data, options.signal ? { signal: options.signal } : {});
    throwIfAborted(options.signal);
    if (got === null || typeof got !== 'object' || typeof got.length !== 'number' || got.length !== plan.n) {
      throw new OptionError(`${this.name}: kmeansEstimator.fitPredict must return one cluster index per row (${plan.n}), got ${describeValue(got)}`);
    }
    const out = new Int32Array(plan.n);
    for (let i = 0; i < plan.n; i++) {
      const v = got[i]!;
      if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
        throw new OptionError(`${this.name}: kmeansEstimator.fitPredict gave row ${i} the cluster ${describeValue(v)}; cluster indices must be integers >= 0`);
      }
      out[i] = v;
    }
    return out;
  }

  /** imbalanced-learn's choice of clusters and their weights, per class to oversample. */
  private choose(plan: ResamplePlan, assignments: Int32Array): Map<number, KMeansSmoteCluster[]> {
    const { d } = plan;
    const { x, y } = plan.data;
    const members = new Map<number, number[]>();
    for (let i = 0; i < plan.n; i++) {
      const list = members.get(assignments[i]!);
      if (list) list.push(i);
      else members.set(assignments[i]!, [i]);
    }
    const clusters = [...members.keys()].sort((a, b) => a - b);
    const totalNew = plan.classes.reduce((s, c) => s + c.nNew, 0);
    const out = new Map<number, KMeansSmoteCluster[]>();
    for (const c of plan.classes) {
      // One cluster: every row is in it, so it qualifies whatever the threshold (as imbalanced-learn's -inf).
      const threshold =
        clusters.length === 1 ? -Infinity : this.clusterBalanceThreshold === 'auto' ? c.nNew / totalNew / 2 : this.clusterBalanceThreshold;
      const picked: { cluster: number; rows: Int32Array; size: number; sparsity: number }[] = [];
      for (const cl of clusters) {
        const all = members.get(cl)!;
        const own = all.filter((i) => y[i] === c.label);
        if (own.length / all.length < threshold || own.length < this.kNeighbors + 1) continue;
        const rows = Int32Array.from(own);
        picked.push({ cluster: cl, rows, size: all.length, sparsity: this.sparsity(x, d, rows) });
      }
      if (picked.length === 0) {
        const share = Number.isFinite(threshold) ? `, and a share of the cluster's rows >= ${threshold.toPrecision(3)}` : '';
        throw new SamplerInputError(
          `${this.name}: no cluster holds enough rows of ${plan.describeClass(c.label)} (at least kNeighbors + 1 = ${this.kNeighbors + 1}${share}); ` +
            'lower clusterBalanceThreshold, change the number of clusters (kmeansEstimator) or lower kNeighbors',
        );
      }
      const sum = picked.reduce((s, p) => s + p.sparsity, 0);
      const weights = Float64Array.from(picked, (p) => (sum > 0 ? p.sparsity / sum : 1 / picked.length));
      const shares = apportion(weights, c.nNew);
      out.set(
        c.label,
        picked.map((p, t) => ({ ...p, weight: weights[t]!, nNew: shares[t]! })),
      );
    }
    return out;
  }

  /** imbalanced-learn's `_find_cluster_sparsity`: mean pairwise Euclidean distance ^ exponent / rows. */
  private sparsity(x: Float32Array, d: number, rows: Int32Array): number {
    const m = rows.length;
    let total = 0;
    for (let a = 0; a < m; a++) {
      const ra = rows[a]! * d;
      for (let b = a + 1; b < m; b++) {
        const rb = rows[b]! * d;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const diff = x[ra + j]! - x[rb + j]!;
          s += diff * diff;
        }
        total += Math.sqrt(s);
      }
    }
    const mean = (2 * total) / (m * m - m);
    const exponent = this.densityExponent === 'auto' ? (Math.log(m) / Math.log(1.6)) ** 1.8 * 0.16 : this.densityExponent;
    return mean ** exponent / m;
  }
}

function autoOrNumber(name: string, option: string, value: unknown): 'auto' | number {
  if (value === undefined || value === 'auto') return 'auto';
  if (typeof value === 'number') return checkNumber(`${name}: ${option}`, value);
  throw new OptionError(`${name}: ${option} must be 'auto' or a finite number, got ${describeValue(value)}`);
}
