/** The sampler and classifier names the CLI accepts (registry.ts maps them to constructors). */

/** Sampler names, SMOTE family first. */
export const SAMPLER_NAMES = [
  'none',
  'random',
  'smote',
  'borderline-smote',
  'borderline-smote-2',
  'adasyn',
  'smote-nc',
  'deepsmote',
  'regression-smote',
  'autosmote-self',
  'autosmote-cohort',
] as const;

/** One of `SAMPLER_NAMES`. */
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/** Classifier names. */
export const CLASSIFIER_NAMES = ['logistic-regression', 'knn', 'mlp', 'small-cnn', 'resnet18'] as const;

/** One of `CLASSIFIER_NAMES`. */
export type ClassifierName = (typeof CLASSIFIER_NAMES)[number];

/** Classifiers that need image-shaped rows. */
export const IMAGE_ONLY_CLASSIFIERS: readonly ClassifierName[] = ['small-cnn', 'resnet18'];

/** Samplers backed by a neural network (slow; configured per preset). */
export const DEEP_SAMPLERS: readonly SamplerName[] = ['deepsmote', 'regression-smote', 'autosmote-self', 'autosmote-cohort'];
