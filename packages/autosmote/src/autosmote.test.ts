import { classCounts, createDataset, NotFittedError, OptionError, SamplerInputError } from '@oversample/core';
import { conformanceDataset, describeGenerativeSamplerConformance, describeSamplerConformance } from '@oversample/core/testkit';
import { SAVED_MODEL_LAYOUT } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AutoSMOTE } from './autosmote';
import type { AutoSMOTEOptions } from './options';

const tiny: AutoSMOTEOptions = { epochs: 2, refitEpochs: 2, batchSize: 32, hiddenLayers: [8], policyHidden: 8, maxNeighbors: 4, cohorts: 3 };

describeSamplerConformance('AutoSMOTE self', (o) => new AutoSMOTE({ ...tiny, variant: 'self', ...o }), { smallClassRows: 2 });
describeGenerativeSamplerConformance('AutoSMOTE self', (o) => new AutoSMOTE({ ...tiny, variant: 'self', ...o }), {
  load: (dir) => AutoSMOTE.load(dir),
  layout: SAVED_MODEL_LAYOUT,
  tensorCount: () => tf.memory().numTensors,
});
describeSamplerConformance('AutoSMOTE cohort', (o) => new AutoSMOTE({ ...tiny, variant: 'cohort', ...o }), {
  dataset: () => conformanceDataset([40, 12]),
});

/** Imbalanced two-class data whose minority class is two blobs on either side of the majority. */
function twoBlobs(seed = 4) {
  const data = conformanceDataset([200, 24], 3, seed);
  const x = data.x.slice();
  for (let i = 0; i < data.y.length; i++) {
    if (data.y[i] === 1) x[i * 3] = (i % 2 === 0 ? 3 : -3) + x[i * 3]! * 0.3;
  }
  return { ...data, x };
}

describe('AutoSMOTE', () => {
  it('learns a classifier and emits the deficit of synthetic rows', async () => {
    const data = twoBlobs();
    const auto = new AutoSMOTE({ variant: 'cohort', epochs: 15, seed: 3 });
    const progress: number[] = [];
    const out = await auto.fitResample(data, { onProgress: (p) => p.stage === 'train' && progress.push(p.metrics!.loss!) });
    expect([...classCounts(out.y)]).toEqual([[0, 200], [1, 200]]);
    expect(progress).toHaveLength(15);
    expect(progress[progress.length - 1]!).toBeLessThan(progress[0]!);
    const pred = await auto.predict(data);
    let hit0 = 0;
    let hit1 = 0;
    for (let i = 0; i < pred.length; i++) {
      if (data.y[i] === 0 && pred[i] === 0) hit0++;
      if (data.y[i] === 1 && pred[i] === 1) hit1++;
    }
    // Balanced accuracy on the training rows: both blobs must be found, not just the majority.
    expect((hit0 / 200 + hit1 / 24) / 2).toBeGreaterThan(0.85);
    const probs = await auto.predictProba(data.x.subarray(0, 6));
    expect(probs).toHaveLength(4);
    expect(probs[0]! + probs[1]!).toBeCloseTo(1, 5);
  });

  it('exposes its decisions per class and unit', async () => {
    const auto = new AutoSMOTE({ ...tiny, variant: 'cohort', seed: 1 });
    await auto.fit(twoBlobs());
    const [dec] = auto.decisions();
    expect(dec!.label).toBe(1);
    expect(dec!.units.length).toBe(3);
    expect(dec!.units.reduce((a, u) => a + u.size, 0)).toBe(dec!.rows);
    expect(dec!.kHistogram.reduce((a, b) => a + b, 0)).toBe(dec!.seedingRows);
    for (const u of dec!.units) {
      expect(u.k).toBeGreaterThanOrEqual(1);
      expect(u.k).toBeLessThanOrEqual(4);
      expect(['interpolate', 'centroid', 'max']).toContain(u.aggregation);
    }
  });

  it('self variant decides per row', async () => {
    const auto = new AutoSMOTE({ ...tiny, variant: 'self', seed: 1 });
    await auto.fit(twoBlobs());
    const [dec] = auto.decisions();
    // One unit per training row; each held-out row (a quarter) joins its nearest training row's unit.
    expect(dec!.rows).toBe(24);
    expect(dec!.units.length).toBe(18);
    expect(dec!.units.reduce((a, u) => a + u.size, 0)).toBe(24);
  });

  it('saves and loads: same predictions, same samples for the same seed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'autosmote-'));
    try {
      const data = twoBlobs();
      const auto = new AutoSMOTE({ ...tiny, seed: 9 });
      await auto.fit(data);
      await auto.save(dir);
      const back = await AutoSMOTE.load(dir);
      expect([...(await back.predictProba(data))]).toEqual([...(await auto.predictProba(data))]);
      expect(back.decisions()).toEqual(auto.decisions());
      const a = await back.sample({ 1: 10 });
      const b = await auto.sample({ 1: 10 });
      expect([...a.x]).toEqual([...b.x]);
      expect([...a.y]).toEqual(new Array(10).fill(1));
      await expect(back.sample({ 0: 3 })).rejects.toThrow('AutoSMOTE-cohort cannot sample class 0: it was not fitted for it (fitted classes: 1)');
      back.dispose();
      auto.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not leak tensors across fits', async () => {
    const auto = new AutoSMOTE({ ...tiny, seed: 2 });
    await auto.fit(twoBlobs());
    const before = tf.memory().numTensors;
    await auto.fit(twoBlobs());
    await auto.predict(twoBlobs());
    expect(tf.memory().numTensors).toBe(before);
    auto.dispose();
  });

  it('rejects bad options and unfitted use with clear errors', async () => {
    expect(() => new AutoSMOTE({ variant: 'group' as 'self' })).toThrow(/variant must be one of "self", "cohort", got "group"/);
    expect(() => new AutoSMOTE({ aggregations: ['median' as 'max'] })).toThrow(OptionError);
    expect(() => new AutoSMOTE({ temperature: { start: 0.5, end: 1 } })).toThrow(/temperature.end must be a finite number > 0 and <= 0.5, got 1/);
    expect(() => new AutoSMOTE({ epochs: 0 })).toThrow(/epochs must be an integer >= 1, got 0/);
    expect(() => new AutoSMOTE({ kNeighbors: 5 } as AutoSMOTEOptions)).toThrow(/no option "kNeighbors"/);
    await expect(new AutoSMOTE().predict(new Float32Array(4))).rejects.toThrow(NotFittedError);
    // Ten rows of class 0 and two of class 1: too few minority rows to hold some out.
    const small = createDataset({ x: Array.from({ length: 24 }, (_, i) => (i * 37) % 11), y: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], shape: [2] });
    await expect(new AutoSMOTE(tiny).fit(small)).rejects.toThrow(SamplerInputError);
    await expect(new AutoSMOTE(tiny).fit(small)).rejects.toThrow(/class 1 has 2 rows; AutoSMOTE \(holding some out and finding neighbours\) needs at least 3/);
  });
});

describe('AutoSMOTE edge cases', () => {
  it('emits finite rows when a feature reaches 2e19 (#14.4)', async () => {
    const data = twoBlobs(6);
    const x = data.x.slice();
    for (let i = 0; i < data.y.length; i++) x[i * 3 + 1] = 2e19 * (1 + x[i * 3 + 1]! / 10);
    const out = await new AutoSMOTE({ ...tiny, seed: 4 }).fitResample({ ...data, x });
    const synthetic = out.x.subarray(x.length);
    expect(synthetic.length).toBeGreaterThan(0);
    expect(synthetic.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('predict rejects NaN and infinite rows with a SamplerInputError (#14.4)', async () => {
    const auto = new AutoSMOTE({ ...tiny, seed: 4 });
    await auto.fit(twoBlobs());
    await expect(auto.predict(Float32Array.from([0, 0, 0, 1, NaN, 2]))).rejects.toThrow(SamplerInputError);
    await expect(auto.predictProba(Float32Array.from([Infinity, 0, 0]))).rejects.toThrow(/row 0, feature 0 is Infinity/);
    auto.dispose();
  });

  it('caps maxNeighbors at the class size instead of allocating for it (#14.9)', async () => {
    const auto = new AutoSMOTE({ ...tiny, maxNeighbors: 1e9, seed: 4 });
    const out = await auto.fitResample(twoBlobs());
    expect([...classCounts(out.y)]).toEqual([[0, 200], [1, 200]]);
    const [dec] = auto.decisions();
    // 24 minority rows, 18 after the hold-out: at most 17 neighbours in training, 23 when emitting.
    expect(dec!.kHistogram.length).toBeLessThanOrEqual(23);
    for (const u of dec!.units) expect(u.k).toBeLessThanOrEqual(17);
    auto.dispose();
  });

  it("trains with the publication's joint objective", async () => {
    const auto = new AutoSMOTE({ ...tiny, objective: 'joint', epochs: 4, seed: 3 });
    const out = await auto.fitResample(twoBlobs());
    expect([...classCounts(out.y)]).toEqual([[0, 200], [1, 200]]);
    expect(auto.losses).toHaveLength(4);
    expect(auto.losses.every((l) => Number.isFinite(l))).toBe(true);
    expect(() => new AutoSMOTE({ objective: 'both' as 'joint' })).toThrow(/objective must be one of "lookahead", "joint", got "both"/);
    auto.dispose();
  });
});

describe('AutoSMOTE decisions beyond SMOTE (ours)', () => {
  it('can draw neighbours from every class: pools are decided per unit, saved and loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'autosmote-pools-'));
    try {
      const data = twoBlobs();
      const auto = new AutoSMOTE({ ...tiny, neighborPools: ['class', 'all'], seed: 5 });
      const out = await auto.fitResample(data);
      expect([...classCounts(out.y)]).toEqual([[0, 200], [1, 200]]);
      const [dec] = auto.decisions();
      expect(dec!.share).toBe(1);
      for (const u of dec!.units) expect(['class', 'all']).toContain(u.pool);
      expect(Object.values(dec!.poolHistogram).reduce((a, b) => a + b, 0)).toBe(dec!.seedingRows);
      await auto.save(dir);
      const back = await AutoSMOTE.load(dir);
      expect(back.decisions()).toEqual(auto.decisions());
      expect([...(await back.sample({ 1: 12 })).x]).toEqual([...(await auto.sample({ 1: 12 })).x]);
      back.dispose();
      auto.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('trains and emits with the all-classes pool alone', async () => {
    const data = twoBlobs();
    const auto = new AutoSMOTE({ ...tiny, neighborPools: ['all'], aggregations: ['interpolate'], seed: 6 });
    const out = await auto.fitResample(data);
    expect([...classCounts(out.y)]).toEqual([[0, 200], [1, 200]]);
    expect(auto.decisions()[0]!.units.every((u) => u.pool === 'all')).toBe(true);
    expect(out.x.subarray(data.x.length).every((v) => Number.isFinite(v))).toBe(true);
    auto.dispose();
  });

  it('can decide how much of a class to fill; fitResample adds that share, sample the counts asked', async () => {
    const data = twoBlobs();
    const auto = new AutoSMOTE({ ...tiny, classShares: [0, 0.5, 1], seed: 7 });
    const out = await auto.fitResample(data);
    const [dec] = auto.decisions();
    expect([0, 0.5, 1]).toContain(dec!.share);
    expect(classCounts(out.y).get(1)).toBe(24 + Math.round(176 * dec!.share));
    expect((await auto.sample({ 1: 5 })).y).toHaveLength(5);
    auto.dispose();
  });

  it('gives the same rows as before when the new decisions are not offered', async () => {
    const data = twoBlobs();
    const plain = await new AutoSMOTE({ ...tiny, seed: 8 }).fitResample(data);
    const explicit = await new AutoSMOTE({ ...tiny, neighborPools: ['class'], classShares: [1], seed: 8 }).fitResample(data);
    expect([...explicit.x]).toEqual([...plain.x]);
  });

  it('rejects bad pools and shares, and shares with the joint objective, with OptionErrors', () => {
    expect(() => new AutoSMOTE({ neighborPools: ['global' as 'all'] })).toThrow(/neighborPools\[0\] must be one of "class", "all", got "global"/);
    expect(() => new AutoSMOTE({ neighborPools: [] })).toThrow(/neighborPools must be a non-empty list/);
    expect(() => new AutoSMOTE({ neighborPools: ['all', 'all'] })).toThrow(/neighborPools must not repeat/);
    expect(() => new AutoSMOTE({ classShares: [0, 1.5] })).toThrow(/classShares\[1\] must be a finite number >= 0 and <= 1, got 1.5/);
    expect(() => new AutoSMOTE({ classShares: [0, 1], objective: 'joint' })).toThrow(OptionError);
    expect(() => new AutoSMOTE({ classShares: [0, 1], objective: 'joint' })).toThrow(/classShares \[0,1\] needs objective 'lookahead'/);
  });
});
