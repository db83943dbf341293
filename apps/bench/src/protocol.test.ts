import { describe, expect, it } from 'vitest';
import type { Dataset } from '@oversample/core';
import type { DatasetRef } from './datasets';
import { foldSets, prepareDataset, standardize, testCounts, trainCounts } from './protocol';

describe('standardize', () => {
  it('uses the training fold only and leaves category codes alone', () => {
    const features = [
      { name: 'a', kind: 'continuous' as const },
      { name: 'c', kind: 'categorical' as const, categories: ['x', 'y', 'z'] },
    ];
    const train: Dataset = { x: new Float32Array([0, 2, 2, 1, 4, 0]), y: new Int32Array([0, 1, 0]), shape: [2], features };
    const test: Dataset = { x: new Float32Array([100, 1]), y: new Int32Array([1]), shape: [2], features };
    const out = standardize(train, test);
    // Train column a: 0, 2, 4 -> mean 2, population std sqrt(8/3).
    const sd = Math.sqrt(8 / 3);
    expect(Array.from(out.train.x)).toEqual([-2 / sd, 2, 0, 1, 2 / sd, 0].map(Math.fround));
    // The test row is scaled with the training statistics, not its own.
    expect(out.test.x[0]).toBeCloseTo(98 / sd, 4);
    expect(out.test.x[1]).toBe(1);
    expect(Array.from(train.x)).toEqual([0, 2, 2, 1, 4, 0]); // input untouched
  });
});

describe("DeepSMOTE's published protocol (images)", () => {
  // A stand-in for an image training split: 10 classes, 300 rows each, one pixel per row holding
  // the row's index, so every set can be traced back to the rows it took.
  const n = 3000;
  const data: Dataset = { x: Float32Array.from({ length: n }, (_, i) => i), y: Int32Array.from({ length: n }, (_, i) => i % 10), shape: [1, 1, 1] };
  const ref: DatasetRef = { id: 'mnist', spec: 'mnist', kind: 'image', loader: 'mnist', path: '', identity: 'x' };
  const image = { protocol: 'published' as const, profileScale: 0.04, minPerClass: 10, testProfileScale: 0.05 };

  it('cuts each training fold to the profile and each test fold to the test profile; the balanced test is the whole fold; validation rows are the leftovers', async () => {
    const p = await prepareDataset(ref, { data, note: 'toy' }, { folds: 5, repeats: 1, image });
    expect(p.data.y.length).toBe(n); // CV over the whole training split
    const sets = foldSets(p, 0, 2);
    const ids = (d: Dataset): number[] => Array.from(d.x);
    const counts = (d: Dataset): number[] => Array.from({ length: 10 }, (_, c) => d.y.filter((v) => v === c).length);
    expect(counts(sets.train)).toEqual(trainCounts(ref, image)); // 160, 80, 40, 30, 20, 14, 10, 10, 10, 10
    expect(counts(sets.test)).toEqual(testCounts(image)); // 50, 25, 13, 9, 6, 4, 3, 1, 1, 1
    expect(counts(sets.balancedTest!)).toEqual(Array(10).fill(60));
    expect(counts(sets.validation!)).toEqual(testCounts(image));
    const fold = p.folds.find((f) => f.repeat === 0 && f.fold === 2)!;
    const trainFold = new Set(fold.train);
    const testFold = new Set(fold.test);
    for (const i of ids(sets.train)) expect(trainFold.has(i)).toBe(true);
    for (const i of ids(sets.validation!)) expect(trainFold.has(i)).toBe(true);
    for (const i of ids(sets.test)) expect(testFold.has(i)).toBe(true);
    expect(ids(sets.balancedTest!)).toEqual(Array.from(fold.test));
    // Validation never shares a row with the training set.
    const train = new Set(ids(sets.train));
    expect(ids(sets.validation!).filter((i) => train.has(i))).toEqual([]);
    // Same cut for the same fold, every time.
    expect(ids(foldSets(p, 0, 2).train)).toEqual(ids(sets.train));
  });

  it('the subsample protocol cuts once and folds inside the cut (the quick preset, as before)', async () => {
    const p = await prepareDataset(ref, { data, note: 'toy' }, { folds: 2, repeats: 1, image: { ...image, protocol: 'subsample' } });
    expect(p.data.y.length).toBe(trainCounts(ref, image).reduce((a, b) => a + b, 0));
    const sets = foldSets(p, 0, 0);
    expect(sets.balancedTest).toBeUndefined();
    expect(sets.train.y.length + sets.test.y.length).toBe(p.data.y.length);
  });
});

describe('validation rows on MNIST-sized folds', () => {
  it('keep what the profile cut left when that is less than the test profile asks', async () => {
    // 5000 rows per class: class 0's training fold of 4000 leaves nothing beside its 4000-row profile.
    const y = Int32Array.from({ length: 50000 }, (_, i) => i % 10);
    const data: Dataset = { x: new Float32Array(50000), y, shape: [1, 1, 1] };
    const ref: DatasetRef = { id: 'mnist', spec: 'mnist', kind: 'image', loader: 'mnist', path: '', identity: 'y' };
    const p = await prepareDataset(ref, { data, note: '' }, { folds: 5, repeats: 1, image: { protocol: 'published', profileScale: 1, minPerClass: 8, testProfileScale: 1 } });
    const sets = foldSets(p, 0, 0);
    expect(sets.train.y.filter((v) => v === 0).length).toBe(4000);
    expect(sets.validation!.y.filter((v) => v === 0).length).toBe(0);
    expect(sets.validation!.y.filter((v) => v === 1).length).toBe(500);
    expect(sets.test.y.filter((v) => v === 0).length).toBe(1000);
  });
});
