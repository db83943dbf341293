import {
  SamplerInputError,
  resolveSamplingStrategy,
  rowSize,
  throwIfAborted,
  validateDataset,
  withRows,
  type Dataset,
  type RunOptions,
  type SamplingStrategy,
} from '@oversample/core';

/** One class to oversample: its rows (indices into the data) and how many rows to add. */
export interface ClassPlan {
  readonly label: number;
  readonly indices: Int32Array;
  readonly nNew: number;
}

/**
 * Validates the data, resolves the sampling strategy and lays out the output: the original rows
 * first, then room for the synthetic rows of each class in ascending class order. Samplers write
 * their rows at `offsetOf(label)` (a row index) in `x`.
 */
export class ResamplePlan {
  readonly d: number;
  readonly n: number;
  /** Classes with rows to add, ascending. */
  readonly classes: readonly ClassPlan[];
  /** Rows in the output: the original ones plus every synthetic one. */
  readonly total: number;
  private readonly offsets = new Map<number, number>();
  private out: { x: Float32Array; y: Int32Array } | undefined;

  constructor(
    readonly name: string,
    readonly data: Dataset,
    strategy: SamplingStrategy,
    options: RunOptions,
    allocate = true,
  ) {
    throwIfAborted(options.signal);
    validateDataset(data, { context: name, minClasses: 2 });
    this.d = rowSize(data.shape);
    this.n = data.y.length;
    const wanted = resolveSamplingStrategy(strategy, data.y);
    const byClass = new Map<number, number[]>();
    for (const label of wanted.keys()) byClass.set(label, []);
    for (let i = 0; i < this.n; i++) byClass.get(data.y[i]!)?.push(i);
    const classes: ClassPlan[] = [];
    let row = this.n;
    for (const [label, nNew] of wanted) {
      if (nNew === 0) continue;
      classes.push({ label, indices: Int32Array.from(byClass.get(label)!), nNew });
      this.offsets.set(label, row);
      row += nNew;
    }
    this.classes = classes;
    this.total = row;
    // Allocating up front measured faster on MNIST than on first use (the large buffer then
    // precedes the k-NN's wasm memories); inspection helpers pass false and never allocate.
    if (allocate) this.output();
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
      for (const c of this.classes) y.fill(c.label, this.offsets.get(c.label)!, this.offsets.get(c.label)! + c.nNew);
      this.out = { x, y };
    }
    return this.out;
  }

  /** First output row of `label`'s synthetic rows. */
  offsetOf(label: number): number {
    return this.offsets.get(label)!;
  }

  /** `class 3` or `class 3 ("bald")` when the data names its classes. */
  describeClass(label: number): string {
    const name = this.data.classNames?.[label];
    return name === undefined ? `class ${label}` : `class ${label} (${JSON.stringify(name)})`;
  }

  /** Throws the clear error for a class too small for `k` neighbours within the class. */
  requireNeighbors(plan: ClassPlan, k: number, option = 'kNeighbors'): void {
    if (plan.indices.length <= k) {
      throw new SamplerInputError(
        `${this.name}: ${this.describeClass(plan.label)} has ${plan.indices.length} row${plan.indices.length === 1 ? '' : 's'}, ` +
          `${option} = ${k} needs at least ${k + 1}; lower ${option} or leave the class out of samplingStrategy`,
      );
    }
  }

  /** The rows of `plan`'s class, copied out contiguously. */
  classRows(plan: ClassPlan): Float32Array {
    return gatherRows(this.data.x, this.d, plan.indices);
  }

  result(): Dataset {
    const { x, y } = this.output();
    return withRows(this.data, x, y);
  }
}

/** Copies the rows at `indices` of `x` into one contiguous row-major array. */
export function gatherRows(x: Float32Array, d: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    out.set(x.subarray(i * d, i * d + d), r * d);
  }
  return out;
}
