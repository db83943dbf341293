/**
 * The result of one cell (dataset x sampler x classifier x fold x seed) and its CSV form.
 */

/** Every metric of docs/protocol.md that a cell records, in CSV column order. */
export const METRIC_NAMES = [
  'acsa',
  'gmMacro',
  'gmMulticlass',
  'f1Macro',
  'f1Weighted',
  'f1Minority',
  'precisionMacro',
  'precisionWeighted',
  'recallMacro',
  'recallWeighted',
  'specificityMacro',
  'accuracy',
  'mcc',
  'kappa',
  'rocAuc',
  'averagePrecision',
] as const;

/** One of `METRIC_NAMES`. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** Human labels for reports. */
export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  acsa: 'ACSA (balanced accuracy)',
  gmMacro: 'GM (imblearn macro, paper)',
  gmMulticlass: 'G-mean (of recalls)',
  f1Macro: 'F1 (macro)',
  f1Weighted: 'F1 (weighted)',
  f1Minority: 'F1 (minority class)',
  precisionMacro: 'precision (macro)',
  precisionWeighted: 'precision (weighted)',
  recallMacro: 'recall (macro)',
  recallWeighted: 'recall (weighted)',
  specificityMacro: 'specificity (macro)',
  accuracy: 'accuracy',
  mcc: 'MCC',
  kappa: "Cohen's kappa",
  rocAuc: 'ROC AUC',
  averagePrecision: 'average precision',
};

/** Short labels for table headers and chart axes (the report explains them once). */
export const METRIC_SHORT: Readonly<Record<MetricName, string>> = {
  acsa: 'ACSA',
  gmMacro: 'GM (paper)',
  gmMulticlass: 'G-mean',
  f1Macro: 'F1 macro',
  f1Weighted: 'F1 weighted',
  f1Minority: 'F1 minority',
  precisionMacro: 'precision',
  precisionWeighted: 'precision (w)',
  recallMacro: 'recall',
  recallWeighted: 'recall (w)',
  specificityMacro: 'specificity',
  accuracy: 'accuracy',
  mcc: 'MCC',
  kappa: 'kappa',
  rocAuc: 'ROC AUC',
  averagePrecision: 'AP',
};

/** One sentence defining the short labels of the headline metrics. */
export const METRIC_LEGEND =
  'ACSA = average class-specific accuracy (balanced accuracy); GM (paper) = imbalanced-learn\'s macro G-mean, ' +
  'sqrt(mean sensitivity x mean specificity) one-vs-rest, the GM of the DeepSMOTE tables; G-mean = geometric mean of the ' +
  'per-class recalls (the classic binary G-mean); F1 minority = F1 of the smallest class.';

/** Identifies a cell; the cache file name is derived from it. */
export interface CellKey {
  readonly dataset: string;
  readonly sampler: string;
  readonly classifier: string;
  /** Repeat of the k-fold split (0-based). */
  readonly repeat: number;
  /** Fold within the repeat (0-based). */
  readonly fold: number;
  readonly seed: number;
}

/** Per-class figures of a cell (imbalanced-learn's report: pre, rec, spe, f1, geo, iba, sup). */
export interface ClassRow {
  readonly label: number;
  readonly name: string;
  readonly precision: number;
  readonly recall: number;
  readonly specificity: number;
  readonly f1: number;
  readonly geo: number;
  readonly iba: number;
  readonly support: number;
}

/** The scores of one test set. */
export interface TestScores {
  readonly metrics: Partial<Record<MetricName, number>>;
  readonly perClass?: readonly ClassRow[];
  readonly confusionMatrix?: readonly (readonly number[])[];
  readonly testRows: number;
}

/** What one cell produced. Failed cells keep the error and no metrics. */
export interface CellResult extends CellKey {
  readonly status: 'ok' | 'failed';
  readonly error?: string;
  readonly metrics: Partial<Record<MetricName, number>>;
  /** Milliseconds spent resampling the training fold, fitting the classifier, predicting the test fold. */
  readonly resampleMs: number;
  readonly fitMs: number;
  readonly predictMs: number;
  readonly trainRows: number;
  /** Training rows after resampling. */
  readonly resampledRows: number;
  readonly testRows: number;
  readonly perClass?: readonly ClassRow[];
  readonly confusionMatrix?: readonly (readonly number[])[];
  /** DeepSMOTE's published protocol: the scores on the whole (balanced) test fold as well. */
  readonly balanced?: TestScores;
  /** Every option the sampler was built with on this fold (defaults, settings, fixed, neighbour counts as used). */
  readonly samplerOptions?: Readonly<Record<string, unknown>>;
  /** Every option of the classifier. */
  readonly classifierOptions?: Readonly<Record<string, unknown>>;
  /**
   * The cache key: a hash of the dataset's content and reading options, the fold, the seeds, every
   * option of the sampler and classifier, and the versions and built code of the packages used.
   */
  readonly configHash: string;
  /** ISO time the cell finished. */
  readonly finishedAt: string;
}

const KEY_COLUMNS = ['dataset', 'sampler', 'classifier', 'repeat', 'fold', 'seed', 'status'] as const;
const TAIL_COLUMNS = ['resampleMs', 'fitMs', 'predictMs', 'trainRows', 'resampledRows', 'testRows', 'error'] as const;

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV text: a header, then one row per cell with its key, every metric and the times; numbers at
 * full precision, empty fields for missing values.
 */
export function toCsv(cells: readonly CellResult[]): string {
  const header = [...KEY_COLUMNS, ...METRIC_NAMES, ...TAIL_COLUMNS];
  const lines = [header.join(',')];
  for (const c of cells) {
    const row: (string | number | undefined)[] = [
      c.dataset,
      c.sampler,
      c.classifier,
      c.repeat,
      c.fold,
      c.seed,
      c.status,
      ...METRIC_NAMES.map((m) => c.metrics[m]),
      Math.round(c.resampleMs * 10) / 10,
      Math.round(c.fitMs * 10) / 10,
      Math.round(c.predictMs * 10) / 10,
      c.trainRows,
      c.resampledRows,
      c.testRows,
      c.error,
    ];
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
