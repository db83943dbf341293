import { OptionError, SamplerInputError } from './errors';
import { maxRows } from './limits';
import { describeValue } from './validate';

/**
 * Wanted rows per class as a plain object, `{ class: total }`. An array is not one: `[50, 100, 25]`
 * would be read as `{ 0: 50, 1: 100, 2: 25 }` by accident, so the type (through `length?: never`)
 * and `checkSamplingStrategy` reject arrays, as imbalanced-learn does.
 */
export type ClassTotals = { readonly [label: number]: number; readonly length?: never };

/**
 * Which classes to oversample and to how many rows, with imbalanced-learn's semantics:
 * - `'auto'` = `'not majority'`: every class but the largest, up to the largest class's count;
 * - `'minority'`: only the smallest class; `'not minority'`: every class but the smallest;
 * - `'all'`: every class (the largest gets no new rows);
 * - a number in (0, 1] (two classes only): the wanted minority/majority ratio after resampling;
 * - `{ class: wantedTotal }` (or a Map): those classes, each to its wanted total;
 * - a function of the class counts returning such a map.
 */
export type SamplingStrategy =
  | 'auto'
  | 'minority'
  | 'not minority'
  | 'not majority'
  | 'all'
  | number
  | ClassTotals
  | ReadonlyMap<number, number>
  | ((counts: ReadonlyMap<number, number>) => ClassTotals | ReadonlyMap<number, number>);

const NAMED = ['auto', 'minority', 'not minority', 'not majority', 'all'] as const;

function unknownName(strategy: string): OptionError {
  return new OptionError(
    `samplingStrategy ${describeValue(strategy)} is not known; use one of ${NAMED.map((s) => `'${s}'`).join(', ')}, ` +
      `a ratio in (0, 1] or a { class: count } map` + (strategy === 'majority' ? " ('majority' only makes sense for under-sampling)" : ''),
  );
}

function badRatio(strategy: number): OptionError | undefined {
  return Number.isFinite(strategy) && strategy > 0 && strategy <= 1
    ? undefined
    : new OptionError(`samplingStrategy as a ratio must be in (0, 1], got ${describeValue(strategy)}`);
}

/** Rows per class: a Map or a `{ class: count }` object (not an array). */
export type ClassCounts = ReadonlyMap<number, number> | ClassTotals;

/**
 * Normalises `ClassCounts` to a Map sorted by class, checking every key and count is an integer
 * >= 0 and no count exceeds what a typed array can hold; arrays are refused (`[50, 100]` is not
 * `{ 0: 50, 1: 100 }` by accident). `context` (e.g. `'samplingStrategy'`) starts the messages.
 *
 * @example
 * toCountMap({ 2: 5, 1: 3 }); // Map { 1 => 3, 2 => 5 }
 */
export function toCountMap(counts: ClassCounts, context = 'counts'): Map<number, number> {
  if (Array.isArray(counts)) {
    const asMap = counts.map((v: unknown, i) => `${i}: ${describeValue(v)}`).join(', ');
    throw new OptionError(`${context} cannot be an array (got ${describeValue(counts)}): give the rows per class as { ${asMap} } or a Map`);
  }
  if (counts === null || typeof counts !== 'object') {
    throw new OptionError(`${context} must be a { class: count } object or a Map, got ${describeValue(counts)}`);
  }
  const entries: [unknown, unknown][] =
    counts instanceof Map ? [...(counts as Map<unknown, unknown>).entries()] : Object.entries(counts).map(([k, v]) => [Number(k), v]);
  const limit = maxRows();
  for (const [c, n] of entries) {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
      throw new OptionError(`${context}: class keys must be integers >= 0, got ${describeValue(c)}`);
    }
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new OptionError(`${context}: the count for class ${c} must be an integer >= 0, got ${describeValue(n)}`);
    }
    if (n > limit) {
      throw new OptionError(
        `${context}: the count for class ${c} is ${n}; the limit is ${limit} rows ` +
          '(a 4 GiB typed array of float32 values, the largest every supported JavaScript engine allocates)',
      );
    }
  }
  return new Map((entries as [number, number][]).sort((a, b) => a[0] - b[0]));
}

/**
 * Checks what can be checked of a sampling strategy without data (a known name, a ratio in
 * (0, 1], a map of integer class keys to integer totals, a function), so samplers reject a bad
 * one in their constructor. Returns it, or `'auto'` for `undefined`.
 *
 * @example
 * checkSamplingStrategy('foo');        // OptionError: samplingStrategy "foo" is not known; ...
 * checkSamplingStrategy([50, 100, 25]); // OptionError: samplingStrategy cannot be an array ...
 */
export function checkSamplingStrategy(strategy: unknown): SamplingStrategy {
  if (strategy === undefined) return 'auto';
  if (typeof strategy === 'string') {
    if (!(NAMED as readonly string[]).includes(strategy)) throw unknownName(strategy);
  } else if (typeof strategy === 'number') {
    const bad = badRatio(strategy);
    if (bad) throw bad;
  } else if (typeof strategy !== 'function') {
    toCountMap(strategy as ClassCounts, 'samplingStrategy');
  }
  return strategy as SamplingStrategy;
}

/** Counts per class in order of first appearance in `y` (imbalanced-learn breaks ties that way). */
function countsInAppearanceOrder(y: Int32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < y.length; i++) counts.set(y[i]!, (counts.get(y[i]!) ?? 0) + 1);
  return counts;
}

function extreme(counts: Map<number, number>, pick: 'max' | 'min'): number {
  let best: number | undefined;
  let bestCount = pick === 'max' ? -1 : Infinity;
  for (const [c, n] of counts) {
    if (pick === 'max' ? n > bestCount : n < bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best!;
}

/**
 * Resolves a sampling strategy against labels `y` into the number of rows to *generate* per
 * class, as a Map in ascending class order (imbalanced-learn's `sampling_strategy_`).
 * Throws `OptionError` for an invalid strategy and `SamplerInputError` for fewer than two classes.
 *
 * @example
 * resolveSamplingStrategy('auto', new Int32Array([0, 0, 0, 1])) // Map { 1 => 2 }
 */
export function resolveSamplingStrategy(strategy: SamplingStrategy, y: Int32Array): Map<number, number> {
  const counts = countsInAppearanceOrder(y);
  if (counts.size <= 1) {
    throw new SamplerInputError(
      `oversampling needs at least 2 classes, got ${counts.size}${counts.size === 1 ? ` (class ${[...counts.keys()][0]} only)` : ''}`,
    );
  }
  const majority = extreme(counts, 'max');
  const minority = extreme(counts, 'min');
  const nMajority = counts.get(majority)!;
  const out = new Map<number, number>();

  if (typeof strategy === 'string') {
    if (!(NAMED as readonly string[]).includes(strategy)) throw unknownName(strategy);
    for (const [c, n] of counts) {
      const keep =
        strategy === 'all' ||
        (strategy === 'minority' && c === minority) ||
        (strategy === 'not minority' && c !== minority) ||
        ((strategy === 'not majority' || strategy === 'auto') && c !== majority);
      if (keep) out.set(c, nMajority - n);
    }
  } else if (typeof strategy === 'number') {
    const bad = badRatio(strategy);
    if (bad) throw bad;
    if (counts.size !== 2) {
      throw new OptionError(
        `samplingStrategy as a ratio (${strategy}) needs exactly 2 classes, the data has ${counts.size}; use a { class: count } map`,
      );
    }
    for (const [c, n] of counts) {
      if (c === majority) continue;
      const wanted = Math.trunc(nMajority * strategy - n);
      if (wanted < 0) {
        throw new OptionError(
          `samplingStrategy ratio ${strategy} asks for ${Math.trunc(nMajority * strategy)} rows of class ${c}, ` +
            `which already has ${n}: increase the ratio to at least ${(n / nMajority).toFixed(4)}`,
        );
      }
      out.set(c, wanted);
    }
  } else {
    const raw = typeof strategy === 'function' ? strategy(new Map(counts)) : strategy;
    for (const [c, wanted] of toCountMap(raw, 'samplingStrategy')) {
      if (!counts.has(c)) {
        throw new OptionError(
          `samplingStrategy names class ${describeValue(c)}, which is not in the data (classes: ${[...counts.keys()].sort((a, b) => a - b).join(', ')})`,
        );
      }
      const have = counts.get(c)!;
      if (wanted < have) {
        throw new OptionError(
          `samplingStrategy asks for ${wanted} rows of class ${c}, which already has ${have}: ` +
            `an over-sampler can only add rows, so ask for ${have} or more`,
        );
      }
      out.set(c, wanted - have);
    }
  }
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * A sampling strategy as JSON for a saved model: names and ratios as they are, a Map or object as
 * `{ class: total }`; a function cannot be written and gives `undefined` (the default, `'auto'`,
 * on load).
 */
export function strategyToJSON(strategy: SamplingStrategy): string | number | Record<string, number> | undefined {
  if (typeof strategy === 'function') return undefined;
  if (typeof strategy === 'string' || typeof strategy === 'number') return strategy;
  return Object.fromEntries(toCountMap(strategy as ClassCounts, 'samplingStrategy'));
}

/** Total rows per class after resampling with `strategy` (for tests and reports). */
export function targetCounts(strategy: SamplingStrategy, y: Int32Array): Map<number, number> {
  const counts = countsInAppearanceOrder(y);
  const add = resolveSamplingStrategy(strategy, y);
  const out = new Map<number, number>();
  for (const c of [...counts.keys()].sort((a, b) => a - b)) out.set(c, counts.get(c)! + (add.get(c) ?? 0));
  return out;
}
