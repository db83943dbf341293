import { OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { classificationReport, formatClassificationReport } from './report';
import { expectClose } from './test-helpers';

// imbalanced-learn's docs example for classification_report_imbalanced.
const yTrue = [0, 1, 2, 2, 2];
const yPred = [0, 0, 2, 2, 1];
const targetNames = ['class 0', 'class 1', 'class 2'];

describe('classificationReport', () => {
  it('prints exactly the imbalanced-learn docs table', () => {
    const text = formatClassificationReport(classificationReport(yTrue, yPred, { targetNames }));
    expect(text).toBe(
      [
        '                   pre       rec       spe        f1       geo       iba       sup',
        '',
        '    class 0       0.50      1.00      0.75      0.67      0.87      0.77         1',
        '    class 1       0.00      0.00      0.75      0.00      0.00      0.00         1',
        '    class 2       1.00      0.67      1.00      0.80      0.82      0.64         3',
        '',
        'avg / total       0.70      0.60      0.90      0.61      0.66      0.54         5',
        '',
      ].join('\n'),
    );
  });

  it('returns the same numbers as data, IBA = (1 + 0.1 (rec - spe)) geo^2', () => {
    const r = classificationReport(yTrue, yPred);
    expect(r.rows.map((row) => row.name)).toEqual(['0', '1', '2']);
    const c0 = r.rows[0];
    expectClose(c0?.geo, Math.sqrt(0.75), 'geo 0');
    expectClose(c0?.iba, (1 + 0.1 * 0.25) * 0.75, 'iba 0');
    expectClose(r.rows[2]?.iba, (1 + 0.1 * (2 / 3 - 1)) * (2 / 3), 'iba 2');
    expect(r.totalSupport).toBe(5);
    expectClose(r.average.pre, (0.5 + 0 + 3) / 5, 'avg pre');
    const alpha0 = classificationReport(yTrue, yPred, { alpha: 0 });
    expectClose(alpha0.rows[0]?.iba, 0.75, 'alpha 0');
  });

  it('follows labels and digits', () => {
    const r = classificationReport(yTrue, yPred, { labels: [2, 0] });
    expect(r.rows.map((row) => [row.label, row.sup])).toEqual([[2, 3], [0, 1]]);
    const text = formatClassificationReport(r, { digits: 4 });
    expect(text.split('\n')[2]).toBe('          2     1.0000    0.6667    1.0000    0.8000    0.8165    0.6444         3');
  });

  it('rejects wrong targetNames, all-absent labels and bad options', () => {
    expect(() => classificationReport(yTrue, yPred, { targetNames: ['a', 'b'] })).toThrow(OptionError);
    expect(() => classificationReport(yTrue, yPred, { labels: [7] })).toThrow(SamplerInputError);
    expect(() => classificationReport(yTrue, yPred, { alpha: Number.NaN })).toThrow(/alpha must be a finite number/);
    expect(() => formatClassificationReport(classificationReport(yTrue, yPred), { digits: -1 })).toThrow(OptionError);
  });
});
