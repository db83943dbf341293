import type * as NodeFs from 'node:fs/promises';
import type * as NodePath from 'node:path';
import { FileFormatError, describeValue } from '@oversample/core';
import type { io } from '@tensorflow/tfjs-core';
import { joinWeightData, SAVED_MODEL_LAYOUT } from './saved-model';

// Node only: the file system is imported when a directory is read or written, so that browsers
// (which save through a tf.io.IOHandler instead) never load it.
async function nodeFs(): Promise<{ fs: typeof NodeFs; path: typeof NodePath }> {
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  return { fs, path };
}

/**
 * Writes artifacts as TensorFlow.js lays a model out on disk: `model.json` (format, topology and
 * weights manifest) and `weights.bin`. Each file is written under a temporary name and renamed, so
 * an interrupted save never leaves a half-written file under the real name.
 */
export async function writeModelDirectory(dir: string, artifacts: io.ModelArtifacts): Promise<void> {
  const { fs, path } = await nodeFs();
  await fs.mkdir(dir, { recursive: true });
  const json: io.ModelJSON = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology as io.ModelJSON['modelTopology'],
    weightsManifest: [{ paths: [SAVED_MODEL_LAYOUT.weights], weights: artifacts.weightSpecs ?? [] }],
  };
  const bytes = joinWeightData(artifacts.weightData);
  const writes: [string, string | Uint8Array][] = [
    [SAVED_MODEL_LAYOUT.weights, bytes],
    [SAVED_MODEL_LAYOUT.manifest, `${JSON.stringify(json, null, 1)}\n`],
  ];
  for (const [name, content] of writes) {
    const target = path.join(dir, name);
    const temp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temp, content);
    await fs.rename(temp, target);
  }
}

/**
 * Reads what {@link writeModelDirectory} wrote (or any TensorFlow.js `model.json` whose manifest
 * names files beside it) back into artifacts. A missing or unreadable file, JSON that does not
 * parse, or a manifest naming files outside the directory is a `FileFormatError` naming the file.
 */
export async function readModelDirectory(dir: string): Promise<{ artifacts: io.ModelArtifacts; manifestFile: string; weightsFile: string }> {
  const { fs, path } = await nodeFs();
  const manifestFile = path.join(dir, SAVED_MODEL_LAYOUT.manifest);
  let json: io.ModelJSON;
  try {
    json = JSON.parse(await fs.readFile(manifestFile, 'utf8')) as io.ModelJSON;
  } catch (err) {
    throw new FileFormatError(manifestFile, `cannot be read as a saved model (${(err as Error).message})`, { cause: err });
  }
  const groups = json?.weightsManifest;
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g?.paths) && Array.isArray(g?.weights))) {
    throw new FileFormatError(manifestFile, '"weightsManifest" must be a list of { paths, weights } groups');
  }
  const parts: ArrayBuffer[] = [];
  let weightsFile = path.join(dir, SAVED_MODEL_LAYOUT.weights);
  for (const group of groups) {
    for (const p of group.paths) {
      if (typeof p !== 'string' || p !== path.basename(p) || p === '..' || p === '.') {
        throw new FileFormatError(manifestFile, `weights path ${describeValue(p)} is not a file name beside model.json`);
      }
      weightsFile = path.join(dir, p);
      try {
        const b = await fs.readFile(weightsFile);
        parts.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
      } catch (err) {
        throw new FileFormatError(weightsFile, `cannot be read (${(err as Error).message})`, { cause: err });
      }
    }
  }
  const artifacts: io.ModelArtifacts = {
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    modelTopology: json.modelTopology,
    weightSpecs: groups.flatMap((g) => g.weights),
    weightData: parts.length === 1 ? parts[0]! : parts,
  };
  return { artifacts, manifestFile, weightsFile };
}
