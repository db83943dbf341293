import { trainableVariables } from '@oversample/tf';
import type * as tf from '@tensorflow/tfjs-core';
import { PRIOR_LOGIT } from './decisions';

/**
 * The class-level decision (ours): one free logit per (oversampled class, offered share), drawn
 * through Gumbel-Softmax like the unit decisions. Starts at SMOTE's decision, the largest share
 * offered (the whole deficit when 1 is offered). No variable when only one share is offered.
 */
export function initShareLogits(nClasses: number, shares: readonly number[]): tf.Variable | undefined {
  if (shares.length < 2) return undefined;
  const full = shares.indexOf(Math.max(...shares));
  const prior = new Float32Array(nClasses * shares.length);
  for (let c = 0; c < nClasses; c++) prior[c * shares.length + full] = PRIOR_LOGIT;
  return trainableVariables([prior], [[nClasses, shares.length]])[0];
}

/** Each class's decided share: the offered share with the largest logit (every class 1 when there is no choice). */
export function readShares(logits: tf.Tensor | undefined, shares: readonly number[], nClasses: number): number[] {
  if (!logits) return new Array<number>(nClasses).fill(shares[0]!);
  const rows = logits.arraySync() as number[][];
  return rows.map((row) => {
    let best = 0;
    for (let s = 1; s < row.length; s++) if (row[s]! > row[best]!) best = s;
    return shares[best]!;
  });
}
