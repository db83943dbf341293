// The browser side of machine.node.ts (docs/design.md, "Platforms").
import type * as NodeMachine from './machine.node.js';

/** `navigator.hardwareConcurrency`, or 1 where there is no `navigator`. */
export const availableCores: typeof NodeMachine.availableCores = () => {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
};

/** Browsers have no load average: always `undefined`. */
export const loadAverage: typeof NodeMachine.loadAverage = () => undefined;

/** Browsers expose no CPU counters: always `undefined`. */
export const busyCores: typeof NodeMachine.busyCores = async () => undefined;
