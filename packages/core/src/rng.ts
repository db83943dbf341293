import { OptionError } from './errors';
import { describeValue } from './validate';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** splitmix32: turns any 32-bit seed into well-mixed state words. */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** FNV-1a over a string, to turn child-stream keys into numbers. */
function hashKey(key: string | number): number {
  const text = typeof key === 'number' ? `#${key}` : key;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A seeded random number generator (xoshiro128**, seeded through splitmix32): fast, small
 * state, and the same stream on every platform for the same seed.
 *
 * @example
 * const rng = new Rng(42);
 * rng.uniform();        // in [0, 1)
 * rng.int(10);          // in 0..9
 * const child = rng.child('fold-3'); // independent stream, same for the same seed and key
 */
export class Rng {
  /** The seed this generator started from (children derive theirs from it). */
  readonly seed: number;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new OptionError(`seed must be an integer in 0..4294967295, got ${describeValue(seed)}`);
    }
    this.seed = seed;
    let st = seed | 0;
    let out: number;
    [st, out] = splitmix32(st);
    this.s0 = out;
    [st, out] = splitmix32(st);
    this.s1 = out;
    [st, out] = splitmix32(st);
    this.s2 = out;
    [, out] = splitmix32(st);
    this.s3 = out;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniformly random unsigned 32-bit integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const t = s1 << 9;
    let r = Math.imul(s1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return r >>> 0;
  }

  /** A double uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** A double uniform in [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** An integer uniform in 0..n-1 (unbiased; `n` at most 2^32). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new OptionError(`Rng.int(n) needs an integer n in 1..2^32, got ${describeValue(n)}`);
    }
    // Rejection sampling on the top of the 32-bit range keeps every value equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let r = this.nextUint32();
    while (r >= limit) r = this.nextUint32();
    return r % n;
  }

  /** A standard normal draw (Marsaglia's polar method). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniform() * 2 - 1;
      v = this.uniform() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** One element of `items`, uniformly. */
  choice<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new OptionError('Rng.choice needs a non-empty array');
    return items[this.int(items.length)]!;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /** `k` distinct indices from 0..n-1, in random order. */
  sampleWithoutReplacement(n: number, k: number): Int32Array {
    if (!Number.isInteger(k) || k < 0 || k > n) {
      throw new OptionError(`cannot draw ${describeValue(k)} distinct items from ${n}`);
    }
    // Partial Fisher-Yates: only the first k positions are shuffled.
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const tmp = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = tmp;
    }
    return pool.slice(0, k);
  }

  /**
   * An independent stream determined by this generator's seed and `key` alone, however much
   * of this stream has been drawn. Use one per fold, class, epoch or worker.
   */
  child(key: string | number): Rng {
    let st = (this.seed ^ Math.imul(hashKey(key), 0x9e3779b1)) | 0;
    let out: number;
    [st, out] = splitmix32(st);
    [, out] = splitmix32(out ^ hashKey(`${this.seed}/${String(key)}`));
    return new Rng(out >>> 0);
  }

  /** A new generator seeded from this stream's next draw (advances this stream). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }

  /** A 32-bit seed drawn from this stream, e.g. for a library that takes a number seed. */
  nextSeed(): number {
    return this.nextUint32();
  }
}

/** What samplers and models accept as `seed`: a number, an `Rng`, or nothing (a fresh random seed). */
export type SeedLike = number | Rng | undefined;

/**
 * Checks a `seed` option once, where samplers and models are constructed: a whole number in
 * 0..2^32-1, an `Rng`, or `undefined`. `context` prefixes the message (e.g. `'SMOTE'`).
 *
 * @example
 * checkSeed('42', 'SMOTE'); // OptionError: SMOTE: seed must be an integer in 0..4294967295 or an Rng, got "42"
 */
export function checkSeed(seed: unknown, context?: string): SeedLike {
  if (seed === undefined || seed instanceof Rng) return seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new OptionError(`${context ? `${context}: ` : ''}seed must be an integer in 0..4294967295 or an Rng, got ${describeValue(seed)}`);
  }
  return seed;
}

/**
 * Normalises a `seed` option. A number or nothing gives a new generator; an `Rng` is used as it is.
 * Without a seed, a random one is drawn from the platform so runs differ (as scikit-learn's
 * `random_state=None`); `rng.seed` tells which was used.
 */
export function toRng(seed: SeedLike): Rng {
  if (seed instanceof Rng) return seed;
  if (seed === undefined) return new Rng(crypto.getRandomValues(new Uint32Array(1))[0]!);
  return new Rng(seed);
}
