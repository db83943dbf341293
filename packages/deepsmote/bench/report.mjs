// Summarises paper-cpu.mjs results (JSON lines) into a Markdown table (mean ± sd over seeds per
// sampler, configuration and AE epoch) and draws ACSA against autoencoder epochs as an SVG: one
// line per DeepSMOTE configuration (label), SMOTE, random over-sampling and no resampling as
// horizontal bands (mean, and min..max over seeds).
//
//   node bench/report.mjs RESULTS.jsonl [MORE.jsonl ...] --svg ../../docs/figures/deepsmote-epochs.svg
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { svg: { type: 'string' }, metric: { type: 'string', default: 'acsa' } } });
const metric = args.metric;
// One row per (label, sampler, seed, epoch): a rerun of the same cell replaces the earlier one.
const cells = new Map();
for (const file of positionals) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    // Per-epoch losses and image statistics of the real digits are not scored runs.
    if (r.kind) continue;
    // A DeepSMOTE configuration is its label plus its generation variant (--variants).
    const group = r.sampler === 'deepsmote' ? `${r.label}${r.variant ? `/${r.variant}` : ''}` : r.sampler;
    const key = `${group}|${r.aeEpoch ?? 0}|${r.seed}`;
    cells.set(key, { ...r, group });
  }
}
const groups = new Map();
for (const r of cells.values()) {
  const key = `${r.group}|${r.aeEpoch ?? 0}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(r);
}
const stats = (xs) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) : 0;
  return { m, sd, min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
};
const fmt = (s) => (s.n > 1 ? `${s.m.toFixed(2)} ± ${s.sd.toFixed(2)}` : s.m.toFixed(2));
console.log('| sampler | AE epochs | seeds | ACSA | GM (macro) | F1 macro | ACSA, full test split | sampler s | load |');
console.log('|---|---|---|---|---|---|---|---|---|');
const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
for (const [key, rs] of rows) {
  const [group, epoch] = key.split('|');
  const seeds = rs.map((r) => r.seed).sort((a, b) => a - b).join(',');
  const col = (k) => fmt(stats(rs.map((r) => r[k])));
  const secs = stats(rs.map((r) => r.samplerSeconds)).m.toFixed(0);
  const load = stats(rs.map((r) => r.load)).m.toFixed(0);
  console.log(`| ${group} | ${epoch === '0' ? '' : epoch} | ${seeds} | ${col('acsa')} | ${col('gm')} | ${col('f1')} | ${col('acsaFull')} | ${secs} | ${load} |`);
}

if (args.svg) {
  const H = 400;
  const curves = new Map();
  const flats = new Map();
  for (const [key, rs] of groups) {
    const [group, epoch] = key.split('|');
    const s = stats(rs.map((r) => r[metric]));
    if (epoch === '0') flats.set(group, s);
    else {
      if (!curves.has(group)) curves.set(group, []);
      curves.get(group).push({ epoch: Number(epoch), ...s });
    }
  }
  for (const c of curves.values()) c.sort((a, b) => a.epoch - b.epoch);
  const describe = (group) => {
    const rs = [...cells.values()].filter((r) => r.group === group);
    const o = rs[0]?.options ?? {};
    const seeds = [...new Set(rs.map((r) => r.seed))].sort((a, b) => a - b).join(',');
    return `DeepSMOTE ${Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ')} (seed ${seeds})`;
  };
  const flatLabel = (group, s) => `${group} (${s.n} seeds)`;
  // The legend sits right of the plot and is as wide as its longest line (~7 px a character).
  const longest = Math.max(...[...flats].map(([g, s]) => flatLabel(g, s).length), ...[...curves.keys()].map((g) => describe(g).length));
  const pad = { l: 56, r: Math.max(290, 50 + 7 * longest), t: 30, b: 44 };
  const W = 510 + pad.r;
  const all = [...[...curves.values()].flat().flatMap((p) => [p.min, p.max]), ...[...flats.values()].flatMap((s) => [s.min, s.max])];
  const lo = Math.floor(Math.min(...all) - 1);
  const hi = Math.ceil(Math.max(...all) + 1);
  const maxEpoch = Math.max(1, ...[...curves.values()].flat().map((p) => p.epoch));
  const x = (e) => pad.l + (e / maxEpoch) * (W - pad.l - pad.r);
  const y = (v) => pad.t + ((hi - v) / (hi - lo)) * (H - pad.t - pad.b);
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'];
  const flatColours = { smote: '#ff7f0e', random: '#7f7f7f', none: '#17becf' };
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${pad.l}" y="18" font-size="13">${metric.toUpperCase()} (%) against DeepSMOTE autoencoder epochs; bands: min..max over seeds</text>`);
  for (let v = lo; v <= hi; v += Math.max(1, Math.round((hi - lo) / 8))) {
    out.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/><text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  const ticks = [0, ...new Set([...curves.values()].flat().map((p) => p.epoch))].sort((a, b) => a - b);
  for (const e of ticks) out.push(`<text x="${x(e)}" y="${H - pad.b + 16}" text-anchor="middle">${e}</text>`);
  out.push(`<text x="${(pad.l + W - pad.r) / 2}" y="${H - 8}" text-anchor="middle">autoencoder epochs</text>`);
  out.push(`<line x1="${pad.l}" x2="${pad.l}" y1="${pad.t}" y2="${H - pad.b}" stroke="#333"/><line x1="${pad.l}" x2="${W - pad.r}" y1="${H - pad.b}" y2="${H - pad.b}" stroke="#333"/>`);
  let legend = 0;
  const legendItem = (colour, text, dashed) => {
    const ly = pad.t + 10 + 18 * legend++;
    out.push(`<line x1="${W - pad.r + 10}" x2="${W - pad.r + 34}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="5,3"' : ''}/><text x="${W - pad.r + 40}" y="${ly + 4}">${text}</text>`);
  };
  for (const [group, s] of flats) {
    const colour = flatColours[group] ?? '#000';
    out.push(`<rect x="${pad.l}" width="${W - pad.l - pad.r}" y="${y(s.max)}" height="${Math.max(1, y(s.min) - y(s.max))}" fill="${colour}" opacity="0.12"/>`);
    out.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(s.m)}" y2="${y(s.m)}" stroke="${colour}" stroke-width="2" stroke-dasharray="5,3"/>`);
    legendItem(colour, flatLabel(group, s), true);
  }
  [...curves.entries()].forEach(([group, pts], i) => {
    const colour = colours[i % colours.length];
    for (const p of pts) if (p.n > 1) out.push(`<line x1="${x(p.epoch)}" x2="${x(p.epoch)}" y1="${y(p.max)}" y2="${y(p.min)}" stroke="${colour}" stroke-width="6" opacity="0.25"/>`);
    out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map((p) => `${x(p.epoch)},${y(p.m)}`).join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${x(p.epoch)}" cy="${y(p.m)}" r="3" fill="${colour}"/>`);
    legendItem(colour, describe(group), false);
  });
  out.push('</svg>');
  writeFileSync(args.svg, `${out.join('\n')}\n`);
  console.error(`wrote ${args.svg}`);
}
