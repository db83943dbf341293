/**
 * The page state and its URL form. Everything a view depends on (data, samplers, their options,
 * classifier, seed, the image run's settings) lives in the query string, so a view can be shared
 * by its address. Only values that differ from the defaults are written.
 */
import type { OptionSchema, OptionSpec, OptionValues } from '@oversample/bench/registry';
import { CLASSIFIERS, SAMPLERS, checkOptionValue, parseOptionText } from '@oversample/bench/registry';

/** The 2-D toy sets, as in imbalanced-learn's gallery. */
export const TOY_SETS = ['moons', 'circles', 'blobs', 'gaussians'] as const;

/** One of `TOY_SETS`. */
export type ToySet = (typeof TOY_SETS)[number];

/** Where the rows come from. */
export type DataChoice =
  /** A generated 2-D set: `majority` rows in the largest class, `ratio` times fewer in the smallest. */
  | { readonly kind: 'toy'; readonly set: ToySet; readonly majority: number; readonly ratio: number; readonly noise: number }
  /** A table of `@oversample/datasets`. */
  | { readonly kind: 'table'; readonly name: string }
  /** A CSV file the user dropped (its text is not in the URL: the page asks for it again). */
  | { readonly kind: 'csv'; readonly file: string; readonly label: string };

/** A sampler column: the registry name and the options the user set (defaults left out). */
export interface SamplerChoice {
  readonly name: string;
  readonly options: OptionValues;
}

/** The classifier trained on each resampled set. */
export interface ClassifierChoice {
  readonly name: string;
  readonly options: OptionValues;
}

/** The tables view: data, two to four samplers, a classifier, the split. */
export interface TablesState {
  readonly data: DataChoice;
  readonly samplers: readonly SamplerChoice[];
  readonly classifier: ClassifierChoice;
  /** Seed of the split, the samplers and the classifier. */
  readonly seed: number;
  /** Share of each class held out for scoring. */
  readonly testSize: number;
}

/** The images view: DeepSMOTE on a small MNIST subset. */
export interface ImagesState {
  /** The registry name of the DeepSMOTE variant (one of the `deepsmote` family: its penalty). */
  readonly sampler: string;
  /** DeepSMOTE options the user set (the rest: the page's defaults, then the registry's). */
  readonly options: OptionValues;
  /** Fraction of DeepSMOTE's MNIST profile (4000 ... 40 rows per class) to train on. */
  readonly scale: number;
  readonly seed: number;
}

/** Everything the page shows. */
export interface PageState {
  readonly view: 'tables' | 'images';
  readonly tables: TablesState;
  readonly images: ImagesState;
}

/** Fewest and most sampler columns. */
export const MIN_SAMPLERS = 2;
export const MAX_SAMPLERS = 4;

/** The page as a first visit shows it. */
export const DEFAULT_STATE: PageState = {
  view: 'tables',
  tables: {
    data: { kind: 'toy', set: 'moons', majority: 300, ratio: 10, noise: 0.25 },
    samplers: [
      { name: 'none', options: {} },
      { name: 'smote', options: {} },
      { name: 'adasyn', options: {} },
    ],
    classifier: { name: 'logistic-regression', options: {} },
    seed: 0,
    testSize: 0.3,
  },
  images: { sampler: 'deepsmote-paper', options: {}, scale: 1 / 40, seed: 0 },
};

/** Limits of the toy-set and split settings: the form and the URL parser share them. */
export const LIMITS = {
  majority: { min: 10, max: 5000 },
  ratio: { min: 1, max: 100 },
  noise: { min: 0, max: 3 },
  testSize: { min: 0.1, max: 0.5 },
  scale: { min: 1 / 400, max: 1 / 40 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/** The registry schema of a sampler or classifier name, or undefined if the name is unknown. */
function schemaOf(kind: 'sampler' | 'classifier', name: string): OptionSchema | undefined {
  const list: readonly { name: string; options: OptionSchema }[] = kind === 'sampler' ? SAMPLERS : CLASSIFIERS;
  return list.find((r) => r.name === name)?.options;
}

/** An option value as URL text: numbers, words and booleans as they are, lists and objects as JSON. */
export function optionText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** What `parseState` read, and what it had to drop (shown on the page). */
export interface ParsedState {
  readonly state: PageState;
  /** One sentence per URL parameter that was ignored, naming it and why. */
  readonly problems: readonly string[];
}

function numberParam(params: URLSearchParams, key: string, fallback: number, range: { min: number; max: number }, problems: string[], integer = false): number {
  const text = params.get(key);
  if (text === null) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < range.min || value > range.max || (integer && !Number.isInteger(value))) {
    const show = (v: number): string => (Number.isInteger(v) ? String(v) : String(+v.toPrecision(3)));
    problems.push(`${key}=${text} ignored: ${key} must be ${integer ? 'an integer' : 'a number'} from ${show(range.min)} to ${show(range.max)}`);
    return fallback;
  }
  return value;
}

/** Reads `prefix.option=text` parameters against a schema; bad ones become problems. */
function optionParams(params: URLSearchParams, prefix: string, what: string, schema: OptionSchema, problems: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of params) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const option = key.slice(prefix.length + 1);
    const spec: OptionSpec | undefined = schema[option];
    if (!spec) {
      problems.push(`${key} ignored: ${what} has no option '${option}' (it has ${Object.keys(schema).join(', ') || 'none'})`);
      continue;
    }
    try {
      out[option] = checkOptionValue(`${what}.${option}`, spec, parseOptionText(`${what}.${option}`, spec, text));
    } catch (err) {
      problems.push(`${key}=${text} ignored: ${(err as Error).message}`);
    }
  }
  return out;
}

function dataParam(params: URLSearchParams, problems: string[]): DataChoice {
  const fallback = DEFAULT_STATE.tables.data as Extract<DataChoice, { kind: 'toy' }>;
  const text = params.get('data') ?? fallback.set;
  if ((TOY_SETS as readonly string[]).includes(text)) {
    return {
      kind: 'toy',
      set: text as ToySet,
      majority: numberParam(params, 'n', fallback.majority, LIMITS.majority, problems, true),
      ratio: numberParam(params, 'ratio', fallback.ratio, LIMITS.ratio, problems),
      noise: numberParam(params, 'noise', fallback.noise, LIMITS.noise, problems),
    };
  }
  if (text.startsWith('table:') && text.length > 'table:'.length) return { kind: 'table', name: text.slice('table:'.length) };
  if (text.startsWith('csv:') && text.length > 'csv:'.length) return { kind: 'csv', file: text.slice('csv:'.length), label: params.get('label') ?? '' };
  problems.push(`data=${text} ignored: use ${TOY_SETS.join(', ')}, table:NAME or csv:FILE`);
  return fallback;
}

/**
 * Reads a page state from a query string (`location.search`). Unknown names and bad values are
 * dropped with a problem each, never thrown: a shared link with a typo still opens.
 *
 * @example
 * parseState('?data=circles&ratio=20&s1=smote&s1.kNeighbors=3&s2=adasyn').state.tables.samplers
 */
export function parseState(search: string): ParsedState {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const view = params.get('view') ?? 'tables';
  if (view !== 'tables' && view !== 'images') problems.push(`view=${view} ignored: use tables or images`);

  const samplers: SamplerChoice[] = [];
  for (let i = 1; i <= MAX_SAMPLERS; i++) {
    const name = params.get(`s${i}`);
    if (name === null) continue;
    const schema = schemaOf('sampler', name);
    if (!schema) {
      problems.push(`s${i}=${name} ignored: no sampler is called '${name}' (known: ${SAMPLERS.map((s) => s.name).join(', ')})`);
      continue;
    }
    samplers.push({ name, options: optionParams(params, `s${i}`, name, schema, problems) });
  }
  if (samplers.length > 0 && samplers.length < MIN_SAMPLERS) {
    const extra = DEFAULT_STATE.tables.samplers.find((d) => !samplers.some((s) => s.name === d.name))!;
    samplers.push(extra);
  }

  const clfName = params.get('clf') ?? DEFAULT_STATE.tables.classifier.name;
  const clfSchema = tableClassifierNames().includes(clfName) ? schemaOf('classifier', clfName) : undefined;
  let classifier: ClassifierChoice;
  if (!clfSchema) {
    problems.push(`clf=${clfName} ignored: the tables view trains ${tableClassifierNames().join(' or ')}`);
    classifier = DEFAULT_STATE.tables.classifier;
  } else {
    classifier = { name: clfName, options: optionParams(params, 'clf', clfName, clfSchema, problems) };
  }
  let imageSampler = params.get('isampler') ?? DEFAULT_STATE.images.sampler;
  if (!imageSamplerNames().includes(imageSampler)) {
    problems.push(`isampler=${imageSampler} ignored: use ${imageSamplerNames().join(' or ')}`);
    imageSampler = DEFAULT_STATE.images.sampler;
  }
  const deepsmote = schemaOf('sampler', imageSampler);

  return {
    state: {
      view: view === 'images' ? 'images' : 'tables',
      tables: {
        data: dataParam(params, problems),
        samplers: samplers.length > 0 ? samplers : DEFAULT_STATE.tables.samplers,
        classifier,
        seed: numberParam(params, 'seed', DEFAULT_STATE.tables.seed, LIMITS.seed, problems, true),
        testSize: numberParam(params, 'test', DEFAULT_STATE.tables.testSize, LIMITS.testSize, problems),
      },
      images: {
        sampler: imageSampler,
        options: deepsmote ? optionParams(params, 'i', imageSampler, deepsmote, problems) : {},
        scale: numberParam(params, 'scale', DEFAULT_STATE.images.scale, LIMITS.scale, problems),
        seed: numberParam(params, 'iseed', DEFAULT_STATE.images.seed, LIMITS.seed, problems, true),
      },
    },
    problems,
  };
}

/** The classifiers of the tables view: those that read any table and train without TensorFlow.js. */
export function tableClassifierNames(): string[] {
  return CLASSIFIERS.filter((c) => c.reads === 'any' && !c.deep).map((c) => c.name);
}

/** The registry names the images view can train: the DeepSMOTE family (one per penalty). */
export function imageSamplerNames(): string[] {
  return SAMPLERS.filter((r) => r.family === 'deepsmote').map((r) => r.name);
}

/** The query string (with `?`, or `''`) of a state; `parseState` reads it back to the same state. */
export function formatState(state: PageState): string {
  const params = new URLSearchParams();
  const d = DEFAULT_STATE;
  if (state.view !== d.view) params.set('view', state.view);
  const t = state.tables;
  const data = t.data;
  if (data.kind === 'toy') {
    const dd = d.tables.data as Extract<DataChoice, { kind: 'toy' }>;
    if (data.set !== dd.set) params.set('data', data.set);
    if (data.majority !== dd.majority) params.set('n', String(data.majority));
    if (data.ratio !== dd.ratio) params.set('ratio', String(data.ratio));
    if (data.noise !== dd.noise) params.set('noise', String(data.noise));
  } else if (data.kind === 'table') {
    params.set('data', `table:${data.name}`);
  } else {
    params.set('data', `csv:${data.file}`);
    if (data.label !== '') params.set('label', data.label);
  }
  const sameSamplers =
    t.samplers.length === d.tables.samplers.length &&
    t.samplers.every((s, i) => s.name === d.tables.samplers[i]!.name && Object.keys(s.options).length === 0);
  if (!sameSamplers) {
    t.samplers.forEach((s, i) => {
      params.set(`s${i + 1}`, s.name);
      for (const [k, v] of Object.entries(s.options)) params.set(`s${i + 1}.${k}`, optionText(v));
    });
  }
  if (t.classifier.name !== d.tables.classifier.name) params.set('clf', t.classifier.name);
  for (const [k, v] of Object.entries(t.classifier.options)) params.set(`clf.${k}`, optionText(v));
  if (t.seed !== d.tables.seed) params.set('seed', String(t.seed));
  if (t.testSize !== d.tables.testSize) params.set('test', String(t.testSize));
  const im = state.images;
  if (im.sampler !== d.images.sampler) params.set('isampler', im.sampler);
  for (const [k, v] of Object.entries(im.options)) params.set(`i.${k}`, optionText(v));
  if (im.scale !== d.images.scale) params.set('scale', String(im.scale));
  if (im.seed !== d.images.seed) params.set('iseed', String(im.seed));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
