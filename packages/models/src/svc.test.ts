import { CancelledError, NotFittedError, OptionError, SamplerInputError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import reference from './fixtures/svc-sklearn.json';
import { SVC, type SVCOptions } from './svc';
import { accuracy, blobs } from './test-fixtures';

/** scikit-learn 1.2.1's answers, made by fixtures/svc-sklearn.py. */
interface SklearnCase {
  readonly name: string;
  readonly options: { C?: number; kernel?: 'rbf' | 'linear'; gamma?: 'scale' | 'auto' | number; tol?: number; class_weight?: 'balanced'; shrinking?: boolean; probability?: boolean };
  readonly d: number;
  readonly x: number[];
  readonly y: number[];
  readonly test: number[];
  readonly classes: number[];
  readonly support: number[];
  readonly n_support: number[];
  readonly dual_coef: number[];
  readonly intercept: number[];
  readonly predict: number[];
  readonly decision: number[];
  readonly decision_ovo?: number[];
  readonly proba?: number[];
}

const fixtures = reference as unknown as { cases: SklearnCase[] };

function optionsOf(c: SklearnCase): SVCOptions {
  const o = c.options;
  return {
    ...(o.C !== undefined ? { C: o.C } : {}),
    ...(o.kernel ? { kernel: o.kernel } : {}),
    ...(o.gamma !== undefined ? { gamma: o.gamma } : {}),
    ...(o.tol !== undefined ? { tol: o.tol } : {}),
    ...(o.class_weight ? { classWeight: o.class_weight } : {}),
    ...(o.shrinking !== undefined ? { shrinking: o.shrinking } : {}),
    ...(o.probability ? { probability: true, seed: 0 } : {}),
  };
}

// The solver follows libsvm's path (same working sets, float32 kernel rows), so answers agree to
// rounding; measured worst relative difference about 1e-13.
const TOL = 1e-9;

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  expect(worst, what).toBeLessThan(tol);
}

describe('SVC against scikit-learn', () => {
  for (const c of fixtures.cases) {
    it(`matches support vectors, coefficients and decision values: ${c.name}`, async () => {
      const train = { x: Float32Array.from(c.x), y: Int32Array.from(c.y), shape: [c.d] };
      const test = Float32Array.from(c.test);
      const svc = await new SVC(optionsOf(c)).fit(train);
      expect([...svc.classes]).toEqual(c.classes);
      expect([...svc.support]).toEqual(c.support);
      expect([...svc.nSupport]).toEqual(c.n_support);
      expectClose(svc.dualCoef, c.dual_coef, TOL, 'dual_coef');
      expectClose(svc.intercept, c.intercept, TOL, 'intercept');
      expect([...(await svc.predict(test))]).toEqual(c.predict);
      expectClose(await svc.decisionFunction(test), c.decision, TOL, 'decision_function');
      if (c.decision_ovo) {
        const ovo = new SVC({ ...optionsOf(c), decisionFunctionShape: 'ovo' });
        await ovo.fit(train);
        expectClose(await ovo.decisionFunction(test), c.decision_ovo, TOL, 'ovo decision_function');
      }
      if (c.proba) {
        // Platt's sigmoids are fitted on a random 5-fold split (scikit-learn's and ours differ),
        // so probabilities agree only roughly; rows sum to 1 exactly.
        const proba = await svc.predictProba(test);
        const k = c.classes.length;
        for (let i = 0; i < proba.length / k; i++) {
          let sum = 0;
          for (let j = 0; j < k; j++) {
            sum += proba[i * k + j]!;
            expect(Math.abs(proba[i * k + j]! - c.proba[i * k + j]!), `row ${i} class ${j}`).toBeLessThan(0.12);
          }
          expect(sum).toBeCloseTo(1, 5);
        }
      }
    });
  }
});

describe('SVC', () => {
  it('separates blobs and reports progress per one-vs-one pair', async () => {
    const train = blobs(30, 3, 4, 1);
    const test = blobs(20, 3, 4, 2);
    const seen: number[] = [];
    const svc = await new SVC({ C: 1 }).fit(train, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3]);
    expect(accuracy(test.y, await svc.predict(test))).toBeGreaterThan(0.95);
    expect(svc.nClasses).toBe(3);
    expect(svc.convergence.converged).toBe(true);
    expect((await svc.decisionFunction(test)).length).toBe(test.y.length * 3);
  });

  it('says when maxIter stops the solver early', async () => {
    const svc = await new SVC({ maxIter: 3 }).fit(blobs(30, 2, 4, 1, 1));
    expect(svc.convergence).toEqual({ iterations: 3, converged: false });
  });

  it('validates its options at construction', () => {
    expect(() => new SVC({ C: 0 })).toThrow(/SVC C must be a finite number > 0, got 0/);
    expect(() => new SVC({ gamma: 'big' as never })).toThrow(/gamma must be "scale", "auto" or a finite number > 0, got "big"/);
    expect(() => new SVC({ gamma: -1 })).toThrow(OptionError);
    expect(() => new SVC({ kernel: 'poly' as never })).toThrow(/kernel must be one of "rbf", "linear"/);
    expect(() => new SVC({ tol: Number.NaN })).toThrow(OptionError);
    expect(() => new SVC({ maxIter: 0 })).toThrow(OptionError);
    expect(() => new SVC({ seed: '1' as never })).toThrow(/SVC: seed must be an integer in 0..4294967295 or an Rng/);
    expect(() => new SVC({ gama: 1 } as never)).toThrow(/no option "gama"/);
  });

  it('throws NotFittedError before fit, and needs probability: true for predictProba', async () => {
    const svc = new SVC();
    await expect(svc.predict(new Float32Array(4))).rejects.toThrow(NotFittedError);
    expect(() => svc.support).toThrow(NotFittedError);
    await svc.fit(blobs(10, 2, 2, 1));
    await expect(svc.predictProba(new Float32Array(2))).rejects.toThrow(/needs probability: true/);
    await expect(svc.predict(new Float32Array(3))).rejects.toThrow(SamplerInputError);
    svc.dispose();
    await expect(svc.decisionFunction(new Float32Array(2))).rejects.toThrow(NotFittedError);
  });

  it('gives probabilities that sum to 1, with 0 for a class absent at fit', async () => {
    const data = blobs(20, 3, 3, 4);
    const y = data.y.map((c) => (c === 1 ? 3 : c));
    const svc = await new SVC({ probability: true, seed: 5 }).fit({ ...data, y });
    expect(svc.nClasses).toBe(4);
    expect([...svc.classes]).toEqual([0, 2, 3]);
    const proba = await svc.predictProba(data);
    for (let i = 0; i < data.y.length; i++) {
      expect(proba[i * 4 + 1]).toBe(0);
      expect(proba[i * 4]! + proba[i * 4 + 2]! + proba[i * 4 + 3]!).toBeCloseTo(1, 5);
    }
    // The same seed, the same sigmoids.
    const again = await new SVC({ probability: true, seed: 5 }).fit({ ...data, y });
    expect(await again.predictProba(data)).toEqual(proba);
  });

  it('stops with CancelledError when the signal aborts during a long solve', async () => {
    // Heavily overlapping classes: thousands of solver iterations; the solver yields every ~40 ms.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    // Two classes, one binary problem: the abort can only land inside the solver.
    const fit = new SVC({ C: 100, tol: 1e-9 }).fit(blobs(800, 2, 6, 3, 0.3), { signal: controller.signal });
    await expect(fit).rejects.toThrow(CancelledError);
  });
});
