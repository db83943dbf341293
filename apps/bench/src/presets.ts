/**
 * Named benchmark configurations. A preset fixes the datasets, samplers, classifiers, folds and
 * seeds, and the sizes (image rows, epochs, deep-sampler settings) that keep it within its budget.
 */

/** How an image dataset is cut down and trained on. */
export interface ImageSettings {
  /**
   * Training rows per class for MNIST-like data: the DeepSMOTE profile (4000 ... 40), multiplied
   * by `profileScale` (1 = the paper) and rounded, never below `minPerClass`.
   */
  readonly profileScale: number;
  readonly minPerClass: number;
}

/** Options for the deep samplers, per kind of data. Passed to their constructors as given. */
export interface DeepSamplerSettings {
  readonly deepsmote: Readonly<Record<string, unknown>>;
  readonly regressionSmote: Readonly<Record<string, unknown>>;
  readonly autosmote: Readonly<Record<string, unknown>>;
}

/** A named benchmark configuration. */
export interface Preset {
  readonly name: string;
  readonly description: string;
  /** Dataset specs, e.g. `keel:glass1`, `mnist`. */
  readonly datasets: readonly string[];
  /** Sampler names; deep samplers missing from this build are dropped with a note. */
  readonly samplers: readonly string[];
  /** Classifiers for tables and for images (a CNN cannot read a table). */
  readonly tableClassifiers: readonly string[];
  readonly imageClassifiers: readonly string[];
  readonly folds: number;
  readonly repeats: number;
  readonly seeds: readonly number[];
  /** Training epochs per classifier name (iterative models only). */
  readonly epochs: Readonly<Record<string, number>>;
  readonly image: ImageSettings;
  readonly tableDeep: DeepSamplerSettings;
  readonly imageDeep: DeepSamplerSettings;
  /** Whether the published DeepSMOTE numbers are this preset's target (same protocol). */
  readonly paper: boolean;
}

const SMOTE_FAMILY = ['none', 'random', 'smote', 'borderline-smote', 'adasyn'] as const;
const DEEP = ['deepsmote', 'regression-smote', 'autosmote-self', 'autosmote-cohort'] as const;

/** The dozen KEEL tables of the quick preset: small and large, imbalance ratio 1.8 to 39. */
export const QUICK_KEEL = [
  'glass1',
  'ecoli1',
  'haberman',
  'new-thyroid1',
  'pima',
  'wisconsin',
  'vehicle0',
  'yeast3',
  'glass4',
  'yeast-2_vs_4',
  'abalone9-18',
  'ecoli4',
] as const;

// Small deep-sampler settings for the quick preset on a 2-core CPU, sized by measurement: together
// the four deep samplers cost about as much as the rest of the quick preset.
const QUICK_TABLE_DEEP: DeepSamplerSettings = {
  deepsmote: { epochs: 5, batchSize: 64, dimH: 16 },
  regressionSmote: { epochs: 8, batchSize: 64 },
  autosmote: { epochs: 2, refitEpochs: 5 },
};
const QUICK_IMAGE_DEEP: DeepSamplerSettings = {
  deepsmote: { epochs: 6, batchSize: 32, dimH: 8, latentDim: 32 },
  regressionSmote: { epochs: 2, batchSize: 64 },
  autosmote: { epochs: 1, refitEpochs: 1 },
};
// The paper presets use each sampler's defaults, which are its published configuration.
const PAPER_DEEP: DeepSamplerSettings = { deepsmote: {}, regressionSmote: {}, autosmote: {} };

const base = {
  tableClassifiers: ['logistic-regression'],
  imageClassifiers: ['small-cnn'],
  epochs: { 'small-cnn': 3, resnet18: 15, mlp: 100 },
  image: { profileScale: 1, minPerClass: 8 },
  tableDeep: QUICK_TABLE_DEEP,
  imageDeep: QUICK_IMAGE_DEEP,
  paper: false,
} as const;

/** Every preset by name; `quick` is the default. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  quick: {
    ...base,
    name: 'quick',
    description: `${QUICK_KEEL.length} KEEL tables (logistic regression) and MNIST with the DeepSMOTE profile at 1/24 size (small CNN); SMOTE family and every deep sampler; 2 folds; under 15 minutes on 2 cores`,
    datasets: [...QUICK_KEEL.map((n) => `keel:${n}`), 'mnist'],
    samplers: [...SMOTE_FAMILY, ...DEEP],
    folds: 2,
    repeats: 1,
    seeds: [0],
    epochs: { 'small-cnn': 2, resnet18: 15, mlp: 100 },
    image: { profileScale: 1 / 24, minPerClass: 10 },
  },
  keel: {
    ...base,
    name: 'keel',
    description: 'all 100 KEEL tables; SMOTE family (with Borderline-SMOTE 2) and the deep samplers; logistic regression, k-NN and an MLP; 5 folds x 2 repeats (hours)',
    datasets: ['keel:all'],
    samplers: [...SMOTE_FAMILY, 'borderline-smote-2', ...DEEP],
    tableClassifiers: ['logistic-regression', 'knn', 'mlp'],
    folds: 5,
    repeats: 2,
    seeds: [0],
  },
  'paper-mnist': {
    ...base,
    name: 'paper-mnist',
    description: 'DeepSMOTE protocol on MNIST: imbalance profile 4000..40, 5 folds, ResNet-18 (meant for a GPU)',
    datasets: ['mnist'],
    samplers: ['none', 'smote', 'borderline-smote', 'adasyn', 'deepsmote', 'autosmote-self'],
    imageClassifiers: ['resnet18'],
    folds: 5,
    repeats: 1,
    seeds: [0],
    imageDeep: PAPER_DEEP,
    paper: true,
  },
  'paper-cifar10': {
    ...base,
    name: 'paper-cifar10',
    description: 'DeepSMOTE protocol on CIFAR-10 (pass --dataset cifar10:DIR or set OVERSAMPLE_CIFAR10_DIR): profile 4500..80, 5 folds, ResNet-18 (meant for a GPU)',
    datasets: ['cifar10'],
    samplers: ['none', 'smote', 'borderline-smote', 'adasyn', 'deepsmote', 'autosmote-self'],
    imageClassifiers: ['resnet18'],
    folds: 5,
    repeats: 1,
    seeds: [0],
    imageDeep: PAPER_DEEP,
    paper: true,
  },
  // CI runs this one in a bare clone (.ci/run) to prove the README's main command works without
  // pushing CI past its time budget; the quick preset stays the README's default.
  smoke: {
    ...base,
    name: 'smoke',
    description: 'two bundled KEEL tables, the SMOTE family, logistic regression, 2 folds: the whole pipeline in seconds, no TensorFlow (CI)',
    datasets: ['keel:glass1', 'keel:new-thyroid1'],
    samplers: SMOTE_FAMILY,
    folds: 2,
    repeats: 1,
    seeds: [0],
  },
};

/** The preset used when `--preset` is not given. */
export const DEFAULT_PRESET = 'quick';
