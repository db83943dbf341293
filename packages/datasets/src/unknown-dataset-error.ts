import { OptionError, describeValue } from '@oversample/core';

/** How many of the nearest names an `UnknownDatasetError` suggests. */
const SUGGESTIONS = 5;

/** Edit distance (insertions, deletions, substitutions) between two strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The names closest to `wanted`, nearest first: names that contain it (or that it contains) come
 * before the rest, then by edit distance, then alphabetically; case is ignored.
 *
 * @example
 * nearestNames('glas1', ['glass1', 'glass0', 'pima']); // ['glass1', 'glass0', 'pima']
 */
export function nearestNames(wanted: string, names: readonly string[], count = SUGGESTIONS): string[] {
  const w = wanted.toLowerCase();
  const scored = names.map((name) => {
    const n = name.toLowerCase();
    const overlap = w !== '' && (n.includes(w) || w.includes(n)) ? 0 : 1;
    return { name, overlap, distance: editDistance(w, n) };
  });
  scored.sort((a, b) => a.overlap - b.overlap || a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, count).map((s) => s.name);
}

/**
 * No bundled table has the name asked for. An `OptionError`, so callers that catch bad arguments
 * catch it too; `nearest` holds the closest names, which the message lists.
 */
export class UnknownDatasetError extends OptionError {
  override name = 'UnknownDatasetError';
  /** The name that was asked for. */
  readonly requested: unknown;
  /** The nearest bundled names, nearest first. */
  readonly nearest: readonly string[];

  constructor(requested: unknown, names: readonly string[]) {
    const nearest = typeof requested === 'string' ? nearestNames(requested, names) : [];
    super(
      `no bundled dataset is named ${describeValue(requested)}` +
        (nearest.length > 0 ? `; the nearest names are ${nearest.map((n) => `'${n}'`).join(', ')}` : '') +
        ` (listDatasets() lists all ${names.length})`,
    );
    this.requested = requested;
    this.nearest = nearest;
  }
}
