/**
 * How a run differs from the DeepSMOTE publication (Dablain et al., 2022, Table II), in words,
 * computed from the run's own settings, so a report never calls a run "like-for-like" when it is
 * not. Only image datasets with published numbers (MNIST, Fashion-MNIST, CIFAR-10) get a list.
 */
import type { DatasetLoader } from './datasets';
import type { GridSettings, ImageConfig } from './config';
import { publishedFor } from './published';
import type { OptionValues } from './option-schema';
import { TEST_PROFILE, TRAIN_PROFILES, scaleText, testCounts, trainCounts } from './protocol';
import { CLASSIFIERS, SAMPLERS, resolveSamplerOptions } from './registry';

/** What the deviations are computed from. */
export interface DeviationInput {
  readonly dataset: { readonly id: string; readonly loader: DatasetLoader };
  readonly folds: number;
  readonly repeats: number;
  readonly seeds: readonly number[];
  readonly image: Required<ImageConfig>;
  readonly samplers: readonly string[];
  readonly imageClassifiers: readonly string[];
  /** Resolved options for images, per sampler and classifier name. */
  readonly options: Readonly<Record<string, OptionValues>>;
  /** The TensorFlow.js backend the run used. */
  readonly backend: string;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The published configuration of a sampler: its package defaults, where the publication departs from them its own values. */
function publishedOptions(name: string): Record<string, unknown> {
  const record = SAMPLERS.find((s) => s.name === name)!;
  return { ...resolveSamplerOptions(record, []), ...record.published };
}

/**
 * Each way the run differs from the publication for `input.dataset`, as one sentence; empty for a
 * dataset without published numbers. The first sentence always states the protocol used.
 */
export function deviationsFromPublication(input: DeviationInput): string[] {
  if (!publishedFor(input.dataset.id)) return [];
  const out: string[] = [];
  const family = input.dataset.loader === 'cifar10' ? 'cifar' : 'mnist';
  const published = TRAIN_PROFILES[family];
  const train = trainCounts(input.dataset, input.image);
  if (input.image.protocol === 'published') {
    out.push(
      `Protocol as published: ${input.folds}-fold stratified CV over the whole training split; each training fold cut to the imbalance profile, each test fold cut to the imbalanced test profile ` +
        `(the headline scores) and also scored whole (the balanced test).`,
    );
  } else {
    const inFold = Math.round(Math.min(...train) * (1 - 1 / input.folds));
    out.push(
      `Protocol differs: the training split is cut to the profile first and the ${input.folds}-fold CV runs inside it, so training folds hold ${Math.round(100 / input.folds)}% fewer rows ` +
        `(smallest class about ${inFold}, not ${Math.min(...train)}) and the test folds are the profile's leftovers, not the imbalanced test profile ${TEST_PROFILE[0]}..${TEST_PROFILE.at(-1)} drawn from the test split; no balanced test.`,
    );
  }
  if (train.some((n, c) => n !== published[c])) {
    out.push(`Training folds hold ${train.join(', ')} rows per class (${sum(train)} in all), the profile x ${scaleText(input.image.profileScale)} (published: ${published.join(', ')}; ${sum(published)} in all).`);
  }
  const test = testCounts(input.image);
  if (input.image.protocol === 'published' && test.some((n, c) => n !== TEST_PROFILE[c])) {
    out.push(`Test folds are cut to ${test.join(', ')} rows per class, the test profile x ${scaleText(input.image.testProfileScale)} (published: ${TEST_PROFILE.join(', ')}).`);
  }
  if (input.folds !== 5) out.push(`${input.folds} folds (published: 5).`);
  if (input.repeats !== 1) out.push(`${input.repeats} repeats of the CV (published: one).`);
  out.push(`${input.seeds.length} seed(s) (${input.seeds.join(', ')}); the publication does not state its seeds or how many runs its numbers average.`);
  for (const c of input.imageClassifiers) {
    const record = CLASSIFIERS.find((r) => r.name === c)!;
    const o = input.options[c] ?? {};
    const es = o.earlyStopping as { patience?: number } | undefined;
    const schedule = es
      ? `at most ${String(o.epochs)} epochs with early stopping (patience ${es.patience}) on the validation loss, ${input.image.protocol === 'published' ? "the validation set drawn from the training fold's rows the profile cut left out, cut to the test profile" : `${String(o.validationFraction)} of the resampled training rows held out`} (ours: the publication does not state its schedule)`
      : `${String(o.epochs)} epochs of ${String(o.optimizer ?? 'adam')} (ours: the publication does not state its schedule)`;
    out.push(c === 'resnet18' ? `Classifier: ResNet-18 (width ${String(o.width)}) as published, trained ${schedule}.` : `Classifier: ${record.title} instead of ResNet-18, trained ${schedule}.`);
  }
  const deep = input.samplers.filter((s) => s.startsWith('deepsmote-'));
  if (deep.length === 2) {
    out.push("DeepSMOTE runs with both penalties: deepsmote-paper (Algorithm 1 as written) and deepsmote-code (the authors' released code, presumably what produced the table).");
  } else if (deep.length === 1) {
    out.push(`DeepSMOTE runs with one penalty only (${deep[0]}); the published table presumably comes from the released code (deepsmote-code).`);
  }
  for (const s of deep) {
    const mine = input.options[s] ?? {};
    const ref = publishedOptions(s);
    const diffs = Object.keys(ref)
      .filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(ref[k]))
      .map((k) => `${k} ${JSON.stringify(mine[k])} (published ${JSON.stringify(ref[k])})`);
    if (mine.latentDim !== undefined) diffs.push(`latentDim ${String(mine.latentDim)} (published ${family === 'cifar' ? 600 : 300})`);
    if (diffs.length > 0) out.push(`${s} differs from the published configuration: ${diffs.join(', ')}.`);
  }
  out.push('GM is imbalanced-learn\'s macro G-mean, the closest definition to the published one, which no definition reproduces exactly: compare on ACSA and F1 first.');
  out.push(`Computed with TensorFlow.js (${input.backend}), not the authors' PyTorch; the oversampling baselines are this project's implementations.`);
  return out;
}

/** Per image dataset with published numbers: how the run differs from the publication. */
export function publicationNotes(
  datasets: readonly { readonly id: string; readonly kind: 'table' | 'image'; readonly loader: DeviationInput['dataset']['loader'] }[],
  grid: GridSettings,
  backend: string,
): { dataset: string; deviations: string[] }[] {
  return datasets
    .filter((d) => d.kind === 'image')
    .map((d) => ({ dataset: d.id, deviations: deviationsFromPublication({ ...grid, dataset: d, options: grid.options.image, backend }) }))
    .filter((p) => p.deviations.length > 0);
}
