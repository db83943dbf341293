import { describe, expect, it } from 'vitest';
import { OptionError } from './errors';
import { checkInteger, checkKnownOptions, checkNumber, checkOneOf } from './validate';
import { CancelledError } from './errors';
import { checkpoint, throwIfAborted } from './progress';

describe('option validators', () => {
  it('accept good values and name the bad ones', () => {
    expect(checkInteger('kNeighbors', 5, { min: 1 })).toBe(5);
    expect(() => checkInteger('kNeighbors', 0, { min: 1 })).toThrow('kNeighbors must be an integer >= 1, got 0');
    expect(() => checkInteger('kNeighbors', 2.5, { min: 1 })).toThrow('kNeighbors must be an integer >= 1, got 2.5');
    expect(checkNumber('lr', 0.1, { min: 0, exclusiveMin: true })).toBe(0.1);
    expect(() => checkNumber('lr', 0, { min: 0, exclusiveMin: true })).toThrow('lr must be a finite number > 0, got 0');
    expect(() => checkNumber('p', '1', { max: 1 })).toThrow('p must be a finite number <= 1, got "1"');
    expect(checkOneOf('kind', 1, [1, 2])).toBe(1);
    expect(() => checkOneOf('kind', 3, [1, 2])).toThrow(OptionError);
    expect(() => checkOneOf('kind', 3, [1, 2])).toThrow('kind must be one of 1, 2, got 3');
  });

  it('rejects unknown option names', () => {
    expect(() => checkKnownOptions('SMOTE', { kNeighbours: 3 }, ['kNeighbors', 'seed'])).toThrow(
      'SMOTE has no option "kNeighbours"; known options: kNeighbors, seed',
    );
    expect(() => checkKnownOptions('SMOTE', { seed: 1 }, ['kNeighbors', 'seed'])).not.toThrow();
  });
});

describe('cancellation', () => {
  it('throws CancelledError once the signal is aborted', async () => {
    const c = new AbortController();
    expect(() => throwIfAborted(c.signal)).not.toThrow();
    await expect(checkpoint(c.signal)).resolves.toBeUndefined();
    c.abort(new Error('user pressed Ctrl-C'));
    expect(() => throwIfAborted(c.signal)).toThrow(CancelledError);
    await expect(checkpoint(c.signal)).rejects.toThrow('cancelled: user pressed Ctrl-C');
  });
});
