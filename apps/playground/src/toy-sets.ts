/**
 * The four toy sets of the tables view, built with `@oversample/data`'s scikit-learn-style
 * generators: the largest class has `majority` rows, the smallest `ratio` times fewer.
 */
import type { Dataset } from '@oversample/core';
import { makeBlobs, makeCircles, makeMoons } from '@oversample/data';
import type { DataChoice, ToySet } from './state';

/** What each toy set looks like, for the data panel. */
export const TOY_DESCRIPTIONS: Readonly<Record<ToySet, string>> = {
  moons: 'two interleaving half circles (make_moons); noise = Gaussian jitter',
  circles: 'a ring around a smaller ring (make_circles, factor 0.5); noise = Gaussian jitter',
  blobs: 'three Gaussian blobs, sizes n, n/sqrt(ratio), n/ratio (make_blobs); noise = blob spread',
  gaussians: 'two overlapping Gaussians (make_blobs, centres 2 apart); noise = spread',
};

/** Rows of the smallest class: at least 10, so that its training part (70%) still has 5 neighbours per row. */
export function minorityRows(majority: number, ratio: number): number {
  return Math.max(10, Math.round(majority / ratio));
}

/** Generates a toy set from its settings and the page seed. */
export function toyDataset(choice: Extract<DataChoice, { kind: 'toy' }>, seed: number): Dataset {
  const { set, majority, ratio, noise } = choice;
  const minority = minorityRows(majority, ratio);
  switch (set) {
    case 'moons':
      return makeMoons({ nSamples: [majority, minority], noise, seed });
    case 'circles':
      return makeCircles({ nSamples: [majority, minority], noise, factor: 0.5, seed });
    case 'blobs':
      return makeBlobs({
        nSamples: [majority, Math.max(minority, Math.round(majority / Math.sqrt(ratio))), minority],
        centers: [[0, 0], [4, 4], [4, -1]],
        // Zero spread would stack every row of a blob on its centre: keep a little.
        clusterStd: Math.max(noise * 4, 0.05),
        seed,
      });
    case 'gaussians':
      return makeBlobs({ nSamples: [majority, minority], centers: [[0, 0], [1.4, 1.4]], clusterStd: Math.max(noise * 4, 0.05), seed });
  }
}
