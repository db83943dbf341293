import { describe, expect, it } from 'vitest';
import { OptionError } from './errors';
import { Rng, checkSeed } from './rng';
import { samplerSettings } from './sampler-options';

describe('samplerSettings: the options every sampler checks in its constructor', () => {
  it('returns the strategy and seed, with defaults', () => {
    expect(samplerSettings('S', undefined, [])).toEqual({ samplingStrategy: 'auto', seed: undefined });
    const rng = new Rng(1);
    expect(samplerSettings('S', { samplingStrategy: 'minority', seed: rng }, [])).toEqual({ samplingStrategy: 'minority', seed: rng });
  });

  it('refuses unknown names, impossible strategies and bad seeds with the sampler name first', () => {
    expect(() => samplerSettings('S', { kNeighbours: 3 } as object, ['kNeighbors'])).toThrow('S has no option "kNeighbours"; known options: samplingStrategy, seed, kNeighbors');
    expect(() => samplerSettings('S', { samplingStrategy: 'foo' as 'auto' }, [])).toThrow(/^S: samplingStrategy "foo" is not known/);
    expect(() => samplerSettings('S', { seed: '42' as unknown as number }, [])).toThrow('S: seed must be an integer in 0..4294967295 or an Rng, got "42"');
    expect(() => samplerSettings('S', { seed: 2 ** 32 }, [])).toThrow(OptionError);
    expect(() => checkSeed(1.5)).toThrow(/^seed must be an integer/);
    expect(checkSeed(0)).toBe(0);
  });
});
