import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';
import { planFromArgs } from './cli';
import { PRESETS, QUICK_KEEL } from './presets';

const env = {};

describe('presets', () => {
  it('quick: a dozen KEEL tables and MNIST, SMOTE family and deep samplers, small CNN on images only', async () => {
    const { plan, skipped } = await planFromArgs(parseBenchArgs([], '/tmp'), env, '/tmp');
    expect(QUICK_KEEL).toHaveLength(12);
    expect(plan.datasets.map((d) => d.id)).toEqual([...QUICK_KEEL, 'mnist']);
    expect(plan.datasets.at(-1)!.kind).toBe('image');
    expect(plan.tableClassifiers).toEqual(['logistic-regression']);
    expect(plan.imageClassifiers).toEqual(['small-cnn']);
    for (const s of ['none', 'smote', 'borderline-smote', 'adasyn']) expect(plan.samplers).toContain(s);
    // Every deep sampler of the preset either runs or is reported as missing from this build.
    for (const s of ['deepsmote', 'regression-smote', 'autosmote-self', 'autosmote-cohort']) {
      expect((plan.samplers as readonly string[]).includes(s) || skipped.some((line) => line.startsWith(`${s}:`))).toBe(true);
    }
  });

  it('paper-mnist follows the DeepSMOTE protocol: full profile, 5 folds, ResNet-18', async () => {
    const { plan, preset } = await planFromArgs(parseBenchArgs(['--preset', 'paper-mnist'], '/tmp'), env, '/tmp');
    expect(preset.paper).toBe(true);
    expect(plan.folds).toBe(5);
    expect(plan.imageClassifiers).toEqual(['resnet18']);
    expect(plan.image.profileScale).toBe(1);
    expect(plan.datasets.map((d) => d.id)).toEqual(['mnist']);
  });

  it('smoke: two bundled KEEL tables and the SMOTE family, nothing that loads TensorFlow', async () => {
    const { plan } = await planFromArgs(parseBenchArgs(['--preset', 'smoke'], '/tmp'), env, '/tmp');
    expect(plan.datasets.map((d) => `${d.id}:${d.kind}`)).toEqual(['glass1:table', 'new-thyroid1:table']);
    expect(plan.samplers).toEqual(['none', 'random', 'smote', 'borderline-smote', 'adasyn']);
    expect(plan.tableClassifiers).toEqual(['logistic-regression']);
    expect(plan.folds).toBe(2);
  });

  it('keel runs all 100 tables with three classifiers, 5 folds x 2 repeats', async () => {
    const { plan } = await planFromArgs(parseBenchArgs(['--preset', 'keel'], '/tmp'), env, '/tmp');
    expect(plan.datasets).toHaveLength(100);
    expect(plan.tableClassifiers).toEqual(['logistic-regression', 'knn', 'mlp']);
    expect([plan.folds, plan.repeats]).toEqual([5, 2]);
  });

  it('flags override the preset lists', async () => {
    const args = parseBenchArgs(['--dataset', 'keel:pima', '--sampler', 'smote', '--classifier', 'knn', '--folds', '3', '--seeds', '1,2'], '/tmp');
    const { plan } = await planFromArgs(args, env, '/tmp');
    expect(plan.datasets.map((d) => d.id)).toEqual(['pima']);
    expect(plan.samplers).toEqual(['smote']);
    expect(plan.tableClassifiers).toEqual(['knn']);
    expect(plan.folds).toBe(3);
    expect(plan.seeds).toEqual([1, 2]);
    expect(Object.keys(PRESETS)).toEqual(['quick', 'keel', 'paper-mnist', 'paper-cifar10', 'smoke']);
  });
});
