import { joinPath, makeDirectory, PlatformError, readFileBytes, readFileText, writeFileBytes } from '@oversample/core';
import { FileFormatError, type FeatureInfo, type SamplingStrategy } from '@oversample/core';
import type { ColumnScaler } from './column-scaler';
import type { ClassModel, FittedState } from './fitted-state';
import { parameterSizes, type NetworkSpec } from './network';
import type { RegressionSMOTEOptions, ResolvedOptions } from './options';
import type { TrainingHistory } from './train';

const FORMAT = 'oversample/regression-smote';
const VERSION = 1;
const CONFIG_FILE = 'model.json';

interface SavedClass {
  label: number;
  n: number;
  k: number;
  scaler: { kind: ColumnScaler['kind']; offset: number[]; scale: number[] };
  history: TrainingHistory;
  files: { weights: string; rows: string; neighbors: string };
}

interface SavedModel {
  format: string;
  version: number;
  options: RegressionSMOTEOptions;
  seed: number;
  shape: number[];
  classNames?: readonly string[];
  features?: readonly FeatureInfo[];
  spec: NetworkSpec;
  sampleCalls: number;
  classes: SavedClass[];
}

/** Only JSON-representable strategies can be written; a Map becomes a `{ class: count }` object. */
function serializableStrategy(strategy: SamplingStrategy): SamplingStrategy | undefined {
  if (typeof strategy === 'function') return undefined;
  if (strategy instanceof Map) return Object.fromEntries(strategy) as Record<number, number>;
  return strategy;
}

function float32Bytes(arrays: readonly Float32Array[]): Uint8Array {
  const total = arrays.reduce((a, p) => a + p.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let o = 0;
  for (const p of arrays) for (let i = 0; i < p.length; i++, o += 4) view.setFloat32(o, p[i]!, true);
  return bytes;
}

function int32Bytes(values: Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i]!, true);
  return bytes;
}

/**
 * Writes a fitted model: `model.json` (format tag, options, seed, network shape, per-class scalers
 * and training history) plus, per class `c`, `class-c.weights.bin` (parameters `W0, b0, W1, ...`
 * as little-endian float32), `class-c.rows.bin` (scaled rows, float32) and `class-c.neighbors.bin`
 * (int32 neighbour table).
 */
export async function writeModel(dir: string, options: ResolvedOptions, state: FittedState): Promise<void> {
  await makeDirectory(dir);
  const strategy = serializableStrategy(options.samplingStrategy);
  const saved: SavedModel = {
    format: FORMAT,
    version: VERSION,
    options: {
      pairing: options.pairing,
      gap: options.gap,
      loss: options.loss,
      hiddenLayers: [...options.hiddenLayers],
      activation: options.activation,
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      pairsPerEpoch: options.pairsPerEpoch,
      kNeighbors: options.kNeighbors,
      patience: options.patience,
      ...(strategy === undefined ? {} : { samplingStrategy: strategy }),
      seed: state.seed,
    },
    seed: state.seed,
    shape: [...state.shape],
    ...(state.classNames ? { classNames: state.classNames } : {}),
    ...(state.features ? { features: state.features } : {}),
    spec: state.spec,
    sampleCalls: state.sampleCalls,
    classes: [],
  };
  for (const model of state.classes.values()) {
    const files = {
      weights: `class-${model.label}.weights.bin`,
      rows: `class-${model.label}.rows.bin`,
      neighbors: `class-${model.label}.neighbors.bin`,
    };
    await writeFileBytes(joinPath(dir, files.weights), float32Bytes(model.params));
    await writeFileBytes(joinPath(dir, files.rows), float32Bytes([model.rows]));
    await writeFileBytes(joinPath(dir, files.neighbors), int32Bytes(model.neighbors));
    saved.classes.push({
      label: model.label,
      n: model.n,
      k: model.k,
      scaler: { kind: model.scaler.kind, offset: [...model.scaler.offset], scale: [...model.scaler.scale] },
      history: model.history,
      files,
    });
  }
  await writeFileBytes(joinPath(dir, CONFIG_FILE), JSON.stringify(saved, null, 2) + '\n');
}

async function readBinary(file: string, expectedValues: number): Promise<DataView> {
  let bytes: Uint8Array;
  try {
    bytes = await readFileBytes(file);
  } catch (error) {
    throw new FileFormatError(file, `cannot be read (${(error as Error).message})`, { cause: error });
  }
  if (bytes.byteLength !== expectedValues * 4) {
    throw new FileFormatError(file, `holds ${bytes.byteLength} bytes; model.json describes ${expectedValues} 4-byte values`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readFloat32(view: DataView, at: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32((at + i) * 4, true);
  return out;
}

/** Reads what `writeModel` wrote; throws `FileFormatError` naming the file for anything missing or inconsistent. */
export async function readModel(dir: string): Promise<{ options: RegressionSMOTEOptions; state: FittedState }> {
  const configFile = joinPath(dir, CONFIG_FILE);
  let saved: SavedModel;
  try {
    saved = JSON.parse(await readFileText(configFile)) as SavedModel;
  } catch (error) {
    // No file system here (a browser): say so, not that the file is damaged.
    if (error instanceof PlatformError) throw error;
    throw new FileFormatError(configFile, `is not a readable RegressionSMOTE model (${(error as Error).message})`, { cause: error });
  }
  if (saved === null || typeof saved !== 'object' || saved.format !== FORMAT) {
    throw new FileFormatError(configFile, `has format ${JSON.stringify(saved?.format)}, expected "${FORMAT}"`);
  }
  if (saved.version !== VERSION) {
    throw new FileFormatError(configFile, `has version ${JSON.stringify(saved.version)}; this package reads version ${VERSION}`);
  }
  if (!Array.isArray(saved.classes) || !Array.isArray(saved.shape) || typeof saved.spec !== 'object') {
    throw new FileFormatError(configFile, 'lacks classes, shape or spec');
  }
  const d = saved.shape.reduce((a, b) => a * b, 1);
  const sizes = parameterSizes(saved.spec);
  const classes = new Map<number, ClassModel>();
  for (const c of saved.classes) {
    const weightsView = await readBinary(joinPath(dir, c.files.weights), sizes.reduce((a, b) => a + b, 0));
    const params: Float32Array[] = [];
    let at = 0;
    for (const size of sizes) {
      params.push(readFloat32(weightsView, at, size));
      at += size;
    }
    const rows = readFloat32(await readBinary(joinPath(dir, c.files.rows), c.n * d), 0, c.n * d);
    const nbView = await readBinary(joinPath(dir, c.files.neighbors), c.n * c.k);
    const neighbors = new Int32Array(c.n * c.k);
    for (let i = 0; i < neighbors.length; i++) {
      const v = nbView.getInt32(i * 4, true);
      if (v < 0 || v >= c.n) throw new FileFormatError(joinPath(dir, c.files.neighbors), `entry ${i} is ${v}, outside 0..${c.n - 1}`);
      neighbors[i] = v;
    }
    if (c.scaler.offset.length !== d || c.scaler.scale.length !== d) {
      throw new FileFormatError(configFile, `class ${c.label}'s scaler has ${c.scaler.offset.length} columns, the rows ${d}`);
    }
    classes.set(c.label, {
      label: c.label,
      rows,
      n: c.n,
      neighbors,
      k: c.k,
      scaler: { kind: c.scaler.kind, offset: Float64Array.from(c.scaler.offset), scale: Float64Array.from(c.scaler.scale) },
      params,
      history: c.history,
    });
  }
  if (classes.size === 0) throw new FileFormatError(configFile, 'holds no fitted class');
  return {
    options: saved.options,
    state: {
      seed: saved.seed,
      shape: saved.shape,
      ...(saved.classNames ? { classNames: saved.classNames } : {}),
      ...(saved.features ? { features: saved.features } : {}),
      spec: saved.spec,
      classes: new Map([...classes.entries()].sort((a, b) => a[0] - b[0])),
      sampleCalls: saved.sampleCalls,
    },
  };
}
