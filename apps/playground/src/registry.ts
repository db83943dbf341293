/**
 * TEMPORARY stand-in for `@oversample/bench/registry` (issue #13), which is landing: the same
 * record and schema shapes, for the SMOTE family and the two table classifiers, so the
 * playground's forms are generated from a schema today. Replaced by a re-export of the bench's
 * registry as soon as it is on main.
 */
import type { Sampler } from '@oversample/core';
import { OptionError, describeValue } from '@oversample/core';
import type { Classifier } from '@oversample/models';

interface SpecBase {
  readonly description: string;
}
export interface IntegerSpec extends SpecBase {
  readonly kind: 'integer';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}
export interface NumberSpec extends SpecBase {
  readonly kind: 'number';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
}
export interface BooleanSpec extends SpecBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
}
export interface EnumSpec extends SpecBase {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly default?: string;
}
export interface StrategySpec extends SpecBase {
  readonly kind: 'sampling-strategy';
  readonly default?: string;
}
export type OptionSpec = IntegerSpec | NumberSpec | BooleanSpec | EnumSpec | StrategySpec;
export type OptionSchema = Readonly<Record<string, OptionSpec>>;
export type OptionValues = Readonly<Record<string, unknown>>;

export const NAMED_STRATEGIES = ['auto', 'minority', 'not minority', 'not majority', 'all'] as const;

export interface SamplerRecord {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly family: string;
  readonly package: string;
  readonly deep: boolean;
  readonly categorical: boolean;
  readonly resamples: boolean;
  readonly options: OptionSchema;
  readonly fixed: OptionValues;
  readonly neighborOptions: readonly string[];
  create(options: OptionValues, context: { readonly seed: number; readonly categoricalFeatures: readonly number[] }): Promise<Sampler>;
}

export interface ClassifierRecord {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly package: string;
  readonly deep: boolean;
  readonly reads: 'any' | 'images';
  readonly options: OptionSchema;
  create(options: OptionValues, context: { readonly seed: number }): Promise<Classifier>;
}

const samplingStrategy: StrategySpec = {
  kind: 'sampling-strategy',
  default: 'auto',
  description: "Which classes grow and to how many rows (imbalanced-learn's sampling_strategy).",
};
const kNeighbors: IntegerSpec = { kind: 'integer', default: 5, min: 1, description: 'Nearest neighbours of the same class to interpolate towards.' };

class NoResampling implements Sampler {
  readonly name = 'none';
  async fitResample(data: Parameters<Sampler['fitResample']>[0]): ReturnType<Sampler['fitResample']> {
    return data;
  }
}

export const SAMPLERS: readonly SamplerRecord[] = [
  {
    name: 'none',
    title: 'no resampling',
    description: 'The baseline: the classifier trains on the training fold as it is.',
    family: 'none',
    package: '@oversample/core',
    deep: false,
    categorical: false,
    resamples: false,
    options: {},
    fixed: {},
    neighborOptions: [],
    async create() {
      return new NoResampling();
    },
  },
  {
    name: 'random',
    title: 'random over-sampling',
    description: 'Random over-sampling: copies of minority rows drawn with replacement.',
    family: 'random',
    package: '@oversample/smote',
    deep: false,
    categorical: false,
    resamples: true,
    options: { samplingStrategy },
    fixed: {},
    neighborOptions: [],
    async create(options, { seed }) {
      const { RandomOverSampler } = await import('@oversample/smote');
      return new RandomOverSampler({ ...options, seed } as ConstructorParameters<typeof RandomOverSampler>[0]);
    },
  },
  {
    name: 'smote',
    title: 'SMOTE',
    description: 'SMOTE (Chawla et al., 2002): new rows on segments between a minority row and a near neighbour of its class.',
    family: 'smote',
    package: '@oversample/smote',
    deep: false,
    categorical: false,
    resamples: true,
    options: { samplingStrategy, kNeighbors },
    fixed: {},
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { SMOTE } = await import('@oversample/smote');
      return new SMOTE({ ...options, seed } as ConstructorParameters<typeof SMOTE>[0]);
    },
  },
  ...([1, 2] as const).map(
    (kind): SamplerRecord => ({
      name: kind === 1 ? 'borderline-smote' : 'borderline-smote-2',
      title: `Borderline-SMOTE (kind ${kind})`,
      description: 'Borderline-SMOTE (Han et al., 2005): SMOTE from the minority rows in danger.',
      family: 'borderline-smote',
      package: '@oversample/smote',
      deep: false,
      categorical: false,
      resamples: true,
      options: {
        samplingStrategy,
        kNeighbors,
        mNeighbors: { kind: 'integer', default: 10, min: 1, description: 'Neighbours that decide whether a row is noise, in danger or safe.' },
      },
      fixed: { kind },
      neighborOptions: ['kNeighbors'],
      async create(options, { seed }) {
        const { BorderlineSMOTE } = await import('@oversample/smote');
        return new BorderlineSMOTE({ ...options, seed } as ConstructorParameters<typeof BorderlineSMOTE>[0]);
      },
    }),
  ),
  ...(['paper', 'code'] as const).map(
    (penalty): SamplerRecord => ({
      name: `deepsmote-${penalty}`,
      title: `DeepSMOTE (${penalty} penalty)`,
      description: 'DeepSMOTE (Dablain et al., 2022): SMOTE in the latent space of an autoencoder.',
      family: 'deepsmote',
      package: '@oversample/deepsmote',
      deep: true,
      categorical: false,
      resamples: true,
      options: {
        samplingStrategy,
        dimH: { kind: 'integer', default: 64, min: 1, max: 4096, description: "Base width of the autoencoder (the authors' dim_h)." },
        latentDim: { kind: 'integer', min: 1, max: 65536, description: 'Code size (n_z); unset: 300 for 28x28 images, the column count for tables.' },
        epochs: { kind: 'integer', default: 200, min: 1, max: 100000, description: "Autoencoder training epochs (the authors' code: 200)." },
        batchSize: { kind: 'integer', default: 100, min: 1, description: 'Rows per training step.' },
        learningRate: { kind: 'number', default: 2e-4, min: 0, exclusiveMin: true, max: 10, description: 'Adam step size.' },
        penaltyRows: { kind: 'integer', default: 100, min: 1, description: 'Most rows of the drawn class in the permutation-penalty sample.' },
        kNeighbors: { ...kNeighbors, description: 'Neighbours for SMOTE in the latent space.' },
      },
      fixed: { penalty },
      neighborOptions: ['kNeighbors'],
      async create(options, { seed }) {
        const { DeepSMOTE } = await import('@oversample/deepsmote');
        return new DeepSMOTE({ ...options, seed } as ConstructorParameters<typeof DeepSMOTE>[0]);
      },
    }),
  ),
  {
    name: 'adasyn',
    title: 'ADASYN',
    description: 'ADASYN (He et al., 2008): more new rows near the class boundary.',
    family: 'adasyn',
    package: '@oversample/smote',
    deep: false,
    categorical: false,
    resamples: true,
    options: { samplingStrategy, nNeighbors: { kind: 'integer', default: 5, min: 1, description: 'Neighbours for the density ratio and the interpolation.' } },
    fixed: {},
    neighborOptions: ['nNeighbors'],
    async create(options, { seed }) {
      const { ADASYN } = await import('@oversample/smote');
      return new ADASYN({ ...options, seed } as ConstructorParameters<typeof ADASYN>[0]);
    },
  },
];

export const CLASSIFIERS: readonly ClassifierRecord[] = [
  {
    name: 'logistic-regression',
    title: 'logistic regression',
    description: 'Multinomial logistic regression with L2 penalty, fitted by L-BFGS.',
    package: '@oversample/models',
    deep: false,
    reads: 'any',
    options: {
      C: { kind: 'number', default: 1, min: 0, exclusiveMin: true, description: "Inverse L2 strength, as scikit-learn's C." },
      maxIter: { kind: 'integer', default: 200, min: 1, max: 1000000, description: 'Most L-BFGS iterations.' },
    },
    async create(options) {
      const { LogisticRegression } = await import('@oversample/models');
      return new LogisticRegression(options as ConstructorParameters<typeof LogisticRegression>[0]);
    },
  },
  {
    name: 'knn',
    title: 'k-NN',
    description: 'k-nearest-neighbour vote (exact, Euclidean).',
    package: '@oversample/models',
    deep: false,
    reads: 'any',
    options: {
      k: { kind: 'integer', default: 5, min: 1, max: 100000, description: 'Neighbours that vote.' },
      weights: { kind: 'enum', values: ['uniform', 'distance'], default: 'uniform', description: 'Equal votes, or votes weighted by 1 / distance.' },
    },
    async create(options) {
      const { KNeighborsClassifier } = await import('@oversample/models');
      return new KNeighborsClassifier(options as ConstructorParameters<typeof KNeighborsClassifier>[0]);
    },
  },
];

export function acceptsText(spec: OptionSpec): string {
  switch (spec.kind) {
    case 'integer':
      return `an integer${spec.min !== undefined ? ` >= ${spec.min}` : ''}`;
    case 'number':
      return `a number${spec.min !== undefined ? ` ${spec.exclusiveMin ? '>' : '>='} ${spec.min}` : ''}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'sampling-strategy':
      return `${NAMED_STRATEGIES.join(', ')}, a ratio in (0, 1] or { "class": rows }`;
  }
}

export function checkOptionValue(path: string, spec: OptionSpec, value: unknown): unknown {
  const fail = (): never => {
    throw new OptionError(`${path} must be ${acceptsText(spec)}, got ${describeValue(value)}`);
  };
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value) || (spec.kind === 'integer' && !Number.isInteger(value))) fail();
      const v = value as number;
      const s = spec as NumberSpec;
      if ((s.min !== undefined && (s.exclusiveMin ? v <= s.min : v < s.min)) || (s.max !== undefined && (s.exclusiveMax ? v >= s.max : v > s.max))) fail();
      return v;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) fail();
      return value;
    case 'sampling-strategy':
      if (typeof value === 'string') return (NAMED_STRATEGIES as readonly string[]).includes(value) ? value : fail();
      if (typeof value === 'number') return value > 0 && value <= 1 ? value : fail();
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail();
      return { ...(value as object) };
  }
}

export function resolveOptions(what: string, schema: OptionSchema, layers: readonly OptionValues[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (!schema[key]) throw new OptionError(`${what} has no option '${key}'`);
      merged[key] = value;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    if (merged[key] !== undefined) out[key] = checkOptionValue(`${what}.${key}`, spec, merged[key]);
    else if (spec.default !== undefined) out[key] = spec.default;
  }
  return out;
}

export function parseOptionText(path: string, spec: OptionSpec, text: string): unknown {
  const t = text.trim();
  switch (spec.kind) {
    case 'integer':
    case 'number':
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : t;
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : t;
    case 'enum':
      return t;
    case 'sampling-strategy':
      if (t.startsWith('{')) {
        try {
          return JSON.parse(t) as unknown;
        } catch {
          throw new OptionError(`${path} must be ${acceptsText(spec)}, got ${describeValue(text)} (not valid JSON)`);
        }
      }
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : t;
  }
}

export function resolveSamplerOptions(record: SamplerRecord, layers: readonly OptionValues[]): Record<string, unknown> {
  return { ...resolveOptions(record.name, record.options, layers), ...record.fixed };
}

export function resolveClassifierOptions(record: ClassifierRecord, layers: readonly OptionValues[]): Record<string, unknown> {
  return resolveOptions(record.name, record.options, layers);
}
