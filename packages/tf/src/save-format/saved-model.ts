import { FileFormatError, OversampleError, describeValue } from '@oversample/core';
import type { io } from '@tensorflow/tfjs-core';

/** The version of the save format this release writes and reads. */
export const SAVE_FORMAT_VERSION = 1;

/** The `format` field of every saved model's artifacts and `model.json`. */
export const SAVE_FORMAT = 'oversample';

/**
 * Where a saved model directory keeps its parts: TensorFlow.js's layout (`model.json` with a
 * weights manifest, and `weights.bin`), and the path of the format version inside `model.json`.
 */
export const SAVED_MODEL_LAYOUT = {
  manifest: 'model.json',
  weights: 'weights.bin',
  versionPath: ['modelTopology', 'formatVersion'],
} as const;

/** The arrays a model saves: float32 weights, int32 indices and labels, bool (0/1 bytes) flags. */
export type SavedValues = Float32Array | Int32Array | Uint8Array;

/** One named array of a saved model, with its shape (`[values.length]` for a flat one). */
export interface SavedArray {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: SavedValues;
}

/** A model to save: which kind it is, its JSON configuration and its arrays. */
export interface SavedModel {
  /** What reads it back, e.g. `'deepsmote'`, `'autoencoder'`, `'mlp'`. */
  readonly kind: string;
  /** Everything that is not an array: options, shapes, scalars (must survive `JSON.stringify`). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly arrays: readonly SavedArray[];
  /** The package that wrote it, for `generatedBy`. */
  readonly generatedBy?: string;
}

/** `modelTopology` of a saved model: the kind, the format version and the configuration. */
interface Topology {
  readonly kind: string;
  readonly formatVersion: number;
  readonly config: Record<string, unknown>;
}

type Dtype = 'float32' | 'int32' | 'bool';

function dtypeOf(values: SavedValues): Dtype {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Int32Array) return 'int32';
  return 'bool';
}

const BYTES: Record<Dtype, number> = { float32: 4, int32: 4, bool: 1 };

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Encodes a model as TensorFlow.js `ModelArtifacts`: `modelTopology` holds the kind, format version
 * and configuration, `weightSpecs` and `weightData` the arrays back to back (little-endian, the
 * layout `tf.io.decodeWeights` reads). Browser-safe: no file system, no tensors.
 *
 * @example
 * const artifacts = encodeModel({ kind: 'deepsmote', config: { seed: 1 }, arrays: [{ name: 'codes', shape: [2, 3], values }] });
 */
export function encodeModel(model: SavedModel): io.ModelArtifacts {
  const names = new Set<string>();
  let bytes = 0;
  for (const a of model.arrays) {
    if (names.has(a.name)) throw new OversampleError(`internal: two saved arrays are named ${describeValue(a.name)}`);
    names.add(a.name);
    if (sizeOf(a.shape) !== a.values.length) {
      throw new OversampleError(`internal: saved array ${a.name} has ${a.values.length} values for shape [${a.shape.join(', ')}]`);
    }
    bytes += a.values.byteLength;
  }
  const data = new Uint8Array(bytes);
  let offset = 0;
  // Typed arrays use the platform's byte order; every platform Node and TF.js run on is little-endian.
  for (const a of model.arrays) {
    data.set(new Uint8Array(a.values.buffer, a.values.byteOffset, a.values.byteLength), offset);
    offset += a.values.byteLength;
  }
  const topology: Topology = { kind: model.kind, formatVersion: SAVE_FORMAT_VERSION, config: JSON.parse(JSON.stringify(model.config)) as Record<string, unknown> };
  return {
    format: SAVE_FORMAT,
    generatedBy: model.generatedBy ?? '@oversample/tf',
    convertedBy: null,
    modelTopology: topology as unknown as io.ModelArtifacts['modelTopology'],
    weightSpecs: model.arrays.map((a) => ({ name: a.name, shape: [...a.shape], dtype: dtypeOf(a.values) })),
    weightData: data.buffer,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** All weight bytes of artifacts as one array (TF.js allows a list of buffers). */
export function joinWeightData(data: io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out;
}

/**
 * A model read back and checked: its configuration and typed accessors for its arrays, each
 * throwing a `FileFormatError` naming the source when an array is missing or of another type or
 * shape.
 */
export class DecodedModel {
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  private readonly arrays = new Map<string, SavedArray>();

  /** @internal */
  constructor(
    /** What was read (a directory, a URL), for messages. */
    readonly source: string,
    kind: string,
    config: Record<string, unknown>,
    arrays: readonly SavedArray[],
  ) {
    this.kind = kind;
    this.config = config;
    for (const a of arrays) this.arrays.set(a.name, a);
  }

  /** The names of the arrays, in file order. */
  get names(): string[] {
    return [...this.arrays.keys()];
  }

  /** Whether an array of this name was saved. */
  has(name: string): boolean {
    return this.arrays.has(name);
  }

  private take(name: string, dtype: Dtype, shape: readonly number[] | undefined): SavedArray {
    const a = this.arrays.get(name);
    if (!a) throw new FileFormatError(this.source, `has no array ${describeValue(name)} (it holds ${this.names.join(', ') || 'none'})`);
    if (dtypeOf(a.values) !== dtype) throw new FileFormatError(this.source, `array ${describeValue(name)} is ${dtypeOf(a.values)}, expected ${dtype}`);
    if (shape && (shape.length !== a.shape.length || shape.some((s, i) => s !== a.shape[i]))) {
      throw new FileFormatError(this.source, `array ${describeValue(name)} has shape [${a.shape.join(', ')}], expected [${shape.join(', ')}]`);
    }
    return a;
  }

  /** A float32 array (optionally of an expected shape). */
  float32(name: string, shape?: readonly number[]): Float32Array {
    return this.take(name, 'float32', shape).values as Float32Array;
  }

  /** An int32 array (optionally of an expected shape). */
  int32(name: string, shape?: readonly number[]): Int32Array {
    return this.take(name, 'int32', shape).values as Int32Array;
  }

  /** A bool array as 0/1 bytes (optionally of an expected shape). */
  bool(name: string, shape?: readonly number[]): Uint8Array {
    return this.take(name, 'bool', shape).values as Uint8Array;
  }

  /** The shape an array was saved with. */
  shapeOf(name: string): readonly number[] {
    const a = this.arrays.get(name);
    if (!a) throw new FileFormatError(this.source, `has no array ${describeValue(name)}`);
    return a.shape;
  }

  /** Throws a `FileFormatError` naming the source, for a problem a reader finds in the content. */
  fail(problem: string): never {
    throw new FileFormatError(this.source, problem);
  }

  /**
   * Runs `read` on the configuration and turns what it throws (an `OptionError` from re-checked
   * options, a `TypeError` from a missing field) into a `FileFormatError` naming the source.
   */
  read<T>(what: string, read: (config: Readonly<Record<string, unknown>>) => T): T {
    try {
      return read(this.config);
    } catch (err) {
      if (err instanceof FileFormatError) throw err;
      throw new FileFormatError(this.source, `${what} cannot be read back: ${(err as Error).message}`, { cause: err });
    }
  }
}

/**
 * Decodes and checks `ModelArtifacts` written by {@link encodeModel}: the format, the format
 * version (one check for every model), the kind, every weight spec, and the byte length of the
 * weights against the specs. Anything wrong is a `FileFormatError` naming `source` (and
 * `weightsSource` for the weights' length); nothing here makes tensors, so a failed load leaks none.
 */
export function decodeModel(
  artifacts: io.ModelArtifacts,
  expected: { readonly kind: string | readonly string[]; readonly source: string; readonly weightsSource?: string },
): DecodedModel {
  const source = expected.source;
  const fail = (problem: string, file = source): never => {
    throw new FileFormatError(file, problem);
  };
  if (!isRecord(artifacts)) fail('is not a saved model');
  if (artifacts.format !== SAVE_FORMAT) {
    fail(`is not an oversample model: "format" is ${describeValue(artifacts.format)}, expected ${describeValue(SAVE_FORMAT)}`);
  }
  const topology = artifacts.modelTopology;
  if (!isRecord(topology)) fail('has no "modelTopology" object');
  const t = topology as Record<string, unknown>;
  if (t['formatVersion'] !== SAVE_FORMAT_VERSION) {
    fail(`has format version ${describeValue(t['formatVersion'])}; this release reads version ${SAVE_FORMAT_VERSION}`);
  }
  const kinds = typeof expected.kind === 'string' ? [expected.kind] : expected.kind;
  if (typeof t['kind'] !== 'string' || !kinds.includes(t['kind'])) {
    fail(`holds a ${describeValue(t['kind'])} model, not ${kinds.map((k) => describeValue(k)).join(' or ')}`);
  }
  if (!isRecord(t['config'])) fail('has no "config" object in its modelTopology');
  const specs = artifacts.weightSpecs ?? [];
  if (!Array.isArray(specs)) fail('"weightSpecs" is not a list');
  const data = joinWeightData(artifacts.weightData);
  let expectedBytes = 0;
  const seen = new Set<string>();
  for (const spec of specs as unknown[]) {
    const e = spec as Record<string, unknown>;
    const shape = e?.['shape'];
    if (
      !isRecord(e) ||
      typeof e['name'] !== 'string' ||
      !Array.isArray(shape) ||
      !shape.every((s) => Number.isInteger(s) && (s as number) >= 0) ||
      !(e['dtype'] === 'float32' || e['dtype'] === 'int32' || e['dtype'] === 'bool')
    ) {
      return fail(`has a bad weight entry ${describeValue(spec)}: it needs a name, a shape of integers >= 0 and dtype float32, int32 or bool`);
    }
    if (seen.has(e['name'])) fail(`lists weight ${describeValue(e['name'])} twice`);
    seen.add(e['name']);
    expectedBytes += sizeOf(shape as number[]) * BYTES[e['dtype']];
  }
  if (data.byteLength !== expectedBytes) {
    fail(`holds ${data.byteLength} bytes of weights; the manifest describes ${expectedBytes}`, expected.weightsSource ?? source);
  }
  const arrays: SavedArray[] = [];
  let offset = 0;
  for (const spec of specs as io.WeightsManifestEntry[]) {
    const count = sizeOf(spec.shape);
    const dtype = spec.dtype as Dtype;
    const bytes = data.slice(offset, offset + count * BYTES[dtype]);
    // Copies into buffers of their own: the slice is aligned, and no array shares the file's buffer.
    const values = dtype === 'float32' ? new Float32Array(bytes.buffer) : dtype === 'int32' ? new Int32Array(bytes.buffer) : bytes;
    arrays.push({ name: spec.name, shape: [...spec.shape], values });
    offset += bytes.byteLength;
  }
  return new DecodedModel(source, t['kind'] as string, t['config'] as Record<string, unknown>, arrays);
}
