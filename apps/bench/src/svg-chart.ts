/**
 * Inline SVG charts for the HTML report, as strings with no dependencies: grouped bars with error
 * bars, strip plots of per-block scores, and Demšar's critical-difference diagram.
 */

/** A colour-blind-friendly palette (Okabe-Ito, then Tableau), cycled per series. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#8c564b', '#7f7f7f', '#bcbd22'];

/** Escapes text for SVG/HTML content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();

function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(Math.round(t / step) * step);
  return ticks;
}

/** One series of a bar chart: a value (and optional error) per category. */
export interface BarSeries {
  readonly name: string;
  /** Fill colour; default: the palette by position. */
  readonly color?: string;
  readonly values: readonly number[];
  readonly errors?: readonly number[];
}

/** Options of `barChart`. */
export interface BarChartOptions {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly yLabel?: string;
  readonly yMin?: number;
  readonly yMax?: number;
  readonly width?: number;
  readonly height?: number;
  /** Draw the value above each bar (few bars only). */
  readonly labels?: boolean;
}

function legend(names: readonly string[], x: number, y: number, width: number, colors: readonly string[]): { svg: string; height: number } {
  const parts: string[] = [];
  let cx = x;
  let cy = y;
  for (const [i, name] of names.entries()) {
    const w = 18 + name.length * 7 + 14;
    if (cx + w > x + width) {
      cx = x;
      cy += 18;
    }
    parts.push(
      `<rect x="${cx}" y="${cy - 9}" width="11" height="11" fill="${colors[i]}"/>` +
        `<text x="${cx + 15}" y="${cy + 1}" font-size="12">${escapeXml(name)}</text>`,
    );
    cx += w;
  }
  return { svg: parts.join(''), height: cy - y + 18 };
}

/**
 * Grouped vertical bars: one group per category, one bar per series, optional +-error whiskers.
 *
 * @example
 * barChart({ title: 'F1', categories: ['glass1'], series: [{ name: 'smote', values: [0.7] }] })
 */
export function barChart(o: BarChartOptions): string {
  const width = o.width ?? 900;
  const plotLeft = 60;
  const plotRight = width - 15;
  const top = 34;
  const colors = o.series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]!);
  const leg = legend(o.series.map((s) => s.name), plotLeft, top, plotRight - plotLeft, colors);
  const plotTop = top + leg.height + 6;
  const longest = Math.max(...o.categories.map((c) => c.length), 1);
  // Rotate category labels only when they would not fit side by side.
  const rotate = longest * 7 > (plotRight - plotLeft) / Math.max(1, o.categories.length);
  const bottomPad = rotate ? Math.min(160, 20 + longest * 5.5) : 34;
  const plotHeight = (o.height ?? 300) - 60;
  const plotBottom = plotTop + plotHeight;
  const height = plotBottom + bottomPad + 10;
  const all = o.series.flatMap((s) => s.values.map((v, i) => v + (s.errors?.[i] ?? 0))).filter(Number.isFinite);
  const lows = o.series.flatMap((s) => s.values.map((v, i) => v - (s.errors?.[i] ?? 0))).filter(Number.isFinite);
  const yMin = o.yMin ?? Math.min(0, ...lows);
  const yMax = o.yMax ?? Math.max(1e-9, ...all);
  const y = (v: number): number => plotBottom - ((v - yMin) / (yMax - yMin || 1)) * plotHeight;
  const groupW = (plotRight - plotLeft) / Math.max(1, o.categories.length);
  const barW = Math.max(1, (groupW * 0.8) / Math.max(1, o.series.length));
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(o.title)}</text>`);
  parts.push(leg.svg);
  for (const t of niceTicks(yMin, yMax)) {
    parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${plotLeft - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  if (o.yLabel) {
    parts.push(`<text transform="translate(14 ${(plotTop + plotBottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.yLabel)}</text>`);
  }
  for (const [ci, cat] of o.categories.entries()) {
    const gx = plotLeft + ci * groupW + groupW * 0.1;
    for (const [si, s] of o.series.entries()) {
      const v = s.values[ci];
      if (v === undefined || !Number.isFinite(v)) continue;
      const x = gx + si * barW;
      const y0 = y(Math.max(yMin, Math.min(0, yMax)));
      const yv = y(v);
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${Math.min(yv, y0).toFixed(1)}" width="${(barW * 0.92).toFixed(1)}" height="${Math.abs(y0 - yv).toFixed(1)}" fill="${colors[si]}"><title>${escapeXml(`${s.name} / ${cat}: ${fmt(v)}${s.errors?.[ci] !== undefined ? ` ± ${fmt(s.errors[ci])}` : ''}`)}</title></rect>`,
      );
      const e = s.errors?.[ci];
      if (e !== undefined && Number.isFinite(e) && e > 0) {
        // Whiskers stay inside the plot (a score of 0.1 +- 0.2 does not go below the axis).
        const cx = x + (barW * 0.92) / 2;
        const hiY = y(Math.min(yMax, v + e)).toFixed(1);
        const loY = y(Math.max(yMin, v - e)).toFixed(1);
        parts.push(`<path d="M${cx.toFixed(1)} ${hiY}V${loY}M${(cx - 3).toFixed(1)} ${hiY}h6M${(cx - 3).toFixed(1)} ${loY}h6" stroke="#333" stroke-width="1"/>`);
      }
      if (o.labels) {
        parts.push(`<text x="${(x + barW * 0.46).toFixed(1)}" y="${(yv - 4).toFixed(1)}" text-anchor="middle" font-size="10">${fmt(v)}</text>`);
      }
    }
    const lx = plotLeft + (ci + 0.5) * groupW;
    parts.push(
      rotate
        ? `<text transform="translate(${lx.toFixed(1)} ${plotBottom + 12}) rotate(40)" font-size="11">${escapeXml(cat)}</text>`
        : `<text x="${lx.toFixed(1)}" y="${plotBottom + 18}" text-anchor="middle" font-size="12">${escapeXml(cat)}</text>`,
    );
  }
  parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" stroke="#555"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" role="img" aria-label="${escapeXml(o.title)}">${parts.join('')}</svg>`;
}

/** Options of `stripChart`. */
export interface StripChartOptions {
  readonly title: string;
  /** One column per name. */
  readonly names: readonly string[];
  /** Rows = blocks (datasets), columns = names. */
  readonly scores: readonly (readonly number[])[];
  readonly blockNames: readonly string[];
  readonly yLabel?: string;
  readonly width?: number;
  /** Colour per name; default: the palette by position. */
  readonly colors?: readonly string[];
}

/**
 * Each block's score per method as a dot (hover shows the block), each method's mean as a bar,
 * and thin grey lines joining one block across methods, so paired differences stand out.
 */
export function stripChart(o: StripChartOptions): string {
  const width = o.width ?? 900;
  const left = 60;
  const right = width - 15;
  const top = 34;
  const bottom = 250;
  const height = bottom + 55;
  const flat = o.scores.flat().filter(Number.isFinite);
  const lo = Math.min(...flat, 1);
  const hi = Math.max(...flat, 0);
  const yMin = Math.max(0, Math.floor(lo * 10) / 10);
  const yMax = Math.min(Math.max(hi, yMin + 0.1), Math.ceil(hi * 10) / 10);
  const y = (v: number): number => bottom - ((v - yMin) / (yMax - yMin || 1)) * (bottom - top);
  const colW = (right - left) / Math.max(1, o.names.length);
  const x = (j: number): number => left + (j + 0.5) * colW;
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(o.title)}</text>`);
  for (const t of niceTicks(yMin, yMax)) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  if (o.yLabel) parts.push(`<text transform="translate(14 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.yLabel)}</text>`);
  for (const row of o.scores) {
    const pts = row.map((v, j) => `${x(j).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${pts}" fill="none" stroke="#ccc" stroke-width="0.7"/>`);
  }
  for (const [j, name] of o.names.entries()) {
    const col = o.scores.map((r) => r[j]!).filter(Number.isFinite);
    const m = col.reduce((a, b) => a + b, 0) / Math.max(1, col.length);
    const colour = o.colors?.[j] ?? PALETTE[j % PALETTE.length]!;
    parts.push(`<line x1="${(x(j) - colW * 0.3).toFixed(1)}" x2="${(x(j) + colW * 0.3).toFixed(1)}" y1="${y(m).toFixed(1)}" y2="${y(m).toFixed(1)}" stroke="${colour}" stroke-width="3"><title>${escapeXml(`${name}: mean ${fmt(m)}`)}</title></line>`);
    for (const [i, row] of o.scores.entries()) {
      const v = row[j]!;
      if (!Number.isFinite(v)) continue;
      parts.push(`<circle cx="${x(j).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}" fill-opacity="0.75"><title>${escapeXml(`${o.blockNames[i] ?? ''} / ${name}: ${fmt(v)}`)}</title></circle>`);
    }
    // Crowded labels alternate between two lines so neighbours do not run together.
    const crowded = Math.max(...o.names.map((n) => n.length)) * 7 > colW;
    const ly = bottom + 18 + (crowded && j % 2 === 1 ? 15 : 0);
    parts.push(`<text x="${x(j).toFixed(1)}" y="${ly}" text-anchor="middle" font-size="12">${escapeXml(name)}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#555"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" role="img" aria-label="${escapeXml(o.title)}">${parts.join('')}</svg>`;
}

/** Options of `criticalDifferenceDiagram`. */
export interface CdOptions {
  readonly title: string;
  readonly names: readonly string[];
  /** Average rank per name (1 = best). */
  readonly ranks: readonly number[];
  /** Nemenyi critical difference; methods closer than this are joined by a bar. */
  readonly cd: number;
  readonly width?: number;
}

/**
 * Demšar's critical-difference diagram: an axis of average ranks (best on the left), each method
 * labelled below, thick bars joining groups of methods whose ranks differ by less than CD.
 */
export function criticalDifferenceDiagram(o: CdOptions): string {
  const width = o.width ?? 900;
  const k = o.names.length;
  // Labels sit outside the axis ends, so leave room for them.
  const left = 190;
  const right = width - 190;
  const axisY = 74;
  const x = (r: number): number => left + ((r - 1) / Math.max(1, k - 1)) * (right - left);
  const order = o.names.map((n, i) => ({ n, r: o.ranks[i]! })).sort((a, b) => a.r - b.r);
  // Maximal cliques of consecutive methods within CD of each other.
  const cliques: [number, number][] = [];
  for (let i = 0; i < k; i++) {
    let j = i;
    while (j + 1 < k && order[j + 1]!.r - order[i]!.r < o.cd) j++;
    if (j > i && !cliques.some(([a, b]) => a <= i && b >= j)) cliques.push([i, j]);
  }
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(o.title)}</text>`);
  parts.push(`<line x1="${left}" x2="${right}" y1="${axisY}" y2="${axisY}" stroke="#333"/>`);
  for (let r = 1; r <= k; r++) {
    parts.push(`<line x1="${x(r)}" x2="${x(r)}" y1="${axisY - 5}" y2="${axisY}" stroke="#333"/><text x="${x(r)}" y="${axisY - 9}" text-anchor="middle" font-size="11">${r}</text>`);
  }
  if (Number.isFinite(o.cd) && k > 1) {
    // A CD longer than the axis (few datasets) is drawn to the axis end and said in words.
    const longer = o.cd > k - 1;
    const w = x(1 + Math.min(o.cd, k - 1)) - x(1);
    const text = longer ? `CD = ${fmt(o.cd)}, longer than the axis: no pair can differ significantly` : `CD = ${fmt(o.cd)}`;
    parts.push(
      `<line x1="${left}" x2="${left + w}" y1="32" y2="32" stroke="#C00" stroke-width="2"/>` +
        `<text x="${longer ? left : left + w + 6}" y="${longer ? 48 : 36}" font-size="11" fill="#C00">${escapeXml(text)}</text>`,
    );
  }
  const cliqueTop = axisY + 10;
  for (const [ci, [a, b]] of cliques.entries()) {
    const yy = cliqueTop + ci * 7;
    parts.push(`<line x1="${x(order[a]!.r) - 3}" x2="${x(order[b]!.r) + 3}" y1="${yy}" y2="${yy}" stroke="#111" stroke-width="4"/>`);
  }
  const labelTop = cliqueTop + cliques.length * 7 + 14;
  const half = Math.ceil(k / 2);
  for (const [i, { n, r }] of order.entries()) {
    const leftSide = i < half;
    const ly = labelTop + (leftSide ? i : k - 1 - i) * 18;
    parts.push(
      `<path d="M${x(r).toFixed(1)} ${axisY}V${ly}H${leftSide ? left - 4 : right + 4}" fill="none" stroke="#777"/>` +
        `<text x="${leftSide ? left - 8 : right + 8}" y="${ly + 4}" text-anchor="${leftSide ? 'end' : 'start'}" font-size="12">${escapeXml(`${n} (${r.toFixed(2)})`)}</text>`,
    );
  }
  const height = labelTop + half * 18 + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" role="img" aria-label="${escapeXml(o.title)}">${parts.join('')}</svg>`;
}

/** One point of a scatter chart. */
export interface ScatterPoint {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly color?: string;
  /** Hover text; default `name: x, y`. */
  readonly title?: string;
}

/** Options of `costChart`. */
export interface CostChartOptions {
  readonly title: string;
  readonly points: readonly ScatterPoint[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Values below this sit on the left edge (a log axis has no 0), marked "<". */
  readonly xFloor?: number;
  readonly width?: number;
}

/**
 * Quality against cost: each point at (x on a log scale, y), labelled with its name, so the
 * price of each point of score reads at a glance (up and to the left is better).
 */
export function costChart(o: CostChartOptions): string {
  const width = o.width ?? 700;
  const left = 64;
  const right = width - 40;
  const top = 34;
  const bottom = 300;
  const height = bottom + 50;
  const floor = o.xFloor ?? 0.1;
  const pts = o.points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
  const xs = pts.map((p) => Math.max(floor, p.x));
  const lx0 = Math.floor(Math.log10(Math.min(...xs, 1)));
  const lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(Math.max(...xs, floor * 10))));
  const ys = pts.map((p) => p.y);
  const ylo = Math.min(...ys);
  const yhi = Math.max(...ys);
  const pad = Math.max(0.01, (yhi - ylo) * 0.12);
  const yMin = ylo - pad;
  const yMax = yhi + pad;
  const X = (v: number): number => left + ((Math.log10(Math.max(floor, v)) - lx0) / (lx1 - lx0)) * (right - left);
  const Y = (v: number): number => bottom - ((v - yMin) / (yMax - yMin || 1)) * (bottom - top);
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(o.title)}</text>`);
  for (const t of niceTicks(yMin, yMax)) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${Y(t)}" y2="${Y(t)}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${left - 6}" y="${Y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  for (let e = lx0; e <= lx1; e++) {
    const v = 10 ** e;
    parts.push(`<line x1="${X(v)}" x2="${X(v)}" y1="${top}" y2="${bottom}" stroke="#eee"/>`);
    const label = v >= 1000 ? `${fmt(v / 1000)} s` : `${fmt(v)} ms`;
    parts.push(`<text x="${X(v)}" y="${bottom + 16}" text-anchor="middle" font-size="11">${e === lx0 && floor >= v ? `≤${label}` : label}</text>`);
  }
  parts.push(`<text x="${(left + right) / 2}" y="${bottom + 38}" text-anchor="middle" font-size="12">${escapeXml(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.yLabel)}</text>`);
  parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#555"/><line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="#555"/>`);
  // Labels go right of their point (left near the right edge) and step down past labels already placed.
  const placed: { x0: number; x1: number; y: number }[] = [];
  for (const [i, p] of pts.entries()) {
    const colour = p.color ?? PALETTE[i % PALETTE.length]!;
    const cx = X(p.x);
    const cy = Y(p.y);
    const title = p.title ?? `${p.name}: ${fmt(p.y)}, ${fmt(p.x)} ms`;
    parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5" fill="${colour}"><title>${escapeXml(title)}</title></circle>`);
    const rightSide = cx < right - 110;
    const w = p.name.length * 6.5;
    const x0 = rightSide ? cx + 8 : cx - 8 - w;
    let ly = cy + 4;
    while (placed.some((b) => Math.abs(b.y - ly) < 12 && x0 < b.x1 && x0 + w > b.x0)) ly += 12;
    placed.push({ x0, x1: x0 + w, y: ly });
    // A label moved off its point keeps a thin line to it.
    if (ly !== cy + 4) parts.push(`<line x1="${cx.toFixed(1)}" y1="${cy.toFixed(1)}" x2="${(rightSide ? x0 : x0 + w).toFixed(1)}" y2="${(ly - 4).toFixed(1)}" stroke="#999" stroke-width="0.6"/>`);
    parts.push(`<text x="${(cx + (rightSide ? 8 : -8)).toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="${rightSide ? 'start' : 'end'}" font-size="11">${escapeXml(p.name)}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" role="img" aria-label="${escapeXml(o.title)}">${parts.join('')}</svg>`;
}
