import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@oversample/core';
import type { Architecture, LayerSpec } from './architecture';

/** How a parameter starts: PyTorch's default initialisation, so training behaves as the authors' code. */
export type ParamInit = { readonly kind: 'uniform'; readonly bound: number } | { readonly kind: 'zeros' | 'ones' };

/** One named weight array of a network. */
export interface ParamSpec {
  /** e.g. `'enc.conv2.weight'`, `'dec.bn1.runningVar'`. */
  readonly name: string;
  readonly shape: readonly number[];
  /** Running batch-norm statistics are state, not trained by the optimiser. */
  readonly trainable: boolean;
  readonly part: 'encoder' | 'decoder';
  readonly init: ParamInit;
}

function layerParams(layer: LayerSpec, part: 'encoder' | 'decoder'): ParamSpec[] {
  const spec = (name: string, shape: number[], init: ParamInit, trainable = true): ParamSpec => ({
    name,
    shape,
    trainable,
    part,
    init,
  });
  switch (layer.type) {
    case 'conv': {
      // nn.Conv2d: kaiming_uniform(a = sqrt 5) = U(+-1/sqrt(fan_in)); DeepSMOTE's convs have no bias.
      const k = layer.kernel;
      const bound = 1 / Math.sqrt(layer.inChannels * k * k);
      return [spec(`${layer.name}.weight`, [k, k, layer.inChannels, layer.outChannels], { kind: 'uniform', bound })];
    }
    case 'convTranspose': {
      // nn.ConvTranspose2d computes fan_in from weight.size(1) = out channels (PyTorch's convention).
      const k = layer.kernel;
      const bound = 1 / Math.sqrt(layer.outChannels * k * k);
      return [
        spec(`${layer.name}.weight`, [k, k, layer.outChannels, layer.inChannels], { kind: 'uniform', bound }),
        spec(`${layer.name}.bias`, [layer.outChannels], { kind: 'uniform', bound }),
      ];
    }
    case 'dense': {
      const bound = 1 / Math.sqrt(layer.inUnits);
      return [
        spec(`${layer.name}.weight`, [layer.inUnits, layer.outUnits], { kind: 'uniform', bound }),
        spec(`${layer.name}.bias`, [layer.outUnits], { kind: 'uniform', bound }),
      ];
    }
    case 'batchNorm':
      return [
        spec(`${layer.name}.gamma`, [layer.channels], { kind: 'ones' }),
        spec(`${layer.name}.beta`, [layer.channels], { kind: 'zeros' }),
        spec(`${layer.name}.runningMean`, [layer.channels], { kind: 'zeros' }, false),
        spec(`${layer.name}.runningVar`, [layer.channels], { kind: 'ones' }, false),
      ];
    default:
      return [];
  }
}

/** Every parameter of an architecture, encoder first, in layer order (the order of the weights file). */
export function parameterSpecs(architecture: Architecture): ParamSpec[] {
  return [
    ...architecture.encoder.flatMap((l) => layerParams(l, 'encoder')),
    ...architecture.decoder.flatMap((l) => layerParams(l, 'decoder')),
  ];
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function initialValues(spec: ParamSpec, rng: Rng): Float32Array {
  const out = new Float32Array(sizeOf(spec.shape));
  if (spec.init.kind === 'ones') out.fill(1);
  else if (spec.init.kind === 'uniform') {
    const b = spec.init.bound;
    for (let i = 0; i < out.length; i++) out[i] = rng.uniformIn(-b, b);
  }
  return out;
}

/**
 * The tf.Variables of one network, by name. Variables get engine-unique names of their own, so
 * several networks can live side by side; `name` here is the logical name from `ParamSpec`.
 */
export class ParameterSet {
  readonly specs: readonly ParamSpec[];
  private readonly variables = new Map<string, tf.Variable>();

  private constructor(specs: readonly ParamSpec[], values: (spec: ParamSpec) => Float32Array) {
    this.specs = specs;
    try {
      for (const spec of specs) {
        const v = tf.tidy(() => tf.variable(tf.tensor(values(spec), [...spec.shape], 'float32'), spec.trainable));
        this.variables.set(spec.name, v);
      }
    } catch (err) {
      this.dispose();
      throw err;
    }
  }

  /** Fresh weights drawn from `rng` in spec order. */
  static initialise(specs: readonly ParamSpec[], rng: Rng): ParameterSet {
    return new ParameterSet(specs, (spec) => initialValues(spec, rng));
  }

  /** Weights from stored arrays, already checked against the specs' shapes (see `Autoencoder.fromSaved`). */
  static fromValues(specs: readonly ParamSpec[], values: ReadonlyMap<string, Float32Array>): ParameterSet {
    return new ParameterSet(specs, (spec) => values.get(spec.name)!);
  }

  /** The variable behind a logical name. */
  get(name: string): tf.Variable {
    const v = this.variables.get(name);
    if (!v) throw new Error(`internal: no parameter ${name}`);
    return v;
  }

  /** Trainable variables, optionally of one part. */
  trainable(part?: 'encoder' | 'decoder'): tf.Variable[] {
    return this.specs.filter((s) => s.trainable && (part === undefined || s.part === part)).map((s) => this.get(s.name));
  }

  /** Number of trainable values. */
  countTrainable(): number {
    return this.specs.filter((s) => s.trainable).reduce((a, s) => a + sizeOf(s.shape), 0);
  }

  /**
   * Copies of every variable's current value. Cheap: tensors are immutable and `assign` swaps a
   * variable's data, so a clone keeps the old values alive without copying them.
   */
  snapshot(): Map<string, tf.Tensor> {
    const out = new Map<string, tf.Tensor>();
    for (const [name, v] of this.variables) out.set(name, tf.keep(tf.clone(v)));
    return out;
  }

  /** Assigns a snapshot back (does not dispose it). */
  restore(snapshot: ReadonlyMap<string, tf.Tensor>): void {
    for (const [name, v] of this.variables) {
      const t = snapshot.get(name);
      if (t) v.assign(t);
    }
  }

  /** Every value as a Float32Array copy, by logical name. */
  read(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [name, v] of this.variables) out.set(name, Float32Array.from(v.dataSync() as Float32Array));
    return out;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}
