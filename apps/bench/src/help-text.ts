/**
 * Text generated from the registry: the name lists of `--help`, the `options` subcommand, and the
 * README's sampler, classifier and option tables (a test keeps the README equal to them).
 */
import type { ClassifierRecord } from './classifiers';
import type { OptionSchema, OptionSpec } from './option-schema';
import { acceptsText, formatOptionValue } from './option-schema';
import { CLASSIFIERS, SAMPLERS } from './registry';
import type { SamplerRecord } from './samplers';

/** Names joined by commas, wrapped before `width` columns with `indent` spaces on later lines. */
export function nameList(names: readonly string[], indent: number, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, n] of names.entries()) {
    const piece = `${n}${i < names.length - 1 ? ',' : ''}`;
    if (line !== '' && indent + line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function defaultText(spec: OptionSpec): string {
  if (spec.kind === 'object') {
    if (spec.optional) return 'off';
    const inner = Object.entries(spec.fields).map(([k, f]) => `${k}: ${'default' in f && f.default !== undefined ? formatOptionValue(f.default) : '?'}`);
    return `{ ${inner.join(', ')} }`;
  }
  return spec.default === undefined ? 'unset' : formatOptionValue(spec.default);
}

/** One row per option, object fields as `name.field`: [path, accepts, default, description]. */
export function optionRows(schema: OptionSchema, prefix = ''): [string, string, string, string][] {
  const rows: [string, string, string, string][] = [];
  for (const [name, spec] of Object.entries(schema)) {
    rows.push([`${prefix}${name}`, acceptsText(spec), defaultText(spec), spec.description]);
    if (spec.kind === 'object') rows.push(...optionRows(spec.fields, `${prefix}${name}.`));
  }
  return rows;
}

function recordsOf(names: readonly string[]): (SamplerRecord | ClassifierRecord)[] {
  const all = [...SAMPLERS, ...CLASSIFIERS];
  if (names.length === 0) return all;
  return all.filter((r) => names.includes(r.name) || ('family' in r && names.includes(r.family)));
}

/** Plain text of `oversample-bench options [NAME...]`: every option of each record. */
export function optionsText(names: readonly string[] = []): string {
  const out: string[] = [];
  for (const r of recordsOf(names)) {
    const fixed = 'fixed' in r && Object.keys(r.fixed).length > 0 ? ` (fixed: ${formatOptionValue(r.fixed)})` : '';
    out.push(`${r.name}${'family' in r && r.family !== r.name ? ` [family ${r.family}]` : ''}${fixed}: ${r.description}`);
    const rows = optionRows(r.options);
    if (rows.length === 0) out.push('  (no options)');
    for (const [path, accepts, def, description] of rows) out.push(`  ${path} = ${def}    ${accepts}\n      ${description}`);
    out.push('');
  }
  return out.join('\n');
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The README's sampler table. */
export function samplersMarkdown(): string {
  return [
    '| sampler | family | what it is | deep | category codes |',
    '|---|---|---|---|---|',
    ...SAMPLERS.map((s) => `| \`${s.name}\` | ${s.family} | ${cell(s.description)} | ${s.deep ? 'yes' : ''} | ${s.categorical ? 'yes' : ''} |`),
  ].join('\n');
}

/** The README's classifier table. */
export function classifiersMarkdown(): string {
  return [
    '| classifier | what it is | reads |',
    '|---|---|---|',
    ...CLASSIFIERS.map((c) => `| \`${c.name}\` | ${cell(c.description)} | ${c.reads === 'images' ? 'images' : 'tables and images'} |`),
  ].join('\n');
}

/** The README's option reference: one table per sampler family and classifier. */
export function optionsMarkdown(): string {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of [...SAMPLERS, ...CLASSIFIERS]) {
    const key = 'family' in r ? r.family : r.name;
    if (seen.has(key)) continue;
    seen.add(key);
    const rows = optionRows(r.options);
    if (rows.length === 0) continue;
    const members = 'family' in r ? SAMPLERS.filter((s) => s.family === r.family).map((s) => `\`${s.name}\``) : [`\`${r.name}\``];
    out.push(`**${key}** (${members.join(', ')})`, '', '| option | accepts | default | meaning |', '|---|---|---|---|');
    for (const [path, accepts, def, description] of rows) out.push(`| \`${path}\` | ${cell(accepts)} | ${cell(def)} | ${cell(description)} |`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
