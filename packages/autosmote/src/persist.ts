import { joinPath, makeDirectory, PlatformError, readFileBytes, readFileText, writeFileBytes } from '@oversample/core';
import { FileFormatError } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Fitted } from './fitted';

type Typed = Float32Array | Int32Array | Uint8Array;

interface Entry {
  readonly name: string;
  readonly dtype: 'float32' | 'int32' | 'uint8';
  readonly offset: number;
  readonly length: number;
  readonly shape?: readonly number[];
}

const FORMAT = 'oversample-autosmote@1';

/** Writes `autosmote.json` (options, sizes, manifest) and `weights.bin` (every array, little-endian). */
export async function saveFitted(dir: string, options: object, f: Fitted): Promise<void> {
  const arrays: [string, Typed, number[]?][] = [
    ['mean', f.mean],
    ['std', f.std],
    ['units.features', f.units.features, [f.units.nUnits, f.units.f]],
    ['units.unitClass', f.units.unitClass],
    ['units.unitSize', f.units.unitSize],
    ['unitSeeds', f.unitSeeds],
    ['unitK', f.unitK],
    ['unitAgg', f.unitAgg],
    ['synthetic.x', f.synthetic.x],
    ['synthetic.y', f.synthetic.y],
  ];
  f.neighborhoods.forEach((nb, c) => {
    arrays.push([`nb${c}.x`, nb.x], [`nb${c}.nn`, nb.nn], [`nb${c}.dist`, nb.dist], [`units.unitOfRow${c}`, f.units.unitOfRow[c]!]);
  });
  f.classifier.forEach((v, j) => arrays.push([`classifier${j}`, v.dataSync() as Float32Array, v.shape]));
  f.policy.forEach((v, j) => arrays.push([`policy${j}`, v.dataSync() as Float32Array, v.shape]));
  const manifest: Entry[] = [];
  let offset = 0;
  for (const [name, a, shape] of arrays) {
    const dtype = a instanceof Float32Array ? 'float32' : a instanceof Int32Array ? 'int32' : 'uint8';
    manifest.push({ name, dtype, offset, length: a.length, ...(shape ? { shape } : {}) });
    offset += a.byteLength;
    offset = Math.ceil(offset / 4) * 4;
  }
  const bin = new Uint8Array(offset);
  arrays.forEach(([, a], j) => bin.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), manifest[j]!.offset));
  const meta = {
    format: FORMAT,
    options,
    d: f.d,
    shape: f.shape,
    nClasses: f.nClasses,
    f: f.units.f,
    nUnits: f.units.nUnits,
    neighborhoods: f.neighborhoods.map((nb) => ({ label: nb.label, m: nb.m, kMax: nb.kMax })),
    classifierLayers: f.classifier.length,
    policyLayers: f.policy.length,
    plan: [...f.plan.entries()],
    losses: f.losses,
    manifest,
  };
  await makeDirectory(dir);
  await writeFileBytes(joinPath(dir, 'weights.bin'), bin);
  await writeFileBytes(joinPath(dir, 'autosmote.json'), JSON.stringify(meta, null, 1));
}

/** Reads what {@link saveFitted} wrote; throws `FileFormatError` naming the file when it is not that. */
export async function loadFitted(dir: string): Promise<{ options: Record<string, unknown>; fitted: Fitted }> {
  const jsonPath = joinPath(dir, 'autosmote.json');
  const binPath = joinPath(dir, 'weights.bin');
  let meta: {
    format: string;
    options: Record<string, unknown>;
    d: number;
    shape: number[];
    nClasses: number;
    f: number;
    nUnits: number;
    neighborhoods: { label: number; m: number; kMax: number }[];
    classifierLayers: number;
    policyLayers: number;
    plan: [number, number][];
    losses: number[];
    manifest: Entry[];
  };
  try {
    meta = JSON.parse(await readFileText(jsonPath));
  } catch (err) {
    // No file system here (a browser): say so, not that the file is damaged.
    if (err instanceof PlatformError) throw err;
    throw new FileFormatError(jsonPath, `cannot read an AutoSMOTE model: ${(err as Error).message}`, { cause: err });
  }
  if (meta.format !== FORMAT) throw new FileFormatError(jsonPath, `format is ${JSON.stringify(meta.format)}, expected ${FORMAT}`);
  const raw = await readFileBytes(binPath);
  const buf = raw.slice().buffer; // its own ArrayBuffer, aligned for the typed views below
  const byName = new Map<string, Typed>();
  for (const e of meta.manifest) {
    const ctor = e.dtype === 'float32' ? Float32Array : e.dtype === 'int32' ? Int32Array : Uint8Array;
    const bytes = e.length * ctor.BYTES_PER_ELEMENT;
    if (e.offset + bytes > buf.byteLength) throw new FileFormatError(binPath, `is truncated: ${e.name} needs bytes ${e.offset}..${e.offset + bytes}, the file has ${buf.byteLength}`);
    byName.set(e.name, new ctor(buf.slice(e.offset, e.offset + bytes)));
  }
  const get = <T extends Typed>(name: string): T => {
    const a = byName.get(name);
    if (!a) throw new FileFormatError(binPath, `has no array ${name}`);
    return a as T;
  };
  const shapeOf = (name: string): number[] => [...(meta.manifest.find((e) => e.name === name)?.shape ?? [])];
  const variables = (prefix: string, count: number): tf.Variable[] =>
    Array.from({ length: count }, (_, j) => tf.tidy(() => tf.variable(tf.tensor(get<Float32Array>(`${prefix}${j}`), shapeOf(`${prefix}${j}`)), true)));
  const neighborhoods = meta.neighborhoods.map((nb, c) => ({
    label: nb.label,
    m: nb.m,
    kMax: nb.kMax,
    d: meta.d,
    x: get<Float32Array>(`nb${c}.x`),
    nn: get<Int32Array>(`nb${c}.nn`),
    dist: get<Float32Array>(`nb${c}.dist`),
  }));
  return {
    options: meta.options,
    fitted: {
      d: meta.d,
      shape: meta.shape,
      nClasses: meta.nClasses,
      mean: get('mean'),
      std: get('std'),
      neighborhoods,
      units: {
        features: get('units.features'),
        f: meta.f,
        nUnits: meta.nUnits,
        unitClass: get('units.unitClass'),
        unitSize: get('units.unitSize'),
        unitOfRow: neighborhoods.map((_, c) => get<Int32Array>(`units.unitOfRow${c}`)),
      },
      unitSeeds: get('unitSeeds'),
      unitK: get('unitK'),
      unitAgg: get('unitAgg'),
      classifier: variables('classifier', meta.classifierLayers),
      policy: variables('policy', meta.policyLayers),
      plan: new Map(meta.plan),
      synthetic: { x: get('synthetic.x'), y: get('synthetic.y') },
      losses: meta.losses,
    },
  };
}
