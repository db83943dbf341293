import {
  OptionError,
  SamplerInputError,
  checkKnownOptions,
  describeValue,
  samplerSettings,
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
    // Checked here too, so a bad strategy or seed is this combination's error, not its SMOTE's.
    const { samplingStrategy, seed } = samplerSettings(name, { samplingStrategy: o.samplingStrategy, seed: o.seed }, []);
    over = new SMOTE({ samplingStrategy, ...(seed !== undefined ? { seed } : {}) });
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
export async function overThenClean(name: string, over: Sampler, cleaner: Sampler, data: Dataset, options: RunOptions): Promise<Dataset> {
  throwIfAborted(options.signal);
  try {
    const grown = await over.fitResample(data, options);
    return await cleaner.fitResample(grown, options);
  } catch (err) {
    // The stage's message names the stage ("SMOTE: class 2 has 4 rows, ..."); prefix the
    // combination, keeping the error class.
    if (err instanceof SamplerInputError) throw new SamplerInputError(`${name}: ${err.message}`, { cause: err });
    if (err instanceof OptionError) throw new OptionError(`${name}: ${err.message}`, { cause: err });
    throw err;
  }
}
