// What the browser test runs, written once and run twice: bundled into the page (browser builds of
// the packages) and imported by the vitest side (Node builds), so both must give the same answers.
import { classCounts, createDataset, OversampleError, Rng, type Dataset } from '@oversample/core';
import { balancedAccuracyScore, classificationReport, confusionMatrix, f1Score, geometricMeanScore, rocAucScore } from '@oversample/metrics';
import { ADASYN, SMOTE } from '@oversample/smote';
import { listDatasets, loadDataset } from '@oversample/datasets';

/** Two Gaussian blobs in 4 columns: 60 rows of class 0 around 0, 12 of class 1 around 3. */
export function blobs(seed = 7): Dataset {
  const rng = new Rng(seed);
  const n0 = 60;
  const n1 = 12;
  const x = new Float32Array((n0 + n1) * 4);
  const y: number[] = [];
  for (let i = 0; i < n0 + n1; i++) {
    const centre = i < n0 ? 0 : 1.2;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = centre + rng.normal();
    y.push(i < n0 ? 0 : 1);
  }
  return createDataset({ x, y, shape: [4] });
}

/** One sampler's result: class counts, and whether every synthetic value is finite and inside the minority's range. */
export interface SamplerOutcome {
  counts: Record<string, number>;
  synthetic: number;
  allFinite: boolean;
  inRange: boolean;
  checksum: number;
}

async function outcome(data: Dataset, resampled: Dataset): Promise<SamplerOutcome> {
  const d = 4;
  const n = data.y.length;
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    if (data.y[i] !== 1) continue;
    for (let j = 0; j < d; j++) {
      lo[j] = Math.min(lo[j]!, data.x[i * d + j]!);
      hi[j] = Math.max(hi[j]!, data.x[i * d + j]!);
    }
  }
  let allFinite = true;
  let inRange = true;
  let checksum = 0;
  for (let i = n; i < resampled.y.length; i++) {
    for (let j = 0; j < d; j++) {
      const v = resampled.x[i * d + j]!;
      allFinite &&= Number.isFinite(v);
      // SMOTE and ADASYN interpolate between minority rows: inside the class's bounding box.
      inRange &&= v >= lo[j]! - 1e-6 && v <= hi[j]! + 1e-6;
      checksum += v * ((i % 7) + 1);
    }
  }
  return { counts: Object.fromEntries(classCounts(resampled)), synthetic: resampled.y.length - n, allFinite, inRange, checksum };
}

/** SMOTE and ADASYN on {@link blobs}, then the metrics of a fixed prediction. */
export async function classicScenario(): Promise<{ smote: SamplerOutcome; adasyn: SamplerOutcome; metrics: Record<string, number | number[][]> }> {
  const data = blobs();
  const smote = await outcome(data, await new SMOTE({ kNeighbors: 5, seed: 1 }).fitResample(data));
  const adasyn = await outcome(data, await new ADASYN({ nNeighbors: 5, seed: 1 }).fitResample(data));
  const yTrue = [0, 0, 0, 0, 1, 1, 1, 0, 1, 0];
  const yPred = [0, 0, 1, 0, 1, 0, 1, 0, 1, 0];
  const scores = [0.1, 0.3, 0.6, 0.2, 0.9, 0.4, 0.8, 0.35, 0.7, 0.05];
  const report = classificationReport(yTrue, yPred);
  return {
    smote,
    adasyn,
    metrics: {
      balancedAccuracy: balancedAccuracyScore(yTrue, yPred),
      f1: f1Score(yTrue, yPred),
      gmean: geometricMeanScore(yTrue, yPred),
      rocAuc: rocAucScore(yTrue, scores),
      confusion: confusionMatrix(yTrue, yPred).map((row) => [...row]),
      reportGeo: report.average.geo,
    },
  };
}

/** What a thrown error looked like: its class name, whether it is an OversampleError, and its message. */
export interface ErrorOutcome {
  label: string;
  name: string;
  typed: boolean;
  message: string;
}

async function caught(label: string, run: () => unknown): Promise<ErrorOutcome> {
  try {
    await run();
  } catch (error) {
    const e = error as Error;
    return { label, name: e.name, typed: error instanceof OversampleError, message: e.message };
  }
  return { label, name: 'none', typed: false, message: 'did not throw' };
}

/** Bad input that every platform must refuse with the same typed error. */
export async function badInputScenario(): Promise<ErrorOutcome[]> {
  const data = blobs();
  const nan = createDataset({ x: Float32Array.from(data.x, (v, i) => (i === 5 ? NaN : v)), y: data.y, shape: [4] });
  return Promise.all([
    caught('SMOTE kNeighbors 0', () => new SMOTE({ kNeighbors: 0 })),
    caught('SMOTE unknown option', () => new SMOTE({ kNeighbours: 3 } as never)),
    caught('SMOTE on NaN', () => new SMOTE({ seed: 1 }).fitResample(nan)),
    caught('ADASYN one class', () => new ADASYN({ seed: 1 }).fitResample(createDataset({ x: new Float32Array(8), y: [0, 0, 0, 0], shape: [2] }))),
    caught('f1 lengths differ', () => f1Score([0, 1, 1], [0, 1])),
  ]);
}

/** What a loaded bundled table looked like: enough to tell two loads apart, value by value. */
export interface TableOutcome {
  name: string;
  encoding: 'onehot' | 'categorical';
  rows: number;
  shape: number[];
  classes: string[];
  categorical: number;
  checksum: number;
}

/**
 * Two bundled KEEL tables from `@oversample/datasets` (one-hot and categorical) and an unknown
 * name: in the page each table is its own chunk, fetched when asked for and decompressed with the
 * browser's DecompressionStream.
 */
export async function datasetsScenario(): Promise<{ tables: TableOutcome[]; listed: number; unknown: ErrorOutcome }> {
  const tables: TableOutcome[] = [];
  for (const [name, encoding] of [
    ['glass1', 'onehot'],
    ['abalone19', 'categorical'],
  ] as const) {
    const data = await loadDataset(name, { encoding });
    let checksum = 0;
    for (let i = 0; i < data.x.length; i++) checksum += data.x[i]! * ((i % 7) + 1);
    for (let i = 0; i < data.y.length; i++) checksum += data.y[i]! * (i + 1);
    tables.push({
      name,
      encoding,
      rows: data.y.length,
      shape: [...data.shape],
      classes: [...(data.classNames ?? [])],
      categorical: (data.features ?? []).filter((f) => f.kind === 'categorical').length,
      checksum,
    });
  }
  return { tables, listed: listDatasets().length, unknown: await caught('loadDataset glas1', () => loadDataset('glas1')) };
}
