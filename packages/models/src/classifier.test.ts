// The Classifier contract's input checks, run against every classifier of the package.
import { OptionError, SamplerInputError, type Dataset } from '@oversample/core';
import { initBackend } from '@oversample/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from './classifier';
import { KNeighborsClassifier } from './k-neighbors';
import { LogisticRegression } from './logistic-regression';
import { MLPClassifier } from './mlp';
import { ResNet18 } from './resnet18';
import { SmallCNN } from './small-cnn';
import { SVC } from './svc';
import { blobs } from './test-fixtures';

beforeAll(async () => {
  await initBackend();
});

/** Tiny 8x8 grey images, two classes, for the image networks. */
function tinyImages(): Dataset {
  const n = 8;
  const x = new Float32Array(n * 64).map((_, i) => ((i * 7) % 13) / 13);
  return { x, y: Int32Array.from({ length: n }, (_, i) => i % 2), shape: [8, 8, 1] };
}

const cases: [string, () => Classifier, () => Dataset][] = [
  ['LogisticRegression', () => new LogisticRegression(), () => blobs(10, 2, 3, 1)],
  ['KNeighborsClassifier', () => new KNeighborsClassifier({ k: 3 }), () => blobs(10, 2, 3, 1)],
  ['MLPClassifier', () => new MLPClassifier({ hiddenLayers: [4], epochs: 1, seed: 0 }), () => blobs(10, 2, 3, 1)],
  ['SVC', () => new SVC({ probability: true, seed: 0 }), () => blobs(10, 2, 3, 1)],
  ['SmallCNN', () => new SmallCNN({ filters: [2, 2], denseUnits: 4, epochs: 1, seed: 0 }), tinyImages],
  ['ResNet18', () => new ResNet18({ width: 2, epochs: 1, seed: 0 }), tinyImages],
];

describe.each(cases)('%s input checks', (name, make, data) => {
  it('rejects a batchSize of 0, -1, NaN, 1.5 or "8" with OptionError (never loops or mis-batches)', async () => {
    const clf = await make().fit(data());
    try {
      for (const batchSize of [0, -1, Number.NaN, 1.5, '8']) {
        for (const call of [() => clf.predict(data(), { batchSize: batchSize as number }), () => clf.predictProba(data(), { batchSize: batchSize as number })]) {
          const err = await call().catch((e: unknown) => e);
          expect(err, `${name} batchSize ${String(batchSize)}`).toBeInstanceOf(OptionError);
          expect((err as Error).message).toMatch(/batchSize must be an integer >= 1/);
        }
      }
      // A valid batch size still works, and batching does not change the answer.
      expect([...(await clf.predict(data(), { batchSize: 3 }))]).toEqual([...(await clf.predict(data()))]);
    } finally {
      clf.dispose();
    }
  });

  it('rejects a label of 2e9 with a typed error before allocating per class', async () => {
    const d = data();
    const y = d.y.slice();
    y[1] = 2_000_000_000;
    const err = await make()
      .fit({ ...d, y })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SamplerInputError);
    expect((err as Error).message).toMatch(/row 1 has label 2000000000, which would make 2000000001 classes; labels are class indices 0\.\.65535/);
  });
});
