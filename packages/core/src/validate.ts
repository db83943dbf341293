import { OptionError } from './errors';

/** Formats a value for an error message: strings quoted, everything else as JSON where possible. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (typeof value === 'function') return 'a function';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

interface RangeOptions {
  readonly min?: number;
  readonly max?: number;
  /** Excludes `min` itself (for values that must be strictly positive). */
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
}

function rangeText(o: RangeOptions): string {
  const lo = o.min === undefined ? '' : `${o.exclusiveMin ? '>' : '>='} ${o.min}`;
  const hi = o.max === undefined ? '' : `${o.exclusiveMax ? '<' : '<='} ${o.max}`;
  return [lo, hi].filter(Boolean).join(' and ');
}

/** Returns `value` if it is a finite number in range, else throws an `OptionError` naming the option. */
export function checkNumber(name: string, value: unknown, range: RangeOptions = {}): number {
  return checkRange(name, value, range, 'a finite number');
}

function checkRange(name: string, value: unknown, range: RangeOptions, kind: string): number {
  const bad =
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (range.min !== undefined && (range.exclusiveMin ? value <= range.min : value < range.min)) ||
    (range.max !== undefined && (range.exclusiveMax ? value >= range.max : value > range.max));
  if (bad) {
    const want = rangeText(range);
    throw new OptionError(`${name} must be ${kind}${want ? ` ${want}` : ''}, got ${describeValue(value)}`);
  }
  return value as number;
}

/** Returns `value` if it is an integer in range, else throws an `OptionError` naming the option. */
export function checkInteger(name: string, value: unknown, range: RangeOptions = {}): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    const want = rangeText(range);
    throw new OptionError(`${name} must be an integer${want ? ` ${want}` : ''}, got ${describeValue(value)}`);
  }
  return checkRange(name, value, range, 'an integer');
}

/** Returns `value` if it is one of `allowed`, else throws an `OptionError` listing them. */
export function checkOneOf<T extends string | number | boolean>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new OptionError(
      `${name} must be one of ${allowed.map((a) => describeValue(a)).join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}

/**
 * Rejects keys of `options` that are not in `known`, so a typo (`kNeighbours`) fails loudly
 * instead of silently using a default.
 */
export function checkKnownOptions(what: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new OptionError(`${what} options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new OptionError(`${what} has no option ${describeValue(key)}; known options: ${known.join(', ')}`);
    }
  }
}
