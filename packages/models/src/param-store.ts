import * as tf from '@tensorflow/tfjs-core';
import { OversampleError } from '@oversample/core';
import type { Rng } from '@oversample/core';
import { glorotUniform, heNormal, type SavedArray } from '@oversample/tf';

/** How a weight starts: He normal (ReLU layers), Glorot uniform (others), or a constant. */
export type Initializer = 'he-normal' | 'glorot-uniform' | 'zeros' | 'ones';

/** One named tensor of a network, as `save` stores it: a float32 array of the one save format. */
export type NamedWeight = SavedArray & { readonly values: Float32Array };

/**
 * The variables of one network, by name: trainable weights (some marked for weight decay) and
 * non-trainable buffers (batch-norm running statistics). Initial values are drawn in TypeScript
 * from an `Rng`, so a seed gives the same network on every backend.
 */
export class ParamStore {
  private readonly rng: Rng;
  private readonly trainableVars = new Map<string, tf.Variable>();
  private readonly bufferVars = new Map<string, tf.Variable>();
  private readonly decayNames = new Set<string>();

  constructor(rng: Rng) {
    this.rng = rng;
  }

  /** A trainable weight; `fanIn`/`fanOut` size the random initialisers. */
  weight(name: string, shape: number[], init: Initializer, fan: { in: number; out: number }, decay: boolean): tf.Variable {
    const values = this.initialValues(shape, init, fan);
    // Variables outlive tidy; the initial tensor does not, so nothing is left behind.
    const v = tf.tidy(() => tf.variable(tf.tensor(values, shape), true, this.uniqueName(name)));
    this.trainableVars.set(name, v);
    if (decay) this.decayNames.add(name);
    return v;
  }

  /** A non-trainable variable that training updates by assignment (running statistics). */
  buffer(name: string, shape: number[], value: number): tf.Variable {
    const v = tf.tidy(() => tf.variable(tf.fill(shape, value), false, this.uniqueName(name)));
    this.bufferVars.set(name, v);
    return v;
  }

  /** The trainable variables, in creation order. */
  get trainable(): tf.Variable[] {
    return [...this.trainableVars.values()];
  }

  /** The trainable variables that weight decay applies to (kernels, not biases or BN scales). */
  get decayed(): tf.Variable[] {
    return [...this.decayNames].map((n) => this.trainableVars.get(n)!);
  }

  /** Number of trainable scalars. */
  get size(): number {
    let total = 0;
    for (const v of this.trainableVars.values()) total += v.size;
    return total;
  }

  /** Every variable's current values (trainable first, then buffers), copied to the CPU. */
  async read(): Promise<NamedWeight[]> {
    const out: NamedWeight[] = [];
    for (const [name, v] of [...this.trainableVars, ...this.bufferVars]) {
      out.push({ name, shape: v.shape, values: (await v.data()) as Float32Array });
    }
    return out;
  }

  /** Overwrites variables from `weights`; every variable must be given with its exact shape. */
  write(weights: readonly NamedWeight[]): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    for (const [name, v] of [...this.trainableVars, ...this.bufferVars]) {
      const w = byName.get(name);
      if (!w) throw new OversampleError(`no stored values for weight ${JSON.stringify(name)}`);
      if (w.shape.length !== v.shape.length || w.shape.some((s, i) => s !== v.shape[i])) {
        throw new OversampleError(`weight ${JSON.stringify(name)} has shape [${w.shape.join(', ')}], the network needs [${v.shape.join(', ')}]`);
      }
      tf.tidy(() => v.assign(tf.tensor(w.values, v.shape)));
    }
  }

  /** Frees every variable. */
  dispose(): void {
    for (const v of this.trainableVars.values()) v.dispose();
    for (const v of this.bufferVars.values()) v.dispose();
    this.trainableVars.clear();
    this.bufferVars.clear();
    this.decayNames.clear();
  }

  private uniqueName(name: string): string {
    // TF.js keeps one global registry of variable names; a per-store suffix lets several
    // networks with the same layer names live side by side.
    return `${name}#${this.rng.seed}-${ParamStore.counter++}`;
  }

  private static counter = 0;

  private initialValues(shape: number[], init: Initializer, fan: { in: number; out: number }): Float32Array {
    const size = shape.reduce((a, b) => a * b, 1);
    if (init === 'he-normal') return heNormal(size, fan.in, this.rng);
    if (init === 'glorot-uniform') return glorotUniform(size, fan.in, fan.out, this.rng);
    return new Float32Array(size).fill(init === 'ones' ? 1 : 0);
  }
}
