import { OptionError, SamplerInputError } from './errors';
import { describeValue } from './validate';

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
  | Readonly<Record<number, number>>
  | ReadonlyMap<number, number>
  | ((counts: ReadonlyMap<number, number>) => Readonly<Record<number, number>> | ReadonlyMap<number, number>);

const NAMED = ['auto', 'minority', 'not minority', 'not majority', 'all'] as const;

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
    if (!(NAMED as readonly string[]).includes(strategy)) {
      throw new OptionError(
        `samplingStrategy ${describeValue(strategy)} is not known; use one of ${NAMED.map((s) => `'${s}'`).join(', ')}, ` +
          `a ratio in (0, 1] or a { class: count } map` + ((strategy as string) === 'majority' ? " ('majority' only makes sense for under-sampling)" : ''),
      );
    }
    for (const [c, n] of counts) {
      const keep =
        strategy === 'all' ||
        (strategy === 'minority' && c === minority) ||
        (strategy === 'not minority' && c !== minority) ||
        ((strategy === 'not majority' || strategy === 'auto') && c !== majority);
      if (keep) out.set(c, nMajority - n);
    }
  } else if (typeof strategy === 'number') {
    if (!Number.isFinite(strategy) || strategy <= 0 || strategy > 1) {
      throw new OptionError(`samplingStrategy as a ratio must be in (0, 1], got ${describeValue(strategy)}`);
    }
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
    if (raw === null || typeof raw !== 'object') {
      throw new OptionError(`samplingStrategy must be a name, a ratio or a { class: count } map, got ${describeValue(raw)}`);
    }
    const entries: [number, unknown][] =
      raw instanceof Map ? [...raw.entries()] : Object.entries(raw).map(([k, v]) => [Number(k), v]);
    for (const [c, wanted] of entries) {
      if (!counts.has(c)) {
        throw new OptionError(
          `samplingStrategy names class ${describeValue(c)}, which is not in the data (classes: ${[...counts.keys()].sort((a, b) => a - b).join(', ')})`,
        );
      }
      if (typeof wanted !== 'number' || !Number.isInteger(wanted)) {
        throw new OptionError(`samplingStrategy for class ${c} must be an integer row count, got ${describeValue(wanted)}`);
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

/** Total rows per class after resampling with `strategy` (for tests and reports). */
export function targetCounts(strategy: SamplingStrategy, y: Int32Array): Map<number, number> {
  const counts = countsInAppearanceOrder(y);
  const add = resolveSamplingStrategy(strategy, y);
  const out = new Map<number, number>();
  for (const c of [...counts.keys()].sort((a, b) => a - b)) out.set(c, counts.get(c)! + (add.get(c) ?? 0));
  return out;
}
