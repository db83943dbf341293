/**
 * The evaluation protocol: how a loaded dataset becomes, per repeat and fold, a training set, a
 * test set and (DeepSMOTE's published protocol) a balanced test set and a validation set.
 *
 * - Tables: repeated stratified k-fold; features standardised on the training fold only.
 * - Images, `subsample`: the training split is cut to the (scaled) DeepSMOTE profile once, then
 *   k-fold runs inside it (cheap; what the quick preset does).
 * - Images, `published`: k-fold over the whole training split; each training fold is cut to the
 *   profile, each test fold to the imbalanced test profile (1000..10) and, as a second test, kept
 *   whole (about 1200 rows per class on MNIST: the balanced test). The validation set for early
 *   stopping comes from the training fold's rows the profile cut left out, cut to the test
 *   profile (ours: the publication does not say how its classifier was stopped).
 */
import type { Dataset } from '@oversample/core';
import { classCounts, subsetDataset, toRng } from '@oversample/core';
import type { ImageConfig } from './config';
import type { DatasetRef, LoadedDataset } from './datasets';
import { profileFamily } from './datasets';
import { categoricalColumns } from './encoding';

/** Seed of the fold split: fixed, so every sampler and every run sees the same folds. */
export const SPLIT_SEED = 20240601;
/** Seed of the imbalance cuts of image data. */
export const CUT_SEED = 42;

/** Training rows per class of the DeepSMOTE profiles (Table I), class 0 first. */
export const TRAIN_PROFILES = {
  mnist: [4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40],
  cifar: [4500, 2000, 1000, 800, 600, 500, 400, 250, 150, 80],
} as const;

/** The imbalanced test profile of DeepSMOTE (Table I), for MNIST-like data and CIFAR-10 alike. */
export const TEST_PROFILE = [1000, 500, 250, 187, 125, 87, 50, 25, 15, 10] as const;

/** The training and test sets of one fold. */
export interface FoldSets {
  readonly train: Dataset;
  /** The test set the headline scores come from (imbalanced, for the published protocol). */
  readonly test: Dataset;
  /** Published protocol: the whole test fold (the balanced test). */
  readonly balancedTest?: Dataset;
  /** Published protocol: held-out real rows for early stopping. */
  readonly validation?: Dataset;
}

/** A dataset ready to be split: what the folds index, and the folds. */
export interface PreparedDataset {
  readonly ref: DatasetRef;
  /** The rows the folds index (images: the cut or the whole training split). */
  readonly data: Dataset;
  readonly folds: readonly { readonly train: Int32Array; readonly test: Int32Array; readonly repeat: number; readonly fold: number }[];
  readonly note: string;
  readonly image: Required<ImageConfig>;
}

/** Per-class training rows for an image dataset under `image` settings. */
export function trainCounts(ref: Pick<DatasetRef, 'loader'>, image: Required<ImageConfig>): number[] {
  return TRAIN_PROFILES[profileFamily(ref)].map((n) => Math.max(image.minPerClass, Math.round(n * image.profileScale)));
}

/** Per-class test rows of the imbalanced test under `image` settings. */
export function testCounts(image: Required<ImageConfig>): number[] {
  return TEST_PROFILE.map((n) => Math.max(1, Math.round(n * image.testProfileScale)));
}

/** A scale factor as people write it: `1/24` for 0.041666..., else the number. */
export function scaleText(f: number): string {
  const inv = Math.round(1 / f);
  return f < 1 && Math.abs(1 / f - inv) < 1e-9 ? `1/${inv}` : String(f);
}

function profileNote(counts: readonly number[], image: Required<ImageConfig>): string {
  const f = image.profileScale;
  const scale = f === 1 ? 'the DeepSMOTE profile' : `the DeepSMOTE profile x ${scaleText(f)} (at least ${image.minPerClass} per class)`;
  return `${scale}: ${counts.join(', ')} training rows per class (${counts.reduce((a, b) => a + b, 0)} in all)`;
}

/**
 * Row indices of `indices` cut to `counts[c]` rows per class `c` (drawn without replacement,
 * seeded), and the rows left over; both ascending. A class with too few rows throws, unless
 * `capped` (then it keeps what it has).
 */
export function cutByClass(y: Int32Array, indices: Int32Array, counts: readonly number[], seed: ReturnType<typeof toRng>, capped = false): { chosen: Int32Array; rest: Int32Array } {
  const byClass = new Map<number, number[]>();
  for (const i of indices) {
    const list = byClass.get(y[i]!) ?? [];
    list.push(i);
    byClass.set(y[i]!, list);
  }
  const keep = new Set<number>();
  for (const [c, rows] of [...byClass].sort((a, b) => a[0] - b[0])) {
    const n = capped ? Math.min(counts[c] ?? rows.length, rows.length) : (counts[c] ?? rows.length);
    if (n > rows.length) throw new Error(`class ${c} has ${rows.length} rows in this fold, but the profile asks for ${n}`);
    for (const k of seed.child(`class-${c}`).sampleWithoutReplacement(rows.length, n)) keep.add(rows[k]!);
  }
  const chosen: number[] = [];
  const rest: number[] = [];
  for (const i of indices) (keep.has(i) ? chosen : rest).push(i);
  return { chosen: Int32Array.from(chosen), rest: Int32Array.from(rest) };
}

/**
 * Turns a loaded dataset into what the folds index, and the folds. Throws (with a message fit for
 * a failed cell) when the data cannot be split as asked, e.g. a class with fewer rows than folds.
 */
export async function prepareDataset(
  ref: DatasetRef,
  loaded: LoadedDataset,
  split: { readonly folds: number; readonly repeats: number; readonly image: Required<ImageConfig> },
): Promise<PreparedDataset> {
  const { imbalance, repeatedStratifiedKFold } = await import('@oversample/data');
  let data = loaded.data;
  let note = loaded.note;
  if (ref.kind === 'image') {
    const counts = trainCounts(ref, split.image);
    if (split.image.protocol === 'subsample') {
      data = imbalance(data, counts, { seed: CUT_SEED });
      note = `${note}, cut to ${profileNote(counts, split.image)}, then ${split.folds}-fold CV inside it; pixels scaled to 0..1`;
    } else {
      const test = testCounts(split.image);
      note =
        `${note}: ${split.folds}-fold CV over all ${data.y.length} rows; each training fold cut to ${profileNote(counts, split.image)}; ` +
        `each test fold cut to ${test.join(', ')} (imbalanced test) and scored whole as well (balanced test); pixels scaled to 0..1`;
    }
  }
  const folds = repeatedStratifiedKFold(data.y, split.folds, split.repeats, { seed: SPLIT_SEED });
  return { ref, data, folds, note, image: split.image };
}

/** The sets of one (repeat, fold) of a prepared dataset. */
export function foldSets(p: PreparedDataset, repeat: number, fold: number): FoldSets {
  const f = p.folds.find((x) => x.repeat === repeat && x.fold === fold);
  if (!f) throw new Error(`no fold ${fold} of repeat ${repeat}`);
  if (p.ref.kind === 'table') return standardize(subsetDataset(p.data, f.train), subsetDataset(p.data, f.test));
  if (p.image.protocol === 'subsample') return { train: subsetDataset(p.data, f.train), test: subsetDataset(p.data, f.test) };
  const rng = toRng(CUT_SEED).child(`r${repeat}-f${fold}`);
  const { chosen, rest } = cutByClass(p.data.y, f.train, trainCounts(p.ref, p.image), rng.child('train'));
  const test = cutByClass(p.data.y, f.test, testCounts(p.image), rng.child('test')).chosen;
  // MNIST's largest class leaves about 740 rows beside its 4000: the validation set keeps what there is.
  const validation = cutByClass(p.data.y, rest, testCounts(p.image), rng.child('validation'), true).chosen;
  return {
    train: subsetDataset(p.data, chosen),
    test: subsetDataset(p.data, test),
    balancedTest: subsetDataset(p.data, f.test),
    validation: subsetDataset(p.data, validation),
  };
}

/** Rows of the smallest class of a dataset. */
export function smallestClass(data: Pick<Dataset, 'y'>): number {
  return Math.min(...classCounts(data.y).values());
}

/**
 * Per-column standardisation fitted on the training fold only (no leakage into the test fold).
 * Categorical columns (category codes) are left as they are.
 */
export function standardize(train: Dataset, test: Dataset): { train: Dataset; test: Dataset } {
  const d = train.shape[0]!;
  const n = train.y.length;
  const isCategorical = new Uint8Array(d);
  for (const j of categoricalColumns(train)) isCategorical[j] = 1;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += train.x[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = train.x[i * d + j]! - mean[j]!;
      sq[j]! += v * v;
    }
  }
  // Population std, as scikit-learn's StandardScaler; a constant column is left centred, not divided by 0.
  const scale = Float64Array.from(sq, (s, j) => {
    const sd = Math.sqrt(s / n);
    return sd > 0 && !isCategorical[j] ? sd : 1;
  });
  for (let j = 0; j < d; j++) if (isCategorical[j]) mean[j] = 0;
  const apply = (ds: Dataset): Dataset => {
    const x = new Float32Array(ds.x.length);
    for (let i = 0; i < ds.y.length; i++) for (let j = 0; j < d; j++) x[i * d + j] = (ds.x[i * d + j]! - mean[j]!) / scale[j]!;
    return { ...ds, x };
  };
  return { train: apply(train), test: apply(test) };
}
