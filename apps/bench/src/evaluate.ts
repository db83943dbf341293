/**
 * Scores one cell's predictions with every metric of docs/protocol.md, through @oversample/metrics.
 * A metric that is undefined for the fold (AUC with one class present) becomes NaN, not a crash.
 */
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  classificationReport,
  cohenKappaScore,
  confusionMatrix,
  f1Score,
  geometricMeanScore,
  matthewsCorrcoef,
  precisionScore,
  recallScore,
  rocAucScore,
  specificityScore,
} from '@oversample/metrics';
import type { ClassRow, MetricName } from './results';

/** What `scoreCell` returns. */
export interface CellScores {
  readonly metrics: Record<MetricName, number>;
  readonly perClass: ClassRow[];
  readonly confusionMatrix: number[][];
}

function safe(f: () => number): number {
  try {
    const v = f();
    return Number.isFinite(v) ? v : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * Every metric for true labels, predicted labels and class probabilities (`rows x nClasses`,
 * row-major). `minority` is the class whose F1 is reported as `f1Minority` (the smallest class of
 * the dataset); `classNames` label the per-class rows.
 */
export function scoreCell(
  yTrue: Int32Array,
  yPred: Int32Array,
  proba: Float32Array,
  nClasses: number,
  minority: number,
  classNames?: readonly string[],
): CellScores {
  const labels = Array.from({ length: nClasses }, (_, i) => i);
  const binary = nClasses === 2;
  const column = (c: number): Float64Array => Float64Array.from({ length: yTrue.length }, (_, i) => proba[i * nClasses + c]!);
  const averagePrecision = (): number => {
    if (binary) return averagePrecisionScore(yTrue, column(minority), { posLabel: minority });
    // Macro one-vs-rest over the classes present in the fold.
    let sum = 0;
    let count = 0;
    for (const c of labels) {
      if (!yTrue.includes(c)) continue;
      sum += averagePrecisionScore(Int32Array.from(yTrue, (v) => (v === c ? 1 : 0)), column(c));
      count++;
    }
    return sum / count;
  };
  const metrics: Record<MetricName, number> = {
    acsa: safe(() => balancedAccuracyScore(yTrue, yPred)),
    gmMacro: safe(() => geometricMeanScore(yTrue, yPred, { average: 'macro' })),
    gmMulticlass: safe(() => geometricMeanScore(yTrue, yPred, { average: 'multiclass' })),
    f1Macro: safe(() => f1Score(yTrue, yPred, { average: 'macro', zeroDivision: 0 })),
    f1Weighted: safe(() => f1Score(yTrue, yPred, { average: 'weighted', zeroDivision: 0 })),
    f1Minority: safe(() => f1Score(yTrue, yPred, { average: 'none', labels: [minority], zeroDivision: 0 })[0]!),
    precisionMacro: safe(() => precisionScore(yTrue, yPred, { average: 'macro', zeroDivision: 0 })),
    precisionWeighted: safe(() => precisionScore(yTrue, yPred, { average: 'weighted', zeroDivision: 0 })),
    recallMacro: safe(() => recallScore(yTrue, yPred, { average: 'macro', zeroDivision: 0 })),
    recallWeighted: safe(() => recallScore(yTrue, yPred, { average: 'weighted', zeroDivision: 0 })),
    specificityMacro: safe(() => specificityScore(yTrue, yPred, { average: 'macro' })),
    accuracy: safe(() => accuracyScore(yTrue, yPred)),
    mcc: safe(() => matthewsCorrcoef(yTrue, yPred)),
    kappa: safe(() => cohenKappaScore(yTrue, yPred)),
    rocAuc: safe(() =>
      binary ? rocAucScore(yTrue, column(1)) : rocAucScore(yTrue, proba, { nClasses, labels, average: 'macro' }),
    ),
    averagePrecision: safe(averagePrecision),
  };
  let perClass: ClassRow[] = [];
  try {
    const report = classificationReport(yTrue, yPred, {
      labels,
      zeroDivision: 0,
      ...(classNames && classNames.length === nClasses ? { targetNames: classNames } : {}),
    });
    perClass = report.rows.map((r) => ({
      label: r.label,
      name: r.name,
      precision: r.pre,
      recall: r.rec,
      specificity: r.spe,
      f1: r.f1,
      geo: r.geo,
      iba: r.iba,
      support: r.sup,
    }));
  } catch {
    perClass = [];
  }
  let matrix: number[][] = [];
  try {
    matrix = confusionMatrix(yTrue, yPred, { labels });
  } catch {
    matrix = [];
  }
  return { metrics, perClass, confusionMatrix: matrix };
}
