import { SamplerInputError, checkOneOf, subsetDataset, type CleaningSampler, type CleaningStrategy, type Dataset, type RunOptions } from '@oversample/core';
import { cleaningSettings, planCleaning, type CleaningOptions } from './cleaning-plan';
import { neighborsExcludingSelf } from './neighbor-labels';
import { neighborsOption } from './options';

/** Options of {@link EditedNearestNeighbours}. */
export interface EditedNearestNeighboursOptions extends CleaningOptions {
  /** Neighbours (in the whole data, the row itself excluded) that judge each row; default 3. */
  readonly nNeighbors?: number;
  /**
   * `'all'` (default): a targeted row is kept only if all its neighbours share its class;
   * `'mode'`: if the most common class among them (ties: the lowest label) is its own.
   */
  readonly kindSel?: 'all' | 'mode';
}

/**
 * Edited nearest neighbours (Wilson, 1972) as imbalanced-learn 0.10's `EditedNearestNeighbours`:
 * each row of a class the sampling strategy targets (default `'auto'`: every class but the
 * smallest) is removed when its `nNeighbors` nearest rows disagree with its class (`kindSel`).
 *
 * (ours) The kept rows stay in their original order; imbalanced-learn returns them grouped by
 * class (the same rows). Neighbours exclude the row itself by index (duplicates still count).
 *
 * @example
 * const cleaned = await new EditedNearestNeighbours({ nNeighbors: 3, kindSel: 'mode' }).fitResample(data);
 */
export class EditedNearestNeighbours implements CleaningSampler {
  readonly name = 'EditedNearestNeighbours';
  readonly samplingStrategy: CleaningStrategy;
  readonly nNeighbors: number;
  readonly kindSel: 'all' | 'mode';

  constructor(options: EditedNearestNeighboursOptions = {}) {
    this.samplingStrategy = cleaningSettings(this.name, options, ['nNeighbors', 'kindSel']);
    this.nNeighbors = neighborsOption(this.name, 'nNeighbors', options.nNeighbors, 3);
    this.kindSel = options.kindSel === undefined ? 'all' : checkOneOf(`${this.name}: kindSel`, options.kindSel, ['all', 'mode'] as const);
  }

  /** Indices of the rows kept, ascending. */
  async sampleIndices(data: Dataset, options: RunOptions = {}): Promise<Int32Array> {
    const { d, n, targeted } = planCleaning(this.name, data, this.samplingStrategy, options);
    const k = this.nNeighbors;
    if (n <= k) {
      throw new SamplerInputError(`${this.name}: the data has ${n} rows, nNeighbors = ${k} needs at least ${k + 1}; lower nNeighbors`);
    }
    const y = data.y;
    const judged: number[] = [];
    for (let i = 0; i < n; i++) if (targeted.has(y[i]!)) judged.push(i);
    const rows = Int32Array.from(judged);
    const nns = neighborsExcludingSelf(data.x, d, rows, k);
    const remove = new Uint8Array(n);
    const tally = new Map<number, number>();
    for (let r = 0; r < rows.length; r++) {
      const label = y[rows[r]!]!;
      let keep: boolean;
      if (this.kindSel === 'all') {
        keep = true;
        for (let t = 0; t < k && keep; t++) keep = y[nns[r * k + t]!] === label;
      } else {
        tally.clear();
        for (let t = 0; t < k; t++) {
          const c = y[nns[r * k + t]!]!;
          tally.set(c, (tally.get(c) ?? 0) + 1);
        }
        let mode = -1;
        let best = 0;
        for (const [c, count] of tally) if (count > best || (count === best && c < mode)) [mode, best] = [c, count];
        keep = mode === label;
      }
      if (!keep) remove[rows[r]!] = 1;
    }
    options.onProgress?.({ stage: 'clean', done: 1, total: 1, unit: 'pass' });
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (!remove[i]) kept.push(i);
    return Int32Array.from(kept);
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    return subsetDataset(data, await this.sampleIndices(data, options));
  }
}
