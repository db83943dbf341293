import { SamplerInputError } from './errors';
import { checkAllocation } from './limits';
import { describeValue } from './validate';

/** What one column of a table is. Images carry no per-column metadata. */
export interface FeatureInfo {
  readonly name: string;
  /** `categorical` columns hold category codes 0..categories.length-1 (SMOTE-NC treats them apart). */
  readonly kind: 'continuous' | 'categorical';
  /** Category names for a categorical column, indexed by code. */
  readonly categories?: readonly string[];
}

/**
 * A labelled dataset: `n` rows of `prod(shape)` float32 values each, row-major, and one
 * class index per row.
 *
 * @example
 * const ds = createDataset({ x: new Float32Array([0, 1, 2, 3]), y: new Int32Array([0, 1]), shape: [2] });
 */
export interface Dataset {
  /** Row-major features: row `i` is `x.subarray(i * rowSize, (i + 1) * rowSize)`. */
  readonly x: Float32Array;
  /** Class index (>= 0) of each row. */
  readonly y: Int32Array;
  /** One sample's shape: `[d]` for tables, `[h, w, c]` for images (channels last). */
  readonly shape: readonly number[];
  /** Name of each class index, if known. */
  readonly classNames?: readonly string[];
  /** Per-column metadata for tables (length `d`). */
  readonly features?: readonly FeatureInfo[];
}

/** Values per row: the product of `shape`. */
export function rowSize(shapeOrData: readonly number[] | Pick<Dataset, 'shape'>): number {
  const shape = Array.isArray(shapeOrData) ? shapeOrData : (shapeOrData as Pick<Dataset, 'shape'>).shape;
  let size = 1;
  for (const s of shape) size *= s;
  return size;
}

/** Number of rows. */
export function numRows(data: Pick<Dataset, 'y'>): number {
  return data.y.length;
}

/** What {@link createDataset} takes: features and labels as typed or plain arrays, and the row shape. */
export interface CreateDatasetInput {
  readonly x: Float32Array | ArrayLike<number>;
  readonly y: Int32Array | ArrayLike<number>;
  readonly shape: readonly number[];
  readonly classNames?: readonly string[];
  readonly features?: readonly FeatureInfo[];
}

const MAX_LABEL = 0x7fffffff;

/** `y` as an Int32Array, or a `SamplerInputError` naming the first label that is not a class index. */
function toLabels(y: unknown): Int32Array {
  if (y instanceof Int32Array) return y;
  if (y === null || typeof y !== 'object' || typeof (y as { length?: unknown }).length !== 'number') {
    throw new SamplerInputError(`y must be an Int32Array or an array of class indices, got ${describeValue(y)}`);
  }
  const labels = y as ArrayLike<unknown>;
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_LABEL) {
      // Int32Array.from would silently truncate 0.5, wrap 2^32, and turn "a", true or [1] into 0 or 1.
      throw new SamplerInputError(
        `label y[${i}] is ${describeValue(v)}: labels must be class indices, integers in 0..${MAX_LABEL} ` +
          '(map names to indices first, e.g. with classNames)',
      );
    }
    out[i] = v;
  }
  return out;
}

/** `x` as a Float32Array, or a `SamplerInputError` naming the first value that is not a number. */
function toFeatures(x: unknown): Float32Array {
  if (x instanceof Float32Array) return x;
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new SamplerInputError(`x must be a Float32Array or an array of numbers, got ${describeValue(x)}`);
  }
  const values = x as ArrayLike<unknown>;
  for (let i = 0; i < values.length; i++) {
    // NaN is a number (a missing value loaders keep); strings, booleans and nested arrays are not.
    if (typeof values[i] !== 'number') {
      throw new SamplerInputError(`x[${i}] is ${describeValue(values[i])}: features must be numbers (row-major, one flat array)`);
    }
  }
  return Float32Array.from(values as ArrayLike<number>);
}

/** Copies of a dataset's metadata arrays, so a new Dataset never shares them with its source. */
function copyMetadata(data: Pick<Dataset, 'shape' | 'classNames' | 'features'>): Pick<Dataset, 'shape' | 'classNames' | 'features'> {
  return {
    shape: [...data.shape],
    ...(data.classNames ? { classNames: [...data.classNames] } : {}),
    ...(data.features
      ? { features: data.features.map((f) => ({ ...f, ...(f.categories ? { categories: [...f.categories] } : {}) })) }
      : {}),
  };
}

/**
 * Builds a validated `Dataset`. Typed arrays are used as they are (no copy); plain arrays are
 * converted. Labels must be class indices (integers >= 0): strings, booleans, fractions, NaN and
 * nested arrays are refused rather than truncated. Throws `SamplerInputError` naming the first
 * problem (the index and the value).
 */
export function createDataset(input: CreateDatasetInput): Dataset {
  if (input === null || typeof input !== 'object') {
    throw new SamplerInputError(`createDataset needs { x, y, shape }, got ${describeValue(input)}`);
  }
  if (!Array.isArray(input.shape)) {
    throw new SamplerInputError(
      `shape must be an array giving one row's shape ([d] for tables, [h, w, c] for images), got ${describeValue(input.shape)}`,
    );
  }
  const data: Dataset = { x: toFeatures(input.x), y: toLabels(input.y), ...copyMetadata(input) };
  validateDataset(data, { allowNaN: true });
  return data;
}

export interface ValidateOptions {
  /** Accept NaN feature values (loaders that keep missing values); default false. */
  readonly allowNaN?: boolean;
  /** Smallest acceptable number of rows; default 1. */
  readonly minRows?: number;
  /** Smallest acceptable number of distinct classes; default 1. */
  readonly minClasses?: number;
  /** Prefix for messages, e.g. `'SMOTE'`. */
  readonly context?: string;
}

/**
 * Checks a dataset's invariants and throws `SamplerInputError` naming the first problem:
 * typed-array types, shape, lengths, labels, NaN/Infinity, number of rows and classes.
 */
export function validateDataset(data: Dataset, options: ValidateOptions = {}): void {
  const pre = options.context ? `${options.context}: ` : '';
  const fail = (msg: string): never => {
    throw new SamplerInputError(pre + msg);
  };
  if (data === null || typeof data !== 'object') fail(`expected a Dataset object, got ${describeValue(data)}`);
  if (!(data.x instanceof Float32Array)) fail(`dataset.x must be a Float32Array, got ${describeValue(data.x)}`);
  if (!(data.y instanceof Int32Array)) fail(`dataset.y must be an Int32Array, got ${describeValue(data.y)}`);
  if (!Array.isArray(data.shape) || data.shape.length === 0) {
    fail(`dataset.shape must be a non-empty array of positive integers, got ${describeValue(data.shape)}`);
  }
  for (const s of data.shape) {
    if (!Number.isInteger(s) || s < 1) fail(`dataset.shape must hold positive integers, got ${describeValue(data.shape)}`);
  }
  const d = rowSize(data.shape);
  const n = data.y.length;
  if (data.x.length !== n * d) {
    fail(
      `dataset.x has ${data.x.length} values but y has ${n} labels and shape ${describeValue(data.shape)} ` +
        `needs ${d} values per row (${n * d} in all)`,
    );
  }
  const minRows = options.minRows ?? 1;
  if (n < minRows) fail(`the dataset has ${n} rows; at least ${minRows} are needed`);
  const classes = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = data.y[i]!;
    if (c < 0) fail(`label y[${i}] = ${c}: class indices must be >= 0`);
    classes.add(c);
  }
  const minClasses = options.minClasses ?? 1;
  if (classes.size < minClasses) {
    fail(`the dataset has ${classes.size} class${classes.size === 1 ? '' : 'es'}; at least ${minClasses} are needed`);
  }
  if (!options.allowNaN) {
    const x = data.x;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (!Number.isFinite(v)) {
        fail(`row ${Math.floor(i / d)}, column ${i % d} is ${v}: features must be finite numbers (impute or drop it first)`);
      }
    }
  }
  if (data.features && data.features.length !== d) {
    fail(`dataset.features describes ${data.features.length} columns but each row has ${d}`);
  }
}

/**
 * Rows per class, keyed by class index in ascending order.
 *
 * @example
 * classCounts(new Int32Array([1, 0, 1])) // Map { 0 => 1, 1 => 2 }
 */
export function classCounts(y: Int32Array | Pick<Dataset, 'y'>): Map<number, number> {
  const labels = y instanceof Int32Array ? y : y.y;
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return new Map([...counts.entries()].sort((a, b) => a[0] - b[0]));
}

/** Indices of the rows of class `label`, in order. */
export function indicesOfClass(y: Int32Array, label: number): Int32Array {
  let count = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === label) count++;
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < y.length; i++) if (y[i] === label) out[j++] = i;
  return out;
}

/** Copies the rows at `indices` (in that order) into a new Dataset with the same metadata. */
export function subsetDataset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const d = rowSize(data.shape);
  checkAllocation('subsetDataset: the subset', indices.length, d);
  const n = data.y.length;
  const x = new Float32Array(indices.length * d);
  const y = new Int32Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j]!;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new SamplerInputError(`subset index ${describeValue(i)} at position ${j} is outside 0..${n - 1}`);
    }
    x.set(data.x.subarray(i * d, (i + 1) * d), j * d);
    y[j] = data.y[i]!;
  }
  return withRows(data, x, y);
}

/**
 * A new Dataset with the given rows and copies of `data`'s metadata (shape, class names,
 * features), so that changing one dataset's metadata never changes another's.
 */
export function withRows(data: Pick<Dataset, 'shape' | 'classNames' | 'features'>, x: Float32Array, y: Int32Array): Dataset {
  return { x, y, ...copyMetadata(data) };
}

/** Stacks datasets of one shape: rows of the first, then of the second, ... Metadata from the first. */
export function concatDatasets(first: Dataset, ...rest: Dataset[]): Dataset {
  const all = [first, ...rest];
  const d = rowSize(first.shape);
  for (const [k, part] of all.entries()) {
    if (rowSize(part.shape) !== d || part.shape.length !== first.shape.length || part.shape.some((s, i) => s !== first.shape[i])) {
      throw new SamplerInputError(
        `cannot concatenate: dataset ${k} has shape ${describeValue(part.shape)}, the first has ${describeValue(first.shape)}`,
      );
    }
  }
  const n = all.reduce((acc, p) => acc + p.y.length, 0);
  checkAllocation('concatDatasets: the result', n, d);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  let offset = 0;
  for (const part of all) {
    x.set(part.x, offset * d);
    y.set(part.y, offset);
    offset += part.y.length;
  }
  return withRows(first, x, y);
}

/**
 * The original rows followed by synthetic ones (imbalanced-learn's output convention).
 * `synthX` holds `synthY.length` rows.
 */
export function appendRows(data: Dataset, synthX: Float32Array, synthY: Int32Array): Dataset {
  const d = rowSize(data.shape);
  if (synthX.length !== synthY.length * d) {
    throw new SamplerInputError(`${synthY.length} synthetic labels need ${synthY.length * d} values, got ${synthX.length}`);
  }
  checkAllocation('appendRows: the result', data.y.length + synthY.length, d);
  const x = new Float32Array(data.x.length + synthX.length);
  x.set(data.x, 0);
  x.set(synthX, data.x.length);
  const y = new Int32Array(data.y.length + synthY.length);
  y.set(data.y, 0);
  y.set(synthY, data.y.length);
  return withRows(data, x, y);
}
