/**
 * Benchmark configurations: the JSON shape of `--config FILE` and of the presets (which are such
 * files, under `apps/bench/presets/`), their validation, and their resolution into settings with
 * every sampler's and classifier's options filled in. `--set` and the list flags apply on top.
 */
import { OptionError } from '@oversample/core';
import { suggestion } from './nearest-name';
import type { OptionValues } from './option-schema';
import { parseOptionText, specAt } from './option-schema';
import {
  CLASSIFIER_NAMES,
  SAMPLER_NAMES,
  classifierRecord,
  optionTargets,
  resolveClassifierOptions,
  resolveSamplerOptions,
  samplerRecord,
} from './registry';
import { UsageError } from './usage-error';

/** Limits checked before anything is allocated: each keeps a derived seed below 2^32 and a plan finite. */
export const LIMITS = {
  /** Folds per repeat (the derived seed reserves two digits for the fold). */
  maxFolds: 100,
  /** Repeats of the split (one digit in the derived seed). */
  maxRepeats: 10,
  /** Seeds per run. */
  maxSeeds: 1000,
  /** Largest seed: seed x 1000 + repeat x 100 + fold stays below 2^32. */
  maxSeed: Math.floor((2 ** 32 - 1 - 999) / 1000),
} as const;

/** How image datasets are cut and split. */
export interface ImageConfig {
  /**
   * Training rows per class: the DeepSMOTE profile (MNIST 4000..40, CIFAR-10 4500..80) times
   * this factor, rounded, never below `minPerClass`. 1 = the paper.
   */
  readonly profileScale?: number;
  readonly minPerClass?: number;
  /**
   * `subsample`: cut the training split to the profile, then k-fold inside it (cheap; the quick
   * preset). `published`: k-fold over the whole training split, each training fold cut to the
   * profile and each test fold to the imbalanced test profile (1000..10), plus a balanced test
   * (the whole test fold) — DeepSMOTE's protocol.
   */
  readonly protocol?: 'subsample' | 'published';
  /** `published` only: the test profile times this factor (1 = the paper's 1000..10). */
  readonly testProfileScale?: number;
}

/** Option values per sampler name, sampler family or classifier name. */
export type OptionsByName = Readonly<Record<string, OptionValues>>;

/** The JSON shape of a config file and of a preset. Every key is optional; `extends` starts from a preset. */
export interface BenchConfig {
  /** Starts from this preset (its keys are replaced by the ones given here; options merge). */
  readonly extends?: string;
  readonly description?: string;
  /** Dataset specs: `keel:NAME`, `keel:all`, `mnist`, `fashion-mnist:DIR`, `cifar10:DIR`, `csv:PATH[:LABEL]`. */
  readonly datasets?: readonly string[];
  readonly samplers?: readonly string[];
  /** Classifiers for tables and for images (a CNN cannot read a table). */
  readonly classifiers?: { readonly table?: readonly string[]; readonly image?: readonly string[] };
  readonly folds?: number;
  readonly repeats?: number;
  /** A list of seeds, or a range text such as `"0..9"`. */
  readonly seeds?: readonly number[] | string;
  readonly images?: ImageConfig;
  /** Options for every kind of data, then per kind (kind-specific ones win). */
  readonly options?: OptionsByName;
  readonly tableOptions?: OptionsByName;
  readonly imageOptions?: OptionsByName;
  /** Whether the published DeepSMOTE numbers are this run's target (same protocol). */
  readonly paper?: boolean;
}

const CONFIG_KEYS = [
  'extends',
  'description',
  'datasets',
  'samplers',
  'classifiers',
  'folds',
  'repeats',
  'seeds',
  'images',
  'options',
  'tableOptions',
  'imageOptions',
  'paper',
  '$schema',
] as const;
const IMAGE_KEYS = ['profileScale', 'minPerClass', 'protocol', 'testProfileScale'] as const;

/** The grid a run spans besides its datasets: what a plan, a results file and a report share. */
export interface GridSettings {
  readonly samplers: readonly string[];
  /** Classifiers for tables and for images (a CNN cannot read a table). */
  readonly tableClassifiers: readonly string[];
  readonly imageClassifiers: readonly string[];
  readonly folds: number;
  readonly repeats: number;
  readonly seeds: readonly number[];
  /** How image datasets are cut and split, every field resolved. */
  readonly image: Required<ImageConfig>;
  /** Fully resolved options per data kind, per sampler and classifier name of the run. */
  readonly options: { readonly table: Readonly<Record<string, OptionValues>>; readonly image: Readonly<Record<string, OptionValues>> };
}

/** A validated configuration with nothing left to default. */
export interface BenchSettings extends GridSettings {
  readonly description: string;
  readonly datasets: readonly string[];
  readonly paper: boolean;
}

/** One `--set NAME.option[.field]=VALUE`, parsed. */
export interface OptionSet {
  /** A sampler, sampler family or classifier name. */
  readonly target: string;
  /** The option, then fields of an object option. */
  readonly path: readonly string[];
  readonly text: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkKeys(where: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new UsageError(`${where}: unknown key '${key}'${suggestion(key, known.filter((k) => k !== '$schema'))}`);
  }
}

function intIn(where: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new UsageError(`${where} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function stringList(where: string, v: unknown, known?: readonly string[]): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new UsageError(`${where} must be a list of names, got ${JSON.stringify(v)}`);
  }
  if (v.length === 0) throw new UsageError(`${where} needs at least one entry${known ? ` (${known.join(', ')})` : ''}`);
  if (known) for (const s of v as string[]) if (!known.includes(s)) throw new UsageError(`${where}: unknown name '${s}'${suggestion(s, known)}`);
  return [...new Set(v as string[])];
}

/**
 * Parses a seed list: `0,1,2`, `0..9` or a mix. Every seed is an integer from 0 to
 * `LIMITS.maxSeed` and there are at most `LIMITS.maxSeeds`; ranges are checked before they are
 * expanded. Throws `UsageError` naming the limit.
 */
export function parseSeeds(where: string, items: readonly (string | number)[]): number[] {
  const seeds = new Set<number>();
  const add = (s: number): void => {
    seeds.add(s);
    if (seeds.size > LIMITS.maxSeeds) throw new UsageError(`${where}: at most ${LIMITS.maxSeeds} seeds per run, got more`);
  };
  const checkSeed = (s: number, text: string): number => {
    if (!Number.isSafeInteger(s) || s < 0 || s > LIMITS.maxSeed) {
      throw new UsageError(`${where}: seed ${text} is out of range: seeds are integers from 0 to ${LIMITS.maxSeed} (so derived seeds stay below 2^32)`);
    }
    return s;
  };
  for (const item of items) {
    const text = String(item).trim();
    const range = /^(\d+)\.\.(\d+)$/.exec(text);
    if (range) {
      const [lo, hi] = [Number(range[1]), Number(range[2])];
      if (hi < lo) throw new UsageError(`${where}: range '${text}' is empty: write LOW..HIGH with LOW <= HIGH`);
      // The size first, before any seed is added.
      if (Number.isSafeInteger(hi - lo) && hi - lo + 1 > LIMITS.maxSeeds) {
        throw new UsageError(`${where}: range '${text}' has ${hi - lo + 1} seeds; at most ${LIMITS.maxSeeds} per run`);
      }
      checkSeed(lo, range[1]!);
      checkSeed(hi, range[2]!);
      for (let s = lo; s <= hi; s++) add(s);
    } else if (/^\d+$/.test(text)) {
      add(checkSeed(Number(text), text));
    } else {
      throw new UsageError(`${where} takes integers >= 0 or ranges like 0..9, got '${text}'`);
    }
  }
  if (seeds.size === 0) throw new UsageError(`${where} needs at least one seed, e.g. 0,1,2`);
  return [...seeds];
}

function optionsByName(where: string, v: unknown): OptionsByName {
  if (!isObject(v)) throw new UsageError(`${where} must be an object of { name: { option: value } }, got ${JSON.stringify(v)}`);
  for (const [name, opts] of Object.entries(v)) {
    optionTargets(name); // names the nearest valid key when unknown
    if (!isObject(opts)) throw new UsageError(`${where}.${name} must be an object of options, got ${JSON.stringify(opts)}`);
  }
  return v as OptionsByName;
}

/**
 * Checks the shape of a parsed config file (`source` names it in errors): unknown keys are
 * rejected naming the nearest valid one, names are checked against the registry, numbers against
 * `LIMITS`. Option values are checked when the settings are resolved.
 */
export function validateConfig(json: unknown, source: string): BenchConfig {
  if (!isObject(json)) throw new UsageError(`${source} must hold a JSON object, got ${JSON.stringify(json)?.slice(0, 40)}`);
  checkKeys(source, json, CONFIG_KEYS);
  const c = json;
  if (c.extends !== undefined && typeof c.extends !== 'string') throw new UsageError(`${source}: extends must be a preset name`);
  if (c.description !== undefined && typeof c.description !== 'string') throw new UsageError(`${source}: description must be text`);
  if (c.datasets !== undefined) stringList(`${source}: datasets`, c.datasets);
  if (c.samplers !== undefined) stringList(`${source}: samplers`, c.samplers, SAMPLER_NAMES);
  if (c.classifiers !== undefined) {
    if (!isObject(c.classifiers)) throw new UsageError(`${source}: classifiers must be { "table": [...], "image": [...] }`);
    checkKeys(`${source}: classifiers`, c.classifiers, ['table', 'image']);
    if (c.classifiers.table !== undefined) stringList(`${source}: classifiers.table`, c.classifiers.table, CLASSIFIER_NAMES);
    if (c.classifiers.image !== undefined) stringList(`${source}: classifiers.image`, c.classifiers.image, CLASSIFIER_NAMES);
  }
  if (c.folds !== undefined) intIn(`${source}: folds`, c.folds, 2, LIMITS.maxFolds);
  if (c.repeats !== undefined) intIn(`${source}: repeats`, c.repeats, 1, LIMITS.maxRepeats);
  if (c.seeds !== undefined) {
    if (typeof c.seeds === 'string') parseSeeds(`${source}: seeds`, c.seeds.split(','));
    else if (Array.isArray(c.seeds)) parseSeeds(`${source}: seeds`, c.seeds as (string | number)[]);
    else throw new UsageError(`${source}: seeds must be a list such as [0, 1] or a range text such as "0..9"`);
  }
  if (c.images !== undefined) {
    if (!isObject(c.images)) throw new UsageError(`${source}: images must be an object`);
    checkKeys(`${source}: images`, c.images, IMAGE_KEYS);
    const im = c.images;
    const positive = (k: string, max: number): void => {
      const v = im[k];
      if (v !== undefined && (typeof v !== 'number' || !(v > 0) || v > max)) throw new UsageError(`${source}: images.${k} must be a number in (0, ${max}], got ${JSON.stringify(v)}`);
    };
    positive('profileScale', 1);
    positive('testProfileScale', 1);
    if (im.minPerClass !== undefined) intIn(`${source}: images.minPerClass`, im.minPerClass, 1, 100000);
    if (im.protocol !== undefined && im.protocol !== 'subsample' && im.protocol !== 'published') {
      throw new UsageError(`${source}: images.protocol must be 'subsample' or 'published', got ${JSON.stringify(im.protocol)}`);
    }
  }
  for (const k of ['options', 'tableOptions', 'imageOptions'] as const) if (c[k] !== undefined) optionsByName(`${source}: ${k}`, c[k]);
  if (c.paper !== undefined && typeof c.paper !== 'boolean') throw new UsageError(`${source}: paper must be true or false`);
  return c as BenchConfig;
}

/** `base` with `over`'s keys on top; option maps merge per name and option. */
export function mergeConfigs(base: BenchConfig, over: BenchConfig): BenchConfig {
  const mergeOptions = (a: OptionsByName | undefined, b: OptionsByName | undefined): OptionsByName | undefined => {
    if (!a) return b;
    if (!b) return a;
    const out: Record<string, OptionValues> = { ...a };
    for (const [name, opts] of Object.entries(b)) out[name] = { ...(a[name] ?? {}), ...opts };
    return out;
  };
  const { extends: _e, ...rest } = over;
  const merged: Record<string, unknown> = { ...base, ...rest };
  if (base.images || over.images) merged.images = { ...base.images, ...over.images };
  if (base.classifiers || over.classifiers) merged.classifiers = { ...base.classifiers, ...over.classifiers };
  for (const k of ['options', 'tableOptions', 'imageOptions'] as const) {
    const m = mergeOptions(base[k], over[k]);
    if (m) merged[k] = m;
  }
  delete merged.extends;
  return merged as BenchConfig;
}

/**
 * Parses `--set NAME.option=VALUE` (also `NAME.option.field=VALUE` for object options): NAME is
 * a sampler, a sampler family or a classifier. Throws `UsageError` naming the nearest valid name
 * or option.
 */
export function parseOptionSet(text: string): OptionSet {
  const eq = text.indexOf('=');
  const lhs = eq < 0 ? text : text.slice(0, eq);
  const parts = lhs.split('.').map((p) => p.trim());
  if (eq < 0 || parts.length < 2 || parts.some((p) => p === '')) {
    throw new UsageError(`--set takes NAME.OPTION=VALUE (e.g. --set deepsmote.epochs=60), got '${text}'`);
  }
  const [target, ...path] = parts as [string, ...string[]];
  const records = optionTargets(target);
  for (const r of records) {
    if (!specAt(r.options, path)) {
      if ('fixed' in r && path[0]! in r.fixed) {
        throw new UsageError(`--set ${lhs}: ${r.name} fixes ${path[0]} by its name; pick another sampler of family '${r.family}'`);
      }
      const parent = specAt(r.options, path.slice(0, -1));
      const names = path.length === 1 ? Object.keys(r.options) : parent?.kind === 'object' ? Object.keys(parent.fields) : [];
      throw new UsageError(`--set ${lhs}: ${r.name} has no option '${path.join('.')}'${suggestion(path.at(-1)!, names)}`);
    }
  }
  return { target, path, text: text.slice(eq + 1) };
}

function setLayer(set: OptionSet, schema: Parameters<typeof specAt>[0]): OptionValues {
  const spec = specAt(schema, set.path)!;
  let value: unknown;
  try {
    value = parseOptionText(`${set.target}.${set.path.join('.')}`, spec, set.text);
  } catch (err) {
    throw new UsageError(`--set: ${err instanceof Error ? err.message : String(err)}`);
  }
  let layer: Record<string, unknown> = { [set.path.at(-1)!]: value };
  for (let i = set.path.length - 2; i >= 0; i--) layer = { [set.path[i]!]: layer };
  return layer;
}

/** What the command line adds on top of a configuration. */
export interface SettingsOverrides {
  readonly datasets?: readonly string[];
  readonly samplers?: readonly string[];
  /** Replaces both the table and the image classifier lists (each keeps those that can read it). */
  readonly classifiers?: readonly string[];
  readonly folds?: number;
  readonly repeats?: number;
  readonly seeds?: readonly number[];
  /** Epochs of every classifier that has an `epochs` option. */
  readonly epochs?: number;
  /** `--set NAME.option=VALUE`, in the order given (later ones win). */
  readonly sets?: readonly OptionSet[];
}

/**
 * Resolves a validated configuration plus command-line overrides into settings: lists, numbers
 * and, for each data kind, every sampler's and classifier's options (defaults < `options` <
 * `tableOptions`/`imageOptions` < `--set` < `--epochs`; a family's options before its members').
 * Throws `UsageError` for any bad option.
 */
export function resolveSettings(config: BenchConfig, over: SettingsOverrides = {}): BenchSettings {
  const samplers = [...(over.samplers ?? config.samplers ?? ['none', 'smote'])];
  const classifierList = over.classifiers;
  const tableClassifiers = [...(classifierList ?? config.classifiers?.table ?? ['logistic-regression'])].filter((c) => classifierRecord(c).reads === 'any');
  const imageClassifiers = [...(classifierList ?? config.classifiers?.image ?? ['small-cnn'])];
  const seeds =
    over.seeds ??
    (config.seeds === undefined ? [0] : parseSeeds('seeds', typeof config.seeds === 'string' ? config.seeds.split(',') : config.seeds));
  const image: Required<ImageConfig> = {
    profileScale: config.images?.profileScale ?? 1,
    minPerClass: config.images?.minPerClass ?? 8,
    protocol: config.images?.protocol ?? 'subsample',
    testProfileScale: config.images?.testProfileScale ?? 1,
  };
  const optionsFor = (kind: 'table' | 'image'): Record<string, OptionValues> => {
    const kindOptions = kind === 'table' ? config.tableOptions : config.imageOptions;
    const out: Record<string, OptionValues> = {};
    const layersOf = (name: string, family: string, schema: Parameters<typeof specAt>[0]): OptionValues[] => {
      const layers: OptionValues[] = [];
      for (const source of [config.options, kindOptions]) {
        if (!source) continue;
        if (family !== name && source[family]) layers.push(source[family]);
        if (source[name]) layers.push(source[name]);
      }
      for (const s of over.sets ?? []) if (s.target === name || s.target === family) layers.push(setLayer(s, schema));
      return layers;
    };
    try {
      for (const name of samplers) {
        const r = samplerRecord(name);
        out[name] = resolveSamplerOptions(r, layersOf(name, r.family, r.options));
      }
      for (const name of new Set([...(kind === 'table' ? tableClassifiers : imageClassifiers)])) {
        const r = classifierRecord(name);
        const layers = layersOf(name, name, r.options);
        if (over.epochs !== undefined && r.options.epochs) layers.push({ epochs: over.epochs });
        out[name] = resolveClassifierOptions(r, layers);
      }
    } catch (err) {
      if (err instanceof OptionError) throw new UsageError(err.message);
      throw err;
    }
    return out;
  };
  return {
    description: config.description ?? '',
    datasets: [...(over.datasets ?? config.datasets ?? [])],
    samplers,
    tableClassifiers,
    imageClassifiers,
    folds: over.folds ?? config.folds ?? 5,
    repeats: over.repeats ?? config.repeats ?? 1,
    seeds: [...seeds],
    image,
    options: { table: optionsFor('table'), image: optionsFor('image') },
    paper: config.paper ?? false,
  };
}
