import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText, parseBenchArgs } from './args';
import { SAMPLER_NAMES } from './names';
import { UsageError } from './usage-error';

describe('parseBenchArgs', () => {
  it('defaults to the quick preset and bench-out/ under the working directory', () => {
    const a = parseBenchArgs([], '/work/x');
    expect(a.preset).toBe('quick');
    expect(a.out).toBe('/work/x/bench-out');
    expect(a.help).toBe(false);
    expect(a.samplers).toBeUndefined();
    expect(a.noCache).toBe(false);
  });

  it('skips a leading -- separator (pnpm bench -- --preset keel)', () => {
    expect(parseBenchArgs(['--', '--preset', 'keel']).preset).toBe('keel');
    expect(() => parseBenchArgs(['--preset', 'keel', '--', 'x'])).toThrow(UsageError);
  });

  it('accepts repeated and comma-separated list flags, dropping duplicates', () => {
    const a = parseBenchArgs(['--sampler', 'smote,none', '--sampler', 'adasyn', '--sampler', 'smote', '--dataset', 'keel:glass1,mnist'], '/w');
    expect(a.samplers).toEqual(['smote', 'none', 'adasyn']);
    expect(a.datasets).toEqual(['keel:glass1', 'mnist']);
  });

  it('parses numbers, seed lists and ranges, --out and --no-cache', () => {
    const a = parseBenchArgs(['--folds', '3', '--repeats', '2', '--seeds', '0,5', '--seeds', '7..9', '--epochs', '4', '--out', 'res', '--no-cache'], '/w');
    expect(a.folds).toBe(3);
    expect(a.repeats).toBe(2);
    expect(a.seeds).toEqual([0, 5, 7, 8, 9]);
    expect(a.epochs).toBe(4);
    expect(a.out).toBe(resolve('/w', 'res'));
    expect(a.noCache).toBe(true);
    expect(parseBenchArgs(['--out', '/abs/dir'], '/w').out).toBe('/abs/dir');
  });

  it('knows every sampler name of the issue', () => {
    for (const s of SAMPLER_NAMES) expect(parseBenchArgs(['--sampler', s], '/w').samplers).toEqual([s]);
  });

  const bad: [string[], RegExp][] = [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--sampler', 'smoteish'], /unknown sampler 'smoteish': choose from none, random, smote/],
    [['--classifier', 'svm'], /unknown classifier 'svm'/],
    [['--preset', 'huge'], /unknown preset 'huge': choose from quick, keel, paper-mnist, paper-cifar10, smoke/],
    [['--preset', 'quick,keel'], /--preset takes one name/],
    [['--folds', '1'], /--folds must be an integer >= 2, got '1'/],
    [['--folds', 'two'], /--folds must be an integer >= 2, got 'two'/],
    [['--repeats', '0'], /--repeats must be an integer >= 1/],
    [['--seeds', 'x'], /--seeds takes integers >= 0 or ranges like 0..9, got 'x'/],
    [['--seeds', '5..2'], /--seeds range '5..2' is empty/],
    [['--folds'], /argument missing/],
    [['positional'], /positional/i],
    [['--sampler', ','], /--sampler needs at least one name/],
  ];
  it.each(bad)('rejects %j with a one-line UsageError', (argv, message) => {
    let error: unknown;
    try {
      parseBenchArgs(argv, '/w');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('explains every flag and preset in --help', () => {
    const text = helpText();
    for (const flag of ['--preset', '--dataset', '--sampler', '--classifier', '--folds', '--repeats', '--seeds', '--out', '--help']) {
      expect(text).toContain(flag);
    }
    for (const p of ['quick', 'keel', 'paper-mnist', 'paper-cifar10', 'smoke']) expect(text).toContain(p);
    expect(parseBenchArgs(['--help'], '/w').help).toBe(true);
  });
});
