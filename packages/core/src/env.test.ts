import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from './env';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('readEnv', () => {
  it('reads process.env at call time', () => {
    vi.stubEnv('OVERSAMPLE_TEST_VAR', 'wasm');
    expect(readEnv('OVERSAMPLE_TEST_VAR')).toBe('wasm');
    expect(readEnv('OVERSAMPLE_NEVER_SET')).toBeUndefined();
  });

  it('gives undefined where there is no process (a browser)', () => {
    vi.stubGlobal('process', undefined);
    expect(readEnv('PATH')).toBeUndefined();
  });
});
