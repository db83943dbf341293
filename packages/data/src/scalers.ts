import type { Dataset } from '@oversample/core';
import { NotFittedError, OptionError, SamplerInputError, checkKnownOptions, columnMoments, describeValue, rowSize, validateDataset } from '@oversample/core';

/** Which columns are categorical (left unscaled). */
function categoricalMask(data: Dataset, d: number): Uint8Array {
  const mask = new Uint8Array(d);
  data.features?.forEach((f, j) => {
    if (f.kind === 'categorical') mask[j] = 1;
  });
  return mask;
}

/** Applies `f(value, column)` to every value, returning a new Dataset with the same metadata. */
function mapValues(data: Dataset, d: number, f: (v: number, j: number) => number): Dataset {
  const src = data.x;
  const x = new Float32Array(src.length);
  for (let base = 0; base < src.length; base += d) {
    for (let j = 0; j < d; j++) x[base + j] = f(src[base + j]!, j);
  }
  return {
    x,
    y: data.y.slice(),
    shape: [...data.shape],
    ...(data.classNames ? { classNames: data.classNames } : {}),
    ...(data.features ? { features: data.features } : {}),
  };
}

function checkData(what: string, data: Dataset): number {
  validateDataset(data, { allowNaN: true, context: what });
  return rowSize(data.shape);
}

function checkColumns(what: string, fitted: number, data: Dataset): number {
  const d = checkData(what, data);
  if (d !== fitted) throw new SamplerInputError(`${what} was fitted on ${fitted} columns, but this dataset has ${d} per row`);
  return d;
}

function checkBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new OptionError(`${name} must be true or false, got ${describeValue(value)}`);
  return value;
}

/** Options of `StandardScaler`. */
export interface StandardScalerOptions {
  /** Subtract each column's mean; default `true`. */
  readonly withMean?: boolean;
  /** Divide by each column's standard deviation; default `true`. */
  readonly withStd?: boolean;
}

interface StandardState {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly scale: Float64Array;
  readonly categorical: Uint8Array;
  readonly samplesSeen: number;
}

/**
 * scikit-learn's `StandardScaler`: `fit` learns each column's mean and (population) standard
 * deviation, `transform` maps x to (x - mean) / std. A constant column gets scale 1 (so it
 * becomes 0, not NaN), NaN values are ignored when fitting and kept when transforming, and
 * categorical columns (`features[j].kind === 'categorical'`) keep their codes (mean 0, scale 1).
 * Fit on the training fold, transform both folds.
 *
 * @example
 * const scaler = new StandardScaler().fit(train);
 * const [trainZ, testZ] = [scaler.transform(train), scaler.transform(test)];
 */
export class StandardScaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  private state: StandardState | undefined;

  constructor(options: StandardScalerOptions = {}) {
    checkKnownOptions('StandardScaler', options, ['withMean', 'withStd']);
    this.withMean = checkBoolean('withMean', options.withMean, true);
    this.withStd = checkBoolean('withStd', options.withStd, true);
  }

  /** Learns the column statistics of `data` (any shape: image pixels are columns too). */
  fit(data: Dataset): this {
    const d = checkData('StandardScaler', data);
    // NaN values are ignored, as scikit-learn does.
    const { mean, variance } = columnMoments(data.x, d);
    const categorical = categoricalMask(data, d);
    const scale = new Float64Array(d).fill(1);
    const n = data.y.length;
    const eps = Number.EPSILON;
    for (let j = 0; j < d; j++) {
      if (categorical[j]) {
        mean[j] = 0;
        variance[j] = 1;
        continue;
      }
      // scikit-learn's _is_constant_feature: a variance within rounding error of 0 counts as 0.
      const constant = variance[j]! <= n * eps * variance[j]! + (n * mean[j]! * eps) ** 2;
      if (this.withStd && !constant) scale[j] = Math.sqrt(variance[j]!);
    }
    this.state = { mean, variance, scale, categorical, samplesSeen: n };
    return this;
  }

  private fitted(method: string): StandardState {
    if (!this.state) throw new NotFittedError(`StandardScaler (${method})`);
    return this.state;
  }

  /** A new Dataset with the columns standardised. */
  transform(data: Dataset): Dataset {
    const { mean, scale, categorical } = this.fitted('transform');
    const d = checkColumns('StandardScaler', mean.length, data);
    const withMean = this.withMean;
    return mapValues(data, d, (v, j) => (categorical[j] ? v : ((withMean ? v - mean[j]! : v) / scale[j]!)));
  }

  /** `fit(data)` then `transform(data)`. */
  fitTransform(data: Dataset): Dataset {
    return this.fit(data).transform(data);
  }

  /** Undoes `transform`: x * std + mean. */
  inverseTransform(data: Dataset): Dataset {
    const { mean, scale, categorical } = this.fitted('inverseTransform');
    const d = checkColumns('StandardScaler', mean.length, data);
    const withMean = this.withMean;
    return mapValues(data, d, (v, j) => (categorical[j] ? v : v * scale[j]! + (withMean ? mean[j]! : 0)));
  }

  /** Each column's mean (0 for categorical columns). Throws `NotFittedError` before `fit`. */
  get mean(): Float64Array {
    return this.fitted('mean').mean.slice();
  }

  /** Each column's population variance (1 for categorical columns). */
  get variance(): Float64Array {
    return this.fitted('variance').variance.slice();
  }

  /** The divisor of each column: its standard deviation, or 1 when constant, categorical or `withStd: false`. */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice();
  }

  /** Rows seen by `fit`. */
  get samplesSeen(): number {
    return this.fitted('samplesSeen').samplesSeen;
  }
}

/** Options of `MinMaxScaler`. */
export interface MinMaxScalerOptions {
  /** Target range `[min, max]` with min < max; default `[0, 1]`. */
  readonly featureRange?: readonly [number, number];
  /** Clip transformed values of unseen data into `featureRange`; default `false`. */
  readonly clip?: boolean;
}

interface MinMaxState {
  readonly dataMin: Float64Array;
  readonly dataMax: Float64Array;
  readonly scale: Float64Array;
  readonly offset: Float64Array;
  readonly categorical: Uint8Array;
}

/**
 * scikit-learn's `MinMaxScaler`: maps each column's fitted [min, max] onto `featureRange` by
 * x * scale + offset. A constant column gets scale 1 (it maps to the range's lower end), NaN
 * values are ignored when fitting and kept when transforming, and categorical columns keep their
 * codes. Values outside the fitted range land outside `featureRange` unless `clip` is set.
 *
 * @example
 * const scaler = new MinMaxScaler({ featureRange: [-1, 1] });
 * const scaled = scaler.fitTransform(train);
 */
export class MinMaxScaler {
  readonly featureRange: readonly [number, number];
  readonly clip: boolean;
  private state: MinMaxState | undefined;

  constructor(options: MinMaxScalerOptions = {}) {
    checkKnownOptions('MinMaxScaler', options, ['featureRange', 'clip']);
    const range = options.featureRange ?? [0, 1];
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      !range.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
      !(range[0] < range[1])
    ) {
      throw new OptionError(`featureRange must be [min, max] with finite min < max, got ${describeValue(range)}`);
    }
    this.featureRange = [range[0], range[1]];
    this.clip = checkBoolean('clip', options.clip, false);
  }

  /** Learns each column's minimum and maximum. */
  fit(data: Dataset): this {
    const d = checkData('MinMaxScaler', data);
    // A column of NaN only gets NaN statistics, as numpy's nanmin gives.
    const { min: dataMin, max: dataMax } = columnMoments(data.x, d);
    const categorical = categoricalMask(data, d);
    const [lo, hi] = this.featureRange;
    const scale = new Float64Array(d);
    const offset = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      if (categorical[j]) {
        scale[j] = 1;
        offset[j] = 0;
        continue;
      }
      const range = dataMax[j]! - dataMin[j]!;
      scale[j] = (hi - lo) / (range === 0 ? 1 : range);
      offset[j] = lo - dataMin[j]! * scale[j]!;
    }
    this.state = { dataMin, dataMax, scale, offset, categorical };
    return this;
  }

  private fitted(method: string): MinMaxState {
    if (!this.state) throw new NotFittedError(`MinMaxScaler (${method})`);
    return this.state;
  }

  /** A new Dataset with the columns mapped onto `featureRange`. */
  transform(data: Dataset): Dataset {
    const { scale, offset, categorical } = this.fitted('transform');
    const d = checkColumns('MinMaxScaler', scale.length, data);
    const [lo, hi] = this.featureRange;
    const clip = this.clip;
    return mapValues(data, d, (v, j) => {
      if (categorical[j]) return v;
      const t = v * scale[j]! + offset[j]!;
      return clip ? Math.min(hi, Math.max(lo, t)) : t;
    });
  }

  /** `fit(data)` then `transform(data)`. */
  fitTransform(data: Dataset): Dataset {
    return this.fit(data).transform(data);
  }

  /** Undoes `transform`: (x - offset) / scale. */
  inverseTransform(data: Dataset): Dataset {
    const { scale, offset, categorical } = this.fitted('inverseTransform');
    const d = checkColumns('MinMaxScaler', scale.length, data);
    return mapValues(data, d, (v, j) => (categorical[j] ? v : (v - offset[j]!) / scale[j]!));
  }

  /** Each column's fitted minimum. Throws `NotFittedError` before `fit`. */
  get dataMin(): Float64Array {
    return this.fitted('dataMin').dataMin.slice();
  }

  /** Each column's fitted maximum. */
  get dataMax(): Float64Array {
    return this.fitted('dataMax').dataMax.slice();
  }

  /** Each column's multiplier (scikit-learn's `scale_`). */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice();
  }

  /** Each column's added offset (scikit-learn's `min_`). */
  get offset(): Float64Array {
    return this.fitted('offset').offset.slice();
  }
}
