// Runs the cleaning kits over minimal reference samplers written here, so the kits' own checks are
// exercised in the package that ships them.
import { describe, expect, it } from 'vitest';
import { checkCleaningStrategy, resolveCleaningStrategy, type CleaningSampler, type CleaningStrategy } from './cleaning';
import { rowSize, subsetDataset, validateDataset, type Dataset } from './dataset';
import { throwIfAborted, type RunOptions } from './progress';
import { DuplicateSampler } from './reference-samplers';
import type { SamplerOptions } from './sampler';
import { cleaningConformanceDataset, describeCleaningSamplerConformance, describeCombinedSamplerConformance } from './testkit';

/** Removes each targeted row whose nearest other row (naive search) has another label. */
class NearestDisagreementCleaner implements CleaningSampler {
  readonly name = 'nearest-disagreement';
  private readonly strategy: CleaningStrategy;
  constructor(options: { samplingStrategy?: CleaningStrategy } = {}) {
    this.strategy = checkCleaningStrategy(this.name, options.samplingStrategy ?? 'auto');
  }
  async sampleIndices(data: Dataset, run: RunOptions = {}): Promise<Int32Array> {
    throwIfAborted(run.signal);
    validateDataset(data, { context: this.name, minClasses: 2 });
    const targeted = new Set(resolveCleaningStrategy(this.strategy, data.y, this.name));
    const d = rowSize(data.shape);
    const n = data.y.length;
    const kept: number[] = [];
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestDist = Infinity;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        let s = 0;
        for (let k = 0; k < d; k++) s += (data.x[i * d + k]! - data.x[j * d + k]!) ** 2;
        if (s < bestDist) [best, bestDist] = [j, s];
      }
      if (!targeted.has(data.y[i]!) || data.y[best] === data.y[i]) kept.push(i);
    }
    return Int32Array.from(kept);
  }
  async fitResample(data: Dataset, run: RunOptions = {}): Promise<Dataset> {
    return subsetDataset(data, await this.sampleIndices(data, run));
  }
}

/** Jittered copies to the strategy's counts, then the cleaner on everything. */
class JitterThenClean extends DuplicateSampler {
  override readonly name = 'jitter-then-clean';
  constructor(options: SamplerOptions = {}) {
    super(options, 0.05);
  }
  override async fitResample(data: Dataset, run: RunOptions = {}): Promise<Dataset> {
    return new NearestDisagreementCleaner({ samplingStrategy: 'all' }).fitResample(await super.fitResample(data, run), run);
  }
}

describeCleaningSamplerConformance('NearestDisagreementCleaner', (o) => new NearestDisagreementCleaner(o));
describeCombinedSamplerConformance('JitterThenClean', (o) => new JitterThenClean(o));

describe('cleaningConformanceDataset', () => {
  it('is the conformance dataset with overlapping classes (a 1-NN cleaner removes rows)', async () => {
    const data = cleaningConformanceDataset();
    expect(data.y.length).toBe(72);
    const kept = await new NearestDisagreementCleaner({ samplingStrategy: 'all' }).sampleIndices(data);
    expect(kept.length).toBeLessThan(72);
    expect(kept.length).toBeGreaterThan(36);
  });
});
