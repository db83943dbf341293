import { initBackend } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShareLogits, readShares } from './class-shares';

beforeAll(async () => {
  await initBackend();
});

describe('class shares', () => {
  it('needs no variable when one share is offered, and then gives it to every class', () => {
    expect(initShareLogits(3, [1])).toBeUndefined();
    expect(readShares(undefined, [1], 3)).toEqual([1, 1, 1]);
  });

  it("starts at SMOTE's decision, the largest share, and reads the largest logit per class", () => {
    const logits = initShareLogits(2, [0, 1, 0.5])!;
    expect(readShares(logits, [0, 1, 0.5], 2)).toEqual([1, 1]);
    logits.assign(tf.tensor2d([5, 0, 1, 0, 0, 3], [2, 3]));
    expect(readShares(logits, [0, 1, 0.5], 2)).toEqual([0, 0.5]);
    logits.dispose();
  });
});
