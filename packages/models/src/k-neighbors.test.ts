import { NotFittedError, OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { KNeighborsClassifier } from './k-neighbors';
import { accuracy, balancedAccuracy, blobs, readKeel, standardize, stratifiedSplit } from './test-fixtures';

describe('KNeighborsClassifier', () => {
  it('classifies well-separated blobs', async () => {
    // Centres 3 apart, noise within [-1, 1]: every neighbour of a test row is of its class.
    const train = blobs(50, 3, 4, 1);
    const test = blobs(30, 3, 4, 2);
    const knn = await new KNeighborsClassifier({ k: 5 }).fit(train);
    expect(accuracy(test.y, await knn.predict(test))).toBe(1);
  });

  it('turns votes into probabilities, uniform or by distance', async () => {
    const train = { x: new Float32Array([0, 1, 3, 10]), y: new Int32Array([0, 0, 1, 1]), shape: [1] };
    const uniform = await new KNeighborsClassifier({ k: 3 }).fit(train);
    // Query 2: neighbours 3 (class 1, d 1), 1 (class 0, d 1), 0 (class 0, d 2).
    expect(Array.from(await uniform.predictProba(new Float32Array([2])))).toEqual([Math.fround(2 / 3), Math.fround(1 / 3)]);
    const byDistance = await new KNeighborsClassifier({ k: 3, weights: 'distance' }).fit(train);
    const p = await byDistance.predictProba(new Float32Array([2, 3]));
    expect(p[0]).toBeCloseTo((1 + 0.5) / (1 + 0.5 + 1), 6);
    // A query on a training row takes that row's label alone.
    expect(Array.from(p.subarray(2))).toEqual([0, 1]);
  });

  it('breaks vote ties towards the lower class and predicts in batches', async () => {
    const train = { x: new Float32Array([0, 2]), y: new Int32Array([1, 0]), shape: [1] };
    const knn = await new KNeighborsClassifier({ k: 2 }).fit(train);
    const queries = new Float32Array(5).fill(1);
    const batches: number[] = [];
    const labels = await knn.predict(queries, { batchSize: 2, onProgress: (p) => batches.push(p.done) });
    expect(Array.from(labels)).toEqual([0, 0, 0, 0, 0]);
    expect(batches).toEqual([2, 4, 5]);
  });

  it('gives balanced accuracy well above chance on ecoli1', async () => {
    const [rawTrain, rawTest] = stratifiedSplit(await readKeel('ecoli1'), 3);
    const [train, test] = standardize(rawTrain, rawTest);
    const knn = await new KNeighborsClassifier({ k: 5, weights: 'distance' }).fit(train);
    // Chance is 0.5; k-NN reaches about 0.85 on ecoli1 in the KEEL literature.
    expect(balancedAccuracy(test.y, await knn.predict(test))).toBeGreaterThan(0.75);
  });

  it('is not affected by later changes to the training arrays', async () => {
    const train = blobs(10, 2, 2, 4);
    const x = train.x.slice();
    const knn = await new KNeighborsClassifier({ k: 1 }).fit({ ...train, x });
    const before = await knn.predict(train);
    x.fill(0);
    expect(await knn.predict(train)).toEqual(before);
  });

  it('rejects bad options and input', async () => {
    expect(() => new KNeighborsClassifier({ k: 0 })).toThrow(OptionError);
    expect(() => new KNeighborsClassifier({ weights: 'gaussian' as never })).toThrow(/weights must be one of/);
    const knn = new KNeighborsClassifier({ k: 7 });
    await expect(knn.predict(new Float32Array(2))).rejects.toBeInstanceOf(NotFittedError);
    await expect(knn.fit(blobs(3, 2, 2, 1))).rejects.toThrow(/k = 7 neighbours need at least 7 training rows, got 6/);
    const fitted = await new KNeighborsClassifier({ k: 1 }).fit(blobs(3, 2, 2, 1));
    await expect(fitted.predict(new Float32Array(3))).rejects.toBeInstanceOf(SamplerInputError);
  });
});
