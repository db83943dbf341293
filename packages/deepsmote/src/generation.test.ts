import type { Autoencoder } from '@oversample/autoencoder';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDataset, gatherRows, indicesOfClass, OptionError, Rng } from '@oversample/core';
import { smoteRows } from '@oversample/smote';
import { initBackend } from '@oversample/tf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeepSMOTE } from './deepsmote';
import { DEFAULT_GENERATION, PUBLISHED_GENERATION, resolveGeneration, synthesizeClass } from './generation';

// The dense autoencoder on a small two-class table: fast enough for a unit test.
const table = createDataset({
  x: Array.from({ length: 60 * 4 }, (_, i) => Math.sin(i * 0.7) * 3 + (i % 4)),
  y: Array.from({ length: 60 }, (_, i) => (i < 40 ? 0 : 1)),
  shape: [4],
});
const options = { dimH: 8, latentDim: 3, epochs: 2, batchSize: 32, kNeighbors: 3, seed: 3 } as const;

/** The rows of class 1 of `table`, as rows of 4 numbers. */
const classOneRows = (): number[][] => [...indicesOfClass(table.y, 1)].map((i) => [...table.x.subarray(i * 4, i * 4 + 4)]);

/** Whether `row` is within `tol` of one of `rows`, value by value. */
const nearOneOf = (row: ArrayLike<number>, rows: number[][], tol: number): boolean =>
  rows.some((r) => r.every((v, j) => Math.abs(v - row[j]!) <= tol));

describe('DeepSMOTE generation options', () => {
  let model: DeepSMOTE;

  beforeAll(async () => {
    await initBackend();
    model = await new DeepSMOTE(options).fit(table);
  });
  afterAll(() => model.dispose());

  it("the publication's generation is SMOTE among the class's codes, decoded", async () => {
    // The fitted state is private; this test reads it to rebuild the publication's rows by hand.
    const ae = (model as unknown as { fitted: { autoencoder: Autoencoder; codes: Float32Array; codeLabels: Int32Array; rows: Float32Array } }).fitted;
    const members = indicesOfClass(ae.codeLabels, 1);
    const codes = gatherRows(ae.codes, 3, members);
    const material = { autoencoder: ae.autoencoder, codes, latentDim: 3, rows: gatherRows(ae.rows, 4, members), rowSize: 4, range: [-1, 1] as const };
    const got = await synthesizeClass(material, 9, { ...PUBLISHED_GENERATION, kNeighbors: 3 }, new Rng(4), undefined);
    const want = await ae.autoencoder.decode(smoteRows(codes, 3, 9, { kNeighbors: 3, rng: new Rng(4) }));
    expect([...got]).toEqual([...want]);
  });

  it("clips every synthetic value to the material's range, decoded and residual alike", async () => {
    const ae = (model as unknown as { fitted: { autoencoder: Autoencoder; codes: Float32Array; codeLabels: Int32Array; rows: Float32Array } }).fitted;
    const members = indicesOfClass(ae.codeLabels, 1);
    const codes = gatherRows(ae.codes, 3, members);
    const material = { autoencoder: ae.autoencoder, codes, latentDim: 3, rows: gatherRows(ae.rows, 4, members), rowSize: 4, range: [-0.1, 0.1] as const };
    const generation = { ...PUBLISHED_GENERATION, kNeighbors: 3 };
    const wide = await synthesizeClass({ ...material, range: [-1, 1] }, 9, generation, new Rng(4), undefined);
    const narrow = await synthesizeClass(material, 9, generation, new Rng(4), undefined);
    // The decoder's output leaves [-0.1, 0.1], so the clip has something to do.
    expect(wide.some((v) => Math.abs(v) > 0.1)).toBe(true);
    expect([...narrow]).toEqual([...wide].map((v) => Math.fround(Math.min(0.1, Math.max(-0.1, v)))));
    const residual = await synthesizeClass(material, 9, { ...generation, synthesis: 'residual' }, new Rng(4), undefined);
    const bound = Math.fround(0.1);
    expect(residual.every((v) => v >= -bound && v <= bound)).toBe(true);
    expect(residual.some((v) => Math.abs(v) === bound)).toBe(true);
  });

  it("synthesises residually by default (ours); synthesis 'decode' is the publication's", async () => {
    expect(DEFAULT_GENERATION).toEqual({ ...PUBLISHED_GENERATION, synthesis: 'residual' });
    const first = async (o: object) => {
      const m = await new DeepSMOTE({ ...options, ...o }).fit(table);
      const out = await m.sample({ 1: 5 });
      m.dispose();
      return [...out.x];
    };
    const byDefault = await first({});
    expect(byDefault).toEqual(await first({ synthesis: 'residual' }));
    expect(byDefault).not.toEqual(await first({ synthesis: 'decode' }));
  });

  it('realShare 1 copies real rows of the class; realShare 0.5 puts the copies last', async () => {
    const real = classOneRows();
    const copies = await model.sample({ 1: 8 }, { realShare: 1 });
    for (let r = 0; r < 8; r++) expect(nearOneOf(copies.x.subarray(r * 4, r * 4 + 4), real, 1e-4)).toBe(true);
    const half = await model.sample({ 1: 8 }, { realShare: 0.5 });
    for (let r = 4; r < 8; r++) expect(nearOneOf(half.x.subarray(r * 4, r * 4 + 4), real, 1e-4)).toBe(true);
    // A decoded row of a two-epoch network is not a real row.
    expect(nearOneOf(half.x.subarray(0, 4), real, 1e-4)).toBe(false);
  });

  it("residual synthesis with gap 0 gives the base rows back: the decoder's change cancels", async () => {
    const real = classOneRows();
    const out = await model.sample({ 1: 6 }, { synthesis: 'residual', gap: 0 });
    for (let r = 0; r < 6; r++) expect(nearOneOf(out.x.subarray(r * 4, r * 4 + 4), real, 1e-3)).toBe(true);
    const moved = await model.sample({ 1: 6 }, { synthesis: 'residual' });
    expect(moved.x.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('input-space neighbours change the rows; per-call options leave the model as it was', async () => {
    const plain = await new DeepSMOTE(options).fit(table);
    const other = await new DeepSMOTE(options).fit(table);
    const a = await plain.sample({ 1: 6 });
    const b = await other.sample({ 1: 6 }, { neighborSpace: 'input' });
    expect([...b.x]).not.toEqual([...a.x]);
    // The override was for one call: the next call of each model draws the same stream again.
    expect([...(await other.sample({ 1: 6 })).x]).toEqual([...(await plain.sample({ 1: 6 })).x]);
    other.dispose();
    plain.dispose();
  });

  it('checks generation options in the constructor and in sample, naming them', async () => {
    expect(() => new DeepSMOTE({ gap: 1.5 })).toThrow(/^DeepSMOTE: gap must be a finite number >= 0 and <= 1, got 1.5/);
    expect(() => new DeepSMOTE({ synthesis: 'blend' as never })).toThrow(OptionError);
    expect(() => new DeepSMOTE({ neighborSpace: 'pixel' as never })).toThrow(/neighborSpace/);
    expect(() => new DeepSMOTE({ realShare: -0.1 })).toThrow(/realShare/);
    expect(() => new DeepSMOTE({ batchNorm: 'eval' as never })).toThrow(/batchNorm/);
    await expect(model.sample({ 1: 2 }, { gap: 2 })).rejects.toThrow(/^DeepSMOTE\.sample: gap/);
    expect(resolveGeneration('x', { gap: 0.5 }, { ...DEFAULT_GENERATION, realShare: 0.25 })).toEqual({ ...DEFAULT_GENERATION, gap: 0.5, realShare: 0.25 });
  });

  it('saves the generation options with the model, and loads a model saved without the training rows', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oversample-deepsmote-generation-'));
    try {
      const tuned = new DeepSMOTE({ ...options, synthesis: 'residual', gap: 0.5 });
      await tuned.fit(table);
      await tuned.save(dir);
      const back = await DeepSMOTE.load(dir);
      expect([...(await back.sample({ 1: 5 })).x]).toEqual([...(await tuned.sample({ 1: 5 })).x]);
      back.dispose();
      tuned.dispose();
      // An older file: no "rows" array (its bytes sit between the codes and the labels).
      const file = path.join(dir, 'model.json');
      const json = JSON.parse(await readFile(file, 'utf8')) as {
        weightsManifest: { weights: { name: string; shape: number[] }[] }[];
        config?: unknown;
      };
      const weights = json.weightsManifest[0]!.weights;
      const rowsAt = weights.findIndex((w) => w.name === 'rows');
      const before = weights.slice(0, rowsAt).reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0) * 4;
      const rowBytes = 60 * 4 * 4;
      weights.splice(rowsAt, 1);
      await writeFile(file, JSON.stringify(json));
      const bytes = await readFile(path.join(dir, 'weights.bin'));
      await writeFile(path.join(dir, 'weights.bin'), Buffer.concat([bytes.subarray(0, before), bytes.subarray(before + rowBytes)]));
      const old = await DeepSMOTE.load(dir);
      expect((await old.sample({ 1: 3 }, { synthesis: 'decode' })).y).toHaveLength(3);
      await expect(old.sample({ 1: 3 })).rejects.toThrow(/need the training rows, which this model .* does not hold/);
      old.dispose();
      // Older still: saved before the generation options existed (no "synthesis"). It decodes, as
      // it was made to, rather than taking today's residual default, which would need the rows.
      const older = JSON.parse(await readFile(file, 'utf8')) as { modelTopology: { config: { options: Record<string, unknown> } } };
      delete older.modelTopology.config.options['synthesis'];
      await writeFile(file, JSON.stringify(older));
      const oldest = await DeepSMOTE.load(dir);
      expect((await oldest.sample({ 1: 3 })).y).toHaveLength(3);
      oldest.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
