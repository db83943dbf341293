import {
  OptionError,
  NotFittedError,
  checkInteger,
  checkKnownOptions,
  checkNumber,
  checkOneOf,
  checkSeed,
  checkpoint,
  throwIfAborted,
  toRng,
  type Dataset,
  type Rng,
  type SeedLike,
} from '@oversample/core';
import type { Classifier, FitOptions, PredictInput, PredictOptions } from './classifier';
import { checkClassWeight, checkTrainingData, predictBatchSize, rowsOf, type ClassWeight, type FitLayout } from './input';
import { coupleProbabilities, sigmoidPredict, sigmoidTrain } from './platt';
import { solveSmo } from './smo';
import { QMatrix, checkGamma, kernelRowInto, resolveGamma, rowSquares, squareOf, type KernelSpec, type SvmGamma, type SvmKernel } from './svm-kernel';

/** Options of {@link SVC}; names and defaults are scikit-learn's `SVC`'s. */
export interface SVCOptions {
  /** Penalty of margin violations (the box `0 <= alpha <= C`); default 1. */
  readonly C?: number;
  /** `'rbf'` (default): `exp(-gamma ||a - b||^2)`; `'linear'`: `a.b`. */
  readonly kernel?: SvmKernel;
  /** RBF width: `'scale'` (default) = `1 / (d * var(x))`, `'auto'` = `1 / d`, or a number > 0. */
  readonly gamma?: SvmGamma;
  /** Stopping tolerance of the solver (largest violation of the optimality conditions); default 1e-3. */
  readonly tol?: number;
  /** libsvm's shrinking heuristic (same solution, usually faster); default true. */
  readonly shrinking?: boolean;
  /** Solver iterations per binary problem at most; default libsvm's `max(1e7, 100 n)`. */
  readonly maxIter?: number;
  /** `'balanced'`: class `c`'s `C` is multiplied by `n / (classes * count[c])`. */
  readonly classWeight?: ClassWeight;
  /**
   * Fit Platt's sigmoids (5-fold cross-validation inside `fit`, as libsvm) so that `predictProba`
   * works; default false, as scikit-learn (it makes `fit` about 5 times slower).
   */
  readonly probability?: boolean;
  /** `decisionFunction`'s columns for 3+ classes: `'ovr'` (default) or the raw pairwise `'ovo'`. */
  readonly decisionFunctionShape?: 'ovr' | 'ovo';
  /** Kernel-row cache per binary problem in MB; default 200. */
  readonly cacheSize?: number;
  /** Seed of the cross-validation folds of `probability`; default random. */
  readonly seed?: SeedLike;
}

const KNOWN = ['C', 'kernel', 'gamma', 'tol', 'shrinking', 'maxIter', 'classWeight', 'probability', 'decisionFunctionShape', 'cacheSize', 'seed'];

/** What a binary solve gives: signed multipliers `alpha_i y_i` per row (problem order) and `rho`. */
interface BinaryModel {
  readonly coef: Float64Array;
  readonly rho: number;
  readonly iterations: number;
  readonly converged: boolean;
}

interface SvcState {
  readonly layout: FitLayout;
  /** Labels seen at fit, ascending (scikit-learn's `classes_`). */
  readonly classes: Int32Array;
  readonly spec: KernelSpec;
  /** Support vectors, `nSV x d`, grouped by class in `classes` order. */
  readonly sv: Float64Array;
  readonly svSquares: Float64Array;
  readonly support: Int32Array;
  readonly nSupport: Int32Array;
  /** First support vector of each class. */
  readonly start: Int32Array;
  /** libsvm's `sv_coef`: `(k - 1) x nSV`. */
  readonly coef: Float64Array;
  /** Offset of each pair `(a, b)`, `a < b`, in libsvm's order. */
  readonly rho: Float64Array;
  readonly probA: Float64Array | undefined;
  readonly probB: Float64Array | undefined;
  readonly iterations: number;
  readonly converged: boolean;
}

function gather(x: Float64Array, d: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) out.set(x.subarray(rows[r]! * d, rows[r]! * d + d), r * d);
  return out;
}

/**
 * C-support vector classification (scikit-learn's `SVC`, libsvm's C-SVC) in plain TypeScript:
 * libsvm's SMO solver with second-order working-set selection and shrinking, RBF or linear
 * kernel, one-vs-one for several classes, and optional Platt probabilities. `C`, `gamma`, `tol`,
 * `classWeight` and the decision values mean what they mean in scikit-learn 1.2, and the support
 * vectors and decision values match its on the frozen fixtures of the tests.
 *
 * `predict` takes the one-vs-one vote (ties to the lower class), as scikit-learn does, even with
 * `probability: true`. `predictProba` needs `probability: true`.
 *
 * @example
 * const svc = await new SVC({ C: 10, gamma: 'scale' }).fit(train);
 * const scores = await svc.decisionFunction(test); // binary: > 0 means the higher class
 * svc.support; // training rows that are support vectors, by class
 */
export class SVC implements Classifier {
  readonly name = 'svc';
  readonly C: number;
  readonly kernel: SvmKernel;
  readonly gamma: SvmGamma;
  readonly tol: number;
  readonly shrinking: boolean;
  readonly maxIter: number | undefined;
  readonly classWeight: ClassWeight;
  readonly probability: boolean;
  readonly decisionFunctionShape: 'ovr' | 'ovo';
  readonly cacheSize: number;
  private readonly seed: SeedLike;
  private state: SvcState | undefined;

  constructor(options: SVCOptions = {}) {
    checkKnownOptions('SVC', options, KNOWN);
    this.C = checkNumber('SVC C', options.C ?? 1, { min: 0, exclusiveMin: true });
    this.kernel = checkOneOf('SVC kernel', options.kernel ?? 'rbf', ['rbf', 'linear'] as const);
    this.gamma = checkGamma('SVC', options.gamma ?? 'scale');
    this.tol = checkNumber('SVC tol', options.tol ?? 1e-3, { min: 0, exclusiveMin: true });
    this.shrinking = checkOneOf('SVC shrinking', options.shrinking ?? true, [true, false]);
    this.maxIter = options.maxIter === undefined ? undefined : checkInteger('SVC maxIter', options.maxIter, { min: 1 });
    this.classWeight = checkClassWeight('SVC classWeight', options.classWeight);
    this.probability = checkOneOf('SVC probability', options.probability ?? false, [true, false]);
    this.decisionFunctionShape = checkOneOf('SVC decisionFunctionShape', options.decisionFunctionShape ?? 'ovr', ['ovr', 'ovo'] as const);
    this.cacheSize = checkNumber('SVC cacheSize', options.cacheSize ?? 200, { min: 0, exclusiveMin: true });
    this.seed = checkSeed(options.seed, 'SVC');
  }

  get nClasses(): number {
    return this.state?.layout.nClasses ?? 0;
  }

  /** Labels seen at fit, ascending: the columns of `decisionFunction` (scikit-learn's `classes_`). */
  get classes(): Int32Array {
    return this.fitted().classes.slice();
  }

  /** Training rows that are support vectors, grouped by class in `classes` order (`support_`). */
  get support(): Int32Array {
    return this.fitted().support.slice();
  }

  /** Support vectors per class of `classes` (`n_support_`). */
  get nSupport(): Int32Array {
    return this.fitted().nSupport.slice();
  }

  /**
   * The support vectors' coefficients `alpha_i y_i`, `(classes - 1) x nSV` row-major
   * (`dual_coef_`); with two classes, signed so that positive values pull towards the higher class.
   */
  get dualCoef(): Float64Array {
    const s = this.fitted();
    return s.classes.length === 2 ? s.coef.map((v) => -v) : s.coef.slice();
  }

  /** Offset of each one-vs-one decision function (`intercept_`), pairs `(0,1), (0,2), ..., (1,2), ...`. */
  get intercept(): Float64Array {
    const s = this.fitted();
    return s.classes.length === 2 ? s.rho.slice() : s.rho.map((r) => -r);
  }

  /** Solver iterations of the last fit (all pairs) and whether every pair met `tol`. */
  get convergence(): { iterations: number; converged: boolean } {
    return { iterations: this.state?.iterations ?? 0, converged: this.state?.converged ?? false };
  }

  async fit(data: Dataset, options: FitOptions = {}): Promise<this> {
    throwIfAborted(options.signal);
    const layout = checkTrainingData(data, 'SVC');
    const { d } = layout;
    const n = data.y.length;
    const x = Float64Array.from(data.x);
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const list = byClass.get(data.y[i]!);
      if (list) list.push(i);
      else byClass.set(data.y[i]!, [i]);
    }
    const classes = Int32Array.from([...byClass.keys()].sort((a, b) => a - b));
    const k = classes.length;
    const members = [...classes].map((c) => byClass.get(c)!);
    const weightedC = members.map((rows) => (this.classWeight === 'balanced' ? (this.C * n) / (k * rows.length) : this.C));
    const spec: KernelSpec = { kernel: this.kernel, gamma: resolveGamma(this.gamma, x, d) };
    const rng = this.probability ? toRng(this.seed) : undefined;
    const nPairs = (k * (k - 1)) / 2;

    // One binary problem per pair (a, b), a < b: class a is +1, listed first, as libsvm does.
    const nonzero = members.map((rows) => new Uint8Array(rows.length));
    const models: BinaryModel[] = [];
    const probA = this.probability ? new Float64Array(nPairs) : undefined;
    const probB = this.probability ? new Float64Array(nPairs) : undefined;
    let iterations = 0;
    let converged = true;
    let p = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const rows = [...members[a]!, ...members[b]!];
        const sign = Int8Array.from(rows, (_, r) => (r < members[a]!.length ? 1 : -1));
        if (rng) {
          const fitted = await this.plattPair(x, d, rows, sign, weightedC[a]!, weightedC[b]!, spec, rng, options.signal);
          probA![p] = fitted.A;
          probB![p] = fitted.B;
        }
        const model = await this.solve(x, d, rows, sign, weightedC[a]!, weightedC[b]!, spec, options.signal);
        models.push(model);
        iterations += model.iterations;
        converged &&= model.converged;
        const na = members[a]!.length;
        model.coef.forEach((c, r) => {
          if (c !== 0) {
            if (r < na) nonzero[a]![r] = 1;
            else nonzero[b]![r - na] = 1;
          }
        });
        p++;
        options.onProgress?.({ stage: 'train', done: p, total: nPairs, unit: 'pair' });
        await checkpoint(options.signal);
      }
    }

    // Support vectors by class; each pair's coefficients go to libsvm's sv_coef rows.
    const nSupport = Int32Array.from(nonzero, (flags) => flags.reduce((s, f) => s + f, 0));
    const start = new Int32Array(k);
    for (let c = 1; c < k; c++) start[c] = start[c - 1]! + nSupport[c - 1]!;
    const nSV = start[k - 1]! + nSupport[k - 1]!;
    const support = new Int32Array(nSV);
    members.forEach((rows, c) => {
      let q = start[c]!;
      rows.forEach((row, r) => {
        if (nonzero[c]![r]) support[q++] = row;
      });
    });
    const coef = new Float64Array((k - 1) * nSV);
    p = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const model = models[p++]!;
        const na = members[a]!.length;
        let q = start[a]!;
        for (let r = 0; r < na; r++) if (nonzero[a]![r]) coef[(b - 1) * nSV + q++] = model.coef[r]!;
        q = start[b]!;
        for (let r = 0; r < members[b]!.length; r++) if (nonzero[b]![r]) coef[a * nSV + q++] = model.coef[na + r]!;
      }
    }
    const sv = gather(x, d, support);
    this.state = {
      layout,
      classes,
      spec,
      sv,
      svSquares: rowSquares(sv, d),
      support,
      nSupport,
      start,
      coef,
      rho: Float64Array.from(models, (m) => m.rho),
      probA,
      probB,
      iterations,
      converged,
    };
    return this;
  }

  /** Solves one binary problem on `rows` of `x` with signs `sign` and bounds `Cp` (+1) / `Cn` (-1). */
  private async solve(
    x: Float64Array,
    d: number,
    rows: readonly number[],
    sign: Int8Array,
    Cp: number,
    Cn: number,
    spec: KernelSpec,
    signal: AbortSignal | undefined,
  ): Promise<BinaryModel> {
    const l = rows.length;
    const Q = new QMatrix(spec, gather(x, d, rows), d, sign, this.cacheSize * 1024 * 1024);
    const C = Float64Array.from(sign, (s) => (s === 1 ? Cp : Cn));
    const solution = await solveSmo({
      y: sign,
      C,
      Q,
      tol: this.tol,
      shrinking: this.shrinking,
      maxIter: this.maxIter ?? Math.max(10_000_000, 100 * l),
      ...(signal ? { signal } : {}),
    });
    const coef = solution.alpha.map((a, i) => a * sign[i]!);
    return { coef, rho: solution.rho, iterations: solution.iterations, converged: solution.converged };
  }

  /**
   * libsvm's `svm_binary_svc_probability`: decision values of every row from 5-fold
   * cross-validation (folds from a seeded shuffle), then Platt's sigmoid fitted to them.
   */
  private async plattPair(
    x: Float64Array,
    d: number,
    rows: readonly number[],
    sign: Int8Array,
    Cp: number,
    Cn: number,
    spec: KernelSpec,
    rng: Rng,
    signal: AbortSignal | undefined,
  ): Promise<{ A: number; B: number }> {
    const l = rows.length;
    const folds = 5;
    const perm = rng.permutation(l);
    const dec = new Float64Array(l);
    for (let f = 0; f < folds; f++) {
      const begin = Math.floor((f * l) / folds);
      const end = Math.floor(((f + 1) * l) / folds);
      const train: number[] = [];
      for (let j = 0; j < l; j++) if (j < begin || j >= end) train.push(perm[j]!);
      // libsvm lists the +1 rows first (its class grouping), each side in shuffled order.
      const plus = train.filter((r) => sign[r] === 1);
      const minus = train.filter((r) => sign[r] === -1);
      const ordered = [...plus, ...minus];
      const positives = plus.length;
      const negatives = minus.length;
      if (positives === 0 || negatives === 0) {
        const constant = positives === 0 && negatives === 0 ? 0 : positives > 0 ? 1 : -1;
        for (let j = begin; j < end; j++) dec[perm[j]!] = constant;
        continue;
      }
      const trainRows = ordered.map((r) => rows[r]!);
      const trainSign = Int8Array.from(ordered, (r) => sign[r]!);
      const model = await this.solve(x, d, trainRows, trainSign, Cp, Cn, spec, signal);
      const support = trainRows.filter((_, r) => model.coef[r] !== 0);
      const coef = Float64Array.from(model.coef.filter((c) => c !== 0));
      const sv = gather(x, d, support);
      const squares = rowSquares(sv, d);
      const kv = new Float64Array(support.length);
      for (let j = begin; j < end; j++) {
        const row = rows[perm[j]!]!;
        kernelRowInto(spec, x, row, squareOf(x, row, d), sv, squares, d, kv);
        let s = -model.rho;
        for (let t = 0; t < kv.length; t++) s += coef[t]! * kv[t]!;
        dec[perm[j]!] = s;
      }
    }
    return sigmoidTrain(dec, Uint8Array.from(sign, (s) => (s === 1 ? 1 : 0)));
  }

  /** libsvm's one-vs-one decision values, `rows x pairs`, positive towards the pair's first class. */
  private async pairwise(x: Float32Array, n: number, options: PredictOptions, context: string): Promise<Float64Array> {
    const s = this.fitted();
    const { d } = s.layout;
    const k = s.classes.length;
    const nPairs = (k * (k - 1)) / 2;
    const nSV = s.support.length;
    const batch = predictBatchSize(context, options.batchSize, 1024);
    const out = new Float64Array(n * nPairs);
    const kv = new Float64Array(nSV);
    const q = new Float64Array(d);
    throwIfAborted(options.signal);
    for (let startRow = 0; startRow < n; startRow += batch) {
      if (startRow > 0) await checkpoint(options.signal);
      const end = Math.min(n, startRow + batch);
      for (let i = startRow; i < end; i++) {
        for (let j = 0; j < d; j++) q[j] = x[i * d + j]!;
        kernelRowInto(s.spec, q, 0, squareOf(q, 0, d), s.sv, s.svSquares, d, kv);
        let p = 0;
        for (let a = 0; a < k; a++) {
          for (let b = a + 1; b < k; b++) {
            let sum = 0;
            const sa = s.start[a]!;
            const sb = s.start[b]!;
            for (let t = 0; t < s.nSupport[a]!; t++) sum += s.coef[(b - 1) * nSV + sa + t]! * kv[sa + t]!;
            for (let t = 0; t < s.nSupport[b]!; t++) sum += s.coef[a * nSV + sb + t]! * kv[sb + t]!;
            out[i * nPairs + p] = sum - s.rho[p]!;
            p++;
          }
        }
      }
      options.onProgress?.({ stage: 'predict', done: end, total: n, unit: 'row' });
    }
    return out;
  }

  /**
   * Decision values, as scikit-learn's `decision_function`: with two classes one value per row,
   * positive for the higher class; with more, `rows x classes` (`'ovr'`: one-vs-one votes plus
   * normalised confidences) or `rows x pairs` (`'ovo'`: pairs `(0,1), (0,2), ..., (1,2), ...`,
   * positive for the pair's first class), columns in `classes` order.
   */
  async decisionFunction(input: PredictInput, options: PredictOptions = {}): Promise<Float64Array> {
    const s = this.fitted();
    const { x, n } = rowsOf(input, s.layout, 'SVC.decisionFunction');
    const dec = await this.pairwise(x, n, options, 'SVC.decisionFunction');
    const k = s.classes.length;
    if (k === 2) return dec.map((v) => -v);
    if (this.decisionFunctionShape === 'ovo') return dec;
    // scikit-learn's _ovr_decision_function(dec < 0, -dec, k). Its votes look like `predict`'s but
    // break an exact 0 the other way (to the pair's first class; libsvm's predict gives it to the
    // second), so the two loops stay apart to match each reference exactly.
    const nPairs = (k * (k - 1)) / 2;
    const out = new Float64Array(n * k);
    const conf = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      conf.fill(0);
      let p = 0;
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          const v = dec[i * nPairs + p++]!;
          conf[a] = conf[a]! + v;
          conf[b] = conf[b]! - v;
          if (v < 0) out[i * k + b]!++;
          else out[i * k + a]!++;
        }
      }
      for (let c = 0; c < k; c++) out[i * k + c] = out[i * k + c]! + conf[c]! / (3 * (Math.abs(conf[c]!) + 1));
    }
    return out;
  }

  /** The class of each row by one-vs-one vote (ties to the lower class), as libsvm and scikit-learn. */
  async predict(input: PredictInput, options: PredictOptions = {}): Promise<Int32Array> {
    const s = this.fitted();
    const { x, n } = rowsOf(input, s.layout, 'SVC.predict');
    const dec = await this.pairwise(x, n, options, 'SVC.predict');
    const k = s.classes.length;
    const nPairs = (k * (k - 1)) / 2;
    const out = new Int32Array(n);
    const votes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      votes.fill(0);
      let p = 0;
      for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) votes[dec[i * nPairs + p++]! > 0 ? a : b]!++;
      let best = 0;
      for (let c = 1; c < k; c++) if (votes[c]! > votes[best]!) best = c;
      out[i] = s.classes[best]!;
    }
    return out;
  }

  /**
   * Class probabilities from Platt's sigmoids on the one-vs-one decision values, coupled as libsvm
   * does; `rows x nClasses`, classes absent at fit get 0. Needs `probability: true`.
   */
  async predictProba(input: PredictInput, options: PredictOptions = {}): Promise<Float32Array> {
    const s = this.fitted();
    if (!s.probA || !s.probB) {
      throw new OptionError('SVC.predictProba needs probability: true at construction (Platt scaling, as scikit-learn\'s SVC(probability=True))');
    }
    const { x, n } = rowsOf(input, s.layout, 'SVC.predictProba');
    const dec = await this.pairwise(x, n, options, 'SVC.predictProba');
    const k = s.classes.length;
    const nPairs = (k * (k - 1)) / 2;
    const { nClasses } = s.layout;
    const out = new Float32Array(n * nClasses);
    const r = new Float64Array(k * k);
    const minProb = 1e-7;
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          const v = Math.min(Math.max(sigmoidPredict(dec[i * nPairs + p]!, s.probA[p]!, s.probB[p]!), minProb), 1 - minProb);
          r[a * k + b] = v;
          r[b * k + a] = 1 - v;
          p++;
        }
      }
      const probs = k === 2 ? Float64Array.of(r[1]!, r[k]!) : coupleProbabilities(k, r);
      for (let c = 0; c < k; c++) out[i * nClasses + s.classes[c]!] = probs[c]!;
    }
    return out;
  }

  dispose(): void {
    this.state = undefined;
  }

  private fitted(): SvcState {
    if (!this.state) throw new NotFittedError('SVC');
    return this.state;
  }
}
