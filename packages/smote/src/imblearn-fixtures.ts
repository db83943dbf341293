// imbalanced-learn 0.10's answers for this package's tests (not exported), made by
// fixtures/imblearn-0.10.py.
import { createDataset, type CleaningStrategy, type Dataset } from '@oversample/core';
import reference from './fixtures/imblearn-0.10.json';

interface Table {
  readonly d: number;
  readonly x: number[];
  readonly y: number[];
}

/** The frozen answers. */
export interface ImblearnFixtures {
  readonly cleaners: Table & {
    readonly cases: { sampler: string; options: { samplingStrategy: CleaningStrategy; nNeighbors?: number; kindSel?: 'all' | 'mode' }; kept: number[] }[];
  };
  readonly smoten: Table & { readonly k: number; readonly classes: { label: number; rows: number[]; modes: number[]; ambiguous: boolean[] }[] };
  readonly svmsmote: (Table & {
    readonly mNeighbors: number;
    readonly classes: { label: number; support: number[]; noise: number[]; danger: number[]; safe: number[] }[];
    readonly resampledCounts: number[];
  })[];
  readonly kmeanssmote: Table & {
    readonly cases: {
      options: { kmeansEstimator: number; kNeighbors?: number; clusterBalanceThreshold?: number; densityExponent?: number; samplingStrategy?: 'all' };
      /** scikit-learn's KMeans label of every row. */
      labels: number[];
      /** The clusters imbalanced-learn oversampled, in its order: the class, its rows there, rows made, sparsity. */
      clusters: { label: number; rows: number[]; nNew: number; sparsity: number }[];
      resampledCounts: number[];
    }[];
  };
}

export const imblearn = reference as unknown as ImblearnFixtures;

/** A fixture table as a Dataset. */
export function datasetOf(t: Table): Dataset {
  return createDataset({ x: Float32Array.from(t.x), y: Int32Array.from(t.y), shape: [t.d] });
}
