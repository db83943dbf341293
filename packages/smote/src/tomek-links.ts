import { subsetDataset, type CleaningSampler, type CleaningStrategy, type Dataset, type RunOptions } from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';
import { cleaningSettings, planCleaning, type CleaningOptions } from './cleaning-plan';

/** Options of {@link TomekLinks}. */
export type TomekLinksOptions = CleaningOptions;

/**
 * Tomek links (Tomek, 1976) as imbalanced-learn 0.10's `TomekLinks`: two rows of different classes
 * that are each other's nearest neighbour form a link, and the member of a class the sampling
 * strategy targets is removed (default `'auto'`: every class but the smallest; `'all'` removes
 * both members). The kept rows stay in their original order.
 *
 * (ours) The nearest neighbour excludes the row itself by index and breaks distance ties by the
 * lower index, so exact duplicates are each other's neighbours; scikit-learn's search may return a
 * duplicate in place of the row itself.
 *
 * @example
 * const cleaned = await new TomekLinks({ samplingStrategy: 'all' }).fitResample(data);
 */
export class TomekLinks implements CleaningSampler {
  readonly name = 'TomekLinks';
  readonly samplingStrategy: CleaningStrategy;

  constructor(options: TomekLinksOptions = {}) {
    this.samplingStrategy = cleaningSettings(this.name, options, []);
  }

  /** Indices of the rows kept, ascending. */
  async sampleIndices(data: Dataset, options: RunOptions = {}): Promise<Int32Array> {
    const { d, n, targeted } = planCleaning(this.name, data, this.samplingStrategy, options);
    const { indices: nn } = kNearestNeighbors(data.x, d, 1);
    const y = data.y;
    const kept: number[] = [];
    for (let i = 0; i < n; i++) {
      const j = nn[i]!;
      const linked = targeted.has(y[i]!) && y[j] !== y[i] && nn[j] === i;
      if (!linked) kept.push(i);
    }
    options.onProgress?.({ stage: 'clean', done: 1, total: 1, unit: 'pass' });
    return Int32Array.from(kept);
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    return subsetDataset(data, await this.sampleIndices(data, options));
  }
}
