import { CancelledError, NotFittedError, OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { LogisticRegression } from './logistic-regression';
import { accuracy, balancedAccuracy, blobs, minorityClass, readKeel, standardize, stratifiedSplit } from './test-fixtures';

describe('LogisticRegression', () => {
  it('separates linearly separable blobs', async () => {
    // Class centres 3 apart with noise in [-1, 1]: a hyperplane separates them exactly.
    const train = blobs(60, 3, 4, 1);
    const test = blobs(40, 3, 4, 2);
    const clf = await new LogisticRegression().fit(train);
    expect(clf.nClasses).toBe(3);
    expect(accuracy(test.y, await clf.predict(test))).toBeGreaterThanOrEqual(0.97);
    const proba = await clf.predictProba(test.x);
    expect(proba.length).toBe(test.y.length * 3);
    for (let i = 0; i < test.y.length; i++) expect(proba[i * 3]! + proba[i * 3 + 1]! + proba[i * 3 + 2]!).toBeCloseTo(1, 5);
    expect(clf.convergence.converged).toBe(true);
  });

  it('reaches a stationary point of the scikit-learn objective', async () => {
    // Binary, one feature: the optimum of C * sum CE + w^2 / 2 has zero gradient in w and b.
    const data = { x: new Float32Array([-2, -1, -0.5, 0.3, 0.5, 1, 2, -0.2]), y: new Int32Array([0, 0, 1, 0, 1, 1, 1, 0]), shape: [1] };
    const C = 0.7;
    const clf = await new LogisticRegression({ C, tol: 1e-10 }).fit(data);
    const proba = await clf.predictProba(data);
    // With two softmax classes both weight vectors are penalised, so at the optimum
    // w_c = -C * sum_i (p_ic - y_ic) x_i, and the slope of logit(p1) in x is
    // w1 - w0 = -2C * sum_i (p_i1 - y_i1) x_i. The bias is unpenalised: sum_i (p_i1 - y_i1) = 0.
    let biasGrad = 0;
    let slopeFromGrad = 0;
    for (let i = 0; i < 8; i++) {
      const r = proba[i * 2 + 1]! - data.y[i]!;
      biasGrad += r;
      slopeFromGrad += -2 * C * r * data.x[i]!;
    }
    expect(Math.abs(biasGrad)).toBeLessThan(1e-5);
    const logit = (p: number): number => Math.log(p / (1 - p));
    const slope = (logit(proba[13]!) - logit(proba[1]!)) / (data.x[6]! - data.x[0]!);
    expect(slope).toBeGreaterThan(0.5);
    expect(slope).toBeCloseTo(slopeFromGrad, 4);
  });

  it('gives balanced accuracy well above chance on the KEEL table ecoli1', async () => {
    const [rawTrain, rawTest] = stratifiedSplit(await readKeel('ecoli1'), 3);
    const [train, test] = standardize(rawTrain, rawTest);
    const clf = await new LogisticRegression({ classWeight: 'balanced' }).fit(train);
    // Chance is 0.5; published linear models reach about 0.9 on ecoli1.
    expect(balancedAccuracy(test.y, await clf.predict(test))).toBeGreaterThan(0.8);
  });

  it('balanced class weights raise minority recall', async () => {
    const [rawTrain, rawTest] = stratifiedSplit(await readKeel('ecoli1'), 3);
    const [train, test] = standardize(rawTrain, rawTest);
    const minority = minorityClass(train.y);
    const recall1 = async (clf: LogisticRegression): Promise<number> => {
      const p = await clf.predict(test);
      let hit = 0;
      let all = 0;
      for (let i = 0; i < p.length; i++) {
        if (test.y[i] !== minority) continue;
        all++;
        if (p[i] === minority) hit++;
      }
      return hit / all;
    };
    const plain = await recall1(await new LogisticRegression().fit(train));
    const balanced = await recall1(await new LogisticRegression({ classWeight: 'balanced' }).fit(train));
    expect(balanced).toBeGreaterThan(plain);
  });

  it('is deterministic and stronger C fits tighter', async () => {
    const train = blobs(30, 2, 3, 5, 1.5);
    const a = await (await new LogisticRegression({ C: 1 }).fit(train)).predictProba(train);
    const b = await (await new LogisticRegression({ C: 1 }).fit(train)).predictProba(train);
    expect(b).toEqual(a);
    const weak = await (await new LogisticRegression({ C: 0.001 }).fit(train)).predictProba(train);
    // Heavy regularisation pulls probabilities towards the class prior (0.5).
    const spread = (p: Float32Array): number => p.reduce((s, v) => s + Math.abs(v - 0.5), 0);
    expect(spread(weak)).toBeLessThan(spread(a));
  });

  it('gives absent classes a zero column', async () => {
    const data = { x: new Float32Array([0, 1, 5, 6]), y: new Int32Array([0, 0, 2, 2]), shape: [1] };
    const clf = await new LogisticRegression().fit(data);
    expect(clf.nClasses).toBe(3);
    const proba = await clf.predictProba(data);
    for (let i = 0; i < 4; i++) expect(proba[i * 3 + 1]).toBe(0);
    expect(Array.from(await clf.predict(data))).toEqual([0, 0, 2, 2]);
  });

  it('reports progress, stops on abort and rejects bad input', async () => {
    const train = blobs(30, 2, 3, 3);
    const seen: number[] = [];
    await new LogisticRegression().fit(train, { onProgress: (p) => seen.push(p.metrics!.loss!) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]!).toBeLessThan(seen[0]!);
    const controller = new AbortController();
    controller.abort();
    await expect(new LogisticRegression().fit(train, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    const clf = new LogisticRegression();
    await expect(clf.predict(train)).rejects.toBeInstanceOf(NotFittedError);
    await clf.fit(train);
    await expect(clf.predict({ ...blobs(2, 2, 4, 1) })).rejects.toThrow(/shape \[4\].*shape \[3\]/);
    await expect(clf.predict(new Float32Array(4))).rejects.toBeInstanceOf(SamplerInputError);
    await expect(clf.predict(new Float32Array([0, NaN, 0]))).rejects.toThrow(/column 1 is NaN/);
    await expect(new LogisticRegression().fit({ ...train, y: new Int32Array(train.y.length) })).rejects.toThrow(/at least 2/);
    expect(() => new LogisticRegression({ C: 0 })).toThrow(OptionError);
    expect(() => new LogisticRegression({ c: 1 } as never)).toThrow(/no option "c"/);
    clf.dispose();
    await expect(clf.predict(train)).rejects.toBeInstanceOf(NotFittedError);
  });
});
