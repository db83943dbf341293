import { OptionError, SamplerInputError, createDataset } from '@oversample/core';
import { describeCleaningSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { EditedNearestNeighbours } from './edited-nearest-neighbours';
import { datasetOf, imblearn } from './imblearn-fixtures';

describeCleaningSamplerConformance('EditedNearestNeighbours', (o) => new EditedNearestNeighbours(o));
describeCleaningSamplerConformance('EditedNearestNeighbours (mode)', (o) => new EditedNearestNeighbours({ ...o, kindSel: 'mode', nNeighbors: 5 }));

describe('EditedNearestNeighbours', () => {
  const data = datasetOf(imblearn.cleaners);
  for (const c of imblearn.cleaners.cases.filter((c) => c.sampler === 'EditedNearestNeighbours')) {
    it(`keeps the rows imbalanced-learn keeps: ${JSON.stringify(c.options)}`, async () => {
      const sampler = new EditedNearestNeighbours(c.options);
      expect([...(await sampler.sampleIndices(data))]).toEqual(c.kept);
    });
  }

  it("judges by all neighbours or by their mode, ties to the lower label", async () => {
    // Row 2 (class 1) has neighbours 1 (class 0) and 3 (class 2): a 1-1 tie, the mode is class 0.
    const data = createDataset({ x: [0, 1, 2, 3, 20, 21, 22, 40, 41, 42], y: [0, 0, 1, 2, 1, 1, 1, 2, 2, 2], shape: [1] });
    const all = new EditedNearestNeighbours({ nNeighbors: 2, samplingStrategy: 'all' });
    expect([...(await all.sampleIndices(data))]).toEqual([4, 5, 6, 7, 8, 9]);
    const mode = new EditedNearestNeighbours({ nNeighbors: 2, samplingStrategy: 'all', kindSel: 'mode' });
    expect([...(await mode.sampleIndices(data))]).toEqual([0, 1, 4, 5, 6, 7, 8, 9]);
  });

  it('checks its options and the row count', async () => {
    expect(() => new EditedNearestNeighbours({ kindSel: 'any' as never })).toThrow(/kindSel must be one of "all", "mode"/);
    expect(() => new EditedNearestNeighbours({ nNeighbors: 0 })).toThrow(OptionError);
    const tiny = createDataset({ x: [0, 1, 2], y: [0, 1, 1], shape: [1] });
    await expect(new EditedNearestNeighbours().fitResample(tiny)).rejects.toThrow(SamplerInputError);
  });
});
