/**
 * Structural checks of a cell read back from JSON (a cache file, a shard's results.json): every
 * field of the right type, so a damaged or foreign file is refused with a reason instead of
 * crashing the report or feeding it wrong numbers. JSON stores NaN as null; it comes back as NaN.
 */
import type { CellResult, ClassRow, TestScores } from './results';
import { METRIC_NAMES } from './results';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function metricsOf(v: unknown, ok: boolean): Record<string, number> | string {
  if (!isObject(v)) return 'metrics is not an object';
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!(METRIC_NAMES as readonly string[]).includes(k)) return `unknown metric '${k}'`;
    if (x === null) out[k] = Number.NaN;
    else if (typeof x === 'number' && (Number.isNaN(x) || (x >= -1 && x <= 1))) out[k] = x;
    else return `metric ${k} is ${JSON.stringify(x)}, not a number in [-1, 1] or null`;
  }
  if (ok) for (const m of METRIC_NAMES) if (!(m in out)) return `metric ${m} is missing`;
  return out;
}

function classRowsOf(v: unknown): ClassRow[] | string {
  if (!Array.isArray(v)) return 'perClass is not a list';
  for (const r of v) {
    if (!isObject(r) || typeof r.name !== 'string' || !isCount(r.label)) return 'a perClass row lacks its label or name';
    for (const f of ['precision', 'recall', 'specificity', 'f1', 'geo', 'iba', 'support'] as const) {
      if (r[f] !== null && typeof r[f] !== 'number') return `perClass ${f} is not a number`;
    }
  }
  return v as ClassRow[];
}

function matrixOf(v: unknown): number[][] | string {
  if (!Array.isArray(v) || v.some((row) => !Array.isArray(row) || row.some((x) => !isCount(x)))) return 'confusionMatrix is not a matrix of counts';
  return v as number[][];
}

function testScoresOf(v: unknown): TestScores | string {
  if (!isObject(v)) return 'balanced is not an object';
  const metrics = metricsOf(v.metrics, true);
  if (typeof metrics === 'string') return `balanced: ${metrics}`;
  if (!isCount(v.testRows)) return 'balanced.testRows is not a count';
  const perClass = v.perClass === undefined ? undefined : classRowsOf(v.perClass);
  if (typeof perClass === 'string') return `balanced: ${perClass}`;
  const matrix = v.confusionMatrix === undefined ? undefined : matrixOf(v.confusionMatrix);
  if (typeof matrix === 'string') return `balanced: ${matrix}`;
  return { metrics, testRows: v.testRows, ...(perClass ? { perClass } : {}), ...(matrix ? { confusionMatrix: matrix } : {}) };
}

/**
 * The cell in `value`, or a one-line reason why it is not one. NaN metrics stored as null come
 * back as NaN; an `ok` cell must carry every metric.
 */
export function checkCell(value: unknown): CellResult | string {
  if (!isObject(value)) return 'not a JSON object';
  const v = value;
  for (const f of ['dataset', 'sampler', 'classifier', 'configHash', 'finishedAt'] as const) {
    if (typeof v[f] !== 'string' || (f !== 'finishedAt' && v[f] === '')) return `${f} is missing or not text`;
  }
  for (const f of ['repeat', 'fold', 'seed', 'trainRows', 'resampledRows', 'testRows'] as const) if (!isCount(v[f])) return `${f} is not a count`;
  for (const f of ['resampleMs', 'fitMs', 'predictMs'] as const) if (!isTime(v[f])) return `${f} is not a time`;
  if (v.status !== 'ok' && v.status !== 'failed') return `status is ${JSON.stringify(v.status)}`;
  if (v.status === 'failed' && typeof v.error !== 'string') return 'a failed cell has no error';
  const metrics = metricsOf(v.metrics, v.status === 'ok');
  if (typeof metrics === 'string') return metrics;
  const out: Record<string, unknown> = { ...v, metrics };
  if (v.perClass !== undefined) {
    const rows = classRowsOf(v.perClass);
    if (typeof rows === 'string') return rows;
  }
  if (v.confusionMatrix !== undefined) {
    const m = matrixOf(v.confusionMatrix);
    if (typeof m === 'string') return m;
  }
  if (v.balanced !== undefined) {
    const b = testScoresOf(v.balanced);
    if (typeof b === 'string') return b;
    out.balanced = b;
  }
  for (const f of ['samplerOptions', 'classifierOptions'] as const) if (v[f] !== undefined && !isObject(v[f])) return `${f} is not an object`;
  return out as unknown as CellResult;
}
