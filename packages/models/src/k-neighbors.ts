import { argmaxRows, checkInteger, checkKnownOptions, checkOneOf, checkpoint, NotFittedError, SamplerInputError, throwIfAborted } from '@oversample/core';
import type { Dataset } from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';
import type { Classifier, FitOptions, PredictInput, PredictOptions } from './classifier';
import { checkTrainingData, predictBatchSize, rowsOf } from './input';
import type { FitLayout } from './input';

/** Options of `KNeighborsClassifier`. */
export interface KNeighborsClassifierOptions {
  /** Neighbours that vote; default 5. */
  readonly k?: number;
  /**
   * `'uniform'` (default): one vote each; `'distance'`: votes weighted by 1 / distance, and a
   * query that coincides with training rows takes its label from those rows alone (as scikit-learn).
   */
  readonly weights?: 'uniform' | 'distance';
}

const KNOWN = ['k', 'weights'];

interface KnnState {
  readonly layout: FitLayout;
  readonly x: Float32Array;
  readonly y: Int32Array;
}

/**
 * k-nearest-neighbour classification by exact Euclidean search (`@oversample/neighbors`).
 * `fit` keeps a copy of the training rows; `predictProba` gives each class's share of the votes.
 *
 * @example
 * const knn = await new KNeighborsClassifier({ k: 5, weights: 'distance' }).fit(train);
 * const labels = await knn.predict(test);
 */
export class KNeighborsClassifier implements Classifier {
  readonly name = 'k-neighbors';
  private readonly k: number;
  private readonly weights: 'uniform' | 'distance';
  private state: KnnState | undefined;

  constructor(options: KNeighborsClassifierOptions = {}) {
    checkKnownOptions('KNeighborsClassifier', options, KNOWN);
    this.k = checkInteger('KNeighborsClassifier k', options.k ?? 5, { min: 1 });
    this.weights = checkOneOf('KNeighborsClassifier weights', options.weights ?? 'uniform', ['uniform', 'distance']);
  }

  get nClasses(): number {
    return this.state?.layout.nClasses ?? 0;
  }

  async fit(data: Dataset, options: FitOptions = {}): Promise<this> {
    throwIfAborted(options.signal);
    const layout = checkTrainingData(data, 'KNeighborsClassifier');
    if (data.y.length < this.k) {
      throw new SamplerInputError(`KNeighborsClassifier: k = ${this.k} neighbours need at least ${this.k} training rows, got ${data.y.length}`);
    }
    // Copies, so later changes to the caller's arrays do not change predictions.
    this.state = { layout, x: data.x.slice(), y: data.y.slice() };
    options.onProgress?.({ stage: 'train', done: 1, total: 1, unit: 'epoch' });
    return this;
  }

  async predictProba(input: PredictInput, options: PredictOptions = {}): Promise<Float32Array> {
    const state = this.fitted();
    const batch = predictBatchSize('KNeighborsClassifier.predictProba', options.batchSize, 1024);
    const { x, n } = rowsOf(input, state.layout, 'KNeighborsClassifier.predictProba');
    const { d, nClasses } = state.layout;
    const k = this.k;
    const out = new Float32Array(n * nClasses);
    const votes = new Float64Array(nClasses);
    throwIfAborted(options.signal);
    for (let start = 0; start < n; start += batch) {
      if (start > 0) await checkpoint(options.signal);
      const end = Math.min(n, start + batch);
      const { indices, distances } = kNearestNeighbors(state.x, d, k, {
        queries: x.subarray(start * d, end * d),
        excludeSelf: false,
      });
      for (let q = 0; q < end - start; q++) {
        votes.fill(0);
        let exact = false;
        for (let r = 0; r < k; r++) if (distances[q * k + r] === 0) exact = true;
        for (let r = 0; r < k; r++) {
          const label = state.y[indices[q * k + r]!]!;
          const dist = distances[q * k + r]!;
          if (this.weights === 'uniform') votes[label]!++;
          else if (exact) votes[label] = votes[label]! + (dist === 0 ? 1 : 0);
          else votes[label] = votes[label]! + 1 / dist;
        }
        let total = 0;
        for (const v of votes) total += v;
        const row = (start + q) * nClasses;
        for (let c = 0; c < nClasses; c++) out[row + c] = votes[c]! / total;
      }
      options.onProgress?.({ stage: 'predict', done: end, total: n, unit: 'row' });
    }
    return out;
  }

  async predict(input: PredictInput, options: PredictOptions = {}): Promise<Int32Array> {
    const proba = await this.predictProba(input, options);
    return argmaxRows(proba, this.fitted().layout.nClasses);
  }

  dispose(): void {
    this.state = undefined;
  }

  private fitted(): KnnState {
    if (!this.state) throw new NotFittedError('KNeighborsClassifier');
    return this.state;
  }
}
