import { joinPath, makeDirectory, PlatformError, readFileBytes, readFileText, writeFileBytes } from '@oversample/core';
import { FileFormatError } from '@oversample/core';
import type { NetworkConfig } from './architecture';
import type { ParamSpec } from './parameters';

/** Name of the JSON file (configuration + TensorFlow.js weights manifest) in a saved autoencoder's directory. */
export const MODEL_FILE = 'model.json';
/** Name of the raw little-endian float32 weights file in a saved autoencoder's directory. */
export const WEIGHTS_FILE = 'weights.bin';
const FORMAT = 'oversample-autoencoder';
const FORMAT_VERSION = 1;

/**
 * `model.json`: the network configuration plus a TensorFlow.js weights manifest
 * (`weightsManifest[0].weights` lists name, shape and dtype in file order), so `weights.bin`
 * also reads with `tf.io.decodeWeights`.
 */
export interface ModelFile {
  readonly format: typeof FORMAT;
  readonly formatVersion: number;
  readonly config: NetworkConfig;
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: 'float32' }[];
  }[];
}

/** Writes `model.json` and `weights.bin` (raw little-endian float32, in spec order) into `dir`. */
export async function writeModel(
  dir: string,
  config: NetworkConfig,
  specs: readonly ParamSpec[],
  values: ReadonlyMap<string, Float32Array>,
): Promise<void> {
  await makeDirectory(dir);
  const total = specs.reduce((a, s) => a + values.get(s.name)!.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const s of specs) {
    const v = values.get(s.name)!;
    all.set(v, offset);
    offset += v.length;
  }
  const model: ModelFile = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    config: { inputShape: [...config.inputShape], dimH: config.dimH, latentDim: config.latentDim },
    weightsManifest: [
      { paths: [WEIGHTS_FILE], weights: specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: 'float32' as const })) },
    ],
  };
  // Typed arrays use the platform's byte order; every platform Node and TF.js run on is little-endian.
  await writeFileBytes(joinPath(dir, WEIGHTS_FILE), new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
  await writeFileBytes(joinPath(dir, MODEL_FILE), `${JSON.stringify(model, null, 2)}\n`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isShape(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((s) => Number.isInteger(s) && (s as number) >= 0);
}

/** Reads what `writeModel` wrote; throws `FileFormatError` naming the file and the problem. */
export async function readModel(dir: string): Promise<{ config: NetworkConfig; values: Map<string, Float32Array> }> {
  const modelPath = joinPath(dir, MODEL_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFileText(modelPath));
  } catch (err) {
    // No file system here (a browser): say so, not that the file is damaged.
    if (err instanceof PlatformError) throw err;
    throw new FileFormatError(modelPath, `cannot read a saved autoencoder (${(err as Error).message})`, { cause: err });
  }
  if (!isRecord(parsed) || parsed['format'] !== FORMAT) {
    throw new FileFormatError(modelPath, `not a saved autoencoder: "format" should be "${FORMAT}"`);
  }
  if (parsed['formatVersion'] !== FORMAT_VERSION) {
    throw new FileFormatError(modelPath, `formatVersion ${String(parsed['formatVersion'])} is not supported (expected ${FORMAT_VERSION})`);
  }
  const config = parsed['config'];
  if (!isRecord(config) || !isShape(config['inputShape']) || typeof config['dimH'] !== 'number' || typeof config['latentDim'] !== 'number') {
    throw new FileFormatError(modelPath, '"config" needs inputShape (array), dimH and latentDim (numbers)');
  }
  const manifest = parsed['weightsManifest'];
  const group = Array.isArray(manifest) && manifest.length === 1 && isRecord(manifest[0]) ? manifest[0] : undefined;
  const entries = group?.['weights'];
  if (!group || !Array.isArray(entries) || !Array.isArray(group['paths']) || group['paths'][0] !== WEIGHTS_FILE) {
    throw new FileFormatError(modelPath, `"weightsManifest" should hold one group reading ${WEIGHTS_FILE}`);
  }
  const weightsPath = joinPath(dir, WEIGHTS_FILE);
  const bytes = await readFileBytes(weightsPath).catch((err: unknown) => {
    throw new FileFormatError(weightsPath, `cannot read the weights (${(err as Error).message})`, { cause: err });
  });
  const values = new Map<string, Float32Array>();
  let offset = 0;
  for (const e of entries) {
    if (!isRecord(e) || typeof e['name'] !== 'string' || !isShape(e['shape']) || e['dtype'] !== 'float32') {
      throw new FileFormatError(modelPath, `bad weight entry ${JSON.stringify(e)}: needs name, shape and dtype "float32"`);
    }
    const count = e['shape'].reduce((a, b) => a * b, 1);
    if ((offset + count) * 4 > bytes.byteLength) {
      throw new FileFormatError(weightsPath, `${bytes.byteLength} bytes is too short for weight ${e['name']} (the manifest needs more)`);
    }
    // Copy into an aligned buffer of its own: a Buffer's offset need not be a multiple of 4.
    const v = new Float32Array(count);
    new Uint8Array(v.buffer).set(bytes.subarray((offset) * 4, (offset + count) * 4));
    values.set(e['name'], v);
    offset += count;
  }
  if (offset * 4 !== bytes.byteLength) {
    throw new FileFormatError(weightsPath, `has ${bytes.byteLength} bytes but the manifest describes ${offset * 4}`);
  }
  return {
    config: { inputShape: config['inputShape'], dimH: config['dimH'], latentDim: config['latentDim'] },
    values,
  };
}
