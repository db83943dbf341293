/**
 * "Did you mean" in the CLI's messages, on `nearestNames` from `@oversample/core` (the project's
 * one ranking). Browser-safe (part of the registry subpath).
 */
import { nearestNames } from '@oversample/core';

/**
 * The candidate nearest to `word` (see `nearestNames`); `undefined` only when there are no
 * candidates.
 *
 * @example
 * nearestName('kNeighbours', ['kNeighbors', 'mNeighbors']) // 'kNeighbors'
 */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  return nearestNames(word, candidates, 1)[0];
}

/**
 * The tail of an "unknown name" message: `; did you mean 'x'? (valid: a, b, c)`, the nearest
 * valid name first, then every valid one (up to 30).
 */
export function suggestion(word: string, candidates: readonly string[]): string {
  const near = nearestName(word, candidates);
  if (near === undefined) return '; nothing is valid here';
  const all = candidates.length <= 30 ? candidates.join(', ') : `${candidates.slice(0, 30).join(', ')}, ...`;
  return `; did you mean '${near}'? (valid: ${all})`;
}
