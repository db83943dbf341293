import type { Dataset, FeatureInfo } from '@oversample/core';
import { NotFittedError, SamplerInputError, checkInteger, checkKnownOptions, rowSize, validateDataset } from '@oversample/core';

/** Options of `PCA`. */
export interface PCAOptions {
  /** Components to keep; default all (`min(rows, columns)`), as scikit-learn. */
  readonly nComponents?: number;
}

interface PcaState {
  readonly d: number;
  readonly mean: Float64Array;
  /** `k x d` row-major: the unit principal axes, largest variance first. */
  readonly components: Float64Array;
  readonly explainedVariance: Float64Array;
  readonly explainedVarianceRatio: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric `d x d` matrix (row-major, overwritten) by cyclic Jacobi
 * rotations: accurate to rounding for the small, dense covariance matrices PCA builds from
 * tables. Returns the eigenvalues and the eigenvectors as the columns of `v` (row-major).
 */
function symmetricEigen(a: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! ** 2;
    if (off === 0 || !Number.isFinite(off)) break;
    let scale = 0;
    for (let p = 0; p < d; p++) scale += a[p * d + p]! ** 2;
    if (off <= 1e-30 * scale) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (apq === 0) continue;
        const app = a[p * d + p]!;
        const aqq = a[q * d + q]!;
        // The rotation angle that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.1).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!;
          const akq = a[k * d + q]!;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!;
          const aqk = a[q * d + k]!;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!;
          const vkq = v[k * d + q]!;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = a[i * d + i]!;
  return { values, vectors: v };
}

function checkRows(what: string, data: Dataset): number {
  validateDataset(data, { context: what });
  return rowSize(data.shape);
}

/**
 * scikit-learn's `PCA` (full solver): `fit` centres the columns and finds the directions of
 * largest variance; `transform` projects rows onto the first `nComponents` of them. Signs follow
 * scikit-learn's `svd_flip`: on each component, the row with the largest absolute score scores
 * positive, so projections match scikit-learn's. Meant for tables of up to a few hundred
 * columns (the covariance matrix is decomposed directly). Categorical columns count as numbers.
 *
 * @example
 * const pca = new PCA({ nComponents: 2 }).fit(table);
 * const flat = pca.transform(table); // shape [2], same labels; pca.explainedVarianceRatio says how much is kept
 */
export class PCA {
  private readonly nComponentsOption: number | undefined;
  private state: PcaState | undefined;

  constructor(options: PCAOptions = {}) {
    checkKnownOptions('PCA', options, ['nComponents']);
    this.nComponentsOption = options.nComponents === undefined ? undefined : checkInteger('PCA nComponents', options.nComponents, { min: 1 });
  }

  /** Learns the mean and the principal axes of `data`'s rows (at least 2 rows, finite values). */
  fit(data: Dataset): this {
    const d = checkRows('PCA', data);
    const n = data.y.length;
    if (n < 2) throw new SamplerInputError(`PCA needs at least 2 rows to measure variance, got ${n}`);
    const k = this.nComponentsOption ?? Math.min(n, d);
    if (k > Math.min(n, d)) {
      throw new SamplerInputError(`PCA nComponents = ${k} must be <= min(rows, columns) = min(${n}, ${d}) = ${Math.min(n, d)}`);
    }
    const x = data.x;
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]!;
    for (let j = 0; j < d; j++) mean[j]! /= n;
    // Covariance with n - 1 in the denominator: its eigenvalues are scikit-learn's explained_variance_.
    const cov = new Float64Array(d * d);
    const row = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) row[j] = x[i * d + j]! - mean[j]!;
      for (let p = 0; p < d; p++) {
        const rp = row[p]!;
        if (rp === 0) continue;
        for (let q = p; q < d; q++) cov[p * d + q]! += rp * row[q]!;
      }
    }
    for (let p = 0; p < d; p++) {
      for (let q = p; q < d; q++) {
        const c = cov[p * d + q]! / (n - 1);
        cov[p * d + q] = c;
        cov[q * d + p] = c;
      }
    }
    const { values, vectors } = symmetricEigen(cov, d);
    const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
    let total = 0;
    for (const v of values) total += Math.max(0, v);
    const components = new Float64Array(k * d);
    const explainedVariance = new Float64Array(k);
    const explainedVarianceRatio = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const e = order[c]!;
      const variance = Math.max(0, values[e]!);
      explainedVariance[c] = variance;
      explainedVarianceRatio[c] = total > 0 ? variance / total : 0;
      for (let j = 0; j < d; j++) components[c * d + j] = vectors[j * d + e]!;
      // svd_flip (u-based): the largest |score| on this axis is made positive.
      let best = 0;
      for (let i = 0; i < n; i++) {
        let score = 0;
        for (let j = 0; j < d; j++) score += (x[i * d + j]! - mean[j]!) * components[c * d + j]!;
        if (Math.abs(score) > Math.abs(best)) best = score;
      }
      if (best < 0) for (let j = 0; j < d; j++) components[c * d + j] = -components[c * d + j]!;
    }
    this.state = { d, mean, components, explainedVariance, explainedVarianceRatio };
    return this;
  }

  private fitted(method: string): PcaState {
    if (!this.state) throw new NotFittedError(`PCA (${method})`);
    return this.state;
  }

  /** `data`'s rows projected on the components: a Dataset of shape `[nComponents]`, same labels. */
  transform(data: Dataset): Dataset {
    const { d, mean, components } = this.fitted('transform');
    const dd = checkRows('PCA', data);
    if (dd !== d) throw new SamplerInputError(`PCA was fitted on ${d} columns, but this dataset has ${dd} per row`);
    const k = components.length / d;
    const n = data.y.length;
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (data.x[i * d + j]! - mean[j]!) * components[c * d + j]!;
        out[i * k + c] = s;
      }
    }
    const features: FeatureInfo[] = Array.from({ length: k }, (_, c) => ({ name: `PC${c + 1}`, kind: 'continuous' }));
    return { x: out, y: data.y.slice(), shape: [k], ...(data.classNames ? { classNames: data.classNames } : {}), features };
  }

  /** `fit(data)` then `transform(data)`. */
  fitTransform(data: Dataset): Dataset {
    return this.fit(data).transform(data);
  }

  /** The fitted number of components. */
  get nComponents(): number {
    const s = this.fitted('nComponents');
    return s.components.length / s.d;
  }

  /** Each column's mean over the fitted rows. */
  get mean(): Float64Array {
    return this.fitted('mean').mean.slice();
  }

  /** `nComponents x columns`, row-major: the unit principal axes, largest variance first. */
  get components(): Float64Array {
    return this.fitted('components').components.slice();
  }

  /** The variance along each component (denominator rows - 1, as scikit-learn). */
  get explainedVariance(): Float64Array {
    return this.fitted('explainedVariance').explainedVariance.slice();
  }

  /** Each component's share of the total variance of the fitted rows. */
  get explainedVarianceRatio(): Float64Array {
    return this.fitted('explainedVarianceRatio').explainedVarianceRatio.slice();
  }
}
