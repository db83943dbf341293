import { OptionError, createDataset } from '@oversample/core';
import { describeCleaningSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { datasetOf, imblearn } from './imblearn-fixtures';
import { TomekLinks } from './tomek-links';

describeCleaningSamplerConformance('TomekLinks', (o) => new TomekLinks(o));

describe('TomekLinks', () => {
  const data = datasetOf(imblearn.cleaners);
  for (const c of imblearn.cleaners.cases.filter((c) => c.sampler === 'TomekLinks')) {
    it(`keeps the rows imbalanced-learn keeps: samplingStrategy ${JSON.stringify(c.options.samplingStrategy)}`, async () => {
      const sampler = new TomekLinks(c.options);
      expect([...(await sampler.sampleIndices(data))]).toEqual(c.kept);
      const out = await sampler.fitResample(data);
      expect(out.y.length).toBe(c.kept.length);
    });
  }

  it('removes the targeted member of a mutual nearest pair of different classes only', async () => {
    // 0 and 1 are a link (classes 0 and 1); 2 is nearest to 1 but 1's nearest is 0.
    const data = createDataset({ x: [0, 1, 2.5, 10, 11, 30, 31], y: [0, 1, 0, 0, 0, 0, 0], shape: [1] });
    expect([...(await new TomekLinks().sampleIndices(data))]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...(await new TomekLinks({ samplingStrategy: 'all' }).sampleIndices(data))]).toEqual([2, 3, 4, 5, 6]);
    expect([...(await new TomekLinks({ samplingStrategy: [1] }).sampleIndices(data))]).toEqual([0, 2, 3, 4, 5, 6]);
  });

  it('rejects unknown options and over-sampling strategies at construction', () => {
    expect(() => new TomekLinks({ nNeighbors: 2 } as never)).toThrow(/no option "nNeighbors"/);
    expect(() => new TomekLinks({ samplingStrategy: { 0: 3 } as never })).toThrow(OptionError);
  });
});
