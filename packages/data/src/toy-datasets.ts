import type { Dataset, FeatureInfo, Rng, SeedLike } from '@oversample/core';
import { OptionError, checkInteger, checkKnownOptions, checkNumber, describeValue, toRng } from '@oversample/core';

/**
 * Rows per class: one count for all classes together (split as evenly as scikit-learn splits it),
 * or one count per class, which is how an imbalanced toy set is asked for.
 */
export type ToySampleCounts = number | readonly number[];

/** Options shared by `makeMoons` and `makeCircles`. */
export interface TwoClassToyOptions {
  /** Rows in all (class 1 gets the extra one when odd, as scikit-learn), or `[class0, class1]`; default 100. */
  readonly nSamples?: ToySampleCounts;
  /** Standard deviation of the Gaussian noise added to every coordinate; default 0 (none). */
  readonly noise?: number;
  /** Shuffle the rows (else class 0 then class 1, each in curve order); default `true`. */
  readonly shuffle?: boolean;
  /** Seed of the noise and the shuffle. */
  readonly seed?: SeedLike;
}

/** Options of `makeCircles`. */
export interface MakeCirclesOptions extends TwoClassToyOptions {
  /** Radius of the inner circle relative to the outer one, in [0, 1); default 0.8. */
  readonly factor?: number;
}

/** Options of `makeBlobs`. */
export interface MakeBlobsOptions {
  /**
   * Rows in all, split evenly over the centres (the first ones get the remainder), or one count
   * per centre; default 100.
   */
  readonly nSamples?: ToySampleCounts;
  /**
   * The centres, one array of coordinates each; or how many to draw uniformly in `centerBox`.
   * Default: one per entry of an array `nSamples`, else 3.
   */
  readonly centers?: number | readonly (readonly number[])[];
  /** Coordinates per row when the centres are drawn; default 2. */
  readonly nFeatures?: number;
  /** Standard deviation of each blob: one for all, or one per centre; default 1. */
  readonly clusterStd?: number | readonly number[];
  /** `[low, high]` of each coordinate of a drawn centre; default `[-10, 10]`. */
  readonly centerBox?: readonly [number, number];
  /** Shuffle the rows (else blob by blob); default `true`. */
  readonly shuffle?: boolean;
  /** Seed of the centres, the points and the shuffle. */
  readonly seed?: SeedLike;
}

const TWO_CLASS_KNOWN = ['nSamples', 'noise', 'shuffle', 'seed'];

/**
 * Splits `nSamples` into per-class counts, checking each is a non-negative integer. A total is
 * split as scikit-learn splits it: `make_blobs` gives the remainder to the first classes,
 * `make_moons` and `make_circles` give it to the last (`remainder: 'last'`).
 */
function classSizes(what: string, nSamples: ToySampleCounts, classes: number, remainder: 'first' | 'last' = 'first'): number[] {
  if (typeof nSamples === 'number') {
    const total = checkInteger(`${what} nSamples`, nSamples, { min: 1 });
    const extra = total % classes;
    const gets = (c: number): boolean => (remainder === 'first' ? c < extra : c >= classes - extra);
    return Array.from({ length: classes }, (_, c) => Math.floor(total / classes) + (gets(c) ? 1 : 0));
  }
  if (!Array.isArray(nSamples) || nSamples.length !== classes) {
    throw new OptionError(`${what} nSamples must be a count or an array of ${classes} counts, got ${describeValue(nSamples)}`);
  }
  const sizes = nSamples.map((n, c) => checkInteger(`${what} nSamples[${c}]`, n, { min: 0 }));
  if (sizes.every((n) => n === 0)) throw new OptionError(`${what} nSamples must hold at least one row, got ${describeValue(nSamples)}`);
  return sizes;
}

function checkBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new OptionError(`${name} must be true or false, got ${describeValue(value)}`);
  return value;
}

function coordinateFeatures(d: number): FeatureInfo[] {
  return Array.from({ length: d }, (_, j) => ({ name: `x${j + 1}`, kind: 'continuous' as const }));
}

/** Adds the noise, shuffles rows and labels together, and wraps them as a Dataset. */
function finish(x: Float64Array, y: Int32Array, d: number, noise: number, shuffle: boolean, rng: Rng, classes: number): Dataset {
  const n = y.length;
  const out = new Float32Array(n * d);
  const labels = new Int32Array(n);
  const order = shuffle ? rng.child('shuffle').permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const noiseRng = rng.child('noise');
  for (let i = 0; i < n; i++) {
    const src = order[i]!;
    labels[i] = y[src]!;
    for (let j = 0; j < d; j++) out[i * d + j] = x[src * d + j]! + (noise > 0 ? noise * noiseRng.normal() : 0);
  }
  return { x: out, y: labels, shape: [d], classNames: Array.from({ length: classes }, (_, c) => String(c)), features: coordinateFeatures(d) };
}

/**
 * scikit-learn's `make_moons`: two interleaving half circles in 2-D, class 0 the upper moon
 * (centre (0, 0), radius 1) and class 1 the lower one (centre (1, 0.5)). Points lie evenly
 * along each curve; `noise` adds Gaussian jitter. Ask for an imbalanced pair with
 * `nSamples: [200, 20]`. The draws come from this project's seeded `Rng`, so a seed gives the
 * same set here on every platform, not the set NumPy would draw (ours).
 *
 * @example
 * const moons = makeMoons({ nSamples: [300, 30], noise: 0.2, seed: 0 });
 */
export function makeMoons(options: TwoClassToyOptions = {}): Dataset {
  checkKnownOptions('makeMoons', options, TWO_CLASS_KNOWN);
  const [nOuter, nInner] = classSizes('makeMoons', options.nSamples ?? 100, 2, 'last') as [number, number];
  const noise = checkNumber('makeMoons noise', options.noise ?? 0, { min: 0 });
  const shuffle = checkBoolean('makeMoons shuffle', options.shuffle, true);
  const x = new Float64Array((nOuter + nInner) * 2);
  const y = new Int32Array(nOuter + nInner);
  // numpy.linspace(0, pi, n) includes both ends; one point sits at angle 0.
  const angle = (i: number, n: number): number => (n === 1 ? 0 : (Math.PI * i) / (n - 1));
  for (let i = 0; i < nOuter; i++) {
    const t = angle(i, nOuter);
    x[2 * i] = Math.cos(t);
    x[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nInner; i++) {
    const t = angle(i, nInner);
    const r = nOuter + i;
    x[2 * r] = 1 - Math.cos(t);
    x[2 * r + 1] = 1 - Math.sin(t) - 0.5;
    y[r] = 1;
  }
  return finish(x, y, 2, noise, shuffle, toRng(options.seed), 2);
}

/**
 * scikit-learn's `make_circles`: a large circle (class 0, radius 1) holding a smaller one
 * (class 1, radius `factor`), points evenly spaced on each, plus optional Gaussian `noise`.
 * Seeded draws come from this project's `Rng` (ours: not NumPy's stream).
 *
 * @example
 * const rings = makeCircles({ nSamples: [400, 40], factor: 0.5, noise: 0.05, seed: 1 });
 */
export function makeCircles(options: MakeCirclesOptions = {}): Dataset {
  checkKnownOptions('makeCircles', options, [...TWO_CLASS_KNOWN, 'factor']);
  const [nOuter, nInner] = classSizes('makeCircles', options.nSamples ?? 100, 2, 'last') as [number, number];
  const noise = checkNumber('makeCircles noise', options.noise ?? 0, { min: 0 });
  const factor = checkNumber('makeCircles factor', options.factor ?? 0.8, { min: 0, max: 1, exclusiveMax: true });
  const shuffle = checkBoolean('makeCircles shuffle', options.shuffle, true);
  const x = new Float64Array((nOuter + nInner) * 2);
  const y = new Int32Array(nOuter + nInner);
  // numpy.linspace(0, 2 pi, n, endpoint=False): n evenly spaced angles, 2 pi left out.
  for (let i = 0; i < nOuter; i++) {
    const t = (2 * Math.PI * i) / nOuter;
    x[2 * i] = Math.cos(t);
    x[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nInner; i++) {
    const t = (2 * Math.PI * i) / nInner;
    const r = nOuter + i;
    x[2 * r] = factor * Math.cos(t);
    x[2 * r + 1] = factor * Math.sin(t);
    y[r] = 1;
  }
  return finish(x, y, 2, noise, shuffle, toRng(options.seed), 2);
}

/**
 * scikit-learn's `make_blobs`: isotropic Gaussian blobs, one class per centre. Give `nSamples`
 * as one count per centre for an imbalanced set, and centres close together (or a large
 * `clusterStd`) for overlapping classes. Seeded draws come from this project's `Rng` (ours).
 *
 * @example
 * // Two overlapping Gaussians, 10:1.
 * const overlap = makeBlobs({ nSamples: [500, 50], centers: [[0, 0], [1.5, 1.5]], clusterStd: 1, seed: 2 });
 */
export function makeBlobs(options: MakeBlobsOptions = {}): Dataset {
  checkKnownOptions('makeBlobs', options, ['nSamples', 'centers', 'nFeatures', 'clusterStd', 'centerBox', 'shuffle', 'seed']);
  const nSamples = options.nSamples ?? 100;
  const rng = toRng(options.seed);
  let centers: number[][];
  if (options.centers === undefined || typeof options.centers === 'number') {
    const k =
      options.centers === undefined
        ? Array.isArray(nSamples) ? nSamples.length : 3
        : checkInteger('makeBlobs centers', options.centers, { min: 1 });
    const d = checkInteger('makeBlobs nFeatures', options.nFeatures ?? 2, { min: 1 });
    const box = options.centerBox ?? [-10, 10];
    if (!Array.isArray(box) || box.length !== 2 || !(checkNumber('makeBlobs centerBox[0]', box[0]) < checkNumber('makeBlobs centerBox[1]', box[1]))) {
      throw new OptionError(`makeBlobs centerBox must be [low, high] with low < high, got ${describeValue(box)}`);
    }
    const centreRng = rng.child('centers');
    centers = Array.from({ length: k }, () => Array.from({ length: d }, () => centreRng.uniformIn(box[0], box[1])));
  } else {
    if (!Array.isArray(options.centers) || options.centers.length === 0) {
      throw new OptionError(`makeBlobs centers must be a count or a non-empty array of points, got ${describeValue(options.centers)}`);
    }
    const d = options.centers[0]!.length;
    centers = options.centers.map((c, i) => {
      if (!Array.isArray(c) || c.length !== d || d === 0) {
        throw new OptionError(`makeBlobs centers[${i}] must be an array of ${d || 'at least one'} numbers like centers[0], got ${describeValue(c)}`);
      }
      return c.map((v, j) => checkNumber(`makeBlobs centers[${i}][${j}]`, v));
    });
    if (options.nFeatures !== undefined && options.nFeatures !== d) {
      throw new OptionError(`makeBlobs nFeatures is ${describeValue(options.nFeatures)} but the centres have ${d} coordinates`);
    }
  }
  const k = centers.length;
  const d = centers[0]!.length;
  const sizes = classSizes('makeBlobs', nSamples, k);
  const stdOption = options.clusterStd ?? 1;
  const stds =
    typeof stdOption === 'number'
      ? Array.from({ length: k }, () => checkNumber('makeBlobs clusterStd', stdOption, { min: 0 }))
      : Array.isArray(stdOption) && stdOption.length === k
        ? stdOption.map((s, c) => checkNumber(`makeBlobs clusterStd[${c}]`, s, { min: 0 }))
        : (() => {
            throw new OptionError(`makeBlobs clusterStd must be a number or an array of ${k} numbers (one per centre), got ${describeValue(stdOption)}`);
          })();
  const shuffle = checkBoolean('makeBlobs shuffle', options.shuffle, true);
  const n = sizes.reduce((a, b) => a + b, 0);
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  const pointRng = rng.child('points');
  let r = 0;
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < sizes[c]!; i++, r++) {
      y[r] = c;
      for (let j = 0; j < d; j++) x[r * d + j] = centers[c]![j]! + stds[c]! * pointRng.normal();
    }
  }
  return finish(x, y, d, 0, shuffle, rng, k);
}
