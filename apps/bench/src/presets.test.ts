import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';
import { planFromArgs } from './cli';
import { PRESET_FILES, PRESET_NAMES, presetConfig } from './presets';
import { UsageError } from './usage-error';

const env = {};
const tmp = mkdtempSync(join(tmpdir(), 'bench-presets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const QUICK_KEEL = ['glass1', 'ecoli1', 'haberman', 'new-thyroid1', 'pima', 'wisconsin', 'vehicle0', 'yeast3', 'glass4', 'yeast-2_vs_4', 'abalone9-18', 'ecoli4'];

describe('presets', () => {
  it('every preset file is a valid config whose options resolve', async () => {
    expect(PRESET_NAMES).toEqual(['quick', 'keel', 'paper-mnist', 'paper-cifar10', 'paper-cpu', 'smoke']);
    for (const name of Object.keys(PRESET_FILES)) {
      const config = presetConfig(name);
      expect(config.description, name).toBeTruthy();
      if (name === 'paper-cifar10') continue; // needs the CIFAR-10 files
      const { plan } = await planFromArgs(parseBenchArgs(['--preset', name], '/tmp'), env, '/tmp');
      expect(plan.samplers.length).toBeGreaterThan(1);
    }
  });

  it('quick: a dozen KEEL tables and MNIST, SMOTE family and deep samplers, small CNN on images only', async () => {
    const { plan } = await planFromArgs(parseBenchArgs([], '/tmp'), env, '/tmp');
    expect(plan.datasets.map((d) => d.id)).toEqual([...QUICK_KEEL, 'mnist']);
    expect(plan.datasets.at(-1)!.kind).toBe('image');
    expect(plan.tableClassifiers).toEqual(['logistic-regression']);
    expect(plan.imageClassifiers).toEqual(['small-cnn']);
    expect(plan.samplers).toEqual(['none', 'random', 'smote', 'borderline-smote', 'adasyn', 'deepsmote-paper', 'regression-smote', 'autosmote-self', 'autosmote-cohort']);
    // The deep samplers are small on tables and smaller still on images; the CNN trains 2 epochs.
    // DeepSMOTE runs as its package's defaults would (penalty 'paper', residual synthesis).
    expect(plan.options.table['deepsmote-paper']).toMatchObject({ epochs: 5, batchSize: 64, dimH: 16, penalty: 'paper', synthesis: 'residual' });
    expect(plan.options.image['deepsmote-paper']).toMatchObject({ epochs: 6, batchSize: 32, dimH: 8, latentDim: 32, penalty: 'paper', synthesis: 'residual' });
    expect(plan.options.image['small-cnn']).toMatchObject({ epochs: 2 });
    expect(plan.image).toEqual({ protocol: 'subsample', profileScale: 1 / 24, minPerClass: 10, testProfileScale: 1 });
  });

  it('paper-mnist follows the DeepSMOTE protocol: published split, both penalties, ResNet-18 to convergence', async () => {
    const { plan, settings } = await planFromArgs(parseBenchArgs(['--preset', 'paper-mnist'], '/tmp'), env, '/tmp');
    expect(settings.paper).toBe(true);
    expect(plan.folds).toBe(5);
    expect(plan.imageClassifiers).toEqual(['resnet18']);
    expect(plan.image).toMatchObject({ protocol: 'published', profileScale: 1 });
    expect(plan.samplers).toContain('deepsmote-paper');
    expect(plan.samplers).toContain('deepsmote-code');
    // Published configuration: the package's training defaults and the publication's generation; only the penalty differs.
    expect(plan.options.image['deepsmote-code']).toMatchObject({ epochs: 200, dimH: 64, batchSize: 100, penalty: 'code', synthesis: 'decode' });
    expect(plan.options.image['deepsmote-paper']).toMatchObject({ penalty: 'paper', synthesis: 'decode' });
    expect(plan.options.image.resnet18).toMatchObject({ epochs: 100, earlyStopping: { patience: 5, minDelta: 0 } });
  });

  it("paper-cpu runs DeepSMOTE's package defaults at CPU size; paper-mnist keeps the publication's generation", async () => {
    const { plan } = await planFromArgs(parseBenchArgs(['--preset', 'paper-cpu'], '/tmp'), env, '/tmp');
    expect(plan.samplers).toEqual(['none', 'random', 'smote', 'borderline-smote', 'adasyn', 'deepsmote-paper', 'deepsmote-code']);
    for (const s of ['deepsmote-paper', 'deepsmote-code']) expect(plan.options.image[s]).toMatchObject({ epochs: 15, dimH: 16, batchSize: 64, synthesis: 'residual' });
    const decoded = await planFromArgs(parseBenchArgs(['--preset', 'paper-cpu', '--set', 'deepsmote.synthesis=decode'], '/tmp'), env, '/tmp');
    expect(decoded.plan.options.image['deepsmote-code']).toMatchObject({ epochs: 15, synthesis: 'decode' });
  });

  it('smoke (CI, bare clone): two bundled KEEL tables and the SMOTE family, nothing that loads TensorFlow', async () => {
    const { plan } = await planFromArgs(parseBenchArgs(['--preset', 'smoke'], '/tmp'), env, '/tmp');
    expect(plan.datasets.map((d) => `${d.id}:${d.kind}:${d.loader}`)).toEqual(['glass1:table:datasets', 'new-thyroid1:table:datasets']);
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

  it('flags override the preset lists; --set and --epochs override options, a family before its members', async () => {
    const args = parseBenchArgs(
      ['--dataset', 'keel:pima', '--sampler', 'smote,deepsmote-code', '--classifier', 'knn,mlp', '--folds', '3', '--seeds', '1,2', '--set', 'smote.kNeighbors=3', '--set', 'deepsmote.epochs=60', '--set', 'knn.weights=distance', '--set', 'mlp.hiddenLayers=8,4', '--epochs', '7'],
      '/tmp',
    );
    const { plan } = await planFromArgs(args, env, '/tmp');
    expect(plan.datasets.map((d) => d.id)).toEqual(['pima']);
    expect(plan.samplers).toEqual(['smote', 'deepsmote-code']);
    expect(plan.tableClassifiers).toEqual(['knn', 'mlp']);
    expect(plan.folds).toBe(3);
    expect(plan.seeds).toEqual([1, 2]);
    expect(plan.options.table.smote).toEqual({ samplingStrategy: 'auto', kNeighbors: 3 });
    // quick's table settings for the family (epochs 5, dimH 16), then --set's epochs.
    expect(plan.options.table['deepsmote-code']).toMatchObject({ epochs: 60, dimH: 16, penalty: 'code' });
    expect(plan.options.table.knn).toEqual({ k: 5, weights: 'distance' });
    expect(plan.options.table.mlp).toMatchObject({ hiddenLayers: [8, 4], epochs: 7 });
  });

  it('--config reads a JSON file on top of the preset it extends, rejecting unknown keys by the nearest one', async () => {
    const file = join(tmp, 'bench.json');
    writeFileSync(file, JSON.stringify({ extends: 'quick', datasets: ['keel:glass1'], samplers: ['smote'], options: { smote: { kNeighbors: 4 } } }));
    const { plan, configName } = await planFromArgs(parseBenchArgs(['--config', file], tmp), env, tmp);
    expect(configName).toBe(`config ${file}`);
    expect(plan.datasets.map((d) => d.id)).toEqual(['glass1']);
    expect(plan.folds).toBe(2); // from quick
    expect(plan.options.table.smote).toMatchObject({ kNeighbors: 4 });

    const bad: [unknown, RegExp][] = [
      [{ extends: 'quick', sampler: ['smote'] }, /unknown key 'sampler'; did you mean 'samplers'\?/],
      [{ extends: 'quick', images: { profilescale: 0.5 } }, /images: unknown key 'profilescale'; did you mean 'profileScale'\?/],
      [{ extends: 'quick', options: { smote: { kNeighbours: 4 } } }, /smote has no option 'kNeighbours'; did you mean 'kNeighbors'\?/],
      [{ extends: 'quick', options: { smote: { kNeighbors: 0 } } }, /smote.kNeighbors must be an integer >= 1, got 0/],
      [{ extends: 'quick', options: { smoot: {} } }, /called 'smoot'; did you mean 'smote'\?/],
      [{ extends: 'quik' }, /unknown preset 'quik'; did you mean 'quick'\?/],
      [{ extends: 'quick', samplers: ['deepsmote'] }, /unknown name 'deepsmote'; did you mean 'deepsmote-(paper|code)'\?/],
      [{ extends: 'quick', seeds: '0..5000' }, /at most 1000 per run/],
      [{ extends: 'quick', folds: 1 }, /folds must be an integer from 2 to 100/],
      [{ samplers: ['smote'] }, /names no datasets/],
      [[1, 2], /must hold a JSON object/],
    ];
    for (const [json, message] of bad) {
      writeFileSync(file, JSON.stringify(json));
      await expect(planFromArgs(parseBenchArgs(['--config', file], tmp), env, tmp), JSON.stringify(json)).rejects.toThrow(message);
    }
    writeFileSync(file, '{ "extends": ');
    await expect(planFromArgs(parseBenchArgs(['--config', file], tmp), env, tmp)).rejects.toThrow(/is not valid JSON/);
    await expect(planFromArgs(parseBenchArgs(['--config', join(tmp, 'nope.json')], tmp), env, tmp)).rejects.toThrow(UsageError);
  });
});
