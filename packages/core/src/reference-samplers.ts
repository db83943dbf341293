// Minimal reference samplers for the kits' own tests (not exported from the package): they take the
// common path and do the least a sampler can, so a failing kit test points at the kit.
import { rowSize, type Dataset } from './dataset';
import type { RunOptions } from './progress';
import { prepareResample } from './resample-plan';
import { toRng } from './rng';
import type { Sampler, SamplerOptions } from './sampler';
import { samplerSettings, type SamplerSettings } from './sampler-options';

/** Random over-sampling: copies of random rows of each grown class, optionally with Gaussian noise of sd `jitter`. */
export class DuplicateSampler implements Sampler {
  readonly name: string = 'duplicate';
  private readonly settings: SamplerSettings;
  constructor(
    options: SamplerOptions = {},
    private readonly jitter = 0,
  ) {
    this.settings = samplerSettings(this.name, options, []);
  }
  async fitResample(data: Dataset, run: RunOptions = {}): Promise<Dataset> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, run);
    const rng = toRng(this.settings.seed);
    const { d, x } = plan;
    for (const c of plan.classes) {
      for (let i = 0, row = plan.offsetOf(c.label); i < c.nNew; i++, row++) {
        const src = c.indices[rng.int(c.indices.length)]!;
        x.set(data.x.subarray(src * d, src * d + d), row * d);
        if (this.jitter > 0) for (let j = 0; j < rowSize(data.shape); j++) x[row * d + j]! += this.jitter * rng.normal();
      }
    }
    return plan.result();
  }
}
