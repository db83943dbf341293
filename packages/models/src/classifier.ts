import type { Dataset, RunOptions } from '@oversample/core';

/** Options of `Classifier.fit`: training length, progress, cancellation and a validation set. */
export interface FitOptions extends RunOptions {
  /** Passes over the training rows (network classifiers; overrides the constructor's `epochs`). */
  readonly epochs?: number;
  /** Rows per gradient step (network classifiers; overrides the constructor's `batchSize`). */
  readonly batchSize?: number;
  /**
   * Held-out rows for validation loss and early stopping (network classifiers): a dataset of the
   * training shape, or a fraction in (0, 1) of the training rows to hold out, drawn with the seed.
   */
  readonly validation?: Dataset | number;
}

/** Options of `predict` and `predictProba`: cancellation, progress per batch, batch size. */
export interface PredictOptions extends RunOptions {
  /** Rows per forward pass; default depends on the classifier (256 for networks). */
  readonly batchSize?: number;
}

/** What `predict` and `predictProba` accept: a dataset of the fitted shape, or bare rows of it. */
export type PredictInput = Dataset | Float32Array;

/**
 * A trainable classifier: options are stored by the constructor and validated there, state is
 * set by `fit`, and every other method throws `NotFittedError` before it.
 *
 * @example
 * const clf = new LogisticRegression({ C: 1 });
 * await clf.fit(train);
 * const proba = await clf.predictProba(test); // test.y.length x clf.nClasses, row-major
 */
export interface Classifier {
  /** Short name for reports, e.g. `'logistic-regression'`. */
  readonly name: string;
  /** Number of classes (max label seen at fit + 1); 0 before `fit`. */
  readonly nClasses: number;
  /** Learns from `data`; resolves to the classifier itself. Refitting replaces the previous state. */
  fit(data: Dataset, options?: FitOptions): Promise<this>;
  /** The most probable class of each row (ties go to the lower class index). */
  predict(x: PredictInput, options?: PredictOptions): Promise<Int32Array>;
  /** Class probabilities, `rows x nClasses` row-major; each row sums to 1. */
  predictProba(x: PredictInput, options?: PredictOptions): Promise<Float32Array>;
  /** Frees what the classifier holds (tensors); it is unfitted afterwards. Safe to call twice. */
  dispose(): void;
}
