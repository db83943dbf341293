import { oneVsRestCounts } from './confusion-matrix';
import { toLabelPair, uniqueLabels, type LabelArray } from './labels';

/**
 * Matthews correlation coefficient, multi-class form (scikit-learn's `matthews_corrcoef`): +1 perfect,
 * 0 no better than chance, -1 total disagreement. 0 when either side holds a single class.
 *
 * @example
 * matthewsCorrcoef([0, 0, 1, 1], [0, 0, 1, 0]); // 0.5773502691896258
 */
export function matthewsCorrcoef(yTrue: LabelArray, yPred: LabelArray): number {
  const [t, p] = toLabelPair(yTrue, yPred, 'matthewsCorrcoef');
  const { tp, predSum, trueSum, n } = oneVsRestCounts(t, p, uniqueLabels(t, p));
  let correct = 0;
  let tDotP = 0;
  let pDotP = 0;
  let tDotT = 0;
  for (let i = 0; i < tp.length; i++) {
    const ts = trueSum[i] as number;
    const ps = predSum[i] as number;
    correct += tp[i] as number;
    tDotP += ts * ps;
    pDotP += ps * ps;
    tDotT += ts * ts;
  }
  const covTP = correct * n - tDotP;
  const covPP = n * n - pDotP;
  const covTT = n * n - tDotT;
  if (covPP * covTT === 0) return 0;
  return covTP / Math.sqrt(covTT * covPP);
}
