/**
 * The sampler conformance kit: one shared contract test that every sampler package runs
 * (`describe.each`-style), like scikit-learn's `check_estimator`.
 *
 * @example
 * import { describeSamplerConformance } from '@oversample/core/testkit';
 * describeSamplerConformance('SMOTE', (o) => new SMOTE({ kNeighbors: 3, ...o }));
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classCounts, createDataset, rowSize, subsetDataset, type Dataset } from './dataset';
import { CancelledError, FileFormatError, NotFittedError, OptionError, SamplerInputError } from './errors';
import type { GenerativeSampler, Sampler } from './sampler';
import { resolveSamplingStrategy, targetCounts, type ClassTotals, type SamplingStrategy } from './sampling-strategy';
import { Rng } from './rng';

export { findWorkspaceRoot } from './workspace.node.js';

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
  /**
   * A class size the sampler cannot grow (e.g. `kNeighbors` rows for a k-NN sampler): the kit cuts
   * the last class to it and expects a `SamplerInputError` naming the class before any progress.
   */
  readonly smallClassRows?: number;
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

/** A deep copy of what a sampler must not change: `x`, `y` and `shape`. */
export function snapshot(data: Dataset): { x: Float32Array; y: Int32Array; shape: number[] } {
  return { x: data.x.slice(), y: data.y.slice(), shape: [...data.shape] };
}

/** Asserts two float arrays are bit for bit equal, naming the first differing index. */
export function expectSameBits(a: Float32Array, b: Float32Array): void {
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

/** A test title's words for a sampling strategy. */
export function strategyLabel(s: SamplingStrategy): string {
  if (typeof s === 'function') return 'a function';
  if (s instanceof Map) return `Map ${JSON.stringify([...s.entries()])}`;
  return JSON.stringify(s);
}

/**
 * Broken datasets every sampler must refuse with a `SamplerInputError` (empty, one class, a NaN
 * feature, x and y of different lengths), each built from `makeData`.
 */
export function badDatasets(makeData: () => Dataset): [string, () => Dataset][] {
  return [
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
}

/**
 * The refusals every sampler that takes an over-sampling `samplingStrategy` shares (registered in
 * the caller's `describe`): broken data, options wrong whatever the data (in the constructor),
 * strategies wrong for this data (before any work), a class too small (`smallClassRows`) and an
 * aborted signal. {@link describeSamplerConformance} and the combined-sampler kit run it.
 */
export function describeSamplerRejections(
  factory: (options: ConformanceOptions) => Sampler,
  makeData: () => Dataset,
  config: Pick<ConformanceConfig, 'timeout' | 'smallClassRows'> = {},
): void {
  const timeout = config.timeout;
  const classes = [...classCounts(makeData().y).keys()];
for (const [what, build] of badDatasets(makeData)) {
    it(`rejects ${what} with a SamplerInputError that starts with the sampler's name`, { timeout }, async () => {
      const sampler = factory({ seed: 1 });
      const err = await sampler.fitResample(build()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SamplerInputError);
      expect((err as Error).message.startsWith(`${sampler.name}: `), (err as Error).message).toBe(true);
      expect((err as Error).message.length).toBeGreaterThan(15 + sampler.name.length);
    });
  }

  // Wrong whatever the data: the constructor refuses them, as the READMEs promise.
  const impossible: [string, Partial<ConformanceOptions>, RegExp][] = [
    ["samplingStrategy 'bogus'", { samplingStrategy: 'bogus' as SamplingStrategy }, /samplingStrategy "bogus" is not known/],
    ['samplingStrategy 1.5', { samplingStrategy: 1.5 }, /samplingStrategy as a ratio must be in \(0, 1\], got 1\.5/],
    ['samplingStrategy [50, 100, 25] (an array)', { samplingStrategy: [50, 100, 25] as unknown as SamplingStrategy }, /samplingStrategy cannot be an array/],
    ['samplingStrategy { 1: 1e12 }', { samplingStrategy: { 1: 1e12 } }, /the limit is \d+ rows/],
    ['samplingStrategy { 1: 2.5 }', { samplingStrategy: { 1: 2.5 } }, /samplingStrategy: the count for class 1 must be an integer/],
    ["seed '42' (a string)", { seed: '42' as unknown as number }, /seed must be an integer in 0\.\.4294967295 or an Rng, got "42"/],
    ['seed -1', { seed: -1 }, /seed must be an integer in 0\.\.4294967295 or an Rng, got -1/],
  ];
  for (const [what, options, message] of impossible) {
    it(`rejects ${what} in the constructor with an OptionError`, () => {
      let err: unknown;
      try {
        factory({ seed: 1, ...options });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(OptionError);
      expect((err as Error).message).toMatch(message);
    });
  }

  // Wrong for this data: fitResample refuses them before any work.
  const unfit: [string, SamplingStrategy, RegExp][] = [
    ['{ 999: 10 } (no such class)', { 999: 10 }, /class 999, which is not in the data/],
    [`{ ${classes[0]}: 1 } (fewer rows than the class has)`, { [classes[0]!]: 1 }, /an over-sampler can only add rows/],
    ['a function returning an array', () => [1, 2, 3] as unknown as ClassTotals, /samplingStrategy cannot be an array/],
    [
      `{ ${classes[classes.length - 1]}: 2^29 } (an output past the typed-array limit)`,
      { [classes[classes.length - 1]!]: 2 ** 29 },
      /the limit is \d+ rows of that width/,
    ],
  ];
  for (const [what, strategy, message] of unfit) {
    it(`rejects samplingStrategy ${what} with an OptionError naming it, before any work`, { timeout }, async () => {
      const sampler = factory({ seed: 1, samplingStrategy: strategy });
      const progress: string[] = [];
      const err = await sampler.fitResample(makeData(), { onProgress: (p) => progress.push(p.stage) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OptionError);
      expect((err as Error).message).toMatch(/samplingStrategy/);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message.startsWith(`${sampler.name}: `), (err as Error).message).toBe(true);
      expect(progress).toEqual([]);
    });
  }

  if (config.smallClassRows !== undefined) {
    const rows = config.smallClassRows;
    it(`rejects a class of ${rows} row${rows === 1 ? '' : 's'} with a SamplerInputError naming it, before any work`, { timeout }, async () => {
      const data = makeData();
      const small = classes[classes.length - 1]!;
      const keep: number[] = [];
      let left = rows;
      for (let i = 0; i < data.y.length; i++) {
        if (data.y[i] !== small) keep.push(i);
        else if (left-- > 0) keep.push(i);
      }
      const sampler = factory({ seed: 1 });
      const progress: string[] = [];
      const err = await sampler.fitResample(subsetDataset(data, keep), { onProgress: (p) => progress.push(p.stage) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SamplerInputError);
      expect((err as Error).message).toMatch(new RegExp(`^${sampler.name}: class ${small} has ${rows} rows?[,;] `));
      expect(progress).toEqual([]);
    });
  }

  it('stops with CancelledError when the signal is already aborted', { timeout }, async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await factory({ seed: 1 }).fitResample(makeData(), { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
  });
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

    describeSamplerRejections(factory, makeData, config);
  });
}

/**
 * Where a saved model keeps its parts, for the generative kit to damage: the manifest (JSON) and
 * weights file names, and the path of the format version inside the manifest. `@oversample/tf`
 * exports the one layout every model uses as `SAVED_MODEL_LAYOUT`.
 */
export interface SavedModelLayout {
  readonly manifest: string;
  readonly weights: string;
  readonly versionPath: readonly string[];
}

/** What {@link describeGenerativeSamplerConformance} needs beyond a factory. */
export interface GenerativeConformanceConfig extends Pick<ConformanceConfig, 'dataset' | 'timeout'> {
  /** The sampler class's static `load`. */
  readonly load: (dir: string) => Promise<GenerativeSampler>;
  /** The saved-model layout (`SAVED_MODEL_LAYOUT` of `@oversample/tf`). */
  readonly layout: SavedModelLayout;
  /**
   * Live tensors now, e.g. `() => tf.memory().numTensors` (the kit does not import TensorFlow.js).
   * Without it the leak checks are skipped.
   */
  readonly tensorCount?: () => number;
}

async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected the call to fail').toBeDefined();
  return err;
}

/**
 * The contract of a `GenerativeSampler` (fit once, sample many times, save and load), run on top
 * of {@link describeSamplerConformance}'s checks by every generative sampler package with small,
 * fast settings: `NotFittedError` before a fit; exact counts from `sample`; fresh rows from each
 * call, the same for the same seed; an `OptionError` for unfitted classes and counts past the
 * typed-array limit; save -> load -> identical rows; `FileFormatError` (and no leaked tensors) for
 * a file of another format version and for damaged files; a flat tensor count over repeated fits;
 * cancellation.
 *
 * @example
 * describeGenerativeSamplerConformance('DeepSMOTE', (o) => new DeepSMOTE({ epochs: 2, ...o }), {
 *   load: (dir) => DeepSMOTE.load(dir),
 *   layout: SAVED_MODEL_LAYOUT,
 *   tensorCount: () => tf.memory().numTensors,
 * });
 */
export function describeGenerativeSamplerConformance(
  name: string,
  factory: (options: ConformanceOptions) => GenerativeSampler,
  config: GenerativeConformanceConfig,
): void {
  const makeData = config.dataset ?? (() => conformanceDataset());
  const { timeout, layout, tensorCount } = config;
  const data0 = makeData();
  const grown = [...resolveSamplingStrategy('auto', data0.y).entries()].filter(([, n]) => n > 0).map(([c]) => c);
  const d = rowSize(data0.shape);
  const ask = new Map(grown.map((c, i) => [c, 3 + 2 * i]));
  const fitted = async (seed = 11): Promise<GenerativeSampler> => factory({ seed }).fit(makeData());
  const withDir = async (body: (dir: string) => Promise<void>): Promise<void> => {
    const dir = await mkdtemp(join(tmpdir(), 'oversample-kit-'));
    try {
      await body(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  describe(`${name} generative conformance`, () => {
    it('throws NotFittedError from sample and save before fit, and after dispose', { timeout }, async () => {
      const fresh = factory({ seed: 1 });
      expect(await expectRejection(fresh.sample(ask))).toBeInstanceOf(NotFittedError);
      expect(await expectRejection(fresh.save(join(tmpdir(), 'oversample-kit-never-written')))).toBeInstanceOf(NotFittedError);
      const sampler = await fitted();
      sampler.dispose();
      expect(await expectRejection(sampler.sample(ask))).toBeInstanceOf(NotFittedError);
    });

    it('samples exactly the asked rows, grouped by class, fresh on each call and the same for the same seed', { timeout }, async () => {
      const a = await fitted();
      const b = await fitted();
      try {
        const first = await a.sample(ask);
        const expected = [...ask].flatMap(([c, n]) => new Array<number>(n).fill(c));
        expect([...first.y]).toEqual(expected);
        expect([...first.shape]).toEqual([...data0.shape]);
        expect(first.x.length).toBe(expected.length * d);
        for (let i = 0; i < first.x.length; i++) expect(Number.isFinite(first.x[i]!)).toBe(true);
        const second = await a.sample(ask);
        let differ = false;
        for (let i = 0; i < first.x.length && !differ; i++) differ = first.x[i] !== second.x[i];
        expect(differ, 'a second sample call repeats the first').toBe(true);
        expectSameBits((await b.sample(ask)).x, first.x);
        expectSameBits((await b.sample(ask)).x, second.x);
        expect((await a.sample(new Map([[grown[0]!, 0]]))).y.length).toBe(0);
      } finally {
        a.dispose();
        b.dispose();
      }
    });

    it('refuses unfitted classes and counts past the typed-array limit with an OptionError', { timeout }, async () => {
      const sampler = await fitted();
      try {
        const unfitted = await expectRejection(sampler.sample({ 999: 2 }));
        expect(unfitted).toBeInstanceOf(OptionError);
        expect((unfitted as Error).message).toMatch(/class 999/);
        for (const count of [1e12, 2 ** 29, -1, 1.5]) {
          const err = await expectRejection(sampler.sample({ [grown[0]!]: count }));
          expect(err, `count ${count}`).toBeInstanceOf(OptionError);
        }
        expect((await expectRejection(sampler.sample({ [grown[0]!]: 2 ** 29 })) as Error).message).toMatch(/the limit is \d+ rows/);
        expect(await expectRejection(sampler.sample([5, 5] as unknown as ClassTotals))).toBeInstanceOf(OptionError);
      } finally {
        sampler.dispose();
      }
    });

    it('saves and loads: the loaded sampler continues with the same rows', { timeout }, async () => {
      await withDir(async (dir) => {
        const sampler = await fitted();
        const loadedOnes: GenerativeSampler[] = [];
        try {
          await sampler.sample(ask);
          await sampler.save(dir);
          const loaded = await config.load(dir);
          loadedOnes.push(loaded);
          expect(loaded.name).toBe(sampler.name);
          const a = await sampler.sample(ask);
          const b = await loaded.sample(ask);
          expect([...b.y]).toEqual([...a.y]);
          expectSameBits(b.x, a.x);
          // Saving the loaded one writes what it would sample next.
          await loaded.save(dir);
          const again = await config.load(dir);
          loadedOnes.push(again);
          expectSameBits((await again.sample(ask)).x, (await sampler.sample(ask)).x);
        } finally {
          sampler.dispose();
          for (const l of loadedOnes) l.dispose();
        }
      });
    });

    const damages: [string, (dir: string) => Promise<void>][] = [
      [
        'a file of another format version',
        async (dir) => {
          const file = join(dir, layout.manifest);
          const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
          let node: Record<string, unknown> = manifest;
          for (const key of layout.versionPath.slice(0, -1)) node = node[key] as Record<string, unknown>;
          const last = layout.versionPath[layout.versionPath.length - 1]!;
          node[last] = (node[last] as number) + 1;
          await writeFile(file, JSON.stringify(manifest));
        },
      ],
      ['a manifest that is not JSON', (dir) => writeFile(join(dir, layout.manifest), '{"format": "oversample", ')],
      [
        'a weights file whose length is not a multiple of 4',
        async (dir) => {
          const bytes = await readFile(join(dir, layout.weights));
          await writeFile(join(dir, layout.weights), bytes.subarray(0, bytes.length - 2));
        },
      ],
      [
        'a weights file with 4 bytes too many',
        async (dir) => {
          const bytes = await readFile(join(dir, layout.weights));
          await writeFile(join(dir, layout.weights), Buffer.concat([bytes, Buffer.alloc(4)]));
        },
      ],
      ['a missing weights file', (dir) => rm(join(dir, layout.weights))],
      ['a missing directory', (dir) => rm(dir, { recursive: true, force: true })],
    ];
    for (const [what, damage] of damages) {
      it(`rejects ${what} with a FileFormatError${tensorCount ? ' and leaks no tensors' : ''}`, { timeout }, async () => {
        await withDir(async (dir) => {
          const sampler = await fitted();
          try {
            await sampler.save(dir);
          } finally {
            sampler.dispose();
          }
          await damage(dir);
          const before = tensorCount?.();
          const err = await expectRejection(config.load(dir));
          expect(err).toBeInstanceOf(FileFormatError);
          if (tensorCount) expect(tensorCount()).toBe(before);
        });
      });
    }

    if (tensorCount) {
      it('keeps the tensor count flat over repeated fits and samples, and frees everything on dispose', { timeout }, async () => {
        (await fitted()).dispose(); // warm-up: backends allocate what they keep on first use
        const before = tensorCount();
        const sampler = factory({ seed: 3 });
        await sampler.fit(makeData());
        const once = tensorCount();
        await sampler.fit(makeData());
        await sampler.sample(ask);
        await sampler.fitResample(makeData());
        expect(tensorCount()).toBe(once);
        sampler.dispose();
        expect(tensorCount()).toBe(before);
      });
    }

    it('stops fit and sample with CancelledError when the signal is already aborted', { timeout }, async () => {
      const controller = new AbortController();
      controller.abort();
      expect(await expectRejection(factory({ seed: 1 }).fit(makeData(), { signal: controller.signal }))).toBeInstanceOf(CancelledError);
      const sampler = await fitted();
      try {
        expect(await expectRejection(sampler.sample(ask, { signal: controller.signal }))).toBeInstanceOf(CancelledError);
      } finally {
        sampler.dispose();
      }
    });
  });
}

export {
  cleaningConformanceDataset,
  describeCleaningSamplerConformance,
  describeCombinedSamplerConformance,
} from './testkit-cleaning';
export type { CleaningConformanceConfig, CleaningConformanceOptions } from './testkit-cleaning';
