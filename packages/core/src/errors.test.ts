import { describe, expect, it } from 'vitest';
import { CancelledError, FileFormatError, NotFittedError, OptionError, OversampleError, PlatformError, SamplerInputError } from './errors';

describe('error classes', () => {
  it('name themselves with strings that survive minification', () => {
    const errors = [
      new OversampleError('m'),
      new SamplerInputError('m'),
      new OptionError('m'),
      new NotFittedError('SMOTE'),
      new CancelledError(),
      new FileFormatError('f.csv', 'bad'),
      new PlatformError('save()', 'needs files'),
    ];
    expect(errors.map((e) => e.name)).toEqual([
      'OversampleError',
      'SamplerInputError',
      'OptionError',
      'NotFittedError',
      'CancelledError',
      'FileFormatError',
      'PlatformError',
    ]);
    for (const e of errors) expect(e).toBeInstanceOf(OversampleError);
  });

  it('names a subclass defined elsewhere after its class', () => {
    class UsageError extends OversampleError {}
    expect(new UsageError('m').name).toBe('UsageError');
  });

  it('keeps the call of a PlatformError and the file of a FileFormatError', () => {
    expect(new PlatformError('save("m")', 'needs a file system')).toMatchObject({ call: 'save("m")', message: 'save("m") needs a file system' });
    expect(new FileFormatError('a.csv', 'is empty')).toMatchObject({ file: 'a.csv', message: 'a.csv: is empty' });
  });
});
