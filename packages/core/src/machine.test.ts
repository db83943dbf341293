import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as browser from './machine.browser';
import { availableCores, loadAverage } from './machine.node.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('machine', () => {
  it("reports Node's cores and load average", () => {
    expect(availableCores()).toBe(os.availableParallelism());
    if (os.platform() !== 'win32') expect(loadAverage()).toBe(os.loadavg()[0]);
  });

  it('reports navigator.hardwareConcurrency and no load average in a browser', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 12 });
    expect(browser.availableCores()).toBe(12);
    vi.stubGlobal('navigator', undefined);
    expect(browser.availableCores()).toBe(1);
    expect(browser.loadAverage()).toBeUndefined();
  });
});
