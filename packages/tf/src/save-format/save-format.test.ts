import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileFormatError, OptionError } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, loadModel, saveModel, SAVE_FORMAT_VERSION, SAVED_MODEL_LAYOUT, type SavedModel } from './index';

const model: SavedModel = {
  kind: 'test-model',
  config: { seed: 7, shape: [2, 3], name: 'x' },
  arrays: [
    { name: 'w', shape: [2, 3], values: new Float32Array([1, 2, 3, 4.5, -5, 6e-9]) },
    { name: 'labels', shape: [3], values: new Int32Array([0, 7, -1]) },
    { name: 'flags', shape: [3], values: new Uint8Array([1, 0, 1]) },
    { name: 'after-bool', shape: [1], values: new Float32Array([Math.PI]) },
  ],
};

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'save-format-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function expectSame(decoded: ReturnType<typeof decodeModel>): void {
  expect(decoded.kind).toBe('test-model');
  expect(decoded.config).toEqual(model.config);
  expect([...decoded.float32('w', [2, 3])]).toEqual([...(model.arrays[0]!.values as Float32Array)]);
  expect([...decoded.int32('labels')]).toEqual([0, 7, -1]);
  expect([...decoded.bool('flags')]).toEqual([1, 0, 1]);
  expect(decoded.float32('after-bool')[0]).toBe(Math.fround(Math.PI));
  expect(decoded.names).toEqual(['w', 'labels', 'flags', 'after-bool']);
}

describe('the one save format', () => {
  it('round-trips arrays and configuration through ModelArtifacts', () => {
    const artifacts = encodeModel(model);
    expect(artifacts.format).toBe('oversample');
    expect(artifacts.modelTopology).toMatchObject({ kind: 'test-model', formatVersion: SAVE_FORMAT_VERSION });
    expectSame(decodeModel(artifacts, { kind: 'test-model', source: 'memory' }));
  });

  it('writes weights TensorFlow.js itself decodes', () => {
    const artifacts = encodeModel(model);
    const tensors = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
    expect([...tensors['w']!.dataSync()]).toEqual([...(model.arrays[0]!.values as Float32Array)]);
    expect([...tensors['labels']!.dataSync()]).toEqual([0, 7, -1]);
    expect([...tensors['flags']!.dataSync()]).toEqual([1, 0, 1]);
    expect(tensors['after-bool']!.dataSync()[0]).toBe(Math.fround(Math.PI));
    tf.dispose(Object.values(tensors));
  });

  it('saves a directory in TensorFlow.js’s layout and loads it back', async () => {
    const target = join(dir, 'round-trip');
    await saveModel(target, model);
    const json = JSON.parse(await readFile(join(target, SAVED_MODEL_LAYOUT.manifest), 'utf8')) as tf.io.ModelJSON;
    expect(json.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: encodeModel(model).weightSpecs }]);
    expect((await readFile(join(target, 'weights.bin'))).byteLength).toBe(24 + 12 + 3 + 4);
    expectSame(await loadModel(target, 'test-model'));
    expectSame(await loadModel(target, ['other', 'test-model']));
  });

  it('saves through and loads from a tf.io.IOHandler (in-memory artifacts, as browsers use)', async () => {
    let saved: tf.io.ModelArtifacts | undefined;
    await saveModel(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      model,
    );
    expectSame(await loadModel(tf.io.fromMemory(saved!), 'test-model'));
    await expect(saveModel('nosuchscheme://x', model)).rejects.toThrow(OptionError);
    await expect(saveModel(42 as unknown as string, model)).rejects.toThrow(OptionError);
  });

  const damages: [string, (target: string) => Promise<void>, RegExp][] = [
    [
      'another format version',
      async (t) => {
        const file = join(t, 'model.json');
        const json = JSON.parse(await readFile(file, 'utf8'));
        json.modelTopology.formatVersion = 2;
        await writeFile(file, JSON.stringify(json));
      },
      /model\.json: has format version 2; this release reads version 1/,
    ],
    [
      'another kind',
      async (t) => {
        const file = join(t, 'model.json');
        const json = JSON.parse(await readFile(file, 'utf8'));
        json.modelTopology.kind = 'mlp';
        await writeFile(file, JSON.stringify(json));
      },
      /holds a "mlp" model, not "test-model"/,
    ],
    [
      'a Keras model.json',
      async (t) => writeFile(join(t, 'model.json'), JSON.stringify({ format: 'layers-model', modelTopology: {}, weightsManifest: [] })),
      /is not an oversample model: "format" is "layers-model"/,
    ],
    ['JSON cut short', async (t) => writeFile(join(t, 'model.json'), '{"format": "overs'), /model\.json: cannot be read as a saved model/],
    [
      'weights 2 bytes short (a length that is not a multiple of 4)',
      async (t) => writeFile(join(t, 'weights.bin'), (await readFile(join(t, 'weights.bin'))).subarray(0, 41)),
      /weights\.bin: holds 41 bytes of weights; the manifest describes 43/,
    ],
    ['a missing weights file', (t) => rm(join(t, 'weights.bin')), /weights\.bin: cannot be read/],
    [
      'a weights path outside the directory',
      async (t) => {
        const file = join(t, 'model.json');
        const json = JSON.parse(await readFile(file, 'utf8'));
        json.weightsManifest[0].paths = ['../../etc/passwd'];
        await writeFile(file, JSON.stringify(json));
      },
      /weights path "\.\.\/\.\.\/etc\/passwd" is not a file name beside model\.json/,
    ],
    [
      'a bad weight entry',
      async (t) => {
        const file = join(t, 'model.json');
        const json = JSON.parse(await readFile(file, 'utf8'));
        json.weightsManifest[0].weights[0].dtype = 'float64';
        await writeFile(file, JSON.stringify(json));
      },
      /has a bad weight entry/,
    ],
  ];
  for (const [what, damage, message] of damages) {
    it(`refuses ${what} with a FileFormatError naming the file`, async () => {
      const target = await mkdtemp(join(dir, 'damaged-'));
      await saveModel(target, model);
      await damage(target);
      const err = await loadModel(target, 'test-model').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileFormatError);
      expect((err as Error).message).toMatch(message);
    });
  }

  it('names missing arrays, wrong types and shapes, and unreadable configuration', () => {
    const decoded = decodeModel(encodeModel(model), { kind: 'test-model', source: 'm.json' });
    expect(() => decoded.float32('nope')).toThrow(/m\.json: has no array "nope"/);
    expect(() => decoded.int32('w')).toThrow(/array "w" is float32, expected int32/);
    expect(() => decoded.float32('w', [3, 2])).toThrow(/array "w" has shape \[2, 3\], expected \[3, 2\]/);
    const err = (() => {
      try {
        decoded.read('the options', () => {
          throw new OptionError('epochs must be an integer >= 1, got 0');
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as Error).message).toBe('m.json: the options cannot be read back: epochs must be an integer >= 1, got 0');
  });
});
