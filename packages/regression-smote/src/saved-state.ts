import { checkInteger, strategyToJSON, type FeatureInfo } from '@oversample/core';
import { denseShapes, type DecodedModel, type SavedArray, type SavedModel } from '@oversample/tf';
import type { ClassModel, FittedState } from './fitted-state';
import { layerSizes, type NetworkSpec } from './network';
import type { RegressionSMOTEOptions, ResolvedOptions } from './options';
import type { TrainingHistory } from './train';

/** The kind a saved RegressionSMOTE has in the one save format. */
export const KIND = 'regression-smote';

/** What is kept of each class besides its arrays. */
interface SavedClass {
  readonly label: number;
  readonly n: number;
  readonly k: number;
  readonly scaler: { readonly offset: number[]; readonly scale: number[] };
  readonly history: TrainingHistory;
}

/**
 * The fitted sampler as a model of the one save format: options, seed, shape, network layout,
 * sample-call count and per-class scalers and histories as configuration; per class `c` the
 * arrays `class-c/W0`, `class-c/b0`, ... (the network), `class-c/rows` (scaled rows) and
 * `class-c/neighbors` (the neighbour table, int32).
 */
export function toSavedModel(options: ResolvedOptions, state: FittedState): SavedModel {
  const d = state.spec.outputSize;
  const shapes = denseShapes(layerSizes(state.spec));
  const arrays: SavedArray[] = [];
  const classes: SavedClass[] = [];
  for (const m of state.classes.values()) {
    m.params.forEach((values, i) => arrays.push({ name: `class-${m.label}/${i % 2 === 0 ? 'W' : 'b'}${i >> 1}`, shape: shapes[i]!, values }));
    arrays.push({ name: `class-${m.label}/rows`, shape: [m.n, d], values: m.rows });
    arrays.push({ name: `class-${m.label}/neighbors`, shape: [m.n, m.k], values: m.neighbors });
    classes.push({ label: m.label, n: m.n, k: m.k, scaler: { offset: [...m.scaler.offset], scale: [...m.scaler.scale] }, history: m.history });
  }
  const { samplingStrategy, seed: _seed, ...rest } = options;
  return {
    kind: KIND,
    generatedBy: '@oversample/regression-smote',
    config: {
      options: { ...rest, samplingStrategy: strategyToJSON(samplingStrategy) },
      seed: state.seed,
      shape: state.shape,
      classNames: state.classNames,
      features: state.features,
      spec: state.spec,
      sampleCalls: state.sampleCalls,
      classes,
    },
    arrays,
  };
}

/** Reads back what {@link toSavedModel} wrote; `FileFormatError` (naming the file) for anything inconsistent. */
export function fromSavedModel(model: DecodedModel): { options: RegressionSMOTEOptions; state: FittedState } {
  const c = model.config;
  const saved = model.read('the RegressionSMOTE state', () => ({
    options: { ...(c['options'] as RegressionSMOTEOptions), seed: checkInteger('seed', c['seed'], { min: 0, max: 0xffffffff }) },
    shape: c['shape'] as number[],
    spec: c['spec'] as NetworkSpec,
    classes: c['classes'] as SavedClass[],
    sampleCalls: checkInteger('sampleCalls', c['sampleCalls'], { min: 0 }),
  }));
  const shapes = model.read('the network layout', () => denseShapes(layerSizes(saved.spec)));
  const d = saved.spec.outputSize;
  const classes = new Map<number, ClassModel>();
  for (const k of saved.classes) {
    const params = shapes.map((shape, i) => model.float32(`class-${k.label}/${i % 2 === 0 ? 'W' : 'b'}${i >> 1}`, shape));
    const neighbors = model.int32(`class-${k.label}/neighbors`, [k.n, k.k]);
    const bad = neighbors.findIndex((v) => v < 0 || v >= k.n);
    if (bad >= 0) model.fail(`class ${k.label}'s neighbour ${bad} is ${neighbors[bad]}, outside 0..${k.n - 1}`);
    if (k.scaler.offset.length !== d || k.scaler.scale.length !== d) {
      model.fail(`class ${k.label}'s scaler has ${k.scaler.offset.length} columns, the rows ${d}`);
    }
    classes.set(k.label, {
      label: k.label,
      rows: model.float32(`class-${k.label}/rows`, [k.n, d]),
      n: k.n,
      neighbors,
      k: k.k,
      scaler: { offset: Float64Array.from(k.scaler.offset), scale: Float64Array.from(k.scaler.scale) },
      params,
      history: k.history,
    });
  }
  if (classes.size === 0) model.fail('holds no fitted class');
  return {
    options: saved.options,
    state: {
      seed: saved.options.seed as number,
      shape: saved.shape,
      ...(c['classNames'] ? { classNames: c['classNames'] as string[] } : {}),
      ...(c['features'] ? { features: c['features'] as FeatureInfo[] } : {}),
      spec: saved.spec,
      classes: new Map([...classes.entries()].sort((a, b) => a[0] - b[0])),
      sampleCalls: saved.sampleCalls,
    },
  };
}
