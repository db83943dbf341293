/**
 * The published DeepSMOTE results (Dablain, Krawczyk & Chawla, IEEE TNNLS 2022, Table II:
 * imbalanced test sets, ResNet-18), as quoted in docs/protocol.md, in percent.
 */

/** ACSA, GM (imbalanced-learn macro) and macro F1, in percent. */
export interface PublishedScore {
  readonly acsa: number;
  readonly gm: number;
  readonly f1: number;
}

/** Published rows per dataset kind (`mnist`, `fashion-mnist`, `cifar10`) and method. */
export const PUBLISHED_DEEPSMOTE: Readonly<Record<string, Readonly<Record<string, PublishedScore>>>> = {
  mnist: {
    SMOTE: { acsa: 81.48, gm: 83.99, f1: 82.44 },
    BAGAN: { acsa: 92.56, gm: 96.11, f1: 93.85 },
    GAMO: { acsa: 95.45, gm: 97.61, f1: 95.11 },
    DeepSMOTE: { acsa: 96.16, gm: 98.11, f1: 96.44 },
  },
  'fashion-mnist': {
    SMOTE: { acsa: 67.94, gm: 74.84, f1: 67.12 },
    BAGAN: { acsa: 82.5, gm: 90.51, f1: 82.96 },
    GAMO: { acsa: 83.05, gm: 90.76, f1: 83.0 },
    DeepSMOTE: { acsa: 84.88, gm: 91.63, f1: 83.79 },
  },
  cifar10: {
    SMOTE: { acsa: 28.02, gm: 50.08, f1: 29.58 },
    BAGAN: { acsa: 42.41, gm: 64.12, f1: 43.01 },
    GAMO: { acsa: 44.72, gm: 65.72, f1: 45.93 },
    DeepSMOTE: { acsa: 45.26, gm: 66.13, f1: 44.86 },
  },
};

/** Which of our samplers a published method corresponds to (DeepSMOTE: both penalty variants). */
export const PUBLISHED_TO_SAMPLERS: Readonly<Record<string, readonly string[]>> = {
  SMOTE: ['smote'],
  DeepSMOTE: ['deepsmote-paper', 'deepsmote-code'],
};

/** Every sampler that has a published counterpart. */
export const SAMPLERS_WITH_PUBLISHED: readonly string[] = Object.values(PUBLISHED_TO_SAMPLERS).flat();

/** The published table a dataset id (`mnist`, `fashion-mnist`, `cifar10`) compares with, if any. */
export function publishedFor(datasetId: string): Readonly<Record<string, PublishedScore>> | undefined {
  const kind = datasetId.split(':')[0]!;
  return PUBLISHED_DEEPSMOTE[kind];
}
