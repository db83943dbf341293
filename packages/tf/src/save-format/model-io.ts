import { FileFormatError, OptionError, OversampleError, describeValue } from '@oversample/core';
import { io } from '@tensorflow/tfjs-core';
import { readModelDirectory, writeModelDirectory } from './model-directory';
import { decodeModel, encodeModel, type DecodedModel, type SavedModel } from './saved-model';

/**
 * Where a model is saved to or loaded from: a directory (Node: `model.json` + `weights.bin`), a
 * TensorFlow.js URL such as `'indexeddb://my-model'` or `'localstorage://my-model'` (browsers), or
 * any `tf.io.IOHandler` (e.g. `tf.io.withSaveHandler`, `tf.io.fromMemory`).
 */
export type ModelLocation = string | io.IOHandler;

function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

function describeLocation(location: ModelLocation): string {
  return typeof location === 'string' ? location : 'the given tf.io.IOHandler';
}

function handlerFor(location: ModelLocation, use: 'save' | 'load'): io.IOHandler | undefined {
  if (typeof location !== 'string') {
    if (location === null || typeof location !== 'object' || typeof location[use] !== 'function') {
      throw new OptionError(`a model location must be a directory, a TensorFlow.js URL or a tf.io.IOHandler with ${use}(), got ${describeValue(location)}`);
    }
    return location;
  }
  if (!isUrl(location)) return undefined;
  const handlers = use === 'save' ? io.getSaveHandlers(location) : io.getLoadHandlers(location);
  if (handlers.length === 0) {
    throw new OptionError(`no TensorFlow.js ${use} handler is registered for ${describeValue(location)} (indexeddb:// and localstorage:// work in browsers)`);
  }
  return handlers[0];
}

/**
 * Saves a model in the one save format (see {@link encodeModel}) to a directory, a TensorFlow.js
 * URL or a `tf.io.IOHandler`.
 *
 * @example
 * await saveModel('models/deepsmote', { kind: 'deepsmote', config, arrays });
 * await saveModel('indexeddb://deepsmote', { kind: 'deepsmote', config, arrays }); // in a browser
 */
export async function saveModel(location: ModelLocation, model: SavedModel): Promise<void> {
  const artifacts = encodeModel(model);
  const handler = handlerFor(location, 'save');
  if (!handler) return writeModelDirectory(location as string, artifacts);
  await handler.save!(artifacts);
}

/**
 * Loads and checks a model saved by {@link saveModel}: one reader and one version check for every
 * model. `kind` is what the caller can read (`'deepsmote'`, or a list such as the classifier kinds).
 * Every problem is a `FileFormatError` naming the file; no tensors are made.
 */
export async function loadModel(location: ModelLocation, kind: string | readonly string[]): Promise<DecodedModel> {
  const handler = handlerFor(location, 'load');
  if (!handler) {
    const { artifacts, manifestFile, weightsFile } = await readModelDirectory(location as string);
    return decodeModel(artifacts, { kind, source: manifestFile, weightsSource: weightsFile });
  }
  let artifacts: io.ModelArtifacts;
  try {
    artifacts = await handler.load!();
  } catch (err) {
    if (err instanceof OversampleError) throw err;
    throw new FileFormatError(describeLocation(location), `cannot be loaded (${(err as Error).message})`, { cause: err });
  }
  return decodeModel(artifacts, { kind, source: describeLocation(location) });
}
