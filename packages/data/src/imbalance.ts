import type { Dataset, SeedLike } from '@oversample/core';
import {
  OptionError,
  SamplerInputError,
  checkKnownOptions,
  checkOneOf,
  classCounts,
  describeValue,
  indicesOfClass,
  subsetDataset,
  toRng,
} from '@oversample/core';

/**
 * The imbalance profiles of DeepSMOTE's Table I (docs/protocol.md): rows to keep per class, class 0
 * first. `*-paper` are the imbalanced training sets, `*-paper-test` the imbalanced test sets.
 * MNIST's profiles also serve Fashion-MNIST, CIFAR-10's also SVHN; CelebA's five classes are
 * black, brown, blond, gray hair and bald.
 */
export const imbalanceProfiles = Object.freeze({
  'mnist-paper': Object.freeze([4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40]),
  'mnist-paper-test': Object.freeze([1000, 500, 250, 187, 125, 87, 50, 25, 15, 10]),
  'cifar-paper': Object.freeze([4500, 2000, 1000, 800, 600, 500, 400, 250, 150, 80]),
  'cifar-paper-test': Object.freeze([1000, 500, 250, 187, 125, 87, 50, 25, 15, 10]),
  'celeba-paper': Object.freeze([9000, 4500, 1000, 500, 160]),
  'celeba-paper-test': Object.freeze([1000, 500, 111, 55, 17]),
} satisfies Record<string, readonly number[]>);

/** The name of a profile in `imbalanceProfiles`. */
export type ImbalanceProfileName = keyof typeof imbalanceProfiles;

/**
 * Rows to keep per class: an array indexed by class (covering every class of the data), a
 * `{ class: count }` object or a Map (classes left out keep all their rows, as imbalanced-learn's
 * `make_imbalance`), or a profile name.
 */
export type ImbalanceCounts = readonly number[] | Readonly<Record<number, number>> | ReadonlyMap<number, number> | ImbalanceProfileName;

/** Options of `imbalance`. */
export interface ImbalanceOptions {
  /** Seed (or generator) for `pick: 'random'`. */
  readonly seed?: SeedLike;
  /** `'random'` (default): a seeded draw without replacement; `'first'`: each class's first rows in data order. */
  readonly pick?: 'random' | 'first';
}

function countMap(data: Dataset, counts: ImbalanceCounts): { wanted: Map<number, number>; source: string } {
  const present = classCounts(data.y);
  if (typeof counts === 'string') {
    const profile = (imbalanceProfiles as Record<string, readonly number[]>)[counts];
    if (!profile) {
      throw new OptionError(`unknown imbalance profile ${describeValue(counts)}; known: ${Object.keys(imbalanceProfiles).join(', ')}`);
    }
    if (present.size !== profile.length || [...present.keys()].some((c) => c >= profile.length)) {
      throw new SamplerInputError(
        `profile ${describeValue(counts)} has ${profile.length} classes (0..${profile.length - 1}), ` +
          `but the data has classes ${[...present.keys()].join(', ')}`,
      );
    }
    return { wanted: new Map(profile.map((n, c) => [c, n])), source: `profile ${describeValue(counts)}` };
  }
  let entries: [number, number][];
  if (Array.isArray(counts)) {
    const list = counts as readonly number[];
    const classes = [...present.keys()];
    if (list.length !== classes.length || classes.some((c) => c >= list.length)) {
      throw new SamplerInputError(
        `a counts array must give one count per class 0..${classes.length - 1}; got ${list.length} counts for classes ${classes.join(', ')} (use an object to keep some classes whole)`,
      );
    }
    entries = list.map((n, c) => [c, n]);
  } else if (counts instanceof Map) {
    entries = [...(counts as ReadonlyMap<number, number>).entries()];
  } else if (counts !== null && typeof counts === 'object') {
    entries = Object.entries(counts as Record<string, number>).map(([k, v]) => [Number(k), v]);
  } else {
    throw new OptionError(`counts must be an array, an object, a Map or a profile name, got ${describeValue(counts)}`);
  }
  for (const [c, n] of entries) {
    if (!present.has(c)) {
      throw new SamplerInputError(`counts name class ${describeValue(c)}, which the data does not have (classes: ${[...present.keys()].join(', ')})`);
    }
    if (!Number.isInteger(n) || n < 0) throw new OptionError(`the count for class ${c} must be an integer >= 0, got ${describeValue(n)}`);
  }
  return { wanted: new Map(entries), source: 'counts' };
}

/**
 * A subset with a chosen number of rows per class, to make a balanced dataset imbalanced the way
 * a paper did. Rows are drawn without replacement (seeded) or taken first-come, and kept in their
 * original order. A class with fewer rows than asked for throws `SamplerInputError`.
 *
 * @example
 * const train = imbalance(await loadMnist(), 'mnist-paper', { seed: 0 }); // 4000, 2000, ..., 40 rows
 * const small = imbalance(data, { 1: 50 }, { pick: 'first' });           // class 1 cut to 50, others whole
 */
export function imbalance(data: Dataset, counts: ImbalanceCounts, options: ImbalanceOptions = {}): Dataset {
  checkKnownOptions('imbalance', options, ['seed', 'pick']);
  const pick = options.pick === undefined ? 'random' : checkOneOf('pick', options.pick, ['random', 'first'] as const);
  const { wanted, source } = countMap(data, counts);
  const rng = toRng(options.seed);
  const keep = new Uint8Array(data.y.length);
  for (const c of classCounts(data.y).keys()) {
    const rows = indicesOfClass(data.y, c);
    const n = wanted.get(c) ?? rows.length;
    if (n > rows.length) {
      const name = data.classNames?.[c];
      throw new SamplerInputError(
        `class ${c}${name !== undefined ? ` (${describeValue(name)})` : ''} has ${rows.length} rows, but ${source} asks for ${n}`,
      );
    }
    // Each class draws from its own child stream, so one class's count does not shift another's rows.
    const chosen = pick === 'first' ? rows.subarray(0, n) : rng.child(`class-${c}`).sampleWithoutReplacement(rows.length, n).map((k) => rows[k]!);
    for (const i of chosen) keep[i] = 1;
  }
  const indices: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i]) indices.push(i);
  return subsetDataset(data, indices);
}
