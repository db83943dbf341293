import { OptionError, describeValue, nearestNames } from '@oversample/core';

/** How many of the nearest names an `UnknownDatasetError` suggests. */
const SUGGESTIONS = 5;

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
    const nearest = typeof requested === 'string' ? nearestNames(requested, names, SUGGESTIONS) : [];
    super(
      `no bundled dataset is named ${describeValue(requested)}` +
        (nearest.length > 0 ? `; the nearest names are ${nearest.map((n) => `'${n}'`).join(', ')}` : '') +
        ` (listDatasets() lists all ${names.length})`,
    );
    this.requested = requested;
    this.nearest = nearest;
  }
}
