import { OptionError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { nearestName, suggestion } from './nearest-name';
import type { OptionSchema } from './option-schema';
import { checkOptionValue, formatOptionValue, parseOptionText, resolveOptions, specAt } from './option-schema';

const SCHEMA: OptionSchema = {
  k: { kind: 'integer', default: 5, min: 1, description: 'k' },
  rate: { kind: 'number', default: 0.1, min: 0, exclusiveMin: true, max: 1, description: 'rate' },
  on: { kind: 'boolean', default: true, description: 'on' },
  act: { kind: 'enum', values: ['relu', 'tanh'], default: 'relu', description: 'act' },
  layers: { kind: 'list', item: { kind: 'integer', min: 1 }, default: [64], description: 'layers' },
  pair: { kind: 'list', item: { kind: 'number' }, minLength: 2, maxLength: 2, default: [0.9, 0.999], description: 'pair' },
  temperature: {
    kind: 'object',
    description: 't',
    fields: { start: { kind: 'number', default: 1, description: 's' }, end: { kind: 'number', default: 0.1, description: 'e' } },
  },
  stop: { kind: 'object', optional: true, description: 'es', fields: { patience: { kind: 'integer', min: 1, description: 'p' }, minDelta: { kind: 'number', default: 0, description: 'd' } } },
  latent: { kind: 'integer', min: 1, description: 'no default: the library decides' },
  strategy: { kind: 'sampling-strategy', default: 'auto', description: 's' },
};

describe('resolveOptions', () => {
  it('fills defaults, leaves unset ones out, keeps optional groups off', () => {
    expect(resolveOptions('x', SCHEMA, [])).toEqual({
      k: 5,
      rate: 0.1,
      on: true,
      act: 'relu',
      layers: [64],
      pair: [0.9, 0.999],
      temperature: { start: 1, end: 0.1 },
      strategy: 'auto',
    });
  });

  it('layers later over earlier, merging object options field by field, without touching the caller\'s objects', () => {
    const a = { k: 3, temperature: { start: 2 }, layers: [8, 8] };
    const b = { k: 4, temperature: { end: 0.5 }, stop: { patience: 3 } };
    const out = resolveOptions('x', SCHEMA, [a, b]);
    expect(out).toMatchObject({ k: 4, temperature: { start: 2, end: 0.5 }, stop: { patience: 3, minDelta: 0 }, layers: [8, 8] });
    (out.layers as number[]).push(1);
    expect(a.layers).toEqual([8, 8]);
  });

  const bad: [Record<string, unknown>, RegExp][] = [
    [{ kk: 1 }, /x has no option 'kk'; did you mean 'k'\?/],
    [{ k: 0 }, /x\.k must be an integer >= 1, got 0/],
    [{ k: 1.5 }, /x\.k must be an integer >= 1, got 1\.5/],
    [{ k: '5' }, /x\.k must be an integer >= 1, got "5"/],
    [{ rate: 0 }, /x\.rate must be a number > 0 and <= 1, got 0/],
    [{ rate: Number.NaN }, /x\.rate must be a number > 0 and <= 1, got NaN/],
    [{ on: 'yes' }, /x\.on must be true or false/],
    [{ act: 'gelu' }, /x\.act must be one of relu, tanh, got "gelu"/],
    [{ layers: [64, 0] }, /x\.layers\[1\] must be an integer >= 1, got 0/],
    [{ pair: [0.9] }, /x\.pair must be a list of 2 entries/],
    [{ temperature: { stat: 1 } }, /x\.temperature has no option 'stat'; did you mean 'start'\?/],
    [{ stop: { minDelta: 1 } }, /x\.stop needs patience/],
    [{ strategy: 'majority' }, /x\.strategy must be auto, minority/],
    [{ strategy: 1.5 }, /x\.strategy must be/],
    [{ strategy: { a: 3 } }, /class keys must be integers >= 0/],
  ];
  it.each(bad)('rejects %j with an OptionError naming the value and what would be right', (layer, message) => {
    expect(() => resolveOptions('x', SCHEMA, [layer])).toThrow(OptionError);
    expect(() => resolveOptions('x', SCHEMA, [layer])).toThrow(message);
  });

  it('accepts a sampling strategy by name, ratio or per-class counts', () => {
    expect(checkOptionValue('s', SCHEMA.strategy!, 'not majority')).toBe('not majority');
    expect(checkOptionValue('s', SCHEMA.strategy!, 0.5)).toBe(0.5);
    expect(checkOptionValue('s', SCHEMA.strategy!, { 1: 30 })).toEqual({ 1: 30 });
  });
});

describe('parseOptionText (--set values)', () => {
  it('reads numbers, booleans, words, lists and JSON', () => {
    expect(parseOptionText('k', SCHEMA.k!, '60')).toBe(60);
    expect(parseOptionText('rate', SCHEMA.rate!, '2e-4')).toBe(2e-4);
    expect(parseOptionText('on', SCHEMA.on!, 'false')).toBe(false);
    expect(parseOptionText('act', SCHEMA.act!, 'tanh')).toBe('tanh');
    expect(parseOptionText('layers', SCHEMA.layers!, '64,32')).toEqual([64, 32]);
    expect(parseOptionText('layers', SCHEMA.layers!, '[16]')).toEqual([16]);
    expect(parseOptionText('layers', SCHEMA.layers!, '')).toEqual([]);
    expect(parseOptionText('stop', SCHEMA.stop!, '{"patience": 4}')).toEqual({ patience: 4 });
    expect(parseOptionText('strategy', SCHEMA.strategy!, 'minority')).toBe('minority');
    expect(parseOptionText('strategy', SCHEMA.strategy!, '0.5')).toBe(0.5);
    expect(() => parseOptionText('stop', SCHEMA.stop!, '{patience: 4}')).toThrow(/not valid JSON/);
    // Text that is not a number stays text, so the check names it.
    expect(() => checkOptionValue('k', SCHEMA.k!, parseOptionText('k', SCHEMA.k!, 'five'))).toThrow(/k must be an integer >= 1, got "five"/);
  });

  it('finds the spec of an object field by path', () => {
    expect(specAt(SCHEMA, ['temperature', 'start'])?.kind).toBe('number');
    expect(specAt(SCHEMA, ['k', 'x'])).toBeUndefined();
    expect(specAt(SCHEMA, ['nope'])).toBeUndefined();
  });

  it('formats values for reports', () => {
    expect(formatOptionValue({ start: 1, end: [0.1, 2] })).toBe('{ start: 1, end: [0.1, 2] }');
  });
});

describe('nearestName', () => {
  it('prefers a name that extends the word, then the smallest edit distance', () => {
    expect(nearestName('kNeighbours', ['kNeighbors', 'mNeighbors'])).toBe('kNeighbors');
    expect(nearestName('deepsmot', ['smote', 'deepsmote', 'deepsmote-paper'])).toBe('deepsmote');
    expect(nearestName('quik', ['quick', 'keel'])).toBe('quick');
    expect(nearestName('x', [])).toBeUndefined();
    expect(suggestion('smoot', ['none', 'smote'])).toBe("; did you mean 'smote'? (valid: none, smote)");
  });
});
