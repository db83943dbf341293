// What the machine offers, on Node (docs/design.md, "Platforms"); machine.browser.ts has the same exports.
import os from 'node:os';

/** Logical cores this process may use (`os.availableParallelism()`; `navigator.hardwareConcurrency` in browsers). */
export function availableCores(): number {
  return os.availableParallelism();
}

/**
 * The one-minute load average, or `undefined` where the platform has none (browsers; Windows,
 * whose `os.loadavg()` is always zeros). Work that spawns threads uses it to stay off a busy machine.
 */
export function loadAverage(): number | undefined {
  if (os.platform() === 'win32') return undefined;
  return os.loadavg()[0];
}
