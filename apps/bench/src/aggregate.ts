/**
 * From cells to what the reports show: mean +- std per (classifier, dataset, sampler), average
 * ranks, Friedman with Holm and Nemenyi post-hoc tests, Wilcoxon tests against baselines, times.
 */
import type { CellResult, MetricName } from './results';
import { METRIC_NAMES } from './results';
import type { FriedmanResult, PairwiseComparison, WilcoxonResult } from './stats';
import { averageRanks, friedmanTest, holmPostHoc, mean, nemenyiCriticalDifference, std, wilcoxonSignedRank } from './stats';

/** Metrics that get ranks, tests and charts (the others are in the tables and the CSV). */
export const HEADLINE_METRICS: readonly MetricName[] = ['acsa', 'gmMacro', 'gmMulticlass', 'f1Macro', 'f1Minority', 'rocAuc'];

/** Mean, sample standard deviation and count of one metric over the cells of a group. */
export interface Stat {
  readonly mean: number;
  readonly std: number;
  readonly n: number;
}

/** Summary of one (classifier, dataset, sampler) group. */
export interface GroupSummary {
  readonly classifier: string;
  readonly dataset: string;
  readonly sampler: string;
  readonly cells: number;
  readonly failed: number;
  readonly metrics: Partial<Record<MetricName, Stat>>;
  readonly resampleMs: Stat;
  readonly fitMs: Stat;
  readonly predictMs: Stat;
  readonly resampledRows: number;
}

/** A Wilcoxon test of one sampler against a baseline over the comparison's blocks. */
export interface PairTest extends WilcoxonResult {
  readonly sampler: string;
  readonly baseline: string;
  /** Mean over blocks of (sampler - baseline). */
  readonly meanDifference: number;
}

/** Ranks and tests for one classifier and one metric. */
export interface Comparison {
  readonly classifier: string;
  readonly metric: MetricName;
  /** `datasets`: one block per dataset (its mean over folds and seeds); `folds`: one per (repeat, fold, seed) of the only dataset. */
  readonly blocks: 'datasets' | 'folds';
  readonly n: number;
  readonly samplers: readonly string[];
  /** Samplers left out because some block has no score of theirs (failed cells). */
  readonly excluded: readonly string[];
  readonly averageRanks: readonly number[];
  /** Per block, the scores (columns = samplers), for charts. */
  readonly scores: readonly (readonly number[])[];
  readonly blockNames: readonly string[];
  readonly friedman?: FriedmanResult;
  readonly holm?: readonly PairwiseComparison[];
  readonly criticalDifference?: number;
  readonly wilcoxon: readonly PairTest[];
}

/** Everything the reports need. */
export interface Summary {
  readonly classifiers: readonly string[];
  readonly datasets: readonly string[];
  readonly samplers: readonly string[];
  readonly groups: readonly GroupSummary[];
  readonly comparisons: readonly Comparison[];
  readonly failures: readonly CellResult[];
  readonly totalCells: number;
}

function stat(values: number[]): Stat {
  return { mean: mean(values), std: std(values), n: values.length };
}

function uniqueInOrder(values: Iterable<string>, order?: readonly string[]): string[] {
  const set = [...new Set(values)];
  if (!order) return set;
  return set.sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.localeCompare(b);
  });
}

/**
 * Summarises cells. `samplerOrder`/`datasetOrder` fix the display order (as requested on the
 * command line); names not in them follow alphabetically.
 */
export function summarize(
  cells: readonly CellResult[],
  order: { samplers?: readonly string[]; datasets?: readonly string[]; classifiers?: readonly string[] } = {},
): Summary {
  const samplers = uniqueInOrder(cells.map((c) => c.sampler), order.samplers);
  const datasets = uniqueInOrder(cells.map((c) => c.dataset), order.datasets);
  const classifiers = uniqueInOrder(cells.map((c) => c.classifier), order.classifiers);
  const byGroup = new Map<string, CellResult[]>();
  for (const c of cells) {
    const k = `${c.classifier}\u0000${c.dataset}\u0000${c.sampler}`;
    const list = byGroup.get(k) ?? [];
    list.push(c);
    byGroup.set(k, list);
  }
  const groups: GroupSummary[] = [];
  for (const classifier of classifiers) {
    for (const dataset of datasets) {
      for (const sampler of samplers) {
        const list = byGroup.get(`${classifier}\u0000${dataset}\u0000${sampler}`);
        if (!list) continue;
        const ok = list.filter((c) => c.status === 'ok');
        const metrics: Partial<Record<MetricName, Stat>> = {};
        for (const m of METRIC_NAMES) {
          const values = ok.map((c) => c.metrics[m]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
          if (values.length > 0) metrics[m] = stat(values);
        }
        groups.push({
          classifier,
          dataset,
          sampler,
          cells: list.length,
          failed: list.length - ok.length,
          metrics,
          resampleMs: stat(ok.map((c) => c.resampleMs)),
          fitMs: stat(ok.map((c) => c.fitMs)),
          predictMs: stat(ok.map((c) => c.predictMs)),
          resampledRows: mean(ok.map((c) => c.resampledRows)),
        });
      }
    }
  }
  const comparisons: Comparison[] = [];
  for (const classifier of classifiers) {
    for (const metric of HEADLINE_METRICS) {
      const cmp = compare(cells, classifier, metric, samplers, datasets);
      if (cmp) comparisons.push(cmp);
    }
  }
  return {
    classifiers,
    datasets,
    samplers,
    groups,
    comparisons,
    failures: cells.filter((c) => c.status === 'failed'),
    totalCells: cells.length,
  };
}

function compare(
  cells: readonly CellResult[],
  classifier: string,
  metric: MetricName,
  allSamplers: readonly string[],
  allDatasets: readonly string[],
): Comparison | undefined {
  const mine = cells.filter((c) => c.classifier === classifier && c.status === 'ok' && Number.isFinite(c.metrics[metric] ?? Number.NaN));
  const present = allSamplers.filter((s) => mine.some((c) => c.sampler === s));
  if (present.length < 2) return undefined;
  const datasets = allDatasets.filter((d) => mine.some((c) => c.dataset === d));
  const blocks: 'datasets' | 'folds' = datasets.length >= 2 ? 'datasets' : 'folds';
  const blockOf = (c: CellResult): string => (blocks === 'datasets' ? c.dataset : `r${c.repeat} f${c.fold} s${c.seed}`);
  const values = new Map<string, Map<string, number[]>>();
  for (const c of mine) {
    const b = blockOf(c);
    const row = values.get(b) ?? new Map<string, number[]>();
    const list = row.get(c.sampler) ?? [];
    list.push(c.metrics[metric]!);
    row.set(c.sampler, list);
    values.set(b, row);
  }
  // Ranks need every sampler scored in every block. A sampler that failed somewhere would cost
  // those blocks for all the others, so it is left out of the comparison (and named) instead,
  // unless that leaves fewer than two samplers.
  const allBlocks = [...values.keys()];
  const complete = present.filter((s) => allBlocks.every((b) => values.get(b)!.has(s)));
  const samplers = complete.length >= 2 ? complete : present;
  const excluded = present.filter((s) => !samplers.includes(s));
  const blockNames = allBlocks.filter((b) => samplers.every((s) => values.get(b)!.has(s)));
  if (blockNames.length === 0) return undefined;
  const scores = blockNames.map((b) => samplers.map((s) => mean(values.get(b)!.get(s)!)));
  const ranks = averageRanks(scores, true);
  const n = blockNames.length;
  const k = samplers.length;
  const friedman = k >= 3 && n >= 2 ? friedmanTest(scores) : undefined;
  const holm = n >= 2 ? holmPostHoc(ranks, n) : undefined;
  const criticalDifference = n >= 2 ? nemenyiCriticalDifference(k, n) : undefined;
  const wilcoxon: PairTest[] = [];
  for (const baseline of ['none', 'smote']) {
    const bi = samplers.indexOf(baseline);
    if (bi < 0) continue;
    for (const [si, sampler] of samplers.entries()) {
      if (si === bi || (baseline === 'smote' && sampler === 'none')) continue;
      const a = scores.map((r) => r[si]!);
      const b = scores.map((r) => r[bi]!);
      const w = wilcoxonSignedRank(a, b);
      wilcoxon.push({ ...w, sampler, baseline, meanDifference: mean(a.map((v, i) => v - b[i]!)) });
    }
  }
  return {
    classifier,
    metric,
    blocks,
    n,
    samplers,
    excluded,
    averageRanks: ranks,
    scores,
    blockNames,
    ...(friedman ? { friedman } : {}),
    ...(holm ? { holm } : {}),
    ...(criticalDifference !== undefined ? { criticalDifference } : {}),
    wilcoxon,
  };
}
