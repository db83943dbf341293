import type { Dataset, RunOptions, Sampler, SamplerOptions } from '@oversample/core';
import { combinationStages, overThenClean } from './combine';
import { TomekLinks } from './tomek-links';

/** Options of {@link SMOTETomek}. */
export interface SMOTETomekOptions extends SamplerOptions {
  /** The over-sampler (any of this package's); default `SMOTE` with this `samplingStrategy` and `seed`. */
  readonly smote?: Sampler;
  /** The cleaner; default `TomekLinks({ samplingStrategy: 'all' })`. */
  readonly tomek?: Sampler;
}

/**
 * SMOTE followed by Tomek links (Batista et al., 2003), as imbalanced-learn 0.10's `SMOTETomek`:
 * over-sample with SMOTE, then remove both rows of every Tomek link (mutual nearest neighbours of
 * different classes), original or synthetic. Class counts end at or below the sampling strategy's
 * targets. The kept original rows come first, in order, then the kept synthetic rows by class.
 *
 * @example
 * const out = await new SMOTETomek({ seed: 0, samplingStrategy: 0.5 }).fitResample(binaryData);
 */
export class SMOTETomek implements Sampler {
  readonly name = 'SMOTETomek';
  readonly smote: Sampler;
  readonly tomek: Sampler;

  constructor(options: SMOTETomekOptions = {}) {
    const { over, cleaner } = combinationStages(this.name, options, 'tomek', () => new TomekLinks({ samplingStrategy: 'all' }));
    this.smote = over;
    this.tomek = cleaner;
  }

  fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    return overThenClean(this.name, this.smote, this.tomek, data, options);
  }
}
