import { rowSize, validateDataset, withRows, type Dataset } from './dataset';
import { OptionError, SamplerInputError } from './errors';
import { checkAllocation } from './limits';
import { throwIfAborted, type RunOptions } from './progress';
import { Rng } from './rng';
import { gatherRows } from './rows';
import { resolveSamplingStrategy, toCountMap, type ClassCounts, type SamplingStrategy } from './sampling-strategy';
import { describeValue } from './validate';

/** One class the sampling strategy names: its rows (indices into the data) and how many rows to add. */
export interface ClassPlan {
  readonly label: number;
  readonly indices: Int32Array;
  readonly nNew: number;
}

/** What {@link prepareResample} checks beyond the data and the strategy. */
export interface PrepareOptions extends RunOptions {
  /**
   * Neighbour counts the sampler will ask of every class it grows, by option name: `{ kNeighbors: 5 }`
   * makes a class of 5 rows or fewer fail with "class 1 has 4 rows, kNeighbors = 5 needs at least 6".
   */
  readonly neighbors?: Readonly<Record<string, number>>;
  /** The fewest rows every grown class needs, and why (for samplers that need rows for other reasons). */
  readonly minClassRows?: { readonly rows: number; readonly reason: string };
  /** The fewest rows the data needs in all (default 1). */
  readonly minRows?: number;
  /**
   * Allocate the output now (original rows first, then room for the synthetic rows) rather than on
   * first use of `x`; default true. Samplers that build their rows elsewhere pass false.
   */
  readonly allocate?: boolean;
}

/**
 * The common path of every sampler's `fitResample`, in the order imbalanced-learn's
 * `fit_resample` takes it, so every sampler fails the same way before any work: cancelled? ->
 * the data (typed arrays, shape, lengths, finite values, two classes) -> the sampling strategy
 * against the labels -> every grown class large enough for the sampler -> the output no larger
 * than a typed array can hold. It then lays out the output: the original rows first, then room
 * for the synthetic rows of each class in ascending class order; samplers write their rows at
 * `offsetOf(label)` (a row index) in `x`.
 */
export class ResamplePlan {
  /** Values per row. */
  readonly d: number;
  /** Rows of the input. */
  readonly n: number;
  /** Every class the strategy names, ascending, including those given no new rows. */
  readonly named: readonly ClassPlan[];
  /** Classes with rows to add, ascending. */
  readonly classes: readonly ClassPlan[];
  /** Rows in the output: the original ones plus every synthetic one. */
  readonly total: number;
  private readonly offsets = new Map<number, number>();
  private out: { x: Float32Array; y: Int32Array } | undefined;

  constructor(
    /** The sampler's name, prefixed to every message. */
    readonly name: string,
    readonly data: Dataset,
    strategy: SamplingStrategy,
    options: PrepareOptions = {},
  ) {
    throwIfAborted(options.signal);
    validateDataset(data, { context: name, minClasses: 2, ...(options.minRows === undefined ? {} : { minRows: options.minRows }) });
    this.d = rowSize(data.shape);
    this.n = data.y.length;
    let wanted: Map<number, number>;
    try {
      wanted = resolveSamplingStrategy(strategy, data.y);
    } catch (err) {
      if (err instanceof OptionError) throw new OptionError(`${name}: ${err.message}`, { cause: err });
      if (err instanceof SamplerInputError) throw new SamplerInputError(`${name}: ${err.message}`, { cause: err });
      throw err;
    }
    const byClass = new Map<number, number[]>();
    for (const label of wanted.keys()) byClass.set(label, []);
    for (let i = 0; i < this.n; i++) byClass.get(data.y[i]!)?.push(i);
    const named: ClassPlan[] = [];
    let row = this.n;
    for (const [label, nNew] of wanted) {
      named.push({ label, indices: Int32Array.from(byClass.get(label)!), nNew });
      if (nNew === 0) continue;
      this.offsets.set(label, row);
      row += nNew;
    }
    this.named = named;
    this.classes = named.filter((c) => c.nNew > 0);
    this.total = row;
    for (const c of this.classes) {
      for (const [option, k] of Object.entries(options.neighbors ?? {})) this.requireNeighbors(c, k, option);
      if (options.minClassRows) this.requireRows(c, options.minClassRows.rows, options.minClassRows.reason);
    }
    const grown = this.classes.map((c) => `${c.nNew} new rows of class ${c.label}`).join(', ');
    checkAllocation(`${name}: ${grown ? `samplingStrategy asks for ${grown}, so ` : ''}the output`, this.total, this.d);
    // Allocating up front measured faster on MNIST than on first use (the large buffer then
    // precedes the k-NN's wasm memories).
    if (options.allocate ?? true) this.output();
  }

  /** The output rows (original rows first), allocated on first use unless the constructor did. */
  get x(): Float32Array {
    return this.output().x;
  }

  private output(): { x: Float32Array; y: Int32Array } {
    if (!this.out) {
      const x = new Float32Array(this.total * this.d);
      x.set(this.data.x);
      const y = new Int32Array(this.total);
      y.set(this.data.y);
      for (const c of this.classes) y.fill(c.label, this.offsetOf(c.label), this.offsetOf(c.label) + c.nNew);
      this.out = { x, y };
    }
    return this.out;
  }

  /** The rows to generate per grown class, ascending (what a generative sampler's `sample` takes). */
  get counts(): Map<number, number> {
    return new Map(this.classes.map((c) => [c.label, c.nNew]));
  }

  /** First output row of `label`'s synthetic rows. */
  offsetOf(label: number): number {
    return this.offsets.get(label)!;
  }

  /** `class 3` or `class 3 ("bald")` when the data names its classes. */
  describeClass(label: number): string {
    return describeClass(label, this.data.classNames);
  }

  /** Throws the common error for a class too small for `k` neighbours within the class. */
  requireNeighbors(plan: ClassPlan, k: number, option = 'kNeighbors'): void {
    requireNeighborRows(this.name, plan.label, plan.indices.length, k, option, this.data.classNames);
  }

  /** Throws the common error for a class with fewer than `rows` rows. */
  requireRows(plan: ClassPlan, rows: number, reason: string): void {
    const have = plan.indices.length;
    if (have < rows) {
      throw new SamplerInputError(
        `${this.name}: ${this.describeClass(plan.label)} has ${have} row${have === 1 ? '' : 's'}; ${reason} needs at least ${rows}; ` +
          'leave the class out of samplingStrategy',
      );
    }
  }

  /** The rows of `plan`'s class, copied out contiguously. */
  classRows(plan: ClassPlan): Float32Array {
    return gatherRows(this.data.x, this.d, plan.indices);
  }

  /** The finished output: the original rows, then the synthetic ones. */
  result(): Dataset {
    const { x, y } = this.output();
    return withRows(this.data, x, y);
  }
}

/**
 * The common path of `fitResample` (see {@link ResamplePlan}): validates, resolves the strategy,
 * checks class sizes and the output size, and lays out the output.
 *
 * @example
 * const plan = prepareResample('SMOTE', data, 'auto', { signal, neighbors: { kNeighbors: 5 } });
 */
export function prepareResample(name: string, data: Dataset, strategy: SamplingStrategy, options: PrepareOptions = {}): ResamplePlan {
  return new ResamplePlan(name, data, strategy, options);
}

function describeClass(label: number, classNames: readonly string[] | undefined): string {
  const name = classNames?.[label];
  return name === undefined ? `class ${label}` : `class ${label} (${JSON.stringify(name)})`;
}

/**
 * Throws the one message every sampler gives for a class too small for its neighbours:
 * "SMOTE: class 2 has 4 rows, kNeighbors = 5 needs at least 6; lower kNeighbors or leave the class
 * out of samplingStrategy".
 */
export function requireNeighborRows(
  name: string,
  label: number,
  have: number,
  k: number,
  option = 'kNeighbors',
  classNames?: readonly string[],
): void {
  if (have <= k) {
    throw new SamplerInputError(
      `${name}: ${describeClass(label, classNames)} has ${have} row${have === 1 ? '' : 's'}, ` +
        `${option} = ${k} needs at least ${k + 1}; lower ${option} or leave the class out of samplingStrategy`,
    );
  }
}

/** What a fitted generative sampler tells {@link prepareSample} about itself. */
export interface SampleContext {
  /** The classes it can sample: label -> rows it was fitted on. */
  readonly fitted: ReadonlyMap<number, number>;
  /** Values per generated row. */
  readonly rowWidth: number;
  /** Neighbour counts it needs within a class, by option name (as in {@link PrepareOptions}). */
  readonly neighbors?: Readonly<Record<string, number>>;
  readonly classNames?: readonly string[];
}

/**
 * The common path of a generative sampler's `sample(counts)`: counts are integers >= 0 keyed by
 * class, every class asked for was fitted (else an `OptionError` listing the fitted ones), and
 * the output fits in a typed array. Returns the non-zero counts in ascending class order and
 * their total.
 *
 * @example
 * const { counts, total } = prepareSample('DeepSMOTE', { 9: 500 }, { fitted, rowWidth: 784 });
 */
export function prepareSample(name: string, requested: ClassCounts, context: SampleContext): { counts: Map<number, number>; total: number } {
  const counts = new Map<number, number>();
  let total = 0;
  for (const [c, n] of toCountMap(requested, `${name}.sample`)) {
    if (n === 0) continue;
    const have = context.fitted.get(c);
    if (have === undefined) {
      throw new OptionError(
        `${name} cannot sample class ${c}: it was not fitted for it (fitted classes: ${[...context.fitted.keys()].join(', ') || 'none'})`,
      );
    }
    for (const [option, k] of Object.entries(context.neighbors ?? {})) requireNeighborRows(name, c, have, k, option, context.classNames);
    counts.set(c, n);
    total += n;
  }
  checkAllocation(`${name}.sample(${describeValue(Object.fromEntries(counts))})`, total, context.rowWidth);
  return { counts, total };
}

/**
 * The random stream of a fitted generative sampler's `call`-th `sample` (0-based), derived from
 * the seed of its fit alone. Samplers count their calls and save the count, so repeated calls give
 * fresh rows and a loaded sampler continues exactly where the saved one stood.
 */
export function sampleStream(seed: number, call: number): Rng {
  return new Rng(seed).child('sample').child(call);
}
