import type { Dataset, RunOptions, Sampler, SamplerOptions } from '@oversample/core';
import { combinationStages, overThenClean } from './combine';
import { EditedNearestNeighbours } from './edited-nearest-neighbours';

/** Options of {@link SMOTEENN}. */
export interface SMOTEENNOptions extends SamplerOptions {
  /** The over-sampler (any of this package's); default `SMOTE` with this `samplingStrategy` and `seed`. */
  readonly smote?: Sampler;
  /** The cleaner; default `EditedNearestNeighbours({ samplingStrategy: 'all' })`. */
  readonly enn?: Sampler;
}

/**
 * SMOTE followed by edited nearest neighbours (Batista et al., 2004), as imbalanced-learn 0.10's
 * `SMOTEENN`: over-sample with SMOTE, then remove every row (original or synthetic, of any class)
 * whose 3 nearest neighbours do not all share its class. Class counts end at or below the
 * sampling strategy's targets. The kept original rows come first, in order, then the kept
 * synthetic rows by class.
 *
 * @example
 * const out = await new SMOTEENN({ seed: 0 }).fitResample(data);
 * const custom = new SMOTEENN({ smote: new BorderlineSMOTE({ seed: 0 }), enn: new EditedNearestNeighbours({ kindSel: 'mode' }) });
 */
export class SMOTEENN implements Sampler {
  readonly name = 'SMOTEENN';
  readonly smote: Sampler;
  readonly enn: Sampler;

  constructor(options: SMOTEENNOptions = {}) {
    const { over, cleaner } = combinationStages(this.name, options, 'enn', () => new EditedNearestNeighbours({ samplingStrategy: 'all' }));
    this.smote = over;
    this.enn = cleaner;
  }

  fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    return overThenClean(this.name, this.smote, this.enn, data, options);
  }
}
