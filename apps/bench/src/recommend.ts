/**
 * Cost beside quality, and a recommendation per kind of data computed from the run's own figures:
 * the best sampler by average rank, its difference from SMOTE and that difference's significance,
 * and what its resampling costs next to SMOTE's. Nothing here is written by hand about a sampler.
 */
import type { Comparison, Summary } from './aggregate';
import { summarize } from './aggregate';
import type { CellResult, MetricName } from './results';
import { METRIC_SHORT } from './results';

/** A sampler's mean score and mean times over the datasets of one classifier. */
export interface CostPoint {
  readonly sampler: string;
  readonly score: number;
  /** Mean milliseconds per training fold. */
  readonly resampleMs: number;
  readonly fitMs: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean over datasets of each sampler's group means, for one classifier and metric. */
export function costPoints(summary: Summary, classifier: string, metric: MetricName = 'acsa'): CostPoint[] {
  const out: CostPoint[] = [];
  for (const sampler of summary.samplers) {
    const groups = summary.groups.filter((g) => g.classifier === classifier && g.sampler === sampler && g.metrics[metric] !== undefined && g.resampleMs.n > 0);
    if (groups.length === 0) continue;
    out.push({
      sampler,
      score: mean(groups.map((g) => g.metrics[metric]!.mean)),
      resampleMs: mean(groups.map((g) => g.resampleMs.mean)),
      fitMs: mean(groups.map((g) => g.fitMs.mean)),
    });
  }
  return out;
}

function ms(v: number): string {
  if (v < 1) return `${v.toFixed(2)} ms`;
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 120_000) return `${(v / 1000).toFixed(1)} s`;
  return `${(v / 60_000).toFixed(1)} min`;
}

/** `a / b` as a multiple for the reports ("2.0x", "254x"): whole from 10 up, one decimal below. */
export function ratioText(a: number, b: number): string {
  const ratio = a / Math.max(b, 1e-9);
  return ratio >= 10 ? `${Math.round(ratio)}x` : `${ratio.toFixed(1)}x`;
}

function p(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'not computable';
  return value < 0.001 ? '< 0.001' : value.toPrecision(2);
}

/** One kind of data's recommendation. */
export interface Recommendation {
  readonly kind: 'table' | 'image';
  readonly text: string;
}

/** `; with 4 blocks no two-sided test can reach 0.05` when that is so (the smallest p is 2/2^n). */
function few(n: number): string {
  return n <= 5 ? `; with ${n} blocks no two-sided test can reach 0.05` : '';
}

function sentenceFor(cmp: Comparison, summary: Summary, kindWord: string): string {
  const metric = METRIC_SHORT[cmp.metric];
  const rank = Math.min(...cmp.averageRanks);
  const costs = costPoints(summary, cmp.classifier, cmp.metric);
  const costOf = (s: string): CostPoint | undefined => costs.find((c) => c.sampler === s);
  const resampleMs = (s: string): number => costOf(s)?.resampleMs ?? Number.POSITIVE_INFINITY;
  // Samplers that share the best rank: the text follows the cheapest of them and names the others.
  const tied = cmp.samplers.filter((_, i) => Math.abs(cmp.averageRanks[i]! - rank) < 1e-9);
  const best = tied.reduce((a, b) => (resampleMs(b) < resampleMs(a) ? b : a));
  const others = tied.filter((s) => s !== best);
  const blocks = cmp.blocks === 'datasets' ? `${cmp.n} ${kindWord}` : `${cmp.n} folds x seeds of ${summary.datasets.length === 1 ? summary.datasets[0] : 'one dataset'}`;
  const among = `(${rank.toFixed(2)} among ${cmp.samplers.length} samplers over ${blocks})`;
  const parts = [
    others.length === 0
      ? `With ${cmp.classifier}, ${best} has the best average rank on ${metric} ${among}.`
      : `With ${cmp.classifier}, ${best} shares the best average rank on ${metric} with ${others.join(' and ')} ${among}, and resamples fastest of them.`,
  ];
  const bestCost = costOf(best);
  const smoteCost = costOf('smote');
  if (best === 'smote') {
    const vsNone = cmp.wilcoxon.find((w) => w.sampler === 'smote' && w.baseline === 'none');
    if (vsNone) {
      parts.push(
        `Against no resampling its mean difference is ${vsNone.meanDifference >= 0 ? '+' : ''}${vsNone.meanDifference.toFixed(3)} ` +
          `(Wilcoxon signed-rank p ${p(vsNone.pValue)}, ${vsNone.pValue < 0.05 ? 'significant' : 'not significant'} at 0.05${few(cmp.n)}).`,
      );
    }
  } else if (!cmp.samplers.includes('smote')) {
    parts.push('SMOTE was not in this comparison, so there is no test against it.');
  } else {
    const w = cmp.wilcoxon.find((x) => x.sampler === best && x.baseline === 'smote') ?? cmp.wilcoxon.find((x) => x.sampler === 'smote' && x.baseline === best);
    const diff = w ? (w.sampler === best ? w.meanDifference : -w.meanDifference) : Number.NaN;
    if (w) {
      parts.push(
        `Against SMOTE its mean difference is ${diff >= 0 ? '+' : ''}${diff.toFixed(3)} (Wilcoxon signed-rank p ${p(w.pValue)}, ${w.pValue < 0.05 ? 'significant' : 'not significant'} at 0.05` +
          `${few(cmp.n)}).`,
      );
    }
  }
  if (bestCost && smoteCost && best !== 'smote') {
    parts.push(
      best === 'none'
        ? `Not resampling costs nothing; SMOTE's resampling took ${ms(smoteCost.resampleMs)} per training fold.`
        : `Its resampling took ${ms(bestCost.resampleMs)} per training fold, ${ratioText(bestCost.resampleMs, smoteCost.resampleMs)} SMOTE's ${ms(smoteCost.resampleMs)}.`,
    );
  } else if (bestCost && best === 'smote') {
    parts.push(`Its resampling took ${ms(bestCost.resampleMs)} per training fold.`);
  }
  for (const other of others) {
    const cost = costOf(other);
    if (cost && bestCost) parts.push(`${other} took ${ms(cost.resampleMs)} per training fold (${ratioText(cost.resampleMs, bestCost.resampleMs)}) for the same rank.`);
  }
  return parts.join(' ');
}

/**
 * One paragraph per kind of data in the run (tables, images): for each classifier of that kind,
 * the best sampler by average rank on ACSA, its difference from SMOTE with the Wilcoxon p-value,
 * and its cost ratio to SMOTE, all taken from `cells`.
 */
export function recommendations(
  cells: readonly CellResult[],
  kinds: Readonly<Record<string, 'table' | 'image'>>,
  order: { samplers?: readonly string[]; datasets?: readonly string[]; classifiers?: readonly string[] },
  metric: MetricName = 'acsa',
): Recommendation[] {
  const out: Recommendation[] = [];
  for (const kind of ['table', 'image'] as const) {
    const mine = cells.filter((c) => kinds[c.dataset] === kind);
    if (mine.length === 0) continue;
    const summary = summarize(mine, order);
    const kindWord = kind === 'table' ? 'tables' : 'image datasets';
    const sentences = summary.comparisons.filter((c) => c.metric === metric).map((c) => sentenceFor(c, summary, kindWord));
    if (sentences.length === 0) continue;
    out.push({ kind, text: `${kind === 'table' ? 'Tables' : 'Images'}: ${sentences.join(' ')}` });
  }
  return out;
}
