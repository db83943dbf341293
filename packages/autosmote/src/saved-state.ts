import { checkInteger, strategyToJSON, type SamplerSettings } from '@oversample/core';
import { loadModel, saveModel, trainableVariables, type DecodedModel, type ModelLocation, type SavedArray } from '@oversample/tf';
import type { AutoSMOTEOptions } from './options';
import type { Fitted } from './fitted';
import type { ClassNeighborhood } from './neighborhood';

/** The kind a saved AutoSMOTE has in the one save format. */
const KIND = 'autosmote';

/** Sizes and scalars that are not arrays. */
interface SavedSizes {
  readonly d: number;
  readonly shape: number[];
  readonly nClasses: number;
  readonly f: number;
  readonly nUnits: number;
  readonly neighborhoods: { label: number; m: number; kMax: number }[];
  /** Rows of the `'all'` neighbour pool (absent: no cross-class neighbours). */
  readonly crossRows?: number;
  /** Per oversampled class, the share of its deficit that was added (absent in older files: all 1). */
  readonly classShares?: number[];
  readonly classifierShapes: number[][];
  readonly policyShapes: number[][];
  readonly plan: [number, number][];
  readonly losses: number[];
  readonly scaling: { offset: number[]; scale: number[] };
  readonly seed: number;
  readonly sampleCalls: number;
}

/**
 * Writes a fitted AutoSMOTE in the one save format of `@oversample/tf`: options and sizes as
 * configuration; scaler-free arrays (units, decisions, neighbourhoods, synthetic rows) and the
 * classifier's and policy's weights as arrays.
 */
export async function saveFitted(location: ModelLocation, options: AutoSMOTEOptions, settings: SamplerSettings, f: Fitted): Promise<void> {
  const flat = (name: string, values: SavedArray['values']): SavedArray => ({ name, shape: [values.length], values });
  const arrays: SavedArray[] = [
    { name: 'units.features', shape: [f.units.nUnits, f.units.f], values: f.units.features },
    flat('units.unitClass', f.units.unitClass),
    flat('units.unitSize', f.units.unitSize),
    flat('unitSeeds', f.unitSeeds),
    flat('unitK', f.unitK),
    flat('unitAgg', f.unitAgg),
    flat('unitPool', f.unitPool),
    { name: 'synthetic.x', shape: [f.synthetic.y.length, f.d], values: f.synthetic.x },
    flat('synthetic.y', f.synthetic.y),
  ];
  // Every class's cross neighbours index the same pool (all rows): it is written once.
  const cross = f.neighborhoods[0]?.cross;
  if (cross) arrays.push({ name: 'crossPool', shape: [cross.pool.length / f.d, f.d], values: cross.pool });
  f.neighborhoods.forEach((nb, c) => {
    arrays.push(
      { name: `nb${c}.x`, shape: [nb.m, nb.d], values: nb.x },
      { name: `nb${c}.nn`, shape: [nb.m, nb.kMax], values: nb.nn },
      { name: `nb${c}.dist`, shape: [nb.m, nb.kMax], values: nb.dist },
      flat(`units.unitOfRow${c}`, f.units.unitOfRow[c]!),
    );
    if (nb.cross) {
      arrays.push({ name: `nb${c}.crossNn`, shape: [nb.m, nb.kMax], values: nb.cross.nn }, { name: `nb${c}.crossOther`, shape: [nb.m, nb.kMax], values: nb.cross.other });
    }
  });
  f.classifier.forEach((v, j) => arrays.push({ name: `classifier${j}`, shape: v.shape, values: v.dataSync() as Float32Array }));
  f.policy.forEach((v, j) => arrays.push({ name: `policy${j}`, shape: v.shape, values: v.dataSync() as Float32Array }));
  const { seed: _seed, samplingStrategy: _strategy, ...rest } = options;
  const sizes: SavedSizes = {
    d: f.d,
    shape: [...f.shape],
    nClasses: f.nClasses,
    f: f.units.f,
    nUnits: f.units.nUnits,
    neighborhoods: f.neighborhoods.map((nb) => ({ label: nb.label, m: nb.m, kMax: nb.kMax })),
    ...(cross ? { crossRows: cross.pool.length / f.d } : {}),
    classShares: [...f.classShares],
    classifierShapes: f.classifier.map((v) => v.shape),
    policyShapes: f.policy.map((v) => v.shape),
    plan: [...f.plan.entries()],
    losses: f.losses,
    scaling: { offset: [...f.scaling.offset], scale: [...f.scaling.scale] },
    seed: f.seed,
    sampleCalls: f.sampleCalls,
  };
  await saveModel(location, {
    kind: KIND,
    generatedBy: '@oversample/autosmote',
    config: { options: { ...rest, samplingStrategy: strategyToJSON(settings.samplingStrategy) }, ...sizes },
    arrays,
  });
}

function variables(model: DecodedModel, prefix: string, shapes: number[][]): Float32Array[] {
  return shapes.map((shape, j) => model.float32(`${prefix}${j}`, shape));
}

/**
 * Reads what {@link saveFitted} wrote: `make` builds the sampler from the saved options (which it
 * re-checks), `attach` gives it the fitted state. Every array is checked before the weights become
 * tensors, so a damaged file is a `FileFormatError` that leaks none.
 */
export async function loadFitted<T>(location: ModelLocation, make: (options: AutoSMOTEOptions) => T, attach: (sampler: T, fitted: Fitted) => void): Promise<T> {
  const model = await loadModel(location, KIND);
  const c = model.config;
  const sizes = c as unknown as SavedSizes;
  const sampler = model.read('the options', () => {
    checkInteger('seed', sizes.seed, { min: 0, max: 0xffffffff });
    checkInteger('sampleCalls', sizes.sampleCalls, { min: 0 });
    return make({ ...(c['options'] as AutoSMOTEOptions), seed: sizes.seed });
  });
  const neighborhoods: ClassNeighborhood[] = model.read('the neighbourhoods', () => {
    const pool = sizes.crossRows === undefined ? undefined : model.float32('crossPool', [checkInteger('crossRows', sizes.crossRows, { min: 1 }), sizes.d]);
    return sizes.neighborhoods.map((nb, i) => {
      const nn = model.int32(`nb${i}.nn`, [nb.m, nb.kMax]);
      const crossNn = pool ? model.int32(`nb${i}.crossNn`, [nb.m, nb.kMax]) : undefined;
      if (crossNn && crossNn.some((p) => p < 0 || p >= sizes.crossRows!)) model.fail(`nb${i}.crossNn points outside the ${sizes.crossRows} pool rows`);
      return {
        label: nb.label,
        m: nb.m,
        kMax: nb.kMax,
        d: sizes.d,
        x: model.float32(`nb${i}.x`, [nb.m, sizes.d]),
        nn,
        dist: model.float32(`nb${i}.dist`, [nb.m, nb.kMax]),
        ...(pool && crossNn ? { cross: { pool, nn: crossNn, other: model.bool(`nb${i}.crossOther`, [nb.m, nb.kMax]) } } : {}),
      };
    });
  });
  const classShares = model.read('the class shares', () => {
    const shares = sizes.classShares ?? neighborhoods.map(() => 1);
    if (!Array.isArray(shares) || shares.length !== neighborhoods.length || !shares.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) {
      model.fail(`classShares must hold ${neighborhoods.length} shares in [0, 1]`);
    }
    return shares;
  });
  const classifier = model.read('the classifier', () => variables(model, 'classifier', sizes.classifierShapes));
  const policy = model.read('the policy', () => variables(model, 'policy', sizes.policyShapes));
  if (sizes.scaling?.offset?.length !== sizes.d || sizes.scaling.scale?.length !== sizes.d) model.fail(`the scaler needs ${sizes.d} columns`);
  const syntheticY = model.int32('synthetic.y');
  const fitted: Omit<Fitted, 'classifier' | 'policy'> = {
    d: sizes.d,
    shape: sizes.shape,
    nClasses: sizes.nClasses,
    scaling: { offset: Float64Array.from(sizes.scaling.offset), scale: Float64Array.from(sizes.scaling.scale) },
    neighborhoods,
    units: {
      features: model.float32('units.features', [sizes.nUnits, sizes.f]),
      f: sizes.f,
      nUnits: sizes.nUnits,
      unitClass: model.int32('units.unitClass', [sizes.nUnits]),
      unitSize: model.int32('units.unitSize', [sizes.nUnits]),
      unitOfRow: neighborhoods.map((nb, i) => model.int32(`units.unitOfRow${i}`, [nb.m])),
    },
    unitSeeds: model.bool('unitSeeds', [sizes.nUnits]),
    unitK: model.int32('unitK', [sizes.nUnits]),
    unitAgg: model.int32('unitAgg', [sizes.nUnits]),
    unitPool: model.has('unitPool') ? model.int32('unitPool', [sizes.nUnits]) : new Int32Array(sizes.nUnits),
    classShares,
    plan: new Map(sizes.plan),
    synthetic: { x: model.float32('synthetic.x', [syntheticY.length, sizes.d]), y: syntheticY },
    losses: sizes.losses,
    seed: sizes.seed,
    sampleCalls: sizes.sampleCalls,
  };
  // Everything is checked: only now do the weights become tensors.
  const classifierVariables = trainableVariables(classifier, sizes.classifierShapes);
  attach(sampler, { ...fitted, classifier: classifierVariables, policy: trainableVariables(policy, sizes.policyShapes) });
  return sampler;
}
