import {
  checkOneOf,
  checkpoint,
  type Dataset,
  gatherRows,
  prepareResample,
  type ResamplePlan,
  type RunOptions,
  type Sampler,
  SamplerInputError,
  type SamplerOptions,
  samplerSettings,
  type SamplerSettings,
  toRng,
} from '@oversample/core';
import { kNearestNeighborsAsync } from '@oversample/neighbors';
import { otherClassNeighborCounts } from './neighbor-labels';
import { beta10 } from './beta';
import { neighborsOption } from './options';
import { drawPairs, interpolateInto } from './smote-rows';

/** Options of {@link BorderlineSMOTE}. */
export interface BorderlineSMOTEOptions extends SamplerOptions {
  /** Neighbours of the same class to interpolate towards; default 5. */
  readonly kNeighbors?: number;
  /** Neighbours in the whole data that decide whether a row is noise, in danger or safe; default 10. */
  readonly mNeighbors?: number;
  /** 1: interpolate towards rows of the class only; 2: also towards rows of other classes; default 1. */
  readonly kind?: 1 | 2;
}

/**
 * Borderline-SMOTE (Han et al., 2005). Only rows "in danger" seed new rows: those with at least half,
 * but not all, of their `mNeighbors` nearest rows (in the whole data) from other classes. Rows with
 * all neighbours from other classes are noise, rows with fewer than half are safe.
 *
 * - `kind: 1` (imbalanced-learn's `borderline-1`): SMOTE from danger rows towards their
 *   `kNeighbors` nearest rows of the same class.
 * - `kind: 2`: a fraction `f ~ Beta(10, 10)` of the rows as kind 1; the rest step towards one of the
 *   seed's `kNeighbors` nearest rows of other classes, with gap `U[0, 0.5)` so they stay on the
 *   seed's side. (ours) imbalanced-learn 0.10 indexes other-class rows with same-class neighbour
 *   indices and may make one row too few; here the neighbours are real and the count exact.
 *
 * (ours) A class without any danger row is oversampled from all its rows (plain SMOTE), where
 * imbalanced-learn silently adds no rows and misses the sampling strategy.
 *
 * @example
 * const out = await new BorderlineSMOTE({ kind: 2, seed: 3 }).fitResample(dataset);
 */
export class BorderlineSMOTE implements Sampler {
  readonly name = 'BorderlineSMOTE';
  readonly kNeighbors: number;
  readonly mNeighbors: number;
  readonly kind: 1 | 2;
  private readonly settings: SamplerSettings;

  constructor(options: BorderlineSMOTEOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['kNeighbors', 'mNeighbors', 'kind']);
    this.kNeighbors = neighborsOption(this.name, 'kNeighbors', options.kNeighbors, 5);
    this.mNeighbors = neighborsOption(this.name, 'mNeighbors', options.mNeighbors, 10);
    this.kind = options.kind === undefined ? 1 : checkOneOf(`${this.name}: kind`, options.kind, [1, 2] as const);
  }

  /**
   * Which rows of each class are in danger (indices into the data), as used by `fitResample`.
   * Exposed for inspection and tests.
   */
  dangerRows(data: Dataset): Map<number, Int32Array> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { allocate: false });
    const out = new Map<number, Int32Array>();
    for (const c of plan.classes) out.set(c.label, this.danger(plan, c.indices, c.label));
    return out;
  }

  private danger(plan: ResamplePlan, indices: Int32Array, label: number): Int32Array {
    const m = this.mNeighbors;
    if (plan.n <= m) {
      throw new SamplerInputError(
        `${this.name}: the data has ${plan.n} rows, mNeighbors = ${m} needs at least ${m + 1}; lower mNeighbors`,
      );
    }
    const others = otherClassNeighborCounts(plan.data.x, plan.data.y, plan.d, indices, m, label);
    const picked: number[] = [];
    for (let r = 0; r < indices.length; r++) {
      const o = others[r]!;
      if (o >= m / 2 && o < m) picked.push(indices[r]!);
    }
    return Int32Array.from(picked);
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const k = this.kNeighbors;
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, neighbors: { kNeighbors: k } });
    const rng = toRng(this.settings.seed);
    const d = plan.d;
    let done = 0;
    for (const c of plan.classes) {
      await checkpoint(options.signal);
      const classRows = plan.classRows(c);
      const { indices: nnAll } = await kNearestNeighborsAsync(classRows, d, k, { signal: options.signal });
      // Positions (within the class) of the danger rows; all rows when there are none.
      const dangerGlobal = this.danger(plan, c.indices, c.label);
      const position = new Map<number, number>();
      c.indices.forEach((g, p) => position.set(g, p));
      const seeds = dangerGlobal.length > 0 ? Int32Array.from(dangerGlobal, (g) => position.get(g)!) : Int32Array.from(c.indices.keys());
      const seedRows = gatherRows(classRows, d, seeds);
      const seedNns = new Int32Array(seeds.length * k);
      for (let s = 0; s < seeds.length; s++) seedNns.set(nnAll.subarray(seeds[s]! * k, seeds[s]! * k + k), s * k);
      const offset = plan.offsetOf(c.label) * d;
      if (this.kind === 1) {
        interpolateInto(seedRows, classRows, d, drawPairs(seedNns, k, c.nNew, rng), plan.x, offset);
      } else {
        const nSame = Math.round(beta10(rng) * c.nNew);
        interpolateInto(seedRows, classRows, d, drawPairs(seedNns, k, nSame, rng), plan.x, offset);
        const nOther = c.nNew - nSame;
        if (nOther > 0) {
          const otherIdx: number[] = [];
          for (let i = 0; i < plan.n; i++) if (data.y[i] !== c.label) otherIdx.push(i);
          const otherRows = gatherRows(data.x, d, otherIdx);
          const kOther = Math.min(k, otherIdx.length);
          const { indices: nnOther } = await kNearestNeighborsAsync(otherRows, d, kOther, { queries: seedRows, signal: options.signal });
          interpolateInto(seedRows, otherRows, d, drawPairs(nnOther, kOther, nOther, rng, 0.5), plan.x, offset + nSame * d);
        }
      }
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }
}
