import {
  checkpoint,
  type ClassPlan,
  type Dataset,
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
import { apportion } from './apportion';
import { otherClassNeighborCounts } from './neighbor-labels';
import { neighborsOption } from './options';
import { interpolateInto } from './smote-rows';

/** Options of {@link ADASYN}. */
export interface ADASYNOptions extends SamplerOptions {
  /** Neighbours for both the density ratio (whole data) and the interpolation (same class); default 5. */
  readonly nNeighbors?: number;
}

/**
 * ADASYN (He et al., 2008) as in imbalanced-learn 0.10: each row of a class to oversample gets a
 * share of the new rows proportional to the fraction of its `nNeighbors` nearest rows (whole data)
 * from other classes, so rows near the boundary seed more; each new row steps from its seed
 * towards one of the seed's `nNeighbors` nearest rows of its class, gap `U[0, 1)`.
 *
 * (ours) Shares are rounded by largest remainder so every class reaches its target exactly
 * (imbalanced-learn rounds each share and may miss by a few rows).
 *
 * @example
 * const out = await new ADASYN({ nNeighbors: 5, seed: 0 }).fitResample(dataset);
 */
export class ADASYN implements Sampler {
  readonly name = 'ADASYN';
  readonly nNeighbors: number;
  private readonly settings: SamplerSettings;

  constructor(options: ADASYNOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['nNeighbors']);
    this.nNeighbors = neighborsOption(this.name, 'nNeighbors', options.nNeighbors, 5);
  }

  /**
   * How many new rows each row of each class seeds (by class, then in row order within the class),
   * as `fitResample` uses them. Exposed for inspection and tests.
   */
  rowsPerSeed(data: Dataset): Map<number, Int32Array> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { allocate: false, neighbors: { nNeighbors: this.nNeighbors } });
    const out = new Map<number, Int32Array>();
    for (const c of plan.classes) out.set(c.label, this.shares(plan, c));
    return out;
  }

  private shares(plan: ResamplePlan, c: ClassPlan): Int32Array {
    const k = this.nNeighbors;
    if (plan.n <= k) {
      throw new SamplerInputError(`${this.name}: the data has ${plan.n} rows, nNeighbors = ${k} needs at least ${k + 1}`);
    }
    const others = otherClassNeighborCounts(plan.data.x, plan.data.y, plan.d, c.indices, k, c.label);
    let sum = 0;
    for (const o of others) sum += o;
    if (sum === 0) {
      throw new SamplerInputError(
        `${this.name}: no row of ${plan.describeClass(c.label)} has a row of another class among its ${k} nearest ` +
          `neighbours, so ADASYN's density ratios are all 0; use SMOTE for this data`,
      );
    }
    return apportion(Float64Array.from(others, (o) => o / sum), c.nNew);
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const k = this.nNeighbors;
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, neighbors: { nNeighbors: k } });
    const rng = toRng(this.settings.seed);
    const { d, x } = plan;
    let done = 0;
    for (const c of plan.classes) {
      await checkpoint(options.signal);
      const counts = this.shares(plan, c);
      const rows = plan.classRows(c);
      const { indices: nns } = await kNearestNeighborsAsync(rows, d, k, { signal: options.signal });
      // Seeds in row order, each repeated by its share (imbalanced-learn's np.repeat).
      const base = new Int32Array(c.nNew);
      const neighbor = new Int32Array(c.nNew);
      const gap = new Float64Array(c.nNew);
      let s = 0;
      for (let r = 0; r < counts.length; r++) {
        for (let t = 0; t < counts[r]!; t++, s++) {
          base[s] = r;
          neighbor[s] = nns[r * k + rng.int(k)]!;
          gap[s] = rng.uniform();
        }
      }
      interpolateInto(rows, rows, d, { base, neighbor, gap }, x, plan.offsetOf(c.label) * d);
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }
}
