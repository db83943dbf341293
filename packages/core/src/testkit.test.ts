// Runs the conformance kits over minimal reference samplers written here (random duplication, and
// a Gaussian per class that saves itself), so the kits' own checks are exercised in the package
// that ships them.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rowSize, withRows, type Dataset } from './dataset';
import { FileFormatError, NotFittedError } from './errors';
import { checkpoint, throwIfAborted, type RunOptions } from './progress';
import { prepareResample, prepareSample, sampleStream } from './resample-plan';
import { toRng } from './rng';
import type { GenerativeSampler, SamplerOptions } from './sampler';
import { samplerSettings, type SamplerSettings } from './sampler-options';
import type { ClassCounts } from './sampling-strategy';
import { columnMoments } from './scaling';
import { DuplicateSampler } from './reference-samplers';
import { conformanceDataset, describeGenerativeSamplerConformance, describeSamplerConformance, type SavedModelLayout } from './testkit';

describeSamplerConformance('DuplicateSampler (multi-class)', (o) => new DuplicateSampler(o), {});
describeSamplerConformance('DuplicateSampler (binary)', (o) => new DuplicateSampler(o), {
  dataset: () => conformanceDataset([30, 9]),
});

const LAYOUT: SavedModelLayout = { manifest: 'gauss.json', weights: 'gauss.bin', versionPath: ['version'] };

interface GaussState {
  seed: number;
  calls: number;
  shape: number[];
  labels: number[];
  counts: number[];
  /** Per class: d means then d standard deviations. */
  params: Float32Array;
}

/** Draws each new row from independent normals fitted per class and column. */
class GaussSampler implements GenerativeSampler {
  readonly name = 'gauss';
  private readonly settings: SamplerSettings;
  private state: GaussState | undefined;
  constructor(options: SamplerOptions = {}) {
    this.settings = samplerSettings(this.name, options, []);
  }
  async fit(data: Dataset, run: RunOptions = {}): Promise<this> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...run, allocate: false, neighbors: { kNeighbors: 1 } });
    await checkpoint(run.signal);
    const d = plan.d;
    const params = new Float32Array(plan.named.length * 2 * d);
    plan.named.forEach((c, k) => {
      const m = columnMoments(plan.classRows(c), d);
      params.set(m.mean, 2 * k * d);
      params.set(m.variance.map(Math.sqrt), (2 * k + 1) * d);
    });
    this.dispose();
    const labels = plan.named.map((c) => c.label);
    this.state = { seed: toRng(this.settings.seed).seed, calls: 0, shape: [...data.shape], labels, counts: plan.named.map((c) => c.indices.length), params };
    return this;
  }
  async sample(requested: ClassCounts, run: RunOptions = {}): Promise<Dataset> {
    const s = this.state;
    if (!s) throw new NotFittedError(this.name);
    const d = rowSize(s.shape);
    const { counts, total } = prepareSample(this.name, requested, { fitted: new Map(s.labels.map((c, k) => [c, s.counts[k]!])), rowWidth: d });
    throwIfAborted(run.signal);
    const rng = sampleStream(s.seed, s.calls++);
    const x = new Float32Array(total * d);
    const y = new Int32Array(total);
    let row = 0;
    for (const [c, n] of counts) {
      const k = s.labels.indexOf(c);
      for (let i = 0; i < n; i++, row++) {
        y[row] = c;
        for (let j = 0; j < d; j++) x[row * d + j] = s.params[2 * k * d + j]! + s.params[(2 * k + 1) * d + j]! * rng.normal();
      }
    }
    return withRows({ shape: s.shape }, x, y);
  }
  async fitResample(data: Dataset, run: RunOptions = {}): Promise<Dataset> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...run, allocate: false });
    await this.fit(data, run);
    const synth = await this.sample(plan.counts, run);
    plan.x.set(synth.x, plan.n * plan.d);
    return plan.result();
  }
  async save(dir: string): Promise<void> {
    const s = this.state;
    if (!s) throw new NotFittedError(this.name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, LAYOUT.weights), new Uint8Array(s.params.buffer));
    await writeFile(join(dir, LAYOUT.manifest), JSON.stringify({ version: 1, ...s, params: s.params.length }));
  }
  static async load(dir: string): Promise<GaussSampler> {
    try {
      const meta = JSON.parse(await readFile(join(dir, LAYOUT.manifest), 'utf8')) as Omit<GaussState, 'params'> & { version: number; params: number };
      if (meta.version !== 1) throw new Error(`version ${meta.version}`);
      const bytes = await readFile(join(dir, LAYOUT.weights));
      if (bytes.length !== meta.params * 4) throw new Error(`${bytes.length} bytes`);
      const out = new GaussSampler({ seed: meta.seed });
      out.state = { ...meta, params: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) };
      return out;
    } catch (err) {
      throw new FileFormatError(dir, (err as Error).message, { cause: err });
    }
  }
  dispose(): void {
    this.state = undefined;
  }
}

describeSamplerConformance('GaussSampler', (o) => new GaussSampler(o), { smallClassRows: 1 });
describeGenerativeSamplerConformance('GaussSampler', (o) => new GaussSampler(o), { load: (dir) => GaussSampler.load(dir), layout: LAYOUT });

describe('conformanceDataset', () => {
  it('interleaves the classes with the asked counts', () => {
    const d = conformanceDataset([5, 3]);
    expect([...d.y.subarray(0, 4)]).toEqual([0, 1, 0, 1]);
    expect(d.y.filter((c) => c === 1).length).toBe(3);
  });
});
