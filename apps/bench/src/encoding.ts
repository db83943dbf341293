/**
 * Categorical columns of tables: SMOTE-NC resamples their category codes, while every other
 * sampler and every classifier sees them one-hot encoded.
 */
import type { Dataset, FeatureInfo } from '@oversample/core';
import { rowSize, withRows } from '@oversample/core';

/** Indices of the columns `features` marks categorical (none for images and plain CSV). */
export function categoricalColumns(data: Pick<Dataset, 'features'>): number[] {
  return (data.features ?? []).flatMap((f, j) => (f.kind === 'categorical' ? [j] : []));
}

/**
 * Replaces each categorical column (codes 0..k-1, k = its `categories` length) by k 0/1 columns
 * named `name=category`, in place of the original column; continuous columns are copied. A table
 * without categorical columns is returned as it is.
 *
 * @example
 * oneHotEncode(abalone).shape // [10]: Sex (3 categories) became Sex=F, Sex=I, Sex=M
 */
export function oneHotEncode(data: Dataset): Dataset {
  const features = data.features;
  if (!features || !features.some((f) => f.kind === 'categorical')) return data;
  const d = rowSize(data.shape);
  const n = data.y.length;
  // Category count per column: the declared categories, else the largest code seen + 1.
  const widths = features.map((f, j) => {
    if (f.kind !== 'categorical') return 1;
    if (f.categories && f.categories.length > 0) return f.categories.length;
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, data.x[i * d + j]!);
    return max + 1;
  });
  const outD = widths.reduce((a, b) => a + b, 0);
  const x = new Float32Array(n * outD);
  for (let i = 0; i < n; i++) {
    let o = i * outD;
    for (let j = 0; j < d; j++) {
      const v = data.x[i * d + j]!;
      if (features[j]!.kind === 'categorical') {
        const code = Math.round(v);
        if (code >= 0 && code < widths[j]!) x[o + code] = 1;
        o += widths[j]!;
      } else {
        x[o++] = v;
      }
    }
  }
  const outFeatures: FeatureInfo[] = features.flatMap((f, j) =>
    f.kind === 'categorical'
      ? Array.from({ length: widths[j]! }, (_, c) => ({ name: `${f.name}=${f.categories?.[c] ?? c}`, kind: 'continuous' as const }))
      : [f],
  );
  return { ...withRows({ ...data, shape: [outD] }, x, data.y), features: outFeatures };
}
