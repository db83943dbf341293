import type { Dataset, Rng, SeedLike } from '@oversample/core';
import { OptionError, SamplerInputError, checkInteger, checkKnownOptions, describeValue, subsetDataset, toRng } from '@oversample/core';

/** One train/test split of row indices (ascending). */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
  /** 0-based fold number within its repeat. */
  readonly fold: number;
  /** 0-based repeat number (0 for `stratifiedKFold`). */
  readonly repeat: number;
}

/** Options of `stratifiedKFold`. */
export interface StratifiedKFoldOptions {
  /** Shuffle each class's fold assignment (seeded); default `false`, which keeps data order as scikit-learn does. */
  readonly shuffle?: boolean;
  /** Seed (or generator) used when `shuffle` is true. */
  readonly seed?: SeedLike;
}

function labelsOf(y: Int32Array | Pick<Dataset, 'y'>): Int32Array {
  const labels = y instanceof Int32Array ? y : y?.y;
  if (!(labels instanceof Int32Array)) throw new OptionError(`expected labels as an Int32Array or a Dataset, got ${describeValue(y)}`);
  return labels;
}

function foldsFor(y: Int32Array, k: number, rng: Rng | undefined, repeat: number): Fold[] {
  const n = y.length;
  // Classes numbered by first appearance, as scikit-learn encodes them before allocating.
  const order = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!order.has(y[i]!)) order.set(y[i]!, order.size);
  const encoded = new Int32Array(n);
  for (let i = 0; i < n; i++) encoded[i] = order.get(y[i]!)!;
  const counts = new Int32Array(order.size);
  for (let i = 0; i < n; i++) counts[encoded[i]!]!++;
  for (const [label, e] of order) {
    if (counts[e]! < k) {
      throw new SamplerInputError(`class ${label} has ${counts[e]} row${counts[e] === 1 ? '' : 's'}; ${k} folds need at least ${k} rows of every class`);
    }
  }
  // scikit-learn deals the class-sorted rows round-robin: position p of the sorted labels goes to
  // fold p % k; allocation[f][c] counts how many rows of class c fold f receives.
  const allocation = Array.from({ length: k }, () => new Int32Array(order.size));
  let start = 0;
  for (let c = 0; c < order.size; c++) {
    for (let p = start; p < start + counts[c]!; p++) allocation[p % k]![c]!++;
    start += counts[c]!;
  }
  const testFold = new Int32Array(n);
  for (let c = 0; c < order.size; c++) {
    // Within a class, folds are assigned in blocks (fold 0's rows first) to keep data order.
    const assign = new Int32Array(counts[c]!);
    let q = 0;
    for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f]![c]!; r++) assign[q++] = f;
    if (rng) rng.shuffle(assign);
    for (let i = 0, j = 0; i < n; i++) if (encoded[i] === c) testFold[i] = assign[j++]!;
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[testFold[i]!]!++;
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test = new Int32Array(sizes[f]!);
    const train = new Int32Array(n - sizes[f]!);
    for (let i = 0, a = 0, b = 0; i < n; i++) {
      if (testFold[i] === f) test[a++] = i;
      else train[b++] = i;
    }
    folds.push({ train, test, fold: f, repeat });
  }
  return folds;
}

/**
 * Stratified k-fold cross-validation with scikit-learn's `StratifiedKFold` semantics: every test
 * fold receives each class in proportion (fold sizes differ by at most one per class), every row
 * is tested exactly once, and without `shuffle` the folds are exactly scikit-learn's. With
 * `shuffle`, each class's assignment is shuffled by this package's seeded Rng (not NumPy's, so
 * the folds differ from scikit-learn's for the same seed). A class with fewer than `k` rows
 * throws `SamplerInputError` naming it (scikit-learn only warns).
 *
 * @example
 * for (const { train, test } of stratifiedKFold(data.y, 5, { shuffle: true, seed: 0 })) {
 *   const model = fit(subsetDataset(data, train));
 * }
 */
export function stratifiedKFold(y: Int32Array | Pick<Dataset, 'y'>, k: number, options: StratifiedKFoldOptions = {}): Fold[] {
  checkKnownOptions('stratifiedKFold', options, ['shuffle', 'seed']);
  const labels = labelsOf(y);
  checkInteger('k', k, { min: 2 });
  if (k > labels.length) throw new SamplerInputError(`k = ${k} folds need at least ${k} rows, got ${labels.length}`);
  const shuffle = options.shuffle ?? false;
  if (typeof shuffle !== 'boolean') throw new OptionError(`shuffle must be true or false, got ${describeValue(shuffle)}`);
  if (!shuffle && options.seed !== undefined) {
    throw new OptionError('seed has no effect when shuffle is false (scikit-learn rejects this too): drop it or set shuffle: true');
  }
  return foldsFor(labels, k, shuffle ? toRng(options.seed) : undefined, 0);
}

/** Options of `repeatedStratifiedKFold`. */
export interface RepeatedStratifiedKFoldOptions {
  /** Seed (or generator); each repeat shuffles with its own child stream. */
  readonly seed?: SeedLike;
}

/**
 * `repeats` rounds of shuffled stratified k-fold (scikit-learn's `RepeatedStratifiedKFold`),
 * returned flat: `repeats * k` folds, repeat 0's folds first. docs/protocol.md's tabular protocol is
 * `repeatedStratifiedKFold(y, 5, 2, { seed })`.
 *
 * @example
 * const folds = repeatedStratifiedKFold(data.y, 5, 2, { seed: 42 }); // 10 folds
 */
export function repeatedStratifiedKFold(
  y: Int32Array | Pick<Dataset, 'y'>,
  k: number,
  repeats: number,
  options: RepeatedStratifiedKFoldOptions = {},
): Fold[] {
  checkKnownOptions('repeatedStratifiedKFold', options, ['seed']);
  const labels = labelsOf(y);
  checkInteger('k', k, { min: 2 });
  checkInteger('repeats', repeats, { min: 1 });
  if (k > labels.length) throw new SamplerInputError(`k = ${k} folds need at least ${k} rows, got ${labels.length}`);
  const rng = toRng(options.seed);
  const folds: Fold[] = [];
  for (let r = 0; r < repeats; r++) folds.push(...foldsFor(labels, k, rng.child(`repeat-${r}`), r));
  return folds;
}

/** Options of `trainTestSplit`. */
export interface TrainTestSplitOptions {
  /** A fraction of the rows in (0, 1), or a row count; default 0.25 (scikit-learn's). */
  readonly testSize?: number;
  /** Keep class proportions in both parts; default `true`. */
  readonly stratify?: boolean;
  /** Seed (or generator) for the draw. */
  readonly seed?: SeedLike;
}

/** The two parts of `trainTestSplit`, with the row indices (ascending) each came from. */
export interface TrainTestSplit {
  readonly train: Dataset;
  readonly test: Dataset;
  readonly trainIndices: Int32Array;
  readonly testIndices: Int32Array;
}

/**
 * scikit-learn's `_approximate_mode`: split `draws` over classes in proportion to `counts`,
 * flooring, then handing the leftover draws to the classes with the largest remainders (ties
 * broken at random).
 */
function approximateMode(counts: Int32Array, draws: number, rng: Rng): Int32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = new Int32Array(counts.length);
  const remainder = new Float64Array(counts.length);
  let left = draws;
  for (let c = 0; c < counts.length; c++) {
    const exact = (counts[c]! * draws) / total;
    out[c] = Math.floor(exact);
    remainder[c] = exact - out[c]!;
    left -= out[c]!;
  }
  const values = [...new Set(remainder)].sort((a, b) => b - a);
  for (const value of values) {
    if (left === 0) break;
    const tied = [...remainder.keys()].filter((c) => remainder[c] === value);
    const chosen = rng.sampleWithoutReplacement(tied.length, Math.min(tied.length, left));
    for (const t of chosen) out[tied[t]!]!++;
    left -= chosen.length;
  }
  return out;
}

/**
 * Splits a dataset once into train and test parts, stratified by class by default (scikit-learn's
 * `train_test_split(..., stratify=y)`: the test size is rounded up, and classes share it by
 * scikit-learn's approximate-mode rule). Stratifying needs at least 2 rows per class and a test
 * and train part at least as large as the number of classes.
 *
 * @example
 * const { train, test } = trainTestSplit(data, { testSize: 0.2, seed: 0 });
 */
export function trainTestSplit(data: Dataset, options: TrainTestSplitOptions = {}): TrainTestSplit {
  checkKnownOptions('trainTestSplit', options, ['testSize', 'stratify', 'seed']);
  const n = data.y.length;
  const size = options.testSize ?? 0.25;
  let nTest: number;
  if (typeof size === 'number' && Number.isInteger(size) && size >= 1) nTest = size;
  else nTest = Math.ceil(n * checkNumber01(size));
  if (nTest < 1 || nTest >= n) {
    throw new OptionError(`testSize ${describeValue(size)} gives ${nTest} test rows out of ${n}; both parts need at least one row`);
  }
  const stratify = options.stratify ?? true;
  if (typeof stratify !== 'boolean') throw new OptionError(`stratify must be true or false, got ${describeValue(stratify)}`);
  const rng = toRng(options.seed);
  const isTest = new Uint8Array(n);
  if (!stratify) {
    const perm = rng.permutation(n);
    for (let j = 0; j < nTest; j++) isTest[perm[j]!] = 1;
  } else {
    const classes = [...new Set(data.y)].sort((a, b) => a - b);
    const rowsOf = classes.map((c) => {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (data.y[i] === c) rows.push(i);
      return rows;
    });
    const counts = Int32Array.from(rowsOf, (rows) => rows.length);
    const smallest = counts.indexOf(Math.min(...counts));
    if (counts[smallest]! < 2) {
      throw new SamplerInputError(`class ${classes[smallest]} has ${counts[smallest]} row; a stratified split needs at least 2 rows of every class`);
    }
    if (nTest < classes.length || n - nTest < classes.length) {
      throw new OptionError(
        `a stratified split of ${n} rows with ${nTest} test rows leaves a part smaller than the ${classes.length} classes; change testSize`,
      );
    }
    const trainCounts = approximateMode(counts, n - nTest, rng);
    for (const [c, rows] of rowsOf.entries()) {
      const perm = rng.permutation(rows.length);
      for (let j = trainCounts[c]!; j < rows.length; j++) isTest[rows[perm[j]!]!] = 1;
    }
  }
  const testIndices = new Int32Array(nTest);
  const trainIndices = new Int32Array(n - nTest);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (isTest[i]) testIndices[a++] = i;
    else trainIndices[b++] = i;
  }
  return { train: subsetDataset(data, trainIndices), test: subsetDataset(data, testIndices), trainIndices, testIndices };
}

function checkNumber01(size: unknown): number {
  if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0 || size >= 1) {
    throw new OptionError(`testSize must be a fraction in (0, 1) or a row count >= 1, got ${describeValue(size)}`);
  }
  return size;
}
