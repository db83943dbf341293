import { cleaningConformanceDataset, describeCombinedSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { SMOTE } from './smote';
import { SMOTETomek } from './smote-tomek';
import { TomekLinks } from './tomek-links';

describeCombinedSamplerConformance('SMOTETomek', (o) => new SMOTETomek(o));
describeCombinedSamplerConformance('SMOTETomek (binary)', (o) => new SMOTETomek({ ...o, smote: undefined }), {
  dataset: () => {
    const d = cleaningConformanceDataset(9);
    return { ...d, y: d.y.map((c) => (c === 2 ? 1 : 0)) };
  },
});

describe('SMOTETomek', () => {
  it('is SMOTE then Tomek links on every class, with the same seed', async () => {
    const data = cleaningConformanceDataset();
    const out = await new SMOTETomek({ seed: 4 }).fitResample(data);
    const grown = await new SMOTE({ seed: 4 }).fitResample(data);
    const want = await new TomekLinks({ samplingStrategy: 'all' }).fitResample(grown);
    expect(out.x).toEqual(want.x);
    expect(out.y).toEqual(want.y);
  });

  it('uses the cleaner it is given', async () => {
    const data = cleaningConformanceDataset();
    const majorityOnly = new SMOTETomek({ smote: new SMOTE({ seed: 1 }), tomek: new TomekLinks({ samplingStrategy: 'majority' }) });
    const out = await majorityOnly.fitResample(data);
    const grown = await new SMOTE({ seed: 1 }).fitResample(data);
    expect(out.y.filter((c) => c !== 0).length).toBe(grown.y.filter((c) => c !== 0).length);
  });
});
