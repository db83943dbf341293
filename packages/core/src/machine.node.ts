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

/** CPU time of all cores so far (ms): busy (user, nice, system, interrupts) and in all. */
function cpuTimes(): { busy: number; all: number } {
  let busy = 0;
  let all = 0;
  for (const { times: t } of os.cpus()) {
    busy += t.user + t.nice + t.sys + t.irq;
    all += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, all };
}

/**
 * How many cores are busy right now, measured over `sampleMs` from the kernel's CPU time
 * counters (`os.cpus()`): 0 on an idle machine, the core count on a saturated one; `undefined`
 * where the counters do not move (browsers have none). Unlike the one-minute load average it
 * does not lag: a machine whose last job ended seconds ago reads idle. Measure while this
 * thread waits, so that the figure is other work's.
 */
export async function busyCores(sampleMs = 150): Promise<number | undefined> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = cpuTimes();
  const all = after.all - before.all;
  if (!(all > 0)) return undefined;
  return ((after.busy - before.busy) / all) * os.cpus().length;
}
