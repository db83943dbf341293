import { OptionError } from '@oversample/core';
import { cleaningConformanceDataset, describeCombinedSamplerConformance } from '@oversample/core/testkit';
import { describe, expect, it } from 'vitest';
import { BorderlineSMOTE } from './borderline-smote';
import { EditedNearestNeighbours } from './edited-nearest-neighbours';
import { SMOTE } from './smote';
import { SMOTEENN } from './smote-enn';

describeCombinedSamplerConformance('SMOTEENN', (o) => new SMOTEENN(o));
describeCombinedSamplerConformance('SMOTEENN (given stages)', (o) => new SMOTEENN({ smote: new BorderlineSMOTE({ kNeighbors: 3, ...o }), enn: new EditedNearestNeighbours({ kindSel: 'mode', samplingStrategy: 'all' }) }));

describe('SMOTEENN', () => {
  it('is SMOTE then edited nearest neighbours on every class, with the same seed', async () => {
    const data = cleaningConformanceDataset();
    const out = await new SMOTEENN({ seed: 4, samplingStrategy: 'all' }).fitResample(data);
    const grown = await new SMOTE({ seed: 4, samplingStrategy: 'all' }).fitResample(data);
    const want = await new EditedNearestNeighbours({ samplingStrategy: 'all' }).fitResample(grown);
    expect(out.x).toEqual(want.x);
    expect(out.y).toEqual(want.y);
    expect(out.y.length).toBeLessThan(grown.y.length);
  });

  it('takes samplingStrategy and seed on the smote it is given, not on itself', () => {
    expect(() => new SMOTEENN({ smote: new SMOTE(), seed: 1 })).toThrow(/give samplingStrategy and seed to the smote you pass/);
    expect(() => new SMOTEENN({ smote: 'SMOTE' as never })).toThrow(/smote must be an over-sampler/);
    expect(() => new SMOTEENN({ enn: {} as never })).toThrow(/enn must be a cleaning sampler/);
    expect(() => new SMOTEENN({ tomek: new EditedNearestNeighbours() } as never)).toThrow(/no option "tomek"/);
    expect(() => new SMOTEENN({ seed: -1 })).toThrow(OptionError);
  });
});
