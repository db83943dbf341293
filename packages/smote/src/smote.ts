import {
  checkpoint,
  type Dataset,
  prepareResample,
  type RunOptions,
  type Sampler,
  type SamplerOptions,
  samplerSettings,
  type SamplerSettings,
  toRng,
} from '@oversample/core';
import { kNearestNeighborsAsync } from '@oversample/neighbors';
import { neighborsOption } from './options';
import { drawPairs, interpolateInto } from './smote-rows';

/** Options of {@link SMOTE}. */
export interface SMOTEOptions extends SamplerOptions {
  /** Nearest neighbours of the same class to interpolate towards; default 5. */
  readonly kNeighbors?: number;
}

/**
 * SMOTE (Chawla et al., 2002) as imbalanced-learn 0.10 implements it: for each class to oversample,
 * each synthetic row is `x + u (x_nn - x)` with `x` a row of the class drawn uniformly with
 * replacement, `x_nn` one of its `kNeighbors` nearest rows of the same class and `u ~ U[0, 1)`.
 * Returns the original rows, then the synthetic rows by class in ascending order.
 *
 * @example
 * const balanced = await new SMOTE({ kNeighbors: 5, seed: 42 }).fitResample(dataset);
 */
export class SMOTE implements Sampler {
  readonly name: string = 'SMOTE';
  readonly kNeighbors: number;
  protected readonly settings: SamplerSettings;

  constructor(options: SMOTEOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['kNeighbors']);
    this.kNeighbors = neighborsOption(this.name, 'kNeighbors', options.kNeighbors, 5);
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const k = this.kNeighbors;
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, neighbors: { kNeighbors: k } });
    const rng = toRng(this.settings.seed);
    let done = 0;
    for (const c of plan.classes) {
      await checkpoint(options.signal);
      const rows = plan.classRows(c);
      const { indices } = await kNearestNeighborsAsync(rows, plan.d, k, { signal: options.signal });
      interpolateInto(rows, rows, plan.d, drawPairs(indices, k, c.nNew, rng), plan.x, plan.offsetOf(c.label) * plan.d);
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }
}
