// Runs the conformance kit over a minimal reference sampler (random duplication written here),
// so the kit's own checks are exercised in the package that ships them.
import { classCounts, rowSize, validateDataset, appendRows, indicesOfClass, type Dataset } from './dataset';
import { throwIfAborted, type RunOptions } from './progress';
import { toRng } from './rng';
import type { Sampler, SamplerOptions } from './sampler';
import { resolveSamplingStrategy } from './sampling-strategy';
import { conformanceDataset, describeSamplerConformance } from './testkit';
import { describe, expect, it } from 'vitest';

class DuplicateSampler implements Sampler {
  readonly name = 'duplicate';
  constructor(private readonly options: SamplerOptions = {}) {}
  async fitResample(data: Dataset, run: RunOptions = {}): Promise<Dataset> {
    throwIfAborted(run.signal);
    validateDataset(data, { context: this.name, minClasses: 2 });
    const plan = resolveSamplingStrategy(this.options.samplingStrategy ?? 'auto', data.y);
    const rng = toRng(this.options.seed);
    const d = rowSize(data.shape);
    const total = [...plan.values()].reduce((a, b) => a + b, 0);
    const x = new Float32Array(total * d);
    const y = new Int32Array(total);
    let row = 0;
    for (const [c, n] of plan) {
      const rows = indicesOfClass(data.y, c);
      for (let i = 0; i < n; i++, row++) {
        const src = rows[rng.int(rows.length)]!;
        x.set(data.x.subarray(src * d, src * d + d), row * d);
        y[row] = c;
      }
    }
    return appendRows(data, x, y);
  }
}

describeSamplerConformance('DuplicateSampler (multi-class)', (o) => new DuplicateSampler(o));
describeSamplerConformance('DuplicateSampler (binary)', (o) => new DuplicateSampler(o), {
  dataset: () => conformanceDataset([30, 9]),
});

describe('conformanceDataset', () => {
  it('interleaves the classes with the asked counts', () => {
    const d = conformanceDataset([5, 3]);
    expect([...classCounts(d.y)]).toEqual([
      [0, 5],
      [1, 3],
    ]);
    expect([...d.y.subarray(0, 4)]).toEqual([0, 1, 0, 1]);
  });
});
