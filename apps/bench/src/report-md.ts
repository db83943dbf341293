/**
 * The Markdown report: run facts, average ranks, Friedman/Holm/Nemenyi and Wilcoxon tests, the
 * published DeepSMOTE numbers beside ours, mean +- std per dataset and sampler, times, image grids.
 */
import type { Comparison, GroupSummary, Summary } from './aggregate';
import { HEADLINE_METRICS } from './aggregate';
import { PUBLISHED_TO_SAMPLERS, SAMPLERS_WITH_PUBLISHED, publishedFor } from './published';
import type { ReportInput } from './report-input';
import { protocolText } from './report-input';
import { costPoints, ratioText } from './recommend';
import type { MetricName } from './results';
import { METRIC_LABELS, METRIC_LEGEND, METRIC_SHORT } from './results';

/** `0.812 ± 0.034` (`0.812 (1 cell)` for a single value), or `–` when missing. */
export function meanStd(s: { mean: number; std: number; n?: number } | undefined, digits = 3): string {
  if (!s || !Number.isFinite(s.mean)) return '–';
  // One value has no spread to show.
  if (s.n === 1) return `${s.mean.toFixed(digits)} (1 cell)`;
  return `${s.mean.toFixed(digits)} ± ${Number.isFinite(s.std) ? s.std.toFixed(digits) : '–'}`;
}

/** A p-value for tables: 2 significant digits, `<0.001` below that, with `*` under 0.05. */
export function formatP(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '–';
  const text = p < 0.001 ? '<0.001' : p.toPrecision(2);
  return p < 0.05 ? `${text} *` : text;
}

/** Milliseconds as `12 ms`, `3.4 s` or `2.1 min`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/**
 * Holm's significant pairs, grouped by the better sampler: `smote > none, random; adasyn > none`.
 * `none` when no pair differs at alpha.
 */
export function holmPairs(c: Comparison, alpha = 0.05): string {
  if (!c.holm) return '–';
  const wins = new Map<string, string[]>();
  for (const h of c.holm) {
    if (h.pHolm >= alpha) continue;
    const [better, worse] = h.z < 0 ? [c.samplers[h.a]!, c.samplers[h.b]!] : [c.samplers[h.b]!, c.samplers[h.a]!];
    wins.set(better, [...(wins.get(better) ?? []), worse]);
  }
  if (wins.size === 0) return 'none';
  return [...wins].map(([b, ws]) => `${b} > ${ws.join(', ')}`).join('; ');
}

/** Comparisons of one classifier, headline metrics in order. */
export function comparisonsOf(summary: Summary, classifier: string): Comparison[] {
  return HEADLINE_METRICS.map((m) => summary.comparisons.find((c) => c.classifier === classifier && c.metric === m)).filter(
    (c): c is Comparison => c !== undefined,
  );
}

/** The group of (classifier, dataset, sampler), if it ran. */
export function groupOf(summary: Summary, classifier: string, dataset: string, sampler: string): GroupSummary | undefined {
  return summary.groups.find((g) => g.classifier === classifier && g.dataset === dataset && g.sampler === sampler);
}

/** Headline metrics with at least one value for this classifier (F1-minority and AUC are absent for some data). */
export function metricsPresent(summary: Summary, classifier: string): MetricName[] {
  return HEADLINE_METRICS.filter((m) => summary.groups.some((g) => g.classifier === classifier && g.metrics[m] !== undefined));
}

/** Markdown text of the report. */
export function renderMarkdown(input: ReportInput): string {
  const { summary, info } = input;
  const out: string[] = [];
  out.push(`# oversample benchmark: preset \`${info.preset}\``);
  out.push('');
  out.push(
    `${info.startedAt} · ${info.machine} · TensorFlow.js backend: ${info.backend} · wall time of this run ${formatMs(info.wallSeconds * 1000)}` +
      `${info.cpuSeconds !== undefined ? ` (CPU ${formatMs(info.cpuSeconds * 1000)} over ${info.jobs} job(s))` : ''}, compute time of all cells ${formatMs(info.cellSeconds * 1000)}`,
  );
  out.push('');
  out.push(
    `${summary.datasets.length} dataset(s) x ${summary.samplers.length} sampler(s) x ${summary.classifiers.length} classifier(s) x ` +
      `${info.folds} folds x ${info.repeats} repeat(s) x ${info.seeds.length} seed(s) (${info.seeds.join(', ')}): ` +
      `${summary.totalCells} of ${info.planned} cells (${info.computed} computed now, ${info.cached} from the cache, ${summary.failures.length} failed).`,
  );
  if (info.interrupted) out.push('', '**Interrupted (Ctrl-C): this report covers the cells finished so far; rerun to resume.**');
  out.push('');
  out.push(protocolText(info));
  out.push('', METRIC_LEGEND);
  if (info.shard) out.push('', `Shard: ${info.shard}.`);
  if (info.ignoredCacheFiles > 0) out.push('', `${info.ignoredCacheFiles} damaged or foreign cache file(s) were ignored and recomputed.`);
  if (input.recommendations.length > 0) {
    out.push('', '## What this run suggests', '', '_Computed from the figures below (best average rank on ACSA, its Wilcoxon test against SMOTE, its resampling time against SMOTE\'s); no text here is written by hand._');
    for (const r of input.recommendations) out.push('', r.text);
  }
  if (info.datasetNotes.length > 0) {
    out.push('', 'Datasets:', '', ...info.datasetNotes.map((n) => `- ${n}`));
  }
  if (info.skipped.length > 0) out.push('', 'Not run:', '', ...info.skipped.map((s) => `- ${s}`));

  for (const classifier of summary.classifiers) {
    const cmps = comparisonsOf(summary, classifier);
    out.push('', `## ${classifier}`);
    if (cmps.length > 0) {
      const samplers = cmps[0]!.samplers;
      out.push('', `### Average ranks (over ${cmps[0]!.n} ${cmps[0]!.blocks === 'datasets' ? 'datasets' : 'folds x seeds'})`, '');
      const left = [...new Set(cmps.flatMap((c) => c.excluded))];
      if (left.length > 0) out.push(`_Left out of ranks and tests (failed on some ${cmps[0]!.blocks === 'datasets' ? 'dataset' : 'fold'}): ${left.join(', ')}._`, '');
      const costs = costPoints(summary, classifier);
      out.push(
        table(
          ['sampler', ...cmps.map((c) => METRIC_SHORT[c.metric]), 'resample (mean)', 'fit (mean)'],
          samplers.map((s) => {
            const cost = costs.find((c) => c.sampler === s);
            return [
              s,
              ...cmps.map((c) => {
                const i = c.samplers.indexOf(s);
                const r = i >= 0 ? c.averageRanks[i]! : Number.NaN;
                const best = Math.min(...c.averageRanks);
                return Number.isFinite(r) ? (r === best ? `**${r.toFixed(2)}**` : r.toFixed(2)) : '–';
              }),
              cost ? formatMs(cost.resampleMs) : '–',
              cost ? formatMs(cost.fitMs) : '–',
            ];
          }),
        ),
      );
      out.push('', `### Cost and quality: mean ACSA against mean resampling time per training fold`, '');
      const smote = costs.find((c) => c.sampler === 'smote');
      out.push(
        table(
          ['sampler', 'ACSA (mean over datasets)', 'resample per fold', smote ? 'x SMOTE\'s time' : ''].filter(Boolean),
          costs.map((c) => [c.sampler, c.score.toFixed(3), formatMs(c.resampleMs), ...(smote ? [c.sampler === 'none' ? '–' : ratioText(c.resampleMs, smote.resampleMs)] : [])]),
        ),
      );
      out.push('', '### Friedman test and post-hoc', '');
      out.push(
        table(
          ['metric', 'blocks', 'chi²', 'df', 'p', 'Nemenyi CD (α = 0.05)', 'Holm: pairs differing (α = 0.05)'],
          cmps.map((c) => [
            METRIC_SHORT[c.metric],
            String(c.n),
            c.friedman ? c.friedman.statistic.toFixed(2) : '–',
            c.friedman ? String(c.friedman.df) : '–',
            formatP(c.friedman?.pValue),
            c.criticalDifference !== undefined ? c.criticalDifference.toFixed(2) : '–',
            holmPairs(c),
          ]),
        ),
      );
      const pairs = [...new Set(cmps.flatMap((c) => c.wilcoxon.map((w) => `${w.sampler} vs ${w.baseline}`)))];
      if (pairs.length > 0) {
        out.push('', '### Wilcoxon signed-rank tests (two-sided; mean difference, p)', '');
        out.push(
          table(
            ['pair', ...cmps.map((c) => METRIC_SHORT[c.metric])],
            pairs.map((pair) => [
              pair,
              ...cmps.map((c) => {
                const w = c.wilcoxon.find((x) => `${x.sampler} vs ${x.baseline}` === pair);
                return w ? `${w.meanDifference >= 0 ? '+' : ''}${w.meanDifference.toFixed(3)}, p ${formatP(w.pValue)}` : '–';
              }),
            ]),
          ),
        );
        const n = cmps[0]!.n;
        if (n <= 5) out.push('', `_With ${n} blocks no two-sided Wilcoxon test can reach p < 0.05 (the smallest possible p is 2/2^${n} = ${(2 / 2 ** n).toFixed(3)})._`);
      }
    }
    for (const dataset of summary.datasets) {
      const published = publishedFor(dataset);
      if (!published || !summary.groups.some((g) => g.classifier === classifier && g.dataset === dataset)) continue;
      out.push('', `### ${dataset}: ours beside the published DeepSMOTE numbers (percent; ACSA / GM / F1; imbalanced test)`, '');
      const deviations = info.publication.find((p) => p.dataset === dataset)?.deviations ?? [];
      if (deviations.length > 0) out.push('How this run differs from the publication:', '', ...deviations.map((d) => `- ${d}`), '');
      const rows: string[][] = [];
      for (const [method, score] of Object.entries(published)) {
        const ours = PUBLISHED_TO_SAMPLERS[method] ?? [];
        const ran = ours.filter((s) => groupOf(summary, classifier, dataset, s));
        const publishedText = `${score.acsa} / ${score.gm} / ${score.f1}`;
        if (ran.length === 0) rows.push([method, publishedText, ours.length > 0 ? 'not run' : 'not in this project']);
        for (const s of ran) {
          const g = groupOf(summary, classifier, dataset, s)!;
          const pct = (m: MetricName): string => (g.metrics[m] ? (g.metrics[m].mean * 100).toFixed(2) : '–');
          rows.push([`${method} (${s})`, publishedText, `${pct('acsa')} / ${pct('gmMacro')} / ${pct('f1Macro')}`]);
        }
      }
      for (const s of summary.samplers) {
        if (SAMPLERS_WITH_PUBLISHED.includes(s)) continue;
        const g = groupOf(summary, classifier, dataset, s);
        if (!g) continue;
        const pct = (m: MetricName): string => (g.metrics[m] ? (g.metrics[m].mean * 100).toFixed(2) : '–');
        rows.push([s, '–', `${pct('acsa')} / ${pct('gmMacro')} / ${pct('f1Macro')}`]);
      }
      out.push(table(['method', 'published', 'ours'], rows));
    }
    const mine = summary.datasets.filter((d) => summary.groups.some((g) => g.classifier === classifier && g.dataset === d));
    if (mine.length === 1) {
      // One dataset: one table of samplers x metrics instead of a one-row table per metric.
      const d = mine[0]!;
      const metrics = metricsPresent(summary, classifier);
      out.push('', `### ${d}: mean ± std per sampler`, '');
      const best = metrics.map((m) => Math.max(...summary.samplers.map((s) => groupOf(summary, classifier, d, s)?.metrics[m]?.mean ?? Number.NEGATIVE_INFINITY)));
      out.push(
        table(
          ['sampler', ...metrics.map((m) => METRIC_SHORT[m])],
          summary.samplers.map((s) => [
            s,
            ...metrics.map((m, i) => {
              const x = groupOf(summary, classifier, d, s)?.metrics[m];
              return x && x.mean === best[i] ? `**${meanStd(x)}**` : meanStd(x);
            }),
          ]),
        ),
      );
    }
    for (const metric of mine.length === 1 ? [] : metricsPresent(summary, classifier)) {
      out.push('', `### ${METRIC_LABELS[metric]} per dataset (mean ± std)`, '');
      const rows = summary.datasets
        .filter((d) => summary.groups.some((g) => g.classifier === classifier && g.dataset === d))
        .map((d) => {
          const stats = summary.samplers.map((s) => groupOf(summary, classifier, d, s)?.metrics[metric]);
          const best = Math.max(...stats.map((x) => x?.mean ?? Number.NEGATIVE_INFINITY));
          return [d, ...stats.map((x) => (x && x.mean === best ? `**${meanStd(x)}**` : meanStd(x)))];
        });
      out.push(table(['dataset', ...summary.samplers], rows));
    }
    const balanced = input.balanced;
    if (balanced && balanced.groups.some((g) => g.classifier === classifier)) {
      for (const d of balanced.datasets) {
        const metrics = metricsPresent(balanced, classifier);
        if (!balanced.groups.some((g) => g.classifier === classifier && g.dataset === d)) continue;
        out.push('', `### ${d}: balanced test (the whole test fold), mean ± std per sampler`, '');
        out.push(
          table(
            ['sampler', ...metrics.map((m) => METRIC_SHORT[m])],
            balanced.samplers.map((s) => [s, ...metrics.map((m) => meanStd(groupOf(balanced, classifier, d, s)?.metrics[m]))]),
          ),
        );
      }
    }
    out.push('', '### Time per cell (mean: resample / fit / predict)', '');
    out.push(
      table(
        ['sampler', 'resample', 'fit', 'predict', 'training rows after resampling (mean)'],
        summary.samplers.map((s) => {
          const gs = summary.groups.filter((g) => g.classifier === classifier && g.sampler === s && g.resampleMs.n > 0);
          const avg = (f: (g: GroupSummary) => number): number => gs.reduce((a, g) => a + f(g), 0) / Math.max(1, gs.length);
          return gs.length === 0
            ? [s, '–', '–', '–', '–']
            : [s, formatMs(avg((g) => g.resampleMs.mean)), formatMs(avg((g) => g.fitMs.mean)), formatMs(avg((g) => g.predictMs.mean)), Math.round(avg((g) => g.resampledRows)).toString()];
        }),
      ),
    );
  }
  if (input.images.length > 0) {
    out.push('', '## Synthetic images', '');
    for (const img of input.images) out.push(`![${img.caption}](${img.file})`, '', `_${img.caption}_`, '');
  }
  if (summary.failures.length > 0) {
    out.push('', '## Failed cells', '');
    const seen = new Set<string>();
    for (const f of summary.failures) {
      const key = `${f.dataset} / ${f.sampler} / ${f.classifier}: ${f.error ?? 'unknown error'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(`- ${key}`);
    }
  }
  out.push('');
  return out.join('\n');
}
