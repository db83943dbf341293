import {
  checkNumber,
  checkpoint,
  type Dataset,
  describeValue,
  OptionError,
  prepareResample,
  type RunOptions,
  type Sampler,
  type SamplerOptions,
  samplerSettings,
  type SamplerSettings,
  toRng,
} from '@oversample/core';


/** Options of {@link RandomOverSampler}. */
export interface RandomOverSamplerOptions extends SamplerOptions {
  /**
   * Smoothed bootstrap: add Gaussian noise to each copied row, with per-column scale
   * `shrinkage * h * std(class column)`, `h = (4 / ((d + 2) n)) ^ (1 / (d + 4))` (`n` = all rows).
   * One factor for every class or `{ class: factor }` for each class oversampled. Default: none
   * (plain copies).
   */
  readonly shrinkage?: number | Readonly<Record<number, number>>;
}

/**
 * Random over-sampling (imbalanced-learn 0.10's `RandomOverSampler`): new rows are copies of rows
 * of their class drawn uniformly with replacement, optionally perturbed (smoothed bootstrap, see
 * `shrinkage`). Needs no neighbours, so any class with at least one row can grow.
 *
 * @example
 * const out = await new RandomOverSampler({ shrinkage: 0.5, seed: 1 }).fitResample(dataset);
 */
export class RandomOverSampler implements Sampler {
  readonly name = 'RandomOverSampler';
  readonly shrinkage: number | Readonly<Record<number, number>> | undefined;
  private readonly settings: SamplerSettings;

  constructor(options: RandomOverSamplerOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['shrinkage']);
    const s = options.shrinkage;
    if (s === undefined || typeof s === 'number') {
      this.shrinkage = s === undefined ? undefined : checkNumber(`${this.name}: shrinkage`, s, { min: 0 });
    } else if (s !== null && typeof s === 'object') {
      for (const [c, v] of Object.entries(s)) checkNumber(`${this.name}: shrinkage for class ${c}`, v, { min: 0 });
      this.shrinkage = { ...s };
    } else {
      throw new OptionError(`${this.name}: shrinkage must be a number >= 0 or a { class: factor } map, got ${describeValue(s)}`);
    }
  }

  private factorFor(label: number): number | undefined {
    const s = this.shrinkage;
    if (s === undefined || typeof s === 'number') return s;
    const v = s[label];
    if (v === undefined) {
      throw new OptionError(
        `${this.name}: shrinkage has no factor for class ${label}, which is oversampled; give one for every oversampled class ` +
          `(got classes ${Object.keys(s).join(', ') || 'none'})`,
      );
    }
    return v;
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, options);
    const factors = plan.classes.map((c) => this.factorFor(c.label));
    const rng = toRng(this.settings.seed);
    const { d, n, x } = plan;
    const src = data.x;
    const h = (4 / ((d + 2) * n)) ** (1 / (d + 4));
    const scale = new Float64Array(d);
    let done = 0;
    for (const [ci, c] of plan.classes.entries()) {
      await checkpoint(options.signal);
      const count = c.indices.length;
      const factor = factors[ci];
      if (factor !== undefined) {
        // Population standard deviation of each column within the class (numpy's default ddof = 0).
        scale.fill(0);
        const mean = new Float64Array(d);
        for (let r = 0; r < count; r++) for (let j = 0, a = c.indices[r]! * d; j < d; j++) mean[j]! += src[a + j]!;
        for (let j = 0; j < d; j++) mean[j] = mean[j]! / count;
        for (let r = 0; r < count; r++) {
          for (let j = 0, a = c.indices[r]! * d; j < d; j++) {
            const diff = src[a + j]! - mean[j]!;
            scale[j]! += diff * diff;
          }
        }
        for (let j = 0; j < d; j++) scale[j] = factor * h * Math.sqrt(scale[j]! / count);
      }
      // Draw every bootstrap index first, then the noise, as imbalanced-learn does.
      const picks = new Int32Array(c.nNew);
      for (let s = 0; s < c.nNew; s++) picks[s] = c.indices[rng.int(count)]!;
      const offset = plan.offsetOf(c.label) * d;
      for (let s = 0; s < c.nNew; s++) {
        const a = picks[s]! * d;
        const o = offset + s * d;
        if (factor === undefined) {
          x.set(src.subarray(a, a + d), o);
        } else {
          for (let j = 0; j < d; j++) x[o + j] = src[a + j]! + scale[j]! * rng.normal();
        }
      }
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }
}
