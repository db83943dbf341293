import { OptionError, SamplerInputError, createDataset } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import type { Fold } from './folds';
import { repeatedStratifiedKFold, stratifiedKFold, trainTestSplit } from './folds';

const ints = (a: Int32Array) => [...a];

/** Every row tested once, train = complement of test, per-class test counts within one of each other. */
function checkPartition(y: Int32Array, folds: readonly Fold[]): void {
  const tested = new Int32Array(y.length);
  for (const { train, test } of folds) {
    expect(train.length + test.length).toBe(y.length);
    const inTest = new Set(test);
    expect(ints(train).some((i) => inTest.has(i))).toBe(false);
    for (const i of test) tested[i]!++;
  }
  expect(ints(tested).every((t) => t === 1)).toBe(true);
  for (const c of new Set(y)) {
    const perFold = folds.map((f) => ints(f.test).filter((i) => y[i] === c).length);
    expect(Math.max(...perFold) - Math.min(...perFold), `class ${c}`).toBeLessThanOrEqual(1);
  }
}

describe('stratifiedKFold', () => {
  it("gives scikit-learn's folds without shuffling", () => {
    // scikit-learn's documented example: StratifiedKFold(n_splits=2) on y = [0, 0, 1, 1].
    const doc = stratifiedKFold(Int32Array.from([0, 0, 1, 1]), 2);
    expect(doc.map((f) => [ints(f.test), ints(f.train)])).toEqual([
      [[0, 2], [1, 3]],
      [[1, 3], [0, 2]],
    ]);
    // Worked through scikit-learn's algorithm: classes in order of appearance (1, then 0), the
    // class-sorted labels dealt round-robin over 3 folds, each class assigned in blocks.
    const folds = stratifiedKFold(Int32Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]), 3);
    expect(folds.map((f) => ints(f.test))).toEqual([
      [0, 3, 4, 5],
      [1, 6, 7],
      [2, 8, 9],
    ]);
    expect(folds.map((f) => [f.fold, f.repeat])).toEqual([[0, 0], [1, 0], [2, 0]]);
  });

  it('keeps every class in proportion when shuffled, and is deterministic per seed', () => {
    const y = Int32Array.from({ length: 103 }, (_, i) => (i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0));
    const a = stratifiedKFold(y, 5, { shuffle: true, seed: 3 });
    checkPartition(y, a);
    const b = stratifiedKFold({ y }, 5, { shuffle: true, seed: 3 });
    const c = stratifiedKFold(y, 5, { shuffle: true, seed: 4 });
    expect(a.map((f) => ints(f.test))).toEqual(b.map((f) => ints(f.test)));
    expect(a.map((f) => ints(f.test))).not.toEqual(c.map((f) => ints(f.test)));
    checkPartition(y, stratifiedKFold(y, 5));
  });

  it('names a class with fewer rows than folds, and checks its options', () => {
    const y = Int32Array.from([0, 0, 0, 0, 0, 7, 7]);
    expect(() => stratifiedKFold(y, 3)).toThrow(SamplerInputError);
    expect(() => stratifiedKFold(y, 3)).toThrow('class 7 has 2 rows; 3 folds need at least 3 rows of every class');
    expect(() => stratifiedKFold(y, 1)).toThrow(/k must be .*>= 2, got 1/);
    expect(() => stratifiedKFold(y, 2, { seed: 1 })).toThrow(/seed has no effect when shuffle is false/);
    expect(() => stratifiedKFold([0, 1] as unknown as Int32Array, 2)).toThrow(OptionError);
  });
});

describe('repeatedStratifiedKFold', () => {
  it('gives repeats x k folds, each repeat a stratified partition, repeats differing', () => {
    const y = Int32Array.from({ length: 60 }, (_, i) => (i < 12 ? 1 : 0));
    const folds = repeatedStratifiedKFold(y, 5, 2, { seed: 11 });
    expect(folds).toHaveLength(10);
    expect(folds.map((f) => `${f.repeat}:${f.fold}`)).toEqual(['0:0', '0:1', '0:2', '0:3', '0:4', '1:0', '1:1', '1:2', '1:3', '1:4']);
    checkPartition(y, folds.slice(0, 5));
    checkPartition(y, folds.slice(5));
    expect(folds.slice(0, 5).map((f) => ints(f.test))).not.toEqual(folds.slice(5).map((f) => ints(f.test)));
    expect(repeatedStratifiedKFold(y, 5, 2, { seed: 11 }).map((f) => ints(f.test))).toEqual(folds.map((f) => ints(f.test)));
    expect(() => repeatedStratifiedKFold(y, 5, 0)).toThrow(/repeats must be .*>= 1, got 0/);
  });
});

describe('trainTestSplit', () => {
  const data = createDataset({
    x: Float32Array.from({ length: 40 }, (_, i) => i),
    y: Int32Array.from({ length: 40 }, (_, i) => (i < 30 ? 0 : 1)),
    shape: [1],
  });

  it('splits stratified by default, rounding the test size up as scikit-learn does', () => {
    const { train, test, trainIndices, testIndices } = trainTestSplit(data, { testSize: 0.2, seed: 5 });
    expect(testIndices.length).toBe(8);
    expect(trainIndices.length).toBe(32);
    expect(ints(test.y).filter((c) => c === 1).length).toBe(2);
    expect(ints(train.y).filter((c) => c === 1).length).toBe(8);
    expect([...test.x]).toEqual(ints(testIndices));
    expect(new Set([...trainIndices, ...testIndices]).size).toBe(40);
    expect(ints(trainTestSplit(data, { testSize: 0.2, seed: 5 }).testIndices)).toEqual(ints(testIndices));
    expect(trainTestSplit(data, { testSize: 0.1 }).testIndices.length).toBe(4);
    expect(trainTestSplit(data, { testSize: 3, stratify: false, seed: 1 }).testIndices.length).toBe(3);
  });

  it('shares odd leftovers by the approximate-mode rule', () => {
    // 7 rows of class 0 and 3 of class 1, 5 test rows: exact shares 3.5 and 1.5 -> one class gets
    // the leftover row, chosen at random, so test holds 3+2 or 4+1 rows.
    const odd = createDataset({ x: new Float32Array(10), y: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1], shape: [1] });
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const { test } = trainTestSplit(odd, { testSize: 0.5, seed });
      seen.add(`${ints(test.y).filter((c) => c === 0).length}+${ints(test.y).filter((c) => c === 1).length}`);
    }
    expect([...seen].sort()).toEqual(['3+2', '4+1']);
  });

  it('explains bad sizes and classes too small to stratify', () => {
    expect(() => trainTestSplit(data, { testSize: 1.5 })).toThrow(/testSize must be a fraction in \(0, 1\) or a row count >= 1, got 1.5/);
    expect(() => trainTestSplit(data, { testSize: 40 })).toThrow(/gives 40 test rows out of 40/);
    const lone = createDataset({ x: new Float32Array(5), y: [0, 0, 0, 0, 1], shape: [1] });
    expect(() => trainTestSplit(lone)).toThrow('class 1 has 1 row; a stratified split needs at least 2 rows of every class');
    expect(trainTestSplit(lone, { stratify: false, seed: 0 }).testIndices.length).toBe(2);
  });
});
