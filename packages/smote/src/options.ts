import { checkInteger } from '@oversample/core';

/** `kNeighbors`-style option: an integer >= 1 with a default. */
export function neighborsOption(name: string, option: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkInteger(`${name}: ${option}`, value, { min: 1 });
}
