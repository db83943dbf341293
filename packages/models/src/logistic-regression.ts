import { argmaxRows, checkInteger, checkKnownOptions, checkNumber, checkpoint, NotFittedError, throwIfAborted } from '@oversample/core';
import type { Dataset } from '@oversample/core';
import type { Classifier, FitOptions, PredictInput, PredictOptions } from './classifier';
import { checkClassWeight, checkTrainingData, predictBatchSize, rowsOf, sampleWeights } from './input';
import type { ClassWeight, FitLayout } from './input';
import { minimizeLbfgs } from './lbfgs';

/** Options of `LogisticRegression`. */
export interface LogisticRegressionOptions {
  /** Inverse L2 strength, as scikit-learn's `C`: smaller is stronger; default 1. */
  readonly C?: number;
  /** L-BFGS iterations at most; default 100 (as scikit-learn). */
  readonly maxIter?: number;
  /** Stops when the largest gradient component (of the per-row mean loss) is below this; default 1e-5. */
  readonly tol?: number;
  /** Learn an unpenalised bias per class; default true. */
  readonly fitIntercept?: boolean;
  /** `'balanced'` weighs rows by `n / (classes * count[class])`, as scikit-learn. */
  readonly classWeight?: ClassWeight;
}

const KNOWN = ['C', 'maxIter', 'tol', 'fitIntercept', 'classWeight'];

interface LrState {
  readonly layout: FitLayout;
  /** Classes seen at fit, ascending; only they get a score column. */
  readonly present: Int32Array;
  /** `present.length x (d + 1)` row-major: weights then bias per class. */
  readonly params: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Multinomial (softmax) logistic regression with an L2 penalty, fitted by full-batch L-BFGS in
 * plain TypeScript: no TensorFlow, deterministic, fast on tables of a few thousand rows.
 * It minimises scikit-learn's objective `C * sum_i w_i CE_i + ||W||^2 / 2` (bias unpenalised),
 * so `C` means what it means there.
 *
 * @example
 * const clf = await new LogisticRegression({ C: 1, classWeight: 'balanced' }).fit(train);
 * const labels = await clf.predict(test);
 */
export class LogisticRegression implements Classifier {
  readonly name = 'logistic-regression';
  private readonly C: number;
  private readonly maxIter: number;
  private readonly tol: number;
  private readonly fitIntercept: boolean;
  private readonly classWeight: ClassWeight;
  private state: LrState | undefined;

  constructor(options: LogisticRegressionOptions = {}) {
    checkKnownOptions('LogisticRegression', options, KNOWN);
    this.C = checkNumber('LogisticRegression C', options.C ?? 1, { min: 0, exclusiveMin: true });
    this.maxIter = checkInteger('LogisticRegression maxIter', options.maxIter ?? 100, { min: 1 });
    this.tol = checkNumber('LogisticRegression tol', options.tol ?? 1e-5, { min: 0, exclusiveMin: true });
    this.fitIntercept = options.fitIntercept ?? true;
    this.classWeight = checkClassWeight('LogisticRegression classWeight', options.classWeight);
  }

  get nClasses(): number {
    return this.state?.layout.nClasses ?? 0;
  }

  /** L-BFGS iterations used by the last fit and whether it met `tol` (0 and false before fit). */
  get convergence(): { iterations: number; converged: boolean } {
    return { iterations: this.state?.iterations ?? 0, converged: this.state?.converged ?? false };
  }

  async fit(data: Dataset, options: FitOptions = {}): Promise<this> {
    const layout = checkTrainingData(data, 'LogisticRegression');
    const { d, nClasses } = layout;
    const n = data.y.length;
    const seen = new Uint8Array(nClasses);
    for (let i = 0; i < n; i++) seen[data.y[i]!] = 1;
    const present = Int32Array.from([...seen.keys()].filter((c) => seen[c] === 1));
    const k = present.length;
    const column = new Int32Array(nClasses).fill(-1);
    present.forEach((c, j) => (column[c] = j));
    const yCol = new Int32Array(n);
    for (let i = 0; i < n; i++) yCol[i] = column[data.y[i]!]!;
    const sw = sampleWeights(data.y, nClasses, this.classWeight);
    let swSum = 0;
    for (const v of sw) swSum += v;
    // Dividing scikit-learn's objective by C * sum(w) keeps the gradient scale independent of n,
    // which makes one tolerance fit every table.
    const l2 = 1 / (this.C * swSum);
    const x = data.x;
    const stride = d + 1;
    const logits = new Float64Array(k);
    const fitIntercept = this.fitIntercept;

    const objective = (w: Float64Array, grad: Float64Array): number => {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const off = i * d;
        let maxLogit = -Infinity;
        for (let c = 0; c < k; c++) {
          const base = c * stride;
          let z = fitIntercept ? w[base + d]! : 0;
          for (let j = 0; j < d; j++) z += w[base + j]! * x[off + j]!;
          logits[c] = z;
          if (z > maxLogit) maxLogit = z;
        }
        let sumExp = 0;
        for (let c = 0; c < k; c++) {
          const e = Math.exp(logits[c]! - maxLogit);
          logits[c] = e;
          sumExp += e;
        }
        const wi = sw[i]! / swSum;
        const yi = yCol[i]!;
        for (let c = 0; c < k; c++) {
          const prob = logits[c]! / sumExp;
          const r = wi * (prob - (c === yi ? 1 : 0));
          if (r === 0) continue;
          const base = c * stride;
          for (let j = 0; j < d; j++) grad[base + j] = grad[base + j]! + r * x[off + j]!;
          if (fitIntercept) grad[base + d] = grad[base + d]! + r;
        }
        loss -= wi * Math.log(Math.max(logits[yi]! / sumExp, Number.MIN_VALUE));
      }
      for (let c = 0; c < k; c++) {
        const base = c * stride;
        for (let j = 0; j < d; j++) {
          const v = w[base + j]!;
          loss += 0.5 * l2 * v * v;
          grad[base + j] = grad[base + j]! + l2 * v;
        }
      }
      return loss;
    };

    const result = await minimizeLbfgs(objective, new Float64Array(k * stride), {
      maxIter: this.maxIter,
      gradTol: this.tol,
      ...(options.signal ? { signal: options.signal } : {}),
      onIteration: (iteration, f) =>
        options.onProgress?.({ stage: 'train', done: iteration, total: this.maxIter, unit: 'iteration', metrics: { loss: f } }),
    });
    this.state = { layout, present, params: result.w, iterations: result.iterations, converged: result.converged };
    return this;
  }

  async predictProba(input: PredictInput, options: PredictOptions = {}): Promise<Float32Array> {
    const state = this.fitted();
    const batch = predictBatchSize('LogisticRegression.predictProba', options.batchSize, 4096);
    const { x, n } = rowsOf(input, state.layout, 'LogisticRegression.predictProba');
    const { d, nClasses } = state.layout;
    const { present, params } = state;
    const k = present.length;
    const stride = d + 1;
    const out = new Float32Array(n * nClasses);
    const logits = new Float64Array(k);
    for (let start = 0; start < n; start += batch) {
      if (start > 0) await checkpoint(options.signal);
      else throwIfAborted(options.signal);
      const end = Math.min(n, start + batch);
      for (let i = start; i < end; i++) {
        const off = i * d;
        let maxLogit = -Infinity;
        for (let c = 0; c < k; c++) {
          const base = c * stride;
          let z = this.fitIntercept ? params[base + d]! : 0;
          for (let j = 0; j < d; j++) z += params[base + j]! * x[off + j]!;
          logits[c] = z;
          if (z > maxLogit) maxLogit = z;
        }
        let sumExp = 0;
        for (let c = 0; c < k; c++) {
          logits[c] = Math.exp(logits[c]! - maxLogit);
          sumExp += logits[c]!;
        }
        for (let c = 0; c < k; c++) out[i * nClasses + present[c]!] = logits[c]! / sumExp;
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

  private fitted(): LrState {
    if (!this.state) throw new NotFittedError('LogisticRegression');
    return this.state;
  }
}
