/**
 * The classifier registry: one record per classifier the bench trains on resampled folds.
 * Browser-safe: `@oversample/models` is imported lazily inside `create`.
 */
import type { Classifier } from '@oversample/models';
import type { OptionSchema, OptionValues } from './option-schema';

/** What the bench hands a classifier besides its options. */
export interface ClassifierBuildContext {
  /** The cell's derived seed. */
  readonly seed: number;
}

/** One classifier the bench can train. */
export interface ClassifierRecord {
  /** The CLI name, e.g. `small-cnn`. */
  readonly name: string;
  readonly title: string;
  /** One sentence for `--help`, the README and the playground. */
  readonly description: string;
  readonly package: string;
  /** Trains with TensorFlow.js. */
  readonly deep: boolean;
  /** `images`: needs image-shaped rows (a CNN); `any`: tables and images (flattened). */
  readonly reads: 'any' | 'images';
  /** The options a user may set, with the bench's defaults. */
  readonly options: OptionSchema;
  /**
   * For network classifiers: the share of the resampled training rows held out for early
   * stopping when the protocol has no validation set of its own (bench option, not the model's).
   */
  readonly validationOption?: string;
  /** Builds the classifier from resolved options. */
  create(options: OptionValues, context: ClassifierBuildContext): Promise<Classifier>;
}

const classWeight = {
  kind: 'enum',
  values: ['none', 'balanced'],
  default: 'none',
  description: "'balanced' weighs rows by n / (classes x class count), as scikit-learn's class_weight.",
} as const;

/** Options every network classifier (MLP, small CNN, ResNet-18) takes; `epochs` is set per record. */
function networkOptions(epochs: number, epochsWhy: string): OptionSchema {
  return {
    epochs: { kind: 'integer', default: epochs, min: 1, max: 100000, description: `Passes over the training rows (most passes with earlyStopping)${epochsWhy}.` },
    batchSize: { kind: 'integer', default: 32, min: 1, description: 'Rows per gradient step.' },
    learningRate: { kind: 'number', default: 1e-3, min: 0, exclusiveMin: true, max: 10, description: "Step size (about 0.05 with optimizer 'sgd')." },
    optimizer: { kind: 'enum', values: ['adam', 'sgd'], default: 'adam', description: 'Adam, or SGD with momentum.' },
    momentum: { kind: 'number', default: 0.9, min: 0, max: 1, exclusiveMax: true, description: "Momentum of 'sgd'." },
    weightDecay: { kind: 'number', default: 0, min: 0, description: 'L2 penalty weightDecay / 2 x |W|^2 on kernels.' },
    classWeight,
    earlyStopping: {
      kind: 'object',
      optional: true,
      description: 'Stop when the validation loss has not improved for patience epochs and keep the best weights; unset: train every epoch.',
      fields: {
        patience: { kind: 'integer', min: 1, max: 100000, description: 'Epochs without improvement before stopping.' },
        minDelta: { kind: 'number', default: 0, min: 0, description: 'Smallest decrease that counts as an improvement.' },
      },
    },
    validationFraction: {
      kind: 'number',
      default: 0.1,
      min: 0,
      exclusiveMin: true,
      max: 0.5,
      description: 'With earlyStopping and no validation set from the protocol: the share of the resampled training rows held out to watch (bench).',
    },
  };
}

/** Options as the model constructors take them: the bench's own ones removed, 'none' weights left out. */
function modelOptions(options: OptionValues, seed?: number): Record<string, unknown> {
  const { validationFraction: _v, classWeight: w, ...rest } = options;
  return { ...rest, ...(w === 'balanced' ? { classWeight: 'balanced' } : {}), ...(seed !== undefined ? { seed } : {}) };
}

/** Every classifier, tables first. */
export const CLASSIFIERS: readonly ClassifierRecord[] = [
  {
    name: 'logistic-regression',
    title: 'logistic regression',
    description: "Multinomial logistic regression with L2 penalty, fitted by L-BFGS (scikit-learn's defaults).",
    package: '@oversample/models',
    deep: false,
    reads: 'any',
    options: {
      C: { kind: 'number', default: 1, min: 0, exclusiveMin: true, description: "Inverse L2 strength, as scikit-learn's C." },
      maxIter: {
        kind: 'integer',
        default: 200,
        min: 1,
        max: 1000000,
        description: "Most L-BFGS iterations (the bench's 200, not scikit-learn's 100, lets more KEEL folds converge).",
      },
      tol: { kind: 'number', default: 1e-5, min: 0, exclusiveMin: true, description: 'Stops when the largest gradient component is below this.' },
      fitIntercept: { kind: 'boolean', default: true, description: 'Learn an unpenalised bias per class.' },
      classWeight,
    },
    async create(options) {
      const { LogisticRegression } = await import('@oversample/models');
      return new LogisticRegression(modelOptions(options) as ConstructorParameters<typeof LogisticRegression>[0]);
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
  {
    name: 'mlp',
    title: 'MLP',
    description: 'A dense network with softmax output, trained by Adam (TensorFlow.js).',
    package: '@oversample/models',
    deep: true,
    reads: 'any',
    options: {
      hiddenLayers: { kind: 'list', item: { kind: 'integer', min: 1, max: 65536 }, default: [64], description: 'Units of each hidden layer; [] is a softmax regression.' },
      activation: {
        kind: 'enum',
        values: ['relu', 'leakyRelu', 'elu', 'tanh', 'sigmoid', 'linear'],
        default: 'relu',
        description: 'Hidden-layer nonlinearity.',
      },
      ...networkOptions(100, ''),
    },
    validationOption: 'validationFraction',
    async create(options, { seed }) {
      const { MLPClassifier } = await import('@oversample/models');
      return new MLPClassifier(modelOptions(options, seed) as ConstructorParameters<typeof MLPClassifier>[0]);
    },
  },
  {
    name: 'small-cnn',
    title: 'small CNN',
    description: 'Two conv blocks and a dense layer: a CPU-sized image classifier.',
    package: '@oversample/models',
    deep: true,
    reads: 'images',
    options: {
      filters: {
        kind: 'list',
        item: { kind: 'integer', min: 1, max: 4096 },
        minLength: 2,
        maxLength: 2,
        default: [32, 64],
        description: 'Filters of the two conv blocks.',
      },
      denseUnits: { kind: 'integer', default: 128, min: 1, max: 65536, description: 'Units of the hidden dense layer.' },
      ...networkOptions(3, ''),
    },
    validationOption: 'validationFraction',
    async create(options, { seed }) {
      const { SmallCNN } = await import('@oversample/models');
      return new SmallCNN(modelOptions(options, seed) as ConstructorParameters<typeof SmallCNN>[0]);
    },
  },
  {
    name: 'resnet18',
    title: 'ResNet-18',
    description: "ResNet-18, the DeepSMOTE paper's classifier (meant for a GPU).",
    package: '@oversample/models',
    deep: true,
    reads: 'images',
    options: {
      width: { kind: 'integer', default: 64, min: 1, max: 4096, description: 'Channels of the first stage (then 2x, 4x, 8x); 64 is the standard ResNet-18.' },
      ...networkOptions(15, " (the paper does not state its schedule; the paper presets train to convergence instead, see docs/protocol.md)"),
    },
    validationOption: 'validationFraction',
    async create(options, { seed }) {
      const { ResNet18 } = await import('@oversample/models');
      return new ResNet18(modelOptions(options, seed) as ConstructorParameters<typeof ResNet18>[0]);
    },
  },
];
