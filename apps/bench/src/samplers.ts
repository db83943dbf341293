/**
 * The sampler registry: one record per sampler name the bench runs. Names, `--help`, the README's
 * list, option validation and construction all come from here, so adding a sampler is one record.
 * Browser-safe: packages are imported lazily inside `create`.
 */
import type { Dataset, Sampler } from '@oversample/core';
import type { OptionSchema, OptionValues } from './option-schema';

/** What the bench hands a sampler besides its options. */
export interface SamplerBuildContext {
  /** The cell's derived seed. */
  readonly seed: number;
  /** Columns holding category codes (only samplers with `categorical: true` receive codes). */
  readonly categoricalFeatures: readonly number[];
}

/** One sampler the bench can run. */
export interface SamplerRecord {
  /** The CLI name, e.g. `borderline-smote-2`. */
  readonly name: string;
  /** Display name, e.g. `Borderline-SMOTE (kind 2)`. */
  readonly title: string;
  /** One sentence for `--help`, the README and the playground. */
  readonly description: string;
  /**
   * Records of one family share the class and schema (`deepsmote-paper`, `deepsmote-code`);
   * `--set FAMILY.option=...` sets the option for every member.
   */
  readonly family: string;
  /** The package the class comes from. */
  readonly package: string;
  /** Trains a neural network (TensorFlow.js; slow on a CPU). */
  readonly deep: boolean;
  /** Takes categorical columns as category codes (every other sampler sees them one-hot encoded). */
  readonly categorical: boolean;
  /** False only for `none`, the baseline that hands the training fold on unchanged. */
  readonly resamples: boolean;
  /**
   * Removes rows (the cleaners and the over-sample-then-clean combinations): class counts may fall,
   * and the output starts with the kept input rows in order, not all of them, so rows past the
   * input's count are synthetic but not every synthetic row is past it.
   */
  readonly removes: boolean;
  /** The options a user may set, with the bench's defaults. */
  readonly options: OptionSchema;
  /** Options fixed by the name (e.g. `kind: 2`); not settable, recorded with every cell. */
  readonly fixed: OptionValues;
  /**
   * Where the publication's configuration departs from the defaults in `options` (which are the
   * package's), e.g. DeepSMOTE's `synthesis: 'decode'`: the report measures a run against these.
   */
  readonly published?: OptionValues;
  /**
   * Neighbour-count options: the bench lowers them to (smallest training class - 1) on a fold
   * whose smallest class is too small, and records the value used. (ours)
   */
  readonly neighborOptions: readonly string[];
  /** Builds the sampler from resolved options (schema-checked, `fixed` included). */
  create(options: OptionValues, context: SamplerBuildContext): Promise<Sampler>;
}

const samplingStrategy = {
  kind: 'sampling-strategy',
  default: 'auto',
  description: "Which classes grow and to how many rows (imbalanced-learn's sampling_strategy); 'auto' grows every class but the largest to its size.",
} as const;

const kNeighbors = { kind: 'integer', default: 5, min: 1, description: 'Nearest neighbours of the same class to interpolate towards.' } as const;

/** A cleaner's `samplingStrategy`: the classes it may clean (named sets only; a list of classes is a package option). */
const cleaningStrategy = {
  kind: 'enum',
  values: ['auto', 'majority', 'not minority', 'not majority', 'all'],
  default: 'auto',
  description: "Which classes lose rows (imbalanced-learn's sampling_strategy for cleaners); 'auto' cleans every class but the smallest.",
} as const;

const mNeighbors = { kind: 'integer', default: 10, min: 1, description: 'Neighbours in the whole data that decide whether a row is noise, in danger or safe.' } as const;

/** An over-sample-then-clean combination: SMOTE with `kNeighbors`, then the cleaner. */
function combination(name: 'smote-enn' | 'smote-tomek', title: string, description: string): SamplerRecord {
  return smoteRecord({
    name,
    title,
    description,
    removes: true,
    options: { samplingStrategy, kNeighbors },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { SMOTE, SMOTEENN, SMOTETomek } = await import('@oversample/smote');
      const smote = new SMOTE({ ...options, seed } as ConstructorParameters<typeof SMOTE>[0]);
      return name === 'smote-enn' ? new SMOTEENN({ smote }) : new SMOTETomek({ smote });
    },
  });
}

/**
 * A sampler of `@oversample/smote` (no network, one-hot input, adds rows): the record with those
 * fields filled in; `family` defaults to the name.
 */
function smoteRecord(r: Pick<SamplerRecord, 'name' | 'title' | 'description' | 'options' | 'create'> & Partial<SamplerRecord>): SamplerRecord {
  return { family: r.name, package: '@oversample/smote', deep: false, categorical: false, resamples: true, removes: false, fixed: {}, neighborOptions: [], ...r };
}

/** The baseline: the training fold unchanged (one shape with every other sampler). */
class NoResampling implements Sampler {
  readonly name = 'none';
  async fitResample(data: Dataset): Promise<Dataset> {
    return data;
  }
}

const DEEPSMOTE_OPTIONS: OptionSchema = {
  samplingStrategy,
  dimH: { kind: 'integer', default: 64, min: 1, max: 4096, description: "Base width of the autoencoder (the authors' dim_h)." },
  latentDim: {
    kind: 'integer',
    min: 1,
    max: 65536,
    description: 'Code size (n_z); unset: 300 for 28x28 images, 600 for 32x32, the column count for tables (ours).',
  },
  inputRange: {
    kind: 'list',
    item: { kind: 'number', min: -1, max: 1 },
    minLength: 2,
    maxLength: 2,
    default: [-1, 1],
    description: 'Range [lo, hi] the inputs are scaled to for the tanh decoder (ours); synthetic values are clipped to it.',
  },
  epochs: { kind: 'integer', default: 200, min: 1, max: 100000, description: "Autoencoder training epochs (the authors' code: 200)." },
  batchSize: { kind: 'integer', default: 100, min: 1, description: 'Rows per training step.' },
  learningRate: { kind: 'number', default: 2e-4, min: 0, exclusiveMin: true, max: 10, description: 'Adam step size.' },
  betas: {
    kind: 'list',
    item: { kind: 'number', min: 0, max: 1, exclusiveMax: true },
    minLength: 2,
    maxLength: 2,
    default: [0.9, 0.999],
    description: "Adam's (beta1, beta2).",
  },
  penaltyRows: { kind: 'integer', default: 100, min: 1, description: 'Most rows of the drawn class in the permutation-penalty sample.' },
  kNeighbors: { ...kNeighbors, description: 'Neighbours for SMOTE in the latent space.' },
  gap: { kind: 'number', default: 1, min: 0, max: 1, description: "Interpolation gaps are drawn from U[0, gap) (ours; 1 is SMOTE's)." },
  synthesis: {
    kind: 'enum',
    values: ['decode', 'residual'],
    default: 'residual',
    description: "How a new code becomes a row: the base row plus the decoder's change between the two codes (ours, the default) or the decoder's output (the publication).",
  },
  neighborSpace: { kind: 'enum', values: ['latent', 'input'], default: 'latent', description: 'Where neighbours are searched: among the codes (the publication) or the rows (ours).' },
  realShare: { kind: 'number', default: 0, min: 0, max: 1, description: "Share of each class's new rows that are copies of its real rows (ours)." },
  batchNorm: {
    kind: 'enum',
    values: ['running', 'batch'],
    default: 'running',
    description: "Batch-norm statistics while decoding: the running estimates (the authors' eval()) or each batch's own.",
  },
  validationFraction: {
    kind: 'number',
    default: 0,
    min: 0,
    max: 0.5,
    description: 'Share of each class held out to pick the kept epoch by reconstruction error (ours); 0 keeps the lowest training loss, as the authors do.',
  },
  patience: { kind: 'integer', default: 0, min: 0, max: 100000, description: 'With held-out rows: stop after this many epochs without a lower held-out error (0: never).' },
};

function deepsmote(penalty: 'paper' | 'code', text: string): SamplerRecord {
  return {
    name: `deepsmote-${penalty}`,
    title: `DeepSMOTE (${penalty} penalty)`,
    description: `DeepSMOTE (Dablain et al., 2022): SMOTE in the latent space of an autoencoder trained with ${text}.`,
    family: 'deepsmote',
    package: '@oversample/deepsmote',
    deep: true,
    categorical: false,
    resamples: true,
    removes: false,
    options: DEEPSMOTE_OPTIONS,
    fixed: { penalty },
    published: { synthesis: 'decode' },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { DeepSMOTE } = await import('@oversample/deepsmote');
      return new DeepSMOTE({ ...options, seed } as ConstructorParameters<typeof DeepSMOTE>[0]);
    },
  };
}

const AUTOSMOTE_OPTIONS: OptionSchema = {
  samplingStrategy,
  maxNeighbors: { kind: 'integer', default: 10, min: 1, max: 1000, description: 'K, the neighbours each row can draw on; the k decision picks 1..K.' },
  cohorts: { kind: 'integer', default: 8, min: 1, max: 10000, description: 'k-means groups per class (cohort variant).' },
  aggregations: {
    kind: 'list',
    item: { kind: 'enum', values: ['interpolate', 'centroid', 'max'] },
    minLength: 1,
    unique: true,
    default: ['interpolate', 'centroid', 'max'],
    description: 'The aggregation functions the policy chooses among.',
  },
  neighborPools: {
    kind: 'list',
    item: { kind: 'enum', values: ['class', 'all'] },
    minLength: 1,
    unique: true,
    default: ['class'],
    description: "Where a unit's neighbours may come from: its class (SMOTE's) and/or every class, approached at most half way (ours).",
  },
  temperature: {
    kind: 'object',
    description: 'Gumbel-Softmax temperature, annealed exponentially from start to end.',
    fields: {
      start: { kind: 'number', default: 1, min: 0, exclusiveMin: true, description: 'Temperature of the first step.' },
      end: { kind: 'number', default: 0.1, min: 0, exclusiveMin: true, description: 'Temperature of the last step (<= start).' },
    },
  },
  hiddenLayers: { kind: 'list', item: { kind: 'integer', min: 1, max: 65536 }, default: [32], description: 'Hidden layer widths of the classifier trained with the policy.' },
  activation: { kind: 'enum', values: ['relu', 'tanh'], default: 'relu', description: 'Activation of that classifier.' },
  learningRate: { kind: 'number', default: 0.01, min: 0, exclusiveMin: true, max: 10, description: 'Adam step size of the classifier.' },
  policyHidden: { kind: 'integer', default: 32, min: 1, max: 65536, description: "Width of the policy network's hidden layer." },
  policyLearningRate: { kind: 'number', default: 0.01, min: 0, exclusiveMin: true, max: 10, description: 'Adam step size of the policy.' },
  lookaheadLearningRate: { kind: 'number', default: 0.1, min: 0, exclusiveMin: true, max: 10, description: 'Step size of the look-ahead update the policy is scored through.' },
  epochs: { kind: 'integer', default: 20, min: 1, max: 100000, description: 'Joint training epochs.' },
  batchSize: { kind: 'integer', default: 64, min: 1, description: 'Real rows (and synthetic seeds) per step.' },
  validationFraction: { kind: 'number', default: 0.25, min: 0, exclusiveMin: true, max: 0.5, description: 'Share of each class held out to score the policies.' },
  refitEpochs: { kind: 'integer', default: 30, min: 1, max: 100000, description: 'Epochs of the final classifier on every real row plus the synthetic ones.' },
};

/** The look-ahead records' extra option: a class-level share of the deficit (the joint loss would skip every class). */
const AUTOSMOTE_LOOKAHEAD_OPTIONS: OptionSchema = {
  ...AUTOSMOTE_OPTIONS,
  classShares: {
    kind: 'list',
    item: { kind: 'number', min: 0, max: 1 },
    minLength: 1,
    unique: true,
    default: [1],
    description: "Look-ahead records only: shares of a class's deficit a class-level decision picks from (ours); [0, 0.5, 1] lets a class be skipped or half filled.",
  },
};

function autosmote(variant: 'self' | 'cohort', objective: 'lookahead' | 'joint'): SamplerRecord {
  const joint = objective === 'joint';
  return {
    name: `autosmote-${variant}${joint ? '-joint' : ''}`,
    title: `AutoSMOTE (${variant}${joint ? ', joint objective' : ''})`,
    description:
      `AutoSMOTE (Kishanthan & Hevapathige): Gumbel-Softmax oversampling decisions learned with the classifier, ${variant === 'self' ? 'one per minority row' : 'one per k-means cohort of rows'}` +
      (joint ? ", trained with the publication's single loss." : ', scored by a held-out loss after a look-ahead step (ours).'),
    family: 'autosmote',
    package: '@oversample/autosmote',
    deep: true,
    categorical: false,
    resamples: true,
    removes: false,
    options: joint ? AUTOSMOTE_OPTIONS : AUTOSMOTE_LOOKAHEAD_OPTIONS,
    fixed: joint ? { variant, objective } : { variant },
    neighborOptions: [],
    async create(options, { seed }) {
      const { AutoSMOTE } = await import('@oversample/autosmote');
      return new AutoSMOTE({ ...options, seed } as ConstructorParameters<typeof AutoSMOTE>[0]);
    },
  };
}

const REGRESSION_SMOTE_OPTIONS: OptionSchema = {
  samplingStrategy,
  pairing: {
    kind: 'enum',
    values: ['knn', 'random'],
    default: 'knn',
    description: "How the second row of a pair is chosen: a near neighbour, as SMOTE (ours), or any row of the class (the publication's random pairs).",
  },
  gap: { kind: 'enum', values: ['uniform', 'midpoint'], default: 'uniform', description: 'Training target between the pair: a uniform gap (the publication) or the midpoint (ours).' },
  loss: { kind: 'enum', values: ['mse', 'bce'], default: 'mse', description: 'MSE on standardised columns (ours), or BCE on columns scaled to [0, 1] with a sigmoid output (ours).' },
  hiddenLayers: { kind: 'list', item: { kind: 'integer', min: 1, max: 65536 }, default: [64, 64], description: 'Widths of the hidden dense layers; [] is one linear layer.' },
  activation: { kind: 'enum', values: ['relu', 'leakyRelu', 'elu', 'tanh', 'sigmoid', 'linear'], default: 'relu', description: 'Activation of the hidden layers.' },
  epochs: { kind: 'integer', default: 100, min: 1, max: 100000, description: 'Most training epochs per class.' },
  batchSize: { kind: 'integer', default: 64, min: 1, description: 'Pairs per optimiser step.' },
  learningRate: { kind: 'number', default: 1e-3, min: 0, exclusiveMin: true, max: 10, description: 'Adam step size.' },
  pairsPerEpoch: { kind: 'integer', default: 512, min: 1, description: 'Training pairs drawn per epoch.' },
  kNeighbors: { ...kNeighbors, description: "Neighbours per row for pairing 'knn'." },
  patience: { kind: 'integer', default: 10, min: 0, description: "Epochs without a 0.1% better loss before a class's training stops (0: never)." },
};

/**
 * Deep SMOTE (regression): `knn` is the package's default (k-NN pairs, ours); `paper` fixes the
 * publication's random pairs (its gap, U[0, 1), is the shared default).
 */
function regressionSmote(pairing: 'knn' | 'paper'): SamplerRecord {
  const paper = pairing === 'paper';
  return {
    name: paper ? 'regression-smote-paper' : 'regression-smote',
    title: paper ? "Deep SMOTE (regression, the publication's random pairs)" : 'Deep SMOTE (regression)',
    description: paper
      ? "Deep SMOTE (Mansourifar & Shi) as published: the network learns SMOTE's interpolation from random pairs of a class's rows."
      : "Deep SMOTE (Mansourifar & Shi): a network learns SMOTE's interpolation from pairs of minority rows.",
    family: 'regression-smote',
    package: '@oversample/regression-smote',
    deep: true,
    categorical: false,
    resamples: true,
    removes: false,
    options: REGRESSION_SMOTE_OPTIONS,
    fixed: paper ? { pairing: 'random' } : {},
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { RegressionSMOTE } = await import('@oversample/regression-smote');
      return new RegressionSMOTE({ ...options, seed } as ConstructorParameters<typeof RegressionSMOTE>[0]);
    },
  };
}

function borderline(kind: 1 | 2): SamplerRecord {
  return smoteRecord({
    name: kind === 1 ? 'borderline-smote' : 'borderline-smote-2',
    title: `Borderline-SMOTE (kind ${kind})`,
    description:
      kind === 1
        ? 'Borderline-SMOTE (Han et al., 2005): SMOTE from the minority rows in danger, towards rows of their class.'
        : 'Borderline-SMOTE kind 2: as kind 1, and also part way towards rows of other classes.',
    family: 'borderline-smote',
    options: {
      samplingStrategy,
      kNeighbors,
      mNeighbors,
    },
    fixed: { kind },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { BorderlineSMOTE } = await import('@oversample/smote');
      return new BorderlineSMOTE({ ...options, seed } as ConstructorParameters<typeof BorderlineSMOTE>[0]);
    },
  });
}

/** Every sampler, in display order: the baseline, the SMOTE family, the cleaners, then the deep samplers. */
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
    removes: false,
    options: {},
    fixed: {},
    neighborOptions: [],
    async create() {
      return new NoResampling();
    },
  },
  smoteRecord({
    name: 'random',
    title: 'random over-sampling',
    description: 'Random over-sampling: copies of minority rows drawn with replacement (optionally smoothed).',
    options: {
      samplingStrategy,
      shrinkage: {
        kind: 'number',
        min: 0,
        description: 'Smoothed bootstrap: Gaussian noise of this many bandwidths on each copy; unset: plain copies.',
      },
    },
    async create(options, { seed }) {
      const { RandomOverSampler } = await import('@oversample/smote');
      return new RandomOverSampler({ ...options, seed } as ConstructorParameters<typeof RandomOverSampler>[0]);
    },
  }),
  smoteRecord({
    name: 'smote',
    title: 'SMOTE',
    description: 'SMOTE (Chawla et al., 2002): new rows on segments between a minority row and a near neighbour of its class.',
    options: { samplingStrategy, kNeighbors },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { SMOTE } = await import('@oversample/smote');
      return new SMOTE({ ...options, seed } as ConstructorParameters<typeof SMOTE>[0]);
    },
  }),
  borderline(1),
  borderline(2),
  smoteRecord({
    name: 'adasyn',
    title: 'ADASYN',
    description: 'ADASYN (He et al., 2008): more new rows near the class boundary, in proportion to the neighbours from other classes.',
    options: {
      samplingStrategy,
      nNeighbors: { kind: 'integer', default: 5, min: 1, description: 'Neighbours for the density ratio (whole data) and the interpolation (same class).' },
    },
    neighborOptions: ['nNeighbors'],
    async create(options, { seed }) {
      const { ADASYN } = await import('@oversample/smote');
      return new ADASYN({ ...options, seed } as ConstructorParameters<typeof ADASYN>[0]);
    },
  }),
  smoteRecord({
    name: 'smote-nc',
    title: 'SMOTE-NC',
    description: 'SMOTE-NC: SMOTE for mixed tables; category codes take the most frequent value among the neighbours.',
    categorical: true,
    options: { samplingStrategy, kNeighbors },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed, categoricalFeatures }) {
      const { SMOTENC } = await import('@oversample/smote');
      return new SMOTENC({ ...options, seed, categoricalFeatures: [...categoricalFeatures] } as ConstructorParameters<typeof SMOTENC>[0]);
    },
  }),
  smoteRecord({
    name: 'smoten',
    title: 'SMOTEN',
    description:
      'SMOTEN: for tables whose columns are all categorical; each new row takes, column by column, the most common category among a row of the class and its nearest rows by the value difference metric.',
    categorical: true,
    options: { samplingStrategy, kNeighbors: { ...kNeighbors, description: 'Nearest rows of the same class (besides the row itself) whose categories vote.' } },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { SMOTEN } = await import('@oversample/smote');
      return new SMOTEN({ ...options, seed } as ConstructorParameters<typeof SMOTEN>[0]);
    },
  }),
  smoteRecord({
    name: 'svm-smote',
    title: 'SVM-SMOTE',
    description:
      "SVM-SMOTE (Nguyen et al., 2011): SMOTE from the minority support vectors of an SVM (RBF, gamma 'scale'), interpolating from those in danger and extrapolating from safe ones.",
    options: {
      samplingStrategy,
      kNeighbors,
      mNeighbors: { ...mNeighbors, description: 'Neighbours in the whole data that decide whether a support vector is noise, in danger or safe.' },
      outStep: { kind: 'number', default: 0.5, min: 0, description: 'How far safe support vectors extrapolate away from a neighbour (a step in [0, outStep)).' },
    },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { SVMSMOTE } = await import('@oversample/smote');
      return new SVMSMOTE({ ...options, seed } as ConstructorParameters<typeof SVMSMOTE>[0]);
    },
  }),
  smoteRecord({
    name: 'kmeans-smote',
    title: 'K-Means SMOTE',
    description:
      'K-Means SMOTE (Last et al., 2018): SMOTE inside the k-means clusters where the class is common enough, more new rows where its rows are sparser.',
    options: {
      samplingStrategy,
      kNeighbors: { ...kNeighbors, default: 2, description: 'Nearest neighbours of the same class, within a cluster, to interpolate towards.' },
      kmeansEstimator: { kind: 'integer', default: 8, min: 1, max: 100000, description: 'Number of k-means clusters of the whole training fold.' },
      clusterBalanceThreshold: {
        kind: 'number',
        description: "Least share of a cluster's rows the class must have for the cluster to be oversampled; unset: 'auto' (its share of all new rows, halved).",
      },
      densityExponent: {
        kind: 'number',
        description: "Exponent of the mean distance in a cluster's sparsity; unset: 'auto' (log_1.6(m)^1.8 x 0.16, m the class's rows in the cluster).",
      },
    },
    neighborOptions: ['kNeighbors'],
    async create(options, { seed }) {
      const { KMeansSMOTE } = await import('@oversample/smote');
      return new KMeansSMOTE({ ...options, seed } as ConstructorParameters<typeof KMeansSMOTE>[0]);
    },
  }),
  smoteRecord({
    name: 'tomek-links',
    title: 'Tomek links',
    description: "Tomek links (Tomek, 1976), a cleaner: removes the row of a targeted class from each pair of rows of different classes that are each other's nearest neighbour.",
    removes: true,
    options: { samplingStrategy: cleaningStrategy },
    async create(options) {
      const { TomekLinks } = await import('@oversample/smote');
      return new TomekLinks(options as ConstructorParameters<typeof TomekLinks>[0]);
    },
  }),
  smoteRecord({
    name: 'enn',
    title: 'edited nearest neighbours',
    description: 'Edited nearest neighbours (Wilson, 1972), a cleaner: removes rows of targeted classes whose nearest neighbours disagree with their class.',
    removes: true,
    options: {
      samplingStrategy: cleaningStrategy,
      nNeighbors: { kind: 'integer', default: 3, min: 1, description: 'Neighbours (whole data) that judge a row.' },
      kindSel: { kind: 'enum', values: ['all', 'mode'], default: 'all', description: "'all': removed unless every neighbour shares its class; 'mode': unless their most common class is its own." },
    },
    async create(options) {
      const { EditedNearestNeighbours } = await import('@oversample/smote');
      return new EditedNearestNeighbours(options as ConstructorParameters<typeof EditedNearestNeighbours>[0]);
    },
  }),
  combination('smote-enn', 'SMOTE-ENN', 'SMOTE-ENN (Batista et al., 2004): SMOTE, then edited nearest neighbours (3 neighbours, every class) over original and new rows.'),
  combination('smote-tomek', 'SMOTE-Tomek', 'SMOTE-Tomek (Batista et al., 2004): SMOTE, then both rows of every Tomek link removed, original or new.'),
  deepsmote('paper', "the permutation penalty as the paper's Algorithm 1 states it"),
  deepsmote('code', "the permutation penalty as the authors' released code computes it"),
  regressionSmote('knn'),
  regressionSmote('paper'),
  autosmote('self', 'lookahead'),
  autosmote('cohort', 'lookahead'),
  autosmote('self', 'joint'),
  autosmote('cohort', 'joint'),
];
