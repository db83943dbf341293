import { OptionError, SamplerInputError, checkInteger, checkKnownOptions, checkNumber, describeValue } from '@oversample/core';
import { averageOf, checkZeroDivision, sum, type ZeroDivision } from './averaging';
import type { LabelArray } from './labels';
import { precisionRecallFscoreSupport } from './precision-recall';
import { senSpec } from './specificity';

/** The scores of one row of {@link classificationReport}. */
export interface ReportScores {
  /** Precision. */
  readonly pre: number;
  /** Recall (sensitivity). */
  readonly rec: number;
  /** Specificity. */
  readonly spe: number;
  /** F1. */
  readonly f1: number;
  /** Geometric mean `sqrt(rec * spe)`. */
  readonly geo: number;
  /** Index balanced accuracy `(1 + alpha * (rec - spe)) * geo^2`. */
  readonly iba: number;
}

/** One class's row: its label, display name, scores and support (true count). */
export interface ReportRow extends ReportScores {
  readonly label: number;
  readonly name: string;
  readonly sup: number;
}

/** imbalanced-learn's `classification_report_imbalanced` as data. */
export interface ClassificationReport {
  /** One row per class, in the order of `labels`. */
  readonly rows: ReportRow[];
  /** The "avg / total" row: every score averaged with the classes' supports as weights. */
  readonly average: ReportScores;
  /** Sum of the supports. */
  readonly totalSupport: number;
}

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  /** The classes, in row order. Default: every label seen, ascending. */
  readonly labels?: LabelArray;
  /** Display name per class, in the order of `labels`. Default: the label itself. */
  readonly targetNames?: readonly string[];
  /** Weight of the dominance `rec - spe` in IBA. Default 0.1. */
  readonly alpha?: number;
  /** Precision / recall / F1 for a zero denominator. Default `'warn'` (= 0). */
  readonly zeroDivision?: ZeroDivision;
}

/**
 * imbalanced-learn 0.10's `classification_report_imbalanced`, as data: per class precision, recall,
 * specificity, F1, G-mean, IBA (alpha 0.1, squared G-mean) and support, and the support-weighted
 * "avg / total" row. Print it with {@link formatClassificationReport}.
 *
 * @example
 * const report = classificationReport(yTest, predictions, { targetNames: ['cat', 'dog', 'bird'] });
 * report.rows[2].rec;   // recall of 'bird'
 * report.average.geo;   // support-weighted G-mean
 */
export function classificationReport(yTrue: LabelArray, yPred: LabelArray, options: ClassificationReportOptions = {}): ClassificationReport {
  const context = 'classificationReport';
  checkKnownOptions(context, options, ['labels', 'targetNames', 'alpha', 'zeroDivision']);
  const alpha = checkNumber(`${context}: alpha`, options.alpha ?? 0.1);
  const zeroDivision = options.zeroDivision ?? 'warn';
  checkZeroDivision(context, zeroDivision);
  const prf = precisionRecallFscoreSupport(yTrue, yPred, {
    average: 'none',
    zeroDivision,
    ...(options.labels === undefined ? {} : { labels: options.labels }),
  });
  const ss = senSpec(context, yTrue, yPred, { average: 'none', labels: options.labels });
  const labels = prf.labels;
  const names = options.targetNames ?? labels.map(String);
  if (!Array.isArray(names) || names.length !== labels.length || names.some((s) => typeof s !== 'string')) {
    throw new OptionError(
      `${context}: targetNames must be ${labels.length} strings, one per class ${labels.length <= 12 ? `of [${labels.join(', ')}]` : ''}, got ${describeValue(names)}`,
    );
  }
  const n = labels.length;
  const cols = { pre: new Float64Array(n), rec: new Float64Array(n), spe: new Float64Array(n), f1: new Float64Array(n), geo: new Float64Array(n), iba: new Float64Array(n) };
  const rows: ReportRow[] = labels.map((label, i) => {
    const sen = ss.sensitivity[i] as number;
    const spe = ss.specificity[i] as number;
    const geo = Math.sqrt(sen * spe);
    // imbalanced-learn's make_index_balanced_accuracy(alpha, squared=True) applied to the per-class G-mean.
    const iba = (1 + alpha * (sen - spe)) * geo ** 2;
    const row: ReportRow = {
      label,
      name: names[i] as string,
      pre: prf.precision[i] as number,
      rec: prf.recall[i] as number,
      spe,
      f1: prf.fScore[i] as number,
      geo,
      iba,
      sup: prf.support[i] as number,
    };
    for (const key of ['pre', 'rec', 'spe', 'f1', 'geo', 'iba'] as const) cols[key][i] = row[key];
    return row;
  });
  const support = Float64Array.from(prf.support);
  const totalSupport = sum(support);
  if (totalSupport === 0) {
    throw new SamplerInputError(
      `${context}: none of the classes [${labels.join(', ')}] occurs in yTrue, so the support-weighted averages are undefined; list at least one class of yTrue`,
    );
  }
  const average: ReportScores = {
    pre: averageOf(cols.pre, support),
    rec: averageOf(cols.rec, support),
    spe: averageOf(cols.spe, support),
    f1: averageOf(cols.f1, support),
    geo: averageOf(cols.geo, support),
    iba: averageOf(cols.iba, support),
  };
  return { rows, average, totalSupport };
}

/**
 * Prints a {@link classificationReport} as imbalanced-learn's text table (columns pre, rec, spe, f1,
 * geo, iba, sup; `digits` decimals, rounded as `Number.prototype.toFixed`).
 *
 * @example
 * console.log(formatClassificationReport(classificationReport(yTest, predictions)));
 * //                    pre       rec       spe        f1       geo       iba       sup
 * //
 * //           0       0.75      1.00      0.50      0.86      0.71      0.53         3
 * // ...
 */
export function formatClassificationReport(report: ClassificationReport, options: { readonly digits?: number } = {}): string {
  checkKnownOptions('formatClassificationReport', options, ['digits']);
  const digits = checkInteger('formatClassificationReport: digits', options.digits ?? 2, { min: 0, max: 20 });
  const lastHeading = 'avg / total';
  const width = Math.max(...report.rows.map((r) => r.name.length), lastHeading.length, digits);
  const headers = ['pre', 'rec', 'spe', 'f1', 'geo', 'iba', 'sup'];
  const line = (first: string, cells: readonly string[]): string =>
    `${first.padStart(width)}  ${cells.map((c) => c.padStart(9)).join(' ')}\n`;
  const scores = (s: ReportScores): string[] => [s.pre, s.rec, s.spe, s.f1, s.geo, s.iba].map((v) => v.toFixed(digits));
  let text = line('', headers) + '\n';
  for (const row of report.rows) text += line(row.name, [...scores(row), String(row.sup)]);
  text += '\n';
  text += line(lastHeading, [...scores(report.average), String(report.totalSupport)]);
  return text;
}
