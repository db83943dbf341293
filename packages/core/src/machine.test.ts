import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as browser from './machine.browser';
import { availableCores, busyCores, loadAverage } from './machine.node.js';

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

  it('measures busy cores from the CPU counters, not the load average', async () => {
    const busy = await busyCores(50);
    expect(busy).toBeGreaterThanOrEqual(0);
    expect(busy).toBeLessThanOrEqual(os.cpus().length);
    // Counters that report one core busy all the time and one idle: 1 of 2.
    let calls = 0;
    const spy = vi.spyOn(os, 'cpus').mockImplementation(() => {
      calls++;
      const t = (busyMs: number, idleMs: number) => ({ model: 'x', speed: 1, times: { user: busyMs, nice: 0, sys: 0, irq: 0, idle: idleMs } });
      return calls <= 1 ? [t(1000, 1000), t(0, 2000)] : [t(1100, 1000), t(0, 2100)];
    });
    try {
      expect(await busyCores(1)).toBeCloseTo(1, 10);
    } finally {
      spy.mockRestore();
    }
  });

  it('has no CPU counters in a browser', async () => {
    expect(await browser.busyCores()).toBeUndefined();
  });
});
