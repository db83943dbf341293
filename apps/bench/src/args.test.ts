import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText, parseBenchArgs } from './args';
import { PRESET_NAMES } from './presets';
import { CLASSIFIERS, SAMPLERS, SAMPLER_NAMES } from './registry';
import { UsageError } from './usage-error';

describe('parseBenchArgs', () => {
  it('defaults to the quick preset and bench-out/ under the working directory', () => {
    const a = parseBenchArgs([], '/work/x');
    expect(a.preset).toBeUndefined();
    expect(a.sets).toEqual([]);
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
    const a = parseBenchArgs(['--folds', '3', '--repeats', '2', '--seeds', '0,5', '--seeds', '7..9', '--epochs', '4', '--out', 'res', '--no-cache', '--set', 'deepsmote.epochs=60', '--set', 'mlp.earlyStopping.patience=3'], '/w');
    expect(a.sets).toEqual([
      { target: 'deepsmote', path: ['epochs'], text: '60' },
      { target: 'mlp', path: ['earlyStopping', 'patience'], text: '3' },
    ]);
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
    [['--sampler', 'smoteish'], /unknown sampler 'smoteish'; did you mean 'smote'\? \(valid: none, random, smote/],
    [['--sampler', 'deepsmote'], /unknown sampler 'deepsmote'; did you mean 'deepsmote-(paper|code)'\?/],
    [['--classifier', 'svm'], /unknown classifier 'svm'/],
    [['--preset', 'huge'], /unknown preset 'huge'; did you mean '.*'\? \(valid: quick, keel, paper-mnist, paper-cifar10, paper-cpu, smoke\)/],
    [['--preset', 'quik'], /unknown preset 'quik'; did you mean 'quick'\?/],
    [['--preset', 'quick,keel'], /--preset takes one name/],
    [['--folds', '1'], /--folds must be an integer from 2 to 100, got '1'/],
    [['--folds', 'two'], /--folds must be an integer from 2 to 100, got 'two'/],
    [['--folds', '101'], /--folds must be an integer from 2 to 100/],
    [['--repeats', '0'], /--repeats must be an integer from 1 to 10/],
    [['--seeds', 'x'], /--seeds takes integers >= 0 or ranges like 0..9, got 'x'/],
    [['--seeds', '5..2'], /--seeds: range '5..2' is empty/],
    // Capped before anything is allocated, and derived seeds (seed x 1000 + ...) stay below 2^32.
    [['--seeds', '0..99999999'], /--seeds: range '0..99999999' has 100000000 seeds; at most 1000 per run/],
    [['--seeds', '0..99999999999999999999'], /--seeds: seed 99999999999999999999 is out of range: seeds are integers from 0 to 4294966/],
    [['--seeds', '4294967'], /seed 4294967 is out of range/],
    [['--set', 'deepsmote.epoch=5'], /--set deepsmote.epoch: deepsmote-paper has no option 'epoch'; did you mean 'epochs'\?/],
    [['--set', 'deepsmot.epochs=5'], /no sampler, sampler family or classifier is called 'deepsmot'; did you mean 'deepsmote'\?/],
    [['--set', 'deepsmote-code.penalty=paper'], /deepsmote-code fixes penalty by its name/],
    [['--set', 'smote'], /--set takes NAME.OPTION=VALUE/],
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
    for (const flag of ['--preset', '--config', '--set', '--dataset', '--sampler', '--classifier', '--folds', '--repeats', '--seeds', '--out', '--help']) {
      expect(text).toContain(flag);
    }
    for (const p of PRESET_NAMES) expect(text).toContain(p);
    // Every registered sampler and classifier, with its description.
    for (const r of [...SAMPLERS, ...CLASSIFIERS]) expect(text).toContain(r.description);
    // Every name stands apart from its description (the longest, regression-smote-paper, ran into it).
    for (const r of [...SAMPLERS, ...CLASSIFIERS]) expect(text).toMatch(new RegExp(`^  ${r.name} {2,}\\S`, 'm'));
    expect(parseBenchArgs(['--help'], '/w').help).toBe(true);
  });
});
