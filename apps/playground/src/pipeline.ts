/**
 * What the tables view computes, free of the DOM so that Node runs the very same code (the
 * browser test compares the page's figures with it): a stratified held-out split, standardised
 * on the training part; each sampler resamples the training part; a classifier trained on the
 * result is scored on the untouched test part; rows are projected to 2-D for the plots (the data
 * itself when it has two columns, else a PCA of the standardised training rows), and for 2-D data
 * the classifier's decision regions are computed over the plot.
 */
import type { Dataset, RunOptions } from '@oversample/core';
import { classCounts, rowSize } from '@oversample/core';
import { PCA, StandardScaler, trainTestSplit } from '@oversample/data';
import { balancedAccuracyScore, f1Score, geometricMeanScore } from '@oversample/metrics';
import type { ClassifierRecord, OptionValues, SamplerRecord } from '@oversample/bench/registry';
import { CLASSIFIERS, SAMPLERS, resolveClassifierOptions, resolveSamplerOptions } from '@oversample/bench/registry';
import type { ClassifierChoice, SamplerChoice } from './state';

/** The plot's data rectangle. */
export interface Bounds {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** How rows of the model space (standardised columns) become plot points. */
export interface Projection {
  /** `'data'`: the two columns themselves (in their own units); `'pca'`: the first two principal components. */
  readonly kind: 'data' | 'pca';
  /** Axis titles, x then y. */
  readonly axes: readonly [string, string];
  /** PCA only: the share of the variance the two components keep. */
  readonly explained?: number;
  /** Model-space rows (row-major) to plot points `[x0, y0, x1, y1, ...]`. */
  project(x: Float32Array): Float32Array;
  /** `'data'` only: plot points back to model-space rows (to shade decision regions). */
  unproject?(points: Float32Array): Float32Array;
}

/** The split and the plot geometry every sampler column shares. */
export interface PreparedData {
  readonly train: Dataset;
  readonly test: Dataset;
  readonly classNames: readonly string[];
  readonly projection: Projection;
  /** Around every row of the data, with a margin. */
  readonly bounds: Bounds;
}

/** Options of `prepareData`. */
export interface PrepareOptions {
  /** Share of each class held out for scoring. */
  readonly testSize: number;
  readonly seed: number;
}

function rowsOf(x: Float32Array, d: number): Dataset {
  return { x, y: new Int32Array(x.length / d), shape: [d] };
}

/** Splits, standardises (fitted on the training part) and sets up the 2-D projection. */
export function prepareData(data: Dataset, { testSize, seed }: PrepareOptions): PreparedData {
  const d = rowSize(data.shape);
  const split = trainTestSplit(data, { testSize, seed, stratify: true });
  const scaler = new StandardScaler().fit(split.train);
  const train = scaler.transform(split.train);
  const test = scaler.transform(split.test);
  const names = data.features?.map((f) => f.name) ?? Array.from({ length: d }, (_, j) => `x${j + 1}`);
  let projection: Projection;
  if (d <= 2) {
    projection = {
      kind: 'data',
      axes: [names[0]!, names[1] ?? ''],
      project: (x) => {
        const back = scaler.inverseTransform(rowsOf(x, d)).x;
        if (d === 2) return back;
        // One column: plot it along x, every row at y = 0.
        const out = new Float32Array(back.length * 2);
        back.forEach((v, i) => (out[2 * i] = v));
        return out;
      },
      ...(d === 2 ? { unproject: (points: Float32Array) => scaler.transform(rowsOf(points, 2)).x } : {}),
    };
  } else {
    const pca = new PCA({ nComponents: 2 }).fit(train);
    const ratio = pca.explainedVarianceRatio;
    projection = {
      kind: 'pca',
      axes: [`PC1 (${(100 * ratio[0]!).toFixed(0)}%)`, `PC2 (${(100 * ratio[1]!).toFixed(0)}%)`],
      explained: ratio[0]! + ratio[1]!,
      project: (x) => pca.transform(rowsOf(x, d)).x,
    };
  }
  const all = projection.project(new Float32Array([...train.x, ...test.x]));
  const k = Math.max(...data.y) + 1;
  return {
    train,
    test,
    classNames: data.classNames ?? Array.from({ length: k }, (_, c) => String(c)),
    projection,
    bounds: boundsOf(all),
  };
}

/** The rectangle around 2-D points, widened by 8% on each side (and to a unit box if flat). */
export function boundsOf(points: Float32Array): Bounds {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]!);
    x1 = Math.max(x1, points[i]!);
    y0 = Math.min(y0, points[i + 1]!);
    y1 = Math.max(y1, points[i + 1]!);
  }
  const pad = (lo: number, hi: number): [number, number] => {
    const m = hi - lo > 1e-9 ? 0.08 * (hi - lo) : 0.5;
    return [lo - m, hi + m];
  };
  [x0, x1] = pad(x0, x1);
  [y0, y1] = pad(y0, y1);
  return { x0, x1, y0, y1 };
}

/** The scores shown beside each plot, on the held-out part. */
export interface Scores {
  /** Average class-specific accuracy (balanced accuracy). */
  readonly acsa: number;
  /** Geometric mean of the per-class recalls (imbalanced-learn's default G-mean). */
  readonly gmean: number;
  /** F1, unweighted mean over the classes. */
  readonly f1: number;
}

/** Scores predictions of the test part. */
export function scorePredictions(yTrue: Int32Array, yPred: Int32Array): Scores {
  return {
    acsa: balancedAccuracyScore(yTrue, yPred),
    gmean: geometricMeanScore(yTrue, yPred),
    f1: f1Score(yTrue, yPred, { average: 'macro', zeroDivision: 0 }),
  };
}

/** The classifier's decision over a `size x size` grid of the plot, row 0 at the top. */
export interface Regions {
  readonly size: number;
  readonly labels: Int32Array;
}

/** What one sampler column shows. */
export interface ColumnResult {
  readonly sampler: SamplerRecord;
  /** Every option the sampler ran with (defaults and the page seed included). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Options lowered because the smallest training class is too small for them, with why. */
  readonly notes: readonly string[];
  /** The training rows, then the synthetic ones. */
  readonly resampled: Dataset;
  /** Rows of the training part (the synthetic rows follow them). */
  readonly originalRows: number;
  readonly countsBefore: ReadonlyMap<number, number>;
  readonly countsAfter: ReadonlyMap<number, number>;
  /** `resampled` as plot points. */
  readonly points: Float32Array;
  readonly scores: Scores;
  /** Only for data of at most two columns. */
  readonly regions?: Regions;
  readonly resampleSeconds: number;
  readonly fitSeconds: number;
}

/** Options of `runColumn`. */
export interface ColumnOptions extends RunOptions {
  readonly classifier: ClassifierChoice;
  readonly seed: number;
  /** Cells per side of the decision-region grid; default 100. */
  readonly gridSize?: number;
}

function record<T extends { readonly name: string }>(list: readonly T[], name: string, what: string): T {
  const r = list.find((x) => x.name === name);
  if (!r) throw new Error(`no ${what} is called '${name}'`);
  return r;
}

/**
 * A sampler's options for a training part: the user's values over the registry's defaults, with
 * neighbour counts lowered to (smallest class - 1) where the registry marks them and the user
 * left them at their default, as the benchmark does (ours).
 */
export function samplerOptions(sampler: SamplerRecord, choice: OptionValues, train: Dataset): { options: Record<string, unknown>; notes: string[] } {
  const options = resolveSamplerOptions(sampler, [choice]);
  const notes: string[] = [];
  const smallest = Math.min(...classCounts(train.y).values());
  for (const key of sampler.neighborOptions) {
    const value = options[key];
    if (typeof value === 'number' && value > smallest - 1 && !(key in choice) && smallest >= 2) {
      options[key] = smallest - 1;
      notes.push(`${key} lowered from ${value} to ${smallest - 1}: the smallest training class has ${smallest} rows`);
    }
  }
  return { options, notes };
}

/** Resamples the training part with one sampler, trains the classifier on it and scores it. */
export async function runColumn(prepared: PreparedData, choice: SamplerChoice, options: ColumnOptions): Promise<ColumnResult> {
  const sampler = record(SAMPLERS, choice.name, 'sampler');
  const classifierRecord: ClassifierRecord = record(CLASSIFIERS, options.classifier.name, 'classifier');
  const { train, test, projection, bounds } = prepared;
  const run: RunOptions = { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  const resolved = samplerOptions(sampler, choice.options, train);
  const categoricalFeatures = (train.features ?? []).flatMap((f, j) => (f.kind === 'categorical' ? [j] : []));
  const instance = await sampler.create(resolved.options, { seed: options.seed, categoricalFeatures });
  let started = performance.now();
  const resampled = await instance.fitResample(train, run);
  const resampleSeconds = (performance.now() - started) / 1000;
  const classifier = await classifierRecord.create(resolveClassifierOptions(classifierRecord, [options.classifier.options]), { seed: options.seed });
  try {
    started = performance.now();
    await classifier.fit(resampled, run);
    const fitSeconds = (performance.now() - started) / 1000;
    const predictions = await classifier.predict(test, run);
    let regions: Regions | undefined;
    if (projection.unproject) {
      const size = options.gridSize ?? 100;
      const points = new Float32Array(size * size * 2);
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          const i = r * size + c;
          points[2 * i] = bounds.x0 + ((c + 0.5) / size) * (bounds.x1 - bounds.x0);
          points[2 * i + 1] = bounds.y1 - ((r + 0.5) / size) * (bounds.y1 - bounds.y0);
        }
      }
      regions = { size, labels: await classifier.predict(projection.unproject(points), run) };
    }
    return {
      sampler,
      options: { ...resolved.options, seed: options.seed },
      notes: resolved.notes,
      resampled,
      originalRows: train.y.length,
      countsBefore: classCounts(train.y),
      countsAfter: classCounts(resampled.y),
      points: projection.project(resampled.x),
      scores: scorePredictions(test.y, predictions),
      ...(regions ? { regions } : {}),
      resampleSeconds,
      fitSeconds,
    };
  } finally {
    classifier.dispose();
  }
}
