import { FileFormatError, PlatformError, describeValue, joinPath, makeDirectory, readFileBytes, readFileText, writeFileBytes } from '@oversample/core';
import type { io } from '@tensorflow/tfjs-core';
import { joinWeightData, SAVED_MODEL_LAYOUT } from './saved-model';

// Files go through @oversample/core (docs/design.md, "Platforms"): in a browser, which saves through
// a tf.io.IOHandler instead, they throw PlatformError.

/**
 * Writes artifacts as TensorFlow.js lays a model out on disk: `model.json` (format, topology and
 * weights manifest) and `weights.bin`. Each file is written under a temporary name and renamed, so
 * an interrupted save never leaves a half-written file under the real name.
 */
export async function writeModelDirectory(dir: string, artifacts: io.ModelArtifacts): Promise<void> {
  await makeDirectory(dir);
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
  // writeFileBytes writes a temporary file and renames it: an interrupted save leaves no half file.
  for (const [name, content] of writes) await writeFileBytes(joinPath(dir, name), content);
}

/**
 * Reads what {@link writeModelDirectory} wrote (or any TensorFlow.js `model.json` whose manifest
 * names files beside it) back into artifacts. A missing or unreadable file, JSON that does not
 * parse, or a manifest naming files outside the directory is a `FileFormatError` naming the file.
 */
export async function readModelDirectory(dir: string): Promise<{ artifacts: io.ModelArtifacts; manifestFile: string; weightsFile: string }> {
  const manifestFile = joinPath(dir, SAVED_MODEL_LAYOUT.manifest);
  let json: io.ModelJSON;
  try {
    json = JSON.parse(await readFileText(manifestFile)) as io.ModelJSON;
  } catch (err) {
    // No file system here (a browser): say so, not that the file is damaged.
    if (err instanceof PlatformError) throw err;
    throw new FileFormatError(manifestFile, `cannot be read as a saved model (${(err as Error).message})`, { cause: err });
  }
  const groups = json?.weightsManifest;
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g?.paths) && Array.isArray(g?.weights))) {
    throw new FileFormatError(manifestFile, '"weightsManifest" must be a list of { paths, weights } groups');
  }
  const parts: ArrayBuffer[] = [];
  let weightsFile = joinPath(dir, SAVED_MODEL_LAYOUT.weights);
  for (const group of groups) {
    for (const p of group.paths) {
      if (typeof p !== 'string' || /[\\/]/.test(p) || p === '' || p === '..' || p === '.') {
        throw new FileFormatError(manifestFile, `weights path ${describeValue(p)} is not a file name beside model.json`);
      }
      weightsFile = joinPath(dir, p);
      try {
        parts.push((await readFileBytes(weightsFile)).slice().buffer);
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
