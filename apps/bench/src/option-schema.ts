/**
 * Option schemas: what each sampler and classifier option accepts, its default and what it means.
 * The CLI's `--set`, config files and presets are validated against them, `--help` and the README
 * list them, and a browser playground builds its forms from them. Browser-safe: no Node built-ins.
 */
import { OptionError, describeValue } from '@oversample/core';
import { suggestion } from './nearest-name';

interface SpecBase {
  /** One sentence: what the option does (and, where it differs, why the bench's default differs). */
  readonly description: string;
}

/** A whole number in `[min, max]`. */
export interface IntegerSpec extends SpecBase {
  readonly kind: 'integer';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}

/** A finite number in range; `exclusiveMin`/`exclusiveMax` leave the bound itself out. */
export interface NumberSpec extends SpecBase {
  readonly kind: 'number';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
}

/** `true` or `false`. */
export interface BooleanSpec extends SpecBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

/** One of a fixed set of words. */
export interface EnumSpec extends SpecBase {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly default?: string;
}

/** What one entry of a list accepts (a spec without description or default). */
export type ListItemSpec =
  | Omit<IntegerSpec, 'description' | 'default'>
  | Omit<NumberSpec, 'description' | 'default'>
  | Omit<EnumSpec, 'description' | 'default'>;

/** A list of integers, numbers or words, e.g. layer widths `[64, 64]`. */
export interface ListSpec extends SpecBase {
  readonly kind: 'list';
  readonly item: ListItemSpec;
  readonly default?: readonly (number | string)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  /** No entry may repeat. */
  readonly unique?: boolean;
}

/**
 * A group of named sub-options, e.g. `temperature: { start, end }`. Given at all, every field
 * must be given or have a default. `optional` groups are off until given (e.g. `earlyStopping`);
 * the others are on with their fields' defaults.
 */
export interface ObjectSpec extends SpecBase {
  readonly kind: 'object';
  readonly fields: OptionSchema;
  readonly optional?: boolean;
}

/**
 * imbalanced-learn's sampling strategy: `auto`, `minority`, `not minority`, `not majority`, `all`,
 * a ratio in (0, 1] (two classes), or `{ "class": wantedRows }`.
 */
export interface StrategySpec extends SpecBase {
  readonly kind: 'sampling-strategy';
  readonly default?: string;
}

/** What one option accepts. */
export type OptionSpec = IntegerSpec | NumberSpec | BooleanSpec | EnumSpec | ListSpec | ObjectSpec | StrategySpec;

/** Options by name. */
export type OptionSchema = Readonly<Record<string, OptionSpec>>;

/** Option values by name, as a constructor takes them. */
export type OptionValues = Readonly<Record<string, unknown>>;

/** The named sampling strategies. */
export const NAMED_STRATEGIES = ['auto', 'minority', 'not minority', 'not majority', 'all'] as const;

function rangeText(s: { min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean }): string {
  const lo = s.min === undefined ? '' : `${s.exclusiveMin ? '>' : '>='} ${s.min}`;
  const hi = s.max === undefined ? '' : `${s.exclusiveMax ? '<' : '<='} ${s.max}`;
  return [lo, hi].filter(Boolean).join(' and ');
}

/** What a spec accepts, in words: `an integer >= 1`, `one of relu, tanh`, `a list of ...`. */
export function acceptsText(spec: OptionSpec | ListItemSpec): string {
  const range = 'min' in spec || 'max' in spec ? rangeText(spec as NumberSpec) : '';
  switch (spec.kind) {
    case 'integer':
      return `an integer${range ? ` ${range}` : ''}`;
    case 'number':
      return `a number${range ? ` ${range}` : ''}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'list': {
      const len =
        spec.minLength !== undefined && spec.minLength === spec.maxLength
          ? `${spec.minLength} `
          : spec.minLength !== undefined && spec.minLength > 0
            ? `at least ${spec.minLength} `
            : '';
      return `a list of ${len}entries, each ${acceptsText(spec.item)}`;
    }
    case 'object':
      return `{ ${Object.keys(spec.fields).join(', ')} }`;
    case 'sampling-strategy':
      return `${NAMED_STRATEGIES.join(', ')}, a ratio in (0, 1] or { "class": rows }`;
  }
}

function fail(path: string, spec: OptionSpec | ListItemSpec, value: unknown): never {
  throw new OptionError(`${path} must be ${acceptsText(spec)}, got ${describeValue(value)}`);
}

function checkScalar(path: string, spec: ListItemSpec | IntegerSpec | NumberSpec | EnumSpec, value: unknown): number | string {
  if (spec.kind === 'enum') {
    if (typeof value !== 'string' || !spec.values.includes(value)) fail(path, spec, value);
    return value;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || (spec.kind === 'integer' && !Number.isInteger(value))) fail(path, spec, value);
  const s = spec as NumberSpec;
  const low = s.min !== undefined && (s.exclusiveMin ? value <= s.min : value < s.min);
  const high = s.max !== undefined && (s.exclusiveMax ? value >= s.max : value > s.max);
  if (low || high) fail(path, spec, value);
  return value;
}

/**
 * Checks one option value against its spec and returns a fresh copy (never the caller's object).
 * Throws `OptionError` naming `path`, what it accepts and the value given.
 */
export function checkOptionValue(path: string, spec: OptionSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'integer':
    case 'number':
    case 'enum':
      return checkScalar(path, spec, value);
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, spec, value);
      return value;
    case 'list': {
      if (!Array.isArray(value)) fail(path, spec, value);
      if ((spec.minLength !== undefined && value.length < spec.minLength) || (spec.maxLength !== undefined && value.length > spec.maxLength)) {
        fail(path, spec, value);
      }
      const out = value.map((v, i) => checkScalar(`${path}[${i}]`, spec.item, v));
      if (spec.unique && new Set(out).size !== out.length) throw new OptionError(`${path} must not repeat an entry, got ${describeValue(value)}`);
      return out;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, spec, value);
      const out = resolveOptions(path, spec.fields, [value as OptionValues], true);
      for (const [key, field] of Object.entries(spec.fields)) {
        if (!(key in out)) throw new OptionError(`${path} needs ${key} (${acceptsText(field)}), got ${describeValue(value)}`);
      }
      return out;
    }
    case 'sampling-strategy': {
      if (typeof value === 'string') {
        if (!(NAMED_STRATEGIES as readonly string[]).includes(value)) fail(path, spec, value);
        return value;
      }
      if (typeof value === 'number') {
        if (!Number.isFinite(value) || value <= 0 || value > 1) fail(path, spec, value);
        return value;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, spec, value);
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(value)) {
        if (!/^\d+$/.test(k)) throw new OptionError(`${path}: class keys must be integers >= 0, got ${describeValue(k)}`);
        out[k] = checkScalar(`${path}.${k}`, { kind: 'integer', min: 0 }, v) as number;
      }
      return out;
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Merges option layers (later ones win; `object` options merge field by field), checks every key
 * and value against `schema`, and fills in defaults. With `fillDefaults`, an option without a
 * default and without a value is left out (the library then decides, e.g. from the data).
 * Unknown keys throw `OptionError` naming the nearest valid one.
 *
 * @example
 * resolveOptions('smote', SMOTE_SCHEMA, [{ kNeighbors: 3 }]) // { kNeighbors: 3, samplingStrategy: 'auto' }
 */
export function resolveOptions(what: string, schema: OptionSchema, layers: readonly OptionValues[], fillDefaults = true): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isPlainObject(layer)) throw new OptionError(`${what}: options must be an object, got ${describeValue(layer)}`);
    for (const [key, value] of Object.entries(layer)) {
      const spec = schema[key];
      if (!spec) throw new OptionError(`${what} has no option '${key}'${suggestion(key, Object.keys(schema))}`);
      const prev = merged[key];
      merged[key] = spec.kind === 'object' && isPlainObject(prev) && isPlainObject(value) ? { ...prev, ...value } : value;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const path = `${what}.${key}`;
    if (key in merged && merged[key] !== undefined) {
      out[key] = checkOptionValue(path, spec, merged[key]);
    } else if (!fillDefaults) {
      continue;
    } else if (spec.kind === 'object') {
      if (!spec.optional) out[key] = checkOptionValue(path, spec, {});
    } else if (spec.default !== undefined) {
      const d: unknown = spec.default;
      out[key] = Array.isArray(d) ? [...(d as unknown[])] : d;
    }
  }
  return out;
}

/**
 * Parses the text of `--set NAME.path=TEXT` for `spec`: numbers, `true`/`false`, words, lists as
 * `64,32` or JSON `[64, 32]`, objects as JSON. Throws `OptionError` naming `path` when the text
 * does not fit (the value is then checked by `checkOptionValue`).
 */
export function parseOptionText(path: string, spec: OptionSpec, text: string): unknown {
  const t = text.trim();
  const json = (): unknown => {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      throw new OptionError(`${path} must be ${acceptsText(spec)}, got ${describeValue(text)} (not valid JSON)`);
    }
  };
  const scalar = (s: string, kind: ListItemSpec['kind']): number | string => {
    if (kind === 'enum') return s;
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : s;
  };
  switch (spec.kind) {
    case 'integer':
    case 'number':
    case 'enum':
      return scalar(t, spec.kind);
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : t;
    case 'list':
      if (t.startsWith('[')) return json();
      return t === '' ? [] : t.split(',').map((s) => scalar(s.trim(), spec.item.kind));
    case 'object':
      return json();
    case 'sampling-strategy':
      if (t.startsWith('{')) return json();
      return scalar(t, 'number');
  }
}

/**
 * The spec at a dotted path inside a schema (`temperature.start`), or `undefined`. Used by
 * `--set` to reach a field of an `object` option.
 */
export function specAt(schema: OptionSchema, path: readonly string[]): OptionSpec | undefined {
  let spec: OptionSpec | undefined = schema[path[0] ?? ''];
  for (const part of path.slice(1)) {
    if (!spec || spec.kind !== 'object') return undefined;
    spec = spec.fields[part];
  }
  return spec;
}

/** A value for reports and help text: `5`, `relu`, `[64, 64]`, `{ start: 1, end: 0.1 }`. */
export function formatOptionValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatOptionValue).join(', ')}]`;
  if (isPlainObject(value)) return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${formatOptionValue(v)}`).join(', ')} }`;
  return String(value);
}
