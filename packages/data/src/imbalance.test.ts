import { OptionError, Rng, SamplerInputError, classCounts, createDataset } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { imbalance, imbalanceProfiles } from './imbalance';

/** `perClass` rows of each of `k` classes, interleaved; x holds the row's own index. */
function balanced(k: number, perClass: number) {
  const n = k * perClass;
  return createDataset({
    x: Float32Array.from({ length: n }, (_, i) => i),
    y: Int32Array.from({ length: n }, (_, i) => i % k),
    shape: [1],
    classNames: Array.from({ length: k }, (_, c) => `c${c}`),
  });
}

describe('imbalance', () => {
  it('cuts every class to the named profile, seeded, keeping the original row order', () => {
    const data = balanced(10, 4500);
    for (const name of ['mnist-paper', 'mnist-paper-test', 'cifar-paper', 'cifar-paper-test'] as const) {
      const out = imbalance(data, name, { seed: 1 });
      expect([...classCounts(out.y).values()], name).toEqual([...imbalanceProfiles[name]]);
      expect(out.classNames).toEqual(data.classNames);
      // Each kept row is a row of its own class, and rows stay in their original order.
      let wrongClass = 0;
      let outOfOrder = 0;
      for (let i = 0; i < out.y.length; i++) {
        if (out.x[i]! % 10 !== out.y[i]) wrongClass++;
        if (i > 0 && out.x[i]! <= out.x[i - 1]!) outOfOrder++;
      }
      expect([wrongClass, outOfOrder], name).toEqual([0, 0]);
    }
    const celeba = imbalance(balanced(5, 9000), 'celeba-paper', { seed: 3 });
    expect([...classCounts(celeba.y).values()]).toEqual([9000, 4500, 1000, 500, 160]);
    expect([...classCounts(imbalance(balanced(5, 1000), 'celeba-paper-test').y).values()]).toEqual([1000, 500, 111, 55, 17]);
  });

  it('draws the same rows for the same seed and different rows for another', () => {
    const data = balanced(10, 1000);
    const a = imbalance(data, 'mnist-paper-test', { seed: 7 });
    const b = imbalance(data, 'mnist-paper-test', { seed: 7 });
    const c = imbalance(data, 'mnist-paper-test', { seed: 8 });
    expect([...a.x]).toEqual([...b.x]);
    expect([...a.x]).not.toEqual([...c.x]);
    expect([...imbalance(data, 'mnist-paper-test', { seed: new Rng(7) }).x]).toEqual([...a.x]);
  });

  it('takes the first rows of each class with pick: first, and keeps unlisted classes whole', () => {
    const data = balanced(3, 4);
    const out = imbalance(data, { 1: 2, 2: 0 }, { pick: 'first' });
    expect([...out.x]).toEqual([0, 1, 3, 4, 6, 9]);
    const byArray = imbalance(data, [1, 1, 1], { pick: 'first' });
    expect([...byArray.x]).toEqual([0, 1, 2]);
    const byMap = imbalance(data, new Map([[0, 4]]), { seed: 1 });
    expect(byMap.y.length).toBe(12);
    expect(data.x.length).toBe(12); // input untouched
  });

  it('explains what is wrong', () => {
    const data = balanced(10, 100);
    expect(() => imbalance(data, 'mnist-paper', { seed: 1 })).toThrow(SamplerInputError);
    expect(() => imbalance(data, 'mnist-paper', { seed: 1 })).toThrow('class 0 ("c0") has 100 rows, but profile "mnist-paper" asks for 4000');
    expect(() => imbalance(data, 'celeba-paper-test')).toThrow(/profile "celeba-paper-test" has 5 classes \(0..4\), but the data has classes 0, 1, 2/);
    expect(() => imbalance(data, 'svhn' as 'mnist-paper')).toThrow(OptionError);
    expect(() => imbalance(data, 'svhn' as 'mnist-paper')).toThrow(/unknown imbalance profile "svhn"; known: mnist-paper, mnist-paper-test/);
    expect(() => imbalance(data, [1, 2])).toThrow(/one count per class 0..9; got 2 counts/);
    expect(() => imbalance(data, { 12: 1 })).toThrow(/class 12, which the data does not have/);
    expect(() => imbalance(data, { 1: -1 })).toThrow(/count for class 1 must be an integer >= 0, got -1/);
    expect(() => imbalance(data, { 1: 1 }, { pick: 'last' as 'first' })).toThrow(/pick must be one of/);
  });
});
