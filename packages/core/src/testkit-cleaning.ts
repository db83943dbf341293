/**
 * The conformance kit for samplers that remove rows: cleaning under-samplers (Tomek links, edited
 * nearest neighbours) and over-sample-then-clean combinations (SMOTE-ENN, SMOTE-Tomek). Their
 * output cannot be checked like an over-sampler's (fewer rows, counts decided by a rule), so the
 * checks here are what stays true: kept rows are input rows, untouched and in order; only the
 * targeted classes lose rows; same input, same output; clear errors; cancellation.
 */
import { describe, expect, it } from 'vitest';
import { resolveCleaningStrategy, type CleaningSampler, type CleaningStrategy } from './cleaning';
import { classCounts, rowSize, type Dataset } from './dataset';
import { CancelledError, OptionError, SamplerInputError } from './errors';
import { Rng } from './rng';
import type { Sampler } from './sampler';
import { targetCounts, type SamplingStrategy } from './sampling-strategy';
import { badDatasets, conformanceDataset, describeSamplerRejections, expectSameBits, snapshot, strategyLabel, type ConformanceOptions } from './testkit';

/** What the cleaning kit passes to the factory; spread it into the sampler's options. */
export interface CleaningConformanceOptions {
  readonly samplingStrategy?: CleaningStrategy;
}

/** Options of the cleaning kits. */
export interface CleaningConformanceConfig {
  /** The data to test on; default {@link cleaningConformanceDataset} (3 overlapping classes). */
  readonly dataset?: () => Dataset;
  /** Per-test timeout in ms. */
  readonly timeout?: number;
}

/**
 * {@link conformanceDataset} (40, 20 and 12 rows of 4 columns) with extra Gaussian noise (sd 1),
 * so the classes overlap and cleaners find rows to remove.
 */
export function cleaningConformanceDataset(seed = 5): Dataset {
  const base = conformanceDataset([40, 20, 12], 4, seed);
  const rng = new Rng(seed + 1000);
  return { ...base, x: base.x.map((v) => v + rng.normal()) };
}

function rowEquals(a: Dataset, i: number, b: Dataset, j: number, d: number): boolean {
  if (a.y[i] !== b.y[j]) return false;
  for (let k = 0; k < d; k++) if (!Object.is(a.x[i * d + k], b.x[j * d + k])) return false;
  return true;
}

/**
 * How many leading output rows are input rows kept in their order (a subsequence of the input),
 * and which input rows they are.
 */
function keptPrefix(input: Dataset, output: Dataset): number[] {
  const d = rowSize(input.shape);
  const kept: number[] = [];
  let j = 0;
  for (let i = 0; i < output.y.length; i++) {
    let found = -1;
    for (let t = j; t < input.y.length; t++) {
      if (rowEquals(output, i, input, t, d)) {
        found = t;
        break;
      }
    }
    if (found < 0) break;
    kept.push(found);
    j = found + 1;
  }
  return kept;
}

function checkBasics(data: Dataset, before: ReturnType<typeof snapshot>, out: Dataset): void {
  const d = rowSize(data.shape);
  expect(out.x).toBeInstanceOf(Float32Array);
  expect(out.y).toBeInstanceOf(Int32Array);
  expect([...out.shape]).toEqual(before.shape);
  expect(out.x.length).toBe(out.y.length * d);
  for (let i = 0; i < out.x.length; i++) expect(Number.isFinite(out.x[i]!)).toBe(true);
  // The input is not mutated.
  expectSameBits(data.x, before.x);
  expect([...data.y]).toEqual([...before.y]);
  expect([...data.shape]).toEqual(before.shape);
}

/**
 * Registers the conformance tests of a cleaning under-sampler under `describe(name)`. The factory
 * builds a fresh sampler from the kit's options (the cleaning `samplingStrategy`).
 *
 * @example
 * describeCleaningSamplerConformance('TomekLinks', (o) => new TomekLinks(o));
 */
export function describeCleaningSamplerConformance(
  name: string,
  factory: (options: CleaningConformanceOptions) => CleaningSampler,
  config: CleaningConformanceConfig = {},
): void {
  const makeData = config.dataset ?? (() => cleaningConformanceDataset());
  const timeout = config.timeout;

  describe(`${name} cleaning conformance`, () => {
    it('keeps input rows unchanged and in order, the ones sampleIndices names, and removes some', { timeout }, async () => {
      const data = makeData();
      const before = snapshot(data);
      const sampler = factory({ samplingStrategy: 'all' });
      const out = await sampler.fitResample(data);
      checkBasics(data, before, out);
      const kept = keptPrefix(data, out);
      expect(kept.length, 'every output row is an input row, in input order').toBe(out.y.length);
      expect(out.y.length, 'the kit data is noisy enough that something is removed').toBeLessThan(data.y.length);
      const indices = await sampler.sampleIndices(data);
      expect(indices).toBeInstanceOf(Int32Array);
      expect([...indices]).toEqual(kept);
    });

    const data0 = makeData();
    const counts0 = classCounts(data0.y);
    const classes = [...counts0.keys()].sort((a, b) => a - b);
    const strategies: CleaningStrategy[] = ['auto', 'majority', 'not minority', 'not majority', 'all', [classes[classes.length - 1]!]];
    for (const strategy of strategies) {
      it(`removes rows only from the classes samplingStrategy ${JSON.stringify(strategy)} names`, { timeout }, async () => {
        const data = makeData();
        const out = await factory({ samplingStrategy: strategy }).fitResample(data);
        const targeted = new Set(resolveCleaningStrategy(strategy, data.y));
        const after = classCounts(out.y);
        for (const [c, n] of classCounts(data.y)) {
          if (targeted.has(c)) expect(after.get(c) ?? 0, `class ${c}`).toBeLessThanOrEqual(n);
          else expect(after.get(c), `class ${c} is not cleaned`).toBe(n);
        }
      });
    }

    it('gives the same output for the same input', { timeout }, async () => {
      const a = await factory({}).fitResample(makeData());
      const b = await factory({}).fitResample(makeData());
      expectSameBits(a.x, b.x);
      expect([...a.y]).toEqual([...b.y]);
    });

    for (const [what, build] of badDatasets(makeData)) {
      it(`rejects ${what} with a SamplerInputError that starts with the sampler's name`, { timeout }, async () => {
        const sampler = factory({});
        const err = await sampler.fitResample(build()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SamplerInputError);
        expect((err as Error).message.startsWith(`${sampler.name}: `), (err as Error).message).toBe(true);
      });
    }

    // Wrong whatever the data: the constructor refuses them.
    for (const strategy of ['bogus', 'minority', { [classes[0]!]: 5 }, 0.5, [], [1.5]] as unknown as CleaningStrategy[]) {
      it(`rejects samplingStrategy ${JSON.stringify(strategy)} in the constructor with an OptionError`, () => {
        let err: unknown;
        try {
          factory({ samplingStrategy: strategy });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(OptionError);
        expect((err as Error).message).toMatch(/samplingStrategy/);
      });
    }

    it('rejects a samplingStrategy naming a class not in the data with an OptionError, before any work', { timeout }, async () => {
      const sampler = factory({ samplingStrategy: [999] });
      const progress: string[] = [];
      const err = await sampler.fitResample(makeData(), { onProgress: (p) => progress.push(p.stage) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OptionError);
      expect((err as Error).message).toMatch(/samplingStrategy names class 999/);
      expect((err as Error).message.startsWith(`${sampler.name}: `), (err as Error).message).toBe(true);
      expect(progress).toEqual([]);
    });

    it('stops with CancelledError when the signal is already aborted', { timeout }, async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await factory({}).fitResample(makeData(), { signal: controller.signal }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CancelledError);
    });
  });
}

/**
 * Registers the conformance tests of an over-sample-then-clean combination (SMOTE-ENN,
 * SMOTE-Tomek) under `describe(name)`: the kept input rows come first, unchanged and in order, then
 * the kept synthetic rows grouped by class; no class ends above its over-sampling target.
 *
 * @example
 * describeCombinedSamplerConformance('SMOTEENN', (o) => new SMOTEENN(o));
 */
export function describeCombinedSamplerConformance(
  name: string,
  factory: (options: ConformanceOptions) => Sampler,
  config: CleaningConformanceConfig = {},
): void {
  const makeData = config.dataset ?? (() => cleaningConformanceDataset());
  const timeout = config.timeout;

  describe(`${name} combined-sampler conformance`, () => {
    it('keeps input rows unchanged and in order, then synthetic rows grouped by class', { timeout }, async () => {
      const data = makeData();
      const before = snapshot(data);
      const out = await factory({ seed: 1 }).fitResample(data);
      checkBasics(data, before, out);
      const kept = keptPrefix(data, out);
      expect(kept.length, 'some input rows are kept').toBeGreaterThan(0);
      const synth = [...out.y.subarray(kept.length)];
      expect(synth.length, 'some synthetic rows are kept').toBeGreaterThan(0);
      expect(synth).toEqual([...synth].sort((a, b) => a - b));
    });

    const data0 = makeData();
    const counts0 = classCounts(data0.y);
    const classes = [...counts0.keys()].sort((a, b) => a - b);
    const biggest = Math.max(...counts0.values());
    const strategies: SamplingStrategy[] = ['auto', 'minority', 'not minority', 'not majority', 'all', { [classes[classes.length - 1]!]: biggest + 3 }];
    if (classes.length === 2) strategies.push(0.75);
    for (const strategy of strategies) {
      it(`stays within the class counts of samplingStrategy ${strategyLabel(strategy)}`, { timeout }, async () => {
        const data = makeData();
        const out = await factory({ seed: 2, samplingStrategy: strategy }).fitResample(data);
        const after = classCounts(out.y);
        for (const [c, target] of targetCounts(strategy, data.y)) expect(after.get(c) ?? 0, `class ${c}`).toBeLessThanOrEqual(target);
      });
    }

    it('gives the same output for the same seed, other rows for another', { timeout }, async () => {
      const data = makeData();
      const a = await factory({ seed: 7 }).fitResample(data);
      const b = await factory({ seed: 7 }).fitResample(makeData());
      expectSameBits(a.x, b.x);
      expect([...a.y]).toEqual([...b.y]);
      const c = await factory({ seed: 8 }).fitResample(data);
      const differ = a.x.length !== c.x.length || a.x.some((v, i) => !Object.is(v, c.x[i]));
      expect(differ).toBe(true);
    });

    describeSamplerRejections(factory, makeData, { ...(timeout !== undefined ? { timeout } : {}) });
  });
}
