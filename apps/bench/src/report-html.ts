/**
 * The HTML report: one self-contained file (inline CSS, inline SVG charts, PNG grids as data URIs)
 * with the same content as the Markdown report plus charts.
 */
import type { Comparison, Summary } from './aggregate';
import { PUBLISHED_TO_SAMPLERS, SAMPLERS_WITH_PUBLISHED, publishedFor } from './published';
import type { ReportInput, RunInfo } from './report-input';
import { protocolText } from './report-input';
import { costPoints, ratioText } from './recommend';
import { comparisonsOf, formatMs, formatP, groupOf, holmPairs, meanStd, metricsPresent } from './report-md';
import type { MetricName } from './results';
import { METRIC_LABELS, METRIC_LEGEND, METRIC_SHORT } from './results';
import { PALETTE, barChart, costChart, criticalDifferenceDiagram, escapeXml, stripChart } from './svg-chart';

const CSS = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{max-width:1280px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:26px;margin:0 0 6px}h2{font-size:21px;margin:34px 0 8px;border-bottom:2px solid #eee;padding-bottom:4px}
h3{font-size:16px;margin:24px 0 6px}p.meta{color:#555;margin:2px 0}
table{border-collapse:collapse;margin:6px 0 14px;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{background:#f3f4f6;position:sticky;top:0}
td.best{font-weight:700;background:#eef6ee}td.wrap{white-space:normal;text-align:left;min-width:340px}table.tests th:last-child{text-align:left}td.sig{color:#0a6b2d;font-weight:600}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:6px 10px;margin:8px 0;font-size:14px}
.warn{background:#fdecea;border-left:4px solid #d93025;padding:6px 10px;margin:8px 0}
.scroll{overflow-x:auto}figure{margin:10px 0 18px}figcaption{font-size:13px;color:#555;margin-top:4px}
img.grid{border:1px solid #ccc;width:100%;height:auto}
.grids{display:flex;flex-wrap:wrap;gap:18px}.grids figure{width:560px;margin:0}.grids h3{margin:4px 0}
nav a{margin-right:12px}ul{margin:4px 0}details{margin:6px 0}summary{cursor:pointer;color:#0b57d0}
`;

function tableHtml(header: readonly string[], rows: readonly (readonly { text: string; cls?: string }[])[], tableClass?: string): string {
  const head = `<tr>${header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td${c.cls ? ` class="${c.cls}"` : ''}>${escapeXml(c.text)}</td>`).join('')}</tr>`).join('');
  return `<div class="scroll"><table${tableClass ? ` class="${tableClass}"` : ''}><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

/** One colour per sampler for the whole report, by its position in the run's sampler list. */
function samplerColor(summary: Summary, name: string): string {
  const i = summary.samplers.indexOf(name);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length]!;
}

const cell = (text: string, cls?: string): { text: string; cls?: string } => (cls ? { text, cls } : { text });

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function rankSection(summary: Summary, cmps: readonly Comparison[]): string {
  const samplers = cmps[0]!.samplers;
  const left = [...new Set(cmps.flatMap((c) => c.excluded))];
  const head =
    `<h3>Average ranks over ${cmps[0]!.n} ${cmps[0]!.blocks === 'datasets' ? 'datasets' : 'folds x seeds of the one dataset'} (1 = best)</h3>` +
    (left.length > 0 ? `<div class="note">Left out of ranks and tests because some of their cells failed (see Failed cells): ${escapeXml(left.join(', '))}.</div>` : '');
  const costs = costPoints(summary, cmps[0]!.classifier);
  const rows = samplers.map((s) => {
    const cost = costs.find((c) => c.sampler === s);
    return [
      cell(s),
      ...cmps.map((c) => {
        const r = c.averageRanks[c.samplers.indexOf(s)]!;
        return cell(r.toFixed(2), r === Math.min(...c.averageRanks) ? 'best' : undefined);
      }),
      cell(cost ? formatMs(cost.resampleMs) : '–'),
      cell(cost ? formatMs(cost.fitMs) : '–'),
    ];
  });
  const chart = barChart({
    title: 'Average rank per sampler (lower is better)',
    categories: cmps.map((c) => METRIC_SHORT[c.metric]),
    series: samplers.map((s) => ({ name: s, color: samplerColor(summary, s), values: cmps.map((c) => c.averageRanks[c.samplers.indexOf(s)]!) })),
    yLabel: 'average rank',
    yMin: 0,
    yMax: samplers.length,
  });
  return head + tableHtml(['sampler', ...cmps.map((c) => METRIC_SHORT[c.metric]), 'resample (mean)', 'fit (mean)'], rows) + `<figure>${chart}</figure>`;
}

function testsSection(cmps: readonly Comparison[]): string {
  if (cmps[0]!.n < 2) return '<p class="meta">One block only: no significance tests (they need at least two datasets, or folds x seeds).</p>';
  const parts: string[] = ['<h3>Friedman test with Holm and Nemenyi post-hoc tests (α = 0.05)</h3>'];
  parts.push(
    tableHtml(
      ['metric', 'blocks', 'χ²', 'df', 'p', 'Nemenyi CD', 'Holm: significant pairs'],
      cmps.map((c) => [
        cell(METRIC_SHORT[c.metric]),
        cell(String(c.n)),
        cell(c.friedman ? c.friedman.statistic.toFixed(2) : '–'),
        cell(c.friedman ? String(c.friedman.df) : '–'),
        cell(formatP(c.friedman?.pValue), c.friedman && c.friedman.pValue < 0.05 ? 'sig' : undefined),
        cell(c.criticalDifference !== undefined ? c.criticalDifference.toFixed(2) : '–'),
        cell(holmPairs(c), 'wrap'),
      ]),
      'tests',
    ),
  );
  const first = cmps.find((c) => c.criticalDifference !== undefined && c.samplers.length >= 2);
  if (first) {
    parts.push(
      `<figure>${criticalDifferenceDiagram({ title: `Critical difference diagram: ${METRIC_LABELS[first.metric]}`, names: first.samplers, ranks: first.averageRanks, cd: first.criticalDifference! })}` +
        `<figcaption>Average ranks (best on the left); samplers joined by a black bar are not significantly different (Nemenyi, α = 0.05, CD in red).</figcaption></figure>`,
    );
  }
  const pairs = [...new Set(cmps.flatMap((c) => c.wilcoxon.map((w) => `${w.sampler} vs ${w.baseline}`)))];
  if (pairs.length > 0) {
    parts.push('<h3>Wilcoxon signed-rank tests (two-sided): mean difference and p</h3>');
    parts.push(
      tableHtml(
        ['pair', ...cmps.map((c) => METRIC_SHORT[c.metric])],
        pairs.map((pair) => [
          cell(pair),
          ...cmps.map((c) => {
            const w = c.wilcoxon.find((x) => `${x.sampler} vs ${x.baseline}` === pair);
            if (!w) return cell('–');
            const sig = w.pValue < 0.05;
            return cell(`${w.meanDifference >= 0 ? '+' : ''}${w.meanDifference.toFixed(3)} (p ${formatP(w.pValue)})`, sig ? 'sig' : undefined);
          }),
        ]),
      ),
    );
    parts.push('<p class="meta">Positive difference: the first sampler scores higher. * and green: p &lt; 0.05 (not corrected for multiple comparisons).</p>');
    const n = cmps[0]!.n;
    if (n <= 5) {
      parts.push(`<div class="note">With ${n} blocks no two-sided Wilcoxon test can reach p &lt; 0.05: the smallest possible p is 2/2^${n} = ${(2 / 2 ** n).toFixed(3)}. More folds, seeds or datasets are needed for significance.</div>`);
    }
  }
  return parts.join('');
}

function publishedSection(summary: Summary, classifier: string, info: RunInfo): string {
  const parts: string[] = [];
  for (const dataset of summary.datasets) {
    const published = publishedFor(dataset);
    if (!published || !summary.groups.some((g) => g.classifier === classifier && g.dataset === dataset)) continue;
    parts.push(`<h3>${escapeXml(dataset)}: ours beside the published DeepSMOTE results (percent; imbalanced test)</h3>`);
    const deviations = info.publication.find((p) => p.dataset === dataset)?.deviations ?? [];
    if (deviations.length > 0) {
      parts.push(`<div class="note"><b>How this run differs from the publication</b><ul>${deviations.map((d) => `<li>${escapeXml(d)}</li>`).join('')}</ul></div>`);
    }
    const pct = (g: ReturnType<typeof groupOf>, m: MetricName): string => (g?.metrics[m] ? (g.metrics[m].mean * 100).toFixed(2) : '–');
    const rows: { text: string; cls?: string }[][] = [];
    for (const [method, score] of Object.entries(published)) {
      const ours = PUBLISHED_TO_SAMPLERS[method] ?? [];
      const ran = ours.filter((s) => groupOf(summary, classifier, dataset, s));
      const publishedCells = [cell(score.acsa.toFixed(2)), cell(score.gm.toFixed(2)), cell(score.f1.toFixed(2))];
      if (ran.length === 0) rows.push([cell(method), ...publishedCells, cell(ours.length > 0 ? 'not run' : 'not in this project'), cell(''), cell('')]);
      for (const s of ran) {
        const g = groupOf(summary, classifier, dataset, s)!;
        rows.push([cell(`${method} (${s})`), ...publishedCells, cell(pct(g, 'acsa')), cell(pct(g, 'gmMacro')), cell(pct(g, 'f1Macro'))]);
      }
    }
    for (const s of summary.samplers) {
      if (SAMPLERS_WITH_PUBLISHED.includes(s)) continue;
      const g = groupOf(summary, classifier, dataset, s);
      if (!g) continue;
      rows.push([cell(s), cell('–'), cell('–'), cell('–'), cell(pct(g, 'acsa')), cell(pct(g, 'gmMacro')), cell(pct(g, 'f1Macro'))]);
    }
    parts.push(tableHtml(['method', 'published ACSA', 'published GM', 'published F1', 'our ACSA', 'our GM', 'our F1'], rows));
  }
  return parts.join('');
}

function perDatasetSection(summary: Summary, classifier: string): string {
  const parts: string[] = [];
  const datasets = summary.datasets.filter((d) => summary.groups.some((g) => g.classifier === classifier && g.dataset === d));
  if (datasets.length === 1) {
    // One dataset: one table of samplers x metrics and one chart, instead of one-row tables.
    const d = datasets[0]!;
    const metrics = metricsPresent(summary, classifier);
    const stat = (s: string, m: MetricName): { mean: number; std: number; n: number } | undefined => groupOf(summary, classifier, d, s)?.metrics[m];
    const best = metrics.map((m) => Math.max(...summary.samplers.map((s) => stat(s, m)?.mean ?? Number.NEGATIVE_INFINITY)));
    parts.push(`<h3>${escapeXml(d)}: mean ± std per sampler</h3>`);
    parts.push(
      tableHtml(
        ['sampler', ...metrics.map((m) => METRIC_SHORT[m])],
        summary.samplers.map((s) => [cell(s), ...metrics.map((m, i) => cell(meanStd(stat(s, m)), stat(s, m)?.mean === best[i] ? 'best' : undefined))]),
      ),
    );
    const series = summary.samplers.map((s) => ({ name: s, color: samplerColor(summary, s), values: metrics.map((m) => stat(s, m)?.mean ?? Number.NaN), errors: metrics.map((m) => stat(s, m)?.std ?? 0) }));
    parts.push(`<figure>${barChart({ title: `${d}: scores per sampler (mean ± std over folds and seeds)`, categories: metrics.map((m) => METRIC_SHORT[m]), series, yMin: 0, yMax: 1 })}</figure>`);
    return parts.join('');
  }
  for (const metric of metricsPresent(summary, classifier)) {
    const rows = datasets.map((d) => {
      const stats = summary.samplers.map((s) => groupOf(summary, classifier, d, s)?.metrics[metric]);
      const best = Math.max(...stats.map((x) => x?.mean ?? Number.NEGATIVE_INFINITY));
      return [cell(d), ...stats.map((x) => cell(meanStd(x), x && x.mean === best ? 'best' : undefined))];
    });
    parts.push(`<h3>${escapeXml(METRIC_LABELS[metric])}: mean ± std per dataset</h3>`);
    parts.push(tableHtml(['dataset', ...summary.samplers], rows));
    const series = summary.samplers.map((s) => ({
      name: s,
      color: samplerColor(summary, s),
      values: datasets.map((d) => groupOf(summary, classifier, d, s)?.metrics[metric]?.mean ?? Number.NaN),
      errors: datasets.map((d) => groupOf(summary, classifier, d, s)?.metrics[metric]?.std ?? 0),
    }));
    parts.push(`<details><summary>Chart: ${escapeXml(METRIC_LABELS[metric])} per dataset</summary><figure>${barChart({ title: `${METRIC_LABELS[metric]} per dataset (mean ± std)`, categories: datasets, series, yLabel: METRIC_SHORT[metric], yMin: 0, yMax: 1, width: Math.max(900, datasets.length * summary.samplers.length * 7) })}</figure></details>`);
  }
  return parts.join('');
}

function balancedSection(balanced: Summary | undefined, classifier: string): string {
  if (!balanced) return '';
  const parts: string[] = [];
  for (const d of balanced.datasets) {
    if (!balanced.groups.some((g) => g.classifier === classifier && g.dataset === d)) continue;
    const metrics = metricsPresent(balanced, classifier);
    const stat = (s: string, m: MetricName): { mean: number; std: number; n: number } | undefined => groupOf(balanced, classifier, d, s)?.metrics[m];
    const best = metrics.map((m) => Math.max(...balanced.samplers.map((s) => stat(s, m)?.mean ?? Number.NEGATIVE_INFINITY)));
    parts.push(`<h3>${escapeXml(d)}: balanced test (the whole test fold), mean ± std per sampler</h3>`);
    parts.push(tableHtml(['sampler', ...metrics.map((m) => METRIC_SHORT[m])], balanced.samplers.map((s) => [cell(s), ...metrics.map((m, i) => cell(meanStd(stat(s, m)), stat(s, m)?.mean === best[i] ? 'best' : undefined))])));
  }
  return parts.join('');
}

function costSection(summary: Summary, classifier: string): string {
  const costs = costPoints(summary, classifier);
  if (costs.length < 2) return '';
  const smote = costs.find((c) => c.sampler === 'smote');
  const chart = costChart({
    title: `${classifier}: mean ACSA against mean resampling time per training fold`,
    points: costs.map((c) => ({ name: c.sampler, x: c.resampleMs, y: c.score, color: samplerColor(summary, c.sampler), title: `${c.sampler}: ACSA ${c.score.toFixed(3)}, resampling ${formatMs(c.resampleMs)}` })),
    xLabel: 'resampling time per training fold (log scale)',
    yLabel: 'ACSA (mean over datasets)',
  });
  const rows = costs.map((c) => [
    cell(c.sampler),
    cell(c.score.toFixed(3)),
    cell(formatMs(c.resampleMs)),
    cell(formatMs(c.fitMs)),
    ...(smote ? [cell(c.sampler === 'none' ? '–' : ratioText(c.resampleMs, smote.resampleMs))] : []),
  ]);
  return (
    `<h3>Cost and quality</h3><figure>${chart}<figcaption>Each point is a sampler: up is better, left is cheaper (the time axis is logarithmic): the price of each point of ACSA at a glance.</figcaption></figure>` +
    tableHtml(['sampler', 'ACSA (mean)', 'resample per fold', 'classifier fit', ...(smote ? ["x SMOTE's resampling time"] : [])], rows)
  );
}

function timesSection(summary: Summary, classifier: string): string {
  const rows = summary.samplers.map((s) => {
    const gs = summary.groups.filter((g) => g.classifier === classifier && g.sampler === s && g.resampleMs.n > 0);
    const avg = (f: (g: (typeof gs)[number]) => number): number => gs.reduce((a, g) => a + f(g), 0) / Math.max(1, gs.length);
    return gs.length === 0
      ? [cell(s), cell('–'), cell('–'), cell('–'), cell('–')]
      : [cell(s), cell(formatMs(avg((g) => g.resampleMs.mean))), cell(formatMs(avg((g) => g.fitMs.mean))), cell(formatMs(avg((g) => g.predictMs.mean))), cell(String(Math.round(avg((g) => g.resampledRows))))];
  });
  return `<h3>Time per cell (mean over datasets)</h3>${tableHtml(['sampler', 'resample', 'fit', 'predict', 'training rows after resampling'], rows)}`;
}

/** The report as one HTML document. */
export function renderHtml(input: ReportInput): string {
  const { summary, info } = input;
  const body: string[] = [];
  body.push(`<h1>oversample benchmark · preset <code>${escapeXml(info.preset)}</code></h1>`);
  body.push(`<p class="meta">${escapeXml(info.startedAt)} · ${escapeXml(info.machine)} · TensorFlow.js backend: ${escapeXml(info.backend)} · wall time of this run ${escapeXml(formatMs(info.wallSeconds * 1000))}${info.cpuSeconds !== undefined ? ` (CPU ${escapeXml(formatMs(info.cpuSeconds * 1000))} over ${info.jobs} job(s))` : ''}, compute time of all cells ${escapeXml(formatMs(info.cellSeconds * 1000))}</p>`);
  body.push(
    `<p class="meta">${summary.datasets.length} dataset(s) × ${summary.samplers.length} sampler(s) × ${summary.classifiers.length} classifier(s) × ${info.folds} folds × ${info.repeats} repeat(s) × ${info.seeds.length} seed(s): ` +
      `${summary.totalCells} of ${info.planned} cells (${info.computed} computed in this run, ${info.cached} from the cache, ${summary.failures.length} failed).</p>`,
  );
  if (info.interrupted) body.push('<div class="warn"><b>Interrupted (Ctrl-C).</b> This report covers the cells finished so far; run the same command again to resume.</div>');
  body.push(`<p>${escapeXml(protocolText(info))} Bold/green marks the best sampler.</p>`);
  body.push(`<p class="meta">${escapeXml(METRIC_LEGEND)}</p>`);
  if (info.shard) body.push(`<p class="meta">Shard: ${escapeXml(info.shard)}.</p>`);
  if (info.ignoredCacheFiles > 0) body.push(`<div class="note">${info.ignoredCacheFiles} damaged or foreign cache file(s) were ignored and recomputed.</div>`);
  if (input.recommendations.length > 0) {
    body.push('<h2>What this run suggests</h2><p class="meta">Computed from the figures below (best average rank on ACSA, its Wilcoxon test against SMOTE, its resampling time against SMOTE\'s); no text here is written by hand.</p>');
    for (const r of input.recommendations) body.push(`<p>${escapeXml(r.text)}</p>`);
  }
  if (summary.classifiers.length > 1) {
    body.push(`<nav>${summary.classifiers.map((c) => `<a href="#clf-${escapeXml(c)}">${escapeXml(c)}</a>`).join('')}${input.images.length > 0 ? '<a href="#images">synthetic images</a>' : ''}</nav>`);
  }
  for (const classifier of summary.classifiers) {
    body.push(`<h2 id="clf-${escapeXml(classifier)}">Classifier: ${escapeXml(classifier)}</h2>`);
    const cmps = comparisonsOf(summary, classifier);
    if (cmps.length > 0) {
      body.push(rankSection(summary, cmps));
      const primary = cmps[0]!;
      body.push(
        `<figure>${stripChart({ title: `${METRIC_LABELS[primary.metric]} per ${primary.blocks === 'datasets' ? 'dataset' : 'fold'} and sampler`, names: primary.samplers, colors: primary.samplers.map((n) => samplerColor(summary, n)), scores: primary.scores, blockNames: primary.blockNames, yLabel: METRIC_SHORT[primary.metric] })}` +
          `<figcaption>Each dot is one ${primary.blocks === 'datasets' ? 'dataset (mean over folds and seeds)' : 'fold'}; grey lines join the same ${primary.blocks === 'datasets' ? 'dataset' : 'fold'} across samplers; the thick bar is the mean. Hover a dot for its name.</figcaption></figure>`,
      );
      body.push(testsSection(cmps));
      body.push(costSection(summary, classifier));
    } else {
      body.push('<p>Fewer than two samplers finished: no ranks or tests.</p>');
    }
    body.push(publishedSection(summary, classifier, info));
    body.push(balancedSection(input.balanced, classifier));
    body.push(perDatasetSection(summary, classifier));
    body.push(timesSection(summary, classifier));
  }
  if (input.images.length > 0) {
    body.push('<h2 id="images">Synthetic images</h2>');
    body.push('<p class="meta">Training fold 1, seed 1 of each image dataset. Each row is a class (class 0 at the top): on the left real training images, on the right the sampler\'s synthetic images of that class; grey tiles: no image (a class with no synthetic rows, such as the majority class, or with fewer real rows).</p>');
    body.push('<div class="grids">');
    for (const img of input.images) {
      body.push(
        `<figure><h3>${escapeXml(`${img.dataset} · ${img.sampler}`)}</h3><img class="grid" alt="${escapeXml(img.caption)}" src="data:image/png;base64,${base64(img.png)}"><figcaption>${escapeXml(img.caption)}</figcaption></figure>`,
      );
    }
    body.push('</div>');
  }
  if (info.datasetNotes.length > 0) {
    body.push(`<h2>Datasets</h2><ul>${info.datasetNotes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>`);
  }
  if (info.skipped.length > 0) body.push(`<h2>Not run</h2><ul>${info.skipped.map((s) => `<li>${escapeXml(s)}</li>`).join('')}</ul>`);
  if (summary.failures.length > 0) {
    const seen = new Map<string, number>();
    for (const f of summary.failures) {
      const key = `${f.dataset} / ${f.sampler} / ${f.classifier}: ${f.error ?? 'unknown error'}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    body.push(`<h2>Failed cells</h2><ul>${[...seen].map(([k, n]) => `<li>${escapeXml(k)}${n > 1 ? ` (${n} cells)` : ''}</li>`).join('')}</ul>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>oversample benchmark: ${escapeXml(info.preset)}</title><style>${CSS}</style></head><body><main>${body.join('\n')}</main></body></html>\n`;
}
