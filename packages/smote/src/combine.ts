import {
  OptionError,
  checkKnownOptions,
  describeValue,
  throwIfAborted,
  type Dataset,
  type RunOptions,
  type Sampler,
  type SamplerOptions,
} from '@oversample/core';
import { SMOTE } from './smote';

function isSampler(value: unknown): value is Sampler {
  return typeof value === 'object' && value !== null && typeof (value as Sampler).fitResample === 'function';
}

/**
 * The two stages of an over-sample-then-clean combination, from its options: the over-sampler
 * given as `smote` (then `samplingStrategy` and `seed` belong on it, not here), else a SMOTE with
 * this combination's `samplingStrategy` and `seed`; the cleaner given under `cleanerKey`, else
 * `defaultCleaner()`.
 */
export function combinationStages(
  name: string,
  options: (SamplerOptions & { readonly smote?: Sampler }) | undefined,
  cleanerKey: string,
  defaultCleaner: () => Sampler,
): { over: Sampler; cleaner: Sampler } {
  checkKnownOptions(name, options, ['samplingStrategy', 'seed', 'smote', cleanerKey]);
  const o = options ?? {};
  let over: Sampler;
  if (o.smote !== undefined) {
    if (!isSampler(o.smote)) throw new OptionError(`${name}: smote must be an over-sampler (with fitResample), got ${describeValue(o.smote)}`);
    if (o.samplingStrategy !== undefined || o.seed !== undefined) {
      throw new OptionError(`${name}: give samplingStrategy and seed to the smote you pass, not to ${name} (they would be ignored)`);
    }
    over = o.smote;
  } else {
    over = new SMOTE({
      ...(o.samplingStrategy !== undefined ? { samplingStrategy: o.samplingStrategy } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
    });
  }
  const given = (o as Record<string, unknown>)[cleanerKey];
  if (given !== undefined && !isSampler(given)) {
    throw new OptionError(`${name}: ${cleanerKey} must be a cleaning sampler (with fitResample), got ${describeValue(given)}`);
  }
  return { over, cleaner: (given as Sampler | undefined) ?? defaultCleaner() };
}

/**
 * Over-samples, then cleans the result (original and synthetic rows alike), as imbalanced-learn's
 * combinations do. The cleaner keeps rows in order, so the kept original rows come first.
 */
export async function overThenClean(over: Sampler, cleaner: Sampler, data: Dataset, options: RunOptions): Promise<Dataset> {
  throwIfAborted(options.signal);
  const grown = await over.fitResample(data, options);
  return cleaner.fitResample(grown, options);
}
