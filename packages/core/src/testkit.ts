/**
 * The sampler conformance kit: one shared contract test that every sampler package runs
 * (`describe.each`-style), like scikit-learn's `check_estimator`.
 *
 * @example
 * import { describeSamplerConformance } from '@oversample/core/testkit';
 * describeSamplerConformance('SMOTE', (o) => new SMOTE({ kNeighbors: 3, ...o }));
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classCounts, createDataset, rowSize, type Dataset } from './dataset';
import { CancelledError, OversampleError } from './errors';
import type { Sampler } from './sampler';
import { targetCounts, type SamplingStrategy } from './sampling-strategy';
import { Rng } from './rng';

/**
 * The nearest folder at or above `start` (default: the working directory, which vitest sets to the
 * package under test) holding `pnpm-workspace.yaml`: the monorepo's root, for tests that need a file
 * of another workspace folder. (Everything tests read is inside the repository.)
 */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  let dir = start;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no pnpm-workspace.yaml at or above ${start}`);
    dir = up;
  }
  return dir;
}

/** What the kit passes to the factory; spread it into the sampler's options. */
export interface ConformanceOptions {
  readonly seed: number;
  readonly samplingStrategy?: SamplingStrategy;
}

export interface ConformanceConfig {
  /** The multi-class dataset to test on; default: `conformanceDataset()` (3 classes, 4 columns). */
  readonly dataset?: () => Dataset;
  /** Strategies to check counts for; default all named ones, a dict and (binary data) a ratio. */
  readonly strategies?: readonly SamplingStrategy[];
  /** Per-test timeout in ms for slow (deep) samplers. */
  readonly timeout?: number;
  /**
   * Set for samplers whose output is deterministic whatever the seed (none in this project yet),
   * so the "different seed" check is skipped by design rather than failing.
   */
  readonly seedIndependent?: boolean;
}

/**
 * A small, well-separated 3-class table: 40, 20 and 12 rows of 4 Gaussian columns, class c centred
 * at (2c, -c, c, 0). Every class has more than 10 rows, so k-NN samplers with k <= 10 work.
 */
export function conformanceDataset(counts: readonly number[] = [40, 20, 12], d = 4, seed = 5): Dataset {
  const rng = new Rng(seed);
  const n = counts.reduce((a, b) => a + b, 0);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  let row = 0;
  // Interleave classes so that "original rows first, in order" is a real check.
  const left = [...counts];
  while (row < n) {
    for (let c = 0; c < left.length; c++) {
      if (left[c]! <= 0) continue;
      left[c]!--;
      y[row] = c;
      const centre = [2 * c, -c, c, 0];
      for (let j = 0; j < d; j++) x[row * d + j] = (centre[j % 4] ?? 0) + 0.5 * rng.normal();
      row++;
    }
  }
  return createDataset({ x, y, shape: [d] });
}

function snapshot(data: Dataset): { x: Float32Array; y: Int32Array; shape: number[] } {
  return { x: data.x.slice(), y: data.y.slice(), shape: [...data.shape] };
}

function expectSameBits(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let firstDiff = -1;
  for (let i = 0; i < ua.length; i++) {
    if (ua[i] !== ub[i]) {
      firstDiff = i;
      break;
    }
  }
  expect(firstDiff, `first differing value at index ${firstDiff}`).toBe(-1);
}

function strategyLabel(s: SamplingStrategy): string {
  if (typeof s === 'function') return 'a function';
  if (s instanceof Map) return `Map ${JSON.stringify([...s.entries()])}`;
  return JSON.stringify(s);
}

/**
 * Registers the conformance tests for a sampler under `describe(name)`. `factory` builds a fresh
 * sampler from the kit's options (seed, samplingStrategy) plus whatever fixed, small configuration
 * the package chooses.
 */
export function describeSamplerConformance(
  name: string,
  factory: (options: ConformanceOptions) => Sampler,
  config: ConformanceConfig = {},
): void {
  const makeData = config.dataset ?? (() => conformanceDataset());
  const timeout = config.timeout;

  describe(`${name} conformance`, () => {
    it('returns typed arrays of the right shape, with the original rows first and untouched', { timeout }, async () => {
      const data = makeData();
      const before = snapshot(data);
      const out = await factory({ seed: 1 }).fitResample(data);
      const d = rowSize(data.shape);
      expect(out.x).toBeInstanceOf(Float32Array);
      expect(out.y).toBeInstanceOf(Int32Array);
      expect([...out.shape]).toEqual(before.shape);
      expect(out.x.length).toBe(out.y.length * d);
      expect(out.y.length).toBeGreaterThan(data.y.length);
      expectSameBits(out.x.subarray(0, before.x.length), before.x);
      expect([...out.y.subarray(0, before.y.length)]).toEqual([...before.y]);
      // Input not mutated.
      expectSameBits(data.x, before.x);
      expect([...data.y]).toEqual([...before.y]);
      expect([...data.shape]).toEqual(before.shape);
      // Synthetic rows are finite and grouped by class in ascending order.
      for (let i = 0; i < out.x.length; i++) expect(Number.isFinite(out.x[i]!)).toBe(true);
      const synth = [...out.y.subarray(data.y.length)];
      expect(synth).toEqual([...synth].sort((a, b) => a - b));
    });

    const data0 = makeData();
    const nClasses = classCounts(data0.y).size;
    const counts0 = classCounts(data0.y);
    const classes = [...counts0.keys()];
    const biggest = Math.max(...counts0.values());
    const defaultStrategies: SamplingStrategy[] = [
      'auto',
      'minority',
      'not minority',
      'not majority',
      'all',
      { [classes[classes.length - 1]!]: biggest + 3 },
    ];
    if (nClasses === 2) defaultStrategies.push(0.75);
    for (const strategy of config.strategies ?? defaultStrategies) {
      it(`reaches the class counts of samplingStrategy ${strategyLabel(strategy)}`, { timeout }, async () => {
        const data = makeData();
        const out = await factory({ seed: 2, samplingStrategy: strategy }).fitResample(data);
        expect([...classCounts(out.y)]).toEqual([...targetCounts(strategy, data.y)]);
      });
    }

    it('gives the same output for the same seed', { timeout }, async () => {
      const a = await factory({ seed: 7 }).fitResample(makeData());
      const b = await factory({ seed: 7 }).fitResample(makeData());
      expectSameBits(a.x, b.x);
      expect([...a.y]).toEqual([...b.y]);
    });

    if (!config.seedIndependent) {
      it('gives different synthetic rows for a different seed', { timeout }, async () => {
        const data = makeData();
        const a = await factory({ seed: 7 }).fitResample(data);
        const b = await factory({ seed: 8 }).fitResample(data);
        const start = data.x.length;
        let differ = false;
        for (let i = start; i < a.x.length && !differ; i++) differ = a.x[i] !== b.x[i];
        expect(differ).toBe(true);
      });
    }

    const bad: [string, () => Dataset][] = [
      ['empty data', () => ({ ...makeData(), x: new Float32Array(0), y: new Int32Array(0) })],
      [
        'a single class',
        () => {
          const d = makeData();
          return { ...d, y: new Int32Array(d.y.length) };
        },
      ],
      [
        'a NaN feature',
        () => {
          const d = makeData();
          const x = d.x.slice();
          x[3] = Number.NaN;
          return { ...d, x };
        },
      ],
      [
        'x and y of different lengths',
        () => {
          const d = makeData();
          return { ...d, y: d.y.subarray(0, d.y.length - 1) };
        },
      ],
    ];
    for (const [what, build] of bad) {
      it(`rejects ${what} with a clear error`, { timeout }, async () => {
        const err = await factory({ seed: 1 }).fitResample(build()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(OversampleError);
        expect((err as Error).message.length).toBeGreaterThan(15);
      });
    }

    for (const strategy of ['bogus', { 999: 10 }, { [classes[0]!]: 1 }, 1.5] as unknown as SamplingStrategy[]) {
      it(`rejects samplingStrategy ${strategyLabel(strategy)} with an error naming it`, { timeout }, async () => {
        const err = await Promise.resolve()
          .then(() => factory({ seed: 1, samplingStrategy: strategy }).fitResample(makeData()))
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(OversampleError);
        expect((err as Error).message).toMatch(/samplingStrategy/);
      });
    }

    it('stops with CancelledError when the signal is already aborted', { timeout }, async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await factory({ seed: 1 }).fitResample(makeData(), { signal: controller.signal }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CancelledError);
    });
  });
}
