import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset';
import { CancelledError, OptionError, SamplerInputError } from './errors';
import { prepareResample, prepareSample, sampleStream } from './resample-plan';

// Classes 0: 6 rows, 1: 3 rows, 2: 2 rows; two columns.
const y = [0, 1, 0, 2, 0, 1, 0, 2, 0, 1, 0];
const data = () => createDataset({ x: Array.from({ length: y.length * 2 }, (_, i) => i), y, shape: [2], classNames: ['a', 'b', 'c'] });

describe('prepareResample: the common path of every sampler', () => {
  it('lays out the original rows first, then room for each grown class in ascending order', () => {
    const plan = prepareResample('S', data(), 'auto');
    expect(plan.named.map((c) => [c.label, c.nNew])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(plan.total).toBe(11 + 7);
    expect(plan.offsetOf(1)).toBe(11);
    expect(plan.offsetOf(2)).toBe(14);
    expect([...plan.classes[1]!.indices]).toEqual([3, 7]);
    expect([...plan.classRows(plan.classes[1]!)]).toEqual([6, 7, 14, 15]);
    expect([...plan.counts]).toEqual([
      [1, 3],
      [2, 4],
    ]);
    const out = plan.result();
    expect([...out.y.subarray(11)]).toEqual([1, 1, 1, 2, 2, 2, 2]);
    expect([...out.x.subarray(0, 22)]).toEqual([...data().x]);
    expect(out.classNames).toEqual(['a', 'b', 'c']);
  });

  it("keeps classes the strategy names with no new rows in `named` only ('all')", () => {
    const plan = prepareResample('S', data(), 'all');
    expect(plan.named.map((c) => c.label)).toEqual([0, 1, 2]);
    expect(plan.classes.map((c) => c.label)).toEqual([1, 2]);
  });

  it('fails in one order, with one message shape, before any work', () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(() => prepareResample('S', data(), 'auto', { signal: aborted.signal })).toThrow(CancelledError);
    expect(() => prepareResample('S', { ...data(), y: new Int32Array(11) }, 'auto')).toThrow(/^S: the dataset has 1 class; at least 2/);
    expect(() => prepareResample('S', data(), { 9: 3 })).toThrow(/^S: samplingStrategy names class 9/);
    expect(() => prepareResample('S', data(), 'auto', { neighbors: { kNeighbors: 2 } })).toThrow(SamplerInputError);
    expect(() => prepareResample('S', data(), 'auto', { neighbors: { kNeighbors: 2 } })).toThrow(
      'S: class 2 ("c") has 2 rows, kNeighbors = 2 needs at least 3; lower kNeighbors or leave the class out of samplingStrategy',
    );
    expect(() => prepareResample('S', data(), 'auto', { minClassRows: { rows: 3, reason: 'holding rows out' } })).toThrow(
      'S: class 2 ("c") has 2 rows; holding rows out needs at least 3; leave the class out of samplingStrategy',
    );
    expect(() => prepareResample('S', data(), 'minority', { neighbors: { kNeighbors: 1 } })).not.toThrow();
    expect(() => prepareResample('S', data(), 'auto', { minRows: 20 })).toThrow(/^S: the dataset has 11 rows; at least 20/);
  });

  it('refuses an output past the typed-array limit before allocating it (issue #14.9)', () => {
    const err = (() => {
      try {
        prepareResample('S', data(), { 2: 2 ** 29 });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(OptionError);
    expect(err!.message).toBe(
      'S: samplingStrategy asks for 536870910 new rows of class 2, so the output would hold 536870921 rows of 2 values; ' +
        'the limit is 536870912 rows of that width (1073741824 float32 values, a 4 GiB typed array, the largest every supported JavaScript engine allocates)',
    );
  });
});

describe('prepareSample: the common path of a generative sampler', () => {
  const fitted = new Map([
    [1, 3],
    [2, 10],
  ]);
  it('returns the non-zero counts in class order and their total', () => {
    const { counts, total } = prepareSample('G', { 2: 4, 1: 0 }, { fitted, rowWidth: 2 });
    expect([...counts]).toEqual([[2, 4]]);
    expect(total).toBe(4);
  });

  it('refuses unfitted classes, bad counts, small classes and outputs past the limit', () => {
    expect(() => prepareSample('G', { 0: 1 }, { fitted, rowWidth: 2 })).toThrow('G cannot sample class 0: it was not fitted for it (fitted classes: 1, 2)');
    expect(() => prepareSample('G', { 1: -1 }, { fitted, rowWidth: 2 })).toThrow(/G.sample: the count for class 1 must be an integer >= 0, got -1/);
    expect(() => prepareSample('G', { 1: 1e12 }, { fitted, rowWidth: 2 })).toThrow(/G.sample: the count for class 1 is 1000000000000; the limit is/);
    expect(() => prepareSample('G', { 2: 2 ** 30 }, { fitted, rowWidth: 2 })).toThrow(/G.sample\({"2":1073741824}\) would hold 1073741824 rows of 2 values; the limit is 536870912/);
    expect(() => prepareSample('G', { 1: 2 }, { fitted, rowWidth: 2, neighbors: { kNeighbors: 3 } })).toThrow(
      /^G: class 1 has 3 rows, kNeighbors = 3 needs at least 4/,
    );
    expect(() => prepareSample('G', [1, 2] as unknown as Record<number, number>, { fitted, rowWidth: 2 })).toThrow(/cannot be an array/);
  });

  it('derives each call’s stream from the seed and the call number alone', () => {
    expect(sampleStream(5, 0).nextUint32()).toBe(sampleStream(5, 0).nextUint32());
    expect(sampleStream(5, 0).nextUint32()).not.toBe(sampleStream(5, 1).nextUint32());
    expect(sampleStream(5, 0).nextUint32()).not.toBe(sampleStream(6, 0).nextUint32());
  });
});
