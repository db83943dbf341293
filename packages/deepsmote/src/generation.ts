import { BATCH_NORM_MODES, type Autoencoder, type BatchNormMode } from '@oversample/autoencoder';
import { checkInteger, checkNumber, checkOneOf, gatherRows, OptionError, type Rng } from '@oversample/core';
import { interpolateInto, smotePairs } from '@oversample/smote';

/**
 * How a new latent code becomes a row:
 * - `'decode'` (the publication): the decoder's output for the new code;
 * - `'residual'` (ours): the base row plus what the decoder changes between the base's code and
 *   the new one, `x_base + D(z_new) - D(z_base)`: the decoder's blur
 *   cancels in the difference, so the row keeps the real row's detail.
 */
export type Synthesis = 'decode' | 'residual';

/** Every {@link Synthesis}, for validation. */
export const SYNTHESES: readonly Synthesis[] = ['decode', 'residual'];

/** Where each row's nearest neighbours are searched: among the codes (the publication) or the rows themselves (ours). */
export type NeighborSpace = 'latent' | 'input';

/** Every {@link NeighborSpace}, for validation. */
export const NEIGHBOR_SPACES: readonly NeighborSpace[] = ['latent', 'input'];

/**
 * The options that shape `sample` and not training: set in the constructor, saved with the model,
 * and overridable per `sample` call (e.g. to compare generation settings on one trained network).
 */
export interface GenerationOptions {
  /** Neighbours for SMOTE in the latent space; default 5. */
  readonly kNeighbors?: number;
  /** Interpolation gaps are drawn from U[0, gap); default 1 (SMOTE's). Smaller keeps new codes nearer their base (ours). */
  readonly gap?: number;
  /** How a new code becomes a row; default `'residual'` (ours; `'decode'` is the publication's; see {@link Synthesis}). */
  readonly synthesis?: Synthesis;
  /** Where neighbours are searched; default `'latent'` (see {@link NeighborSpace}). */
  readonly neighborSpace?: NeighborSpace;
  /** Share of each class's new rows that are copies of its real rows drawn with replacement (ours); default 0. */
  readonly realShare?: number;
  /** Batch-norm statistics while decoding; default `'running'` (the authors' generation script runs the networks in `eval()` mode). */
  readonly batchNorm?: BatchNormMode;
}

/** {@link GenerationOptions} with every default filled in. */
export type Generation = Required<GenerationOptions>;

/** The names of {@link GenerationOptions}, for option checks. */
export const GENERATION_OPTION_NAMES = ['kNeighbors', 'gap', 'synthesis', 'neighborSpace', 'realShare', 'batchNorm'] as const;

/** The publication's generation: decode SMOTE among the codes (k = 5, gap U[0, 1)), running batch-norm statistics. */
export const PUBLISHED_GENERATION: Generation = {
  kNeighbors: 5,
  gap: 1,
  synthesis: 'decode',
  neighborSpace: 'latent',
  realShare: 0,
  batchNorm: 'running',
};

/**
 * DeepSMOTE's default generation: the publication's with residual synthesis (ours), the base row
 * plus the decoder's change between the two codes. It beat decoding on every comparison measured:
 * 5 of 5 folds of the `paper-cpu` preset (+2.5 ACSA with the `'code'` penalty) and 3 of 3 seeds and 3 of 3 widths on the lite profile
 * (docs/research/issue-16.md), because the decoder's blur and speckle cancel out of the difference.
 */
export const DEFAULT_GENERATION: Generation = { ...PUBLISHED_GENERATION, synthesis: 'residual' };

/** Checks generation options (named `name: option` in errors) over `base`. */
export function resolveGeneration(name: string, options: GenerationOptions, base: Generation = DEFAULT_GENERATION): Generation {
  return {
    kNeighbors: options.kNeighbors === undefined ? base.kNeighbors : checkInteger(`${name}: kNeighbors`, options.kNeighbors, { min: 1 }),
    gap: options.gap === undefined ? base.gap : checkNumber(`${name}: gap`, options.gap, { min: 0, max: 1 }),
    synthesis: options.synthesis === undefined ? base.synthesis : checkOneOf(`${name}: synthesis`, options.synthesis, SYNTHESES),
    neighborSpace:
      options.neighborSpace === undefined ? base.neighborSpace : checkOneOf(`${name}: neighborSpace`, options.neighborSpace, NEIGHBOR_SPACES),
    realShare: options.realShare === undefined ? base.realShare : checkNumber(`${name}: realShare`, options.realShare, { min: 0, max: 1 }),
    batchNorm: options.batchNorm === undefined ? base.batchNorm : checkOneOf(`${name}: batchNorm`, options.batchNorm, BATCH_NORM_MODES),
  };
}

/** Whether a generation reads the training rows themselves, not only their codes. */
function needsRows(g: Generation): boolean {
  return g.synthesis === 'residual' || g.neighborSpace === 'input' || g.realShare > 0;
}

/** One class's material for {@link synthesizeClass}. */
export interface ClassMaterial {
  readonly autoencoder: Autoencoder;
  /** The class's codes, row-major, `latentDim` each. */
  readonly codes: Float32Array;
  readonly latentDim: number;
  /** The class's rows in the autoencoder's scale, row-major, `rowSize` each (absent in older saved models). */
  readonly rows: Float32Array | undefined;
  readonly rowSize: number;
  /** The range the rows were scaled to (DeepSMOTE's `inputRange`): every synthetic value is clipped to it. */
  readonly range: readonly [number, number];
}

/**
 * `n` new rows of one class in the autoencoder's scale: `round(n realShare)` copies of its rows
 * last, the others from SMOTE pairs (neighbours among codes or rows, gap `U[0, gap)`) made into
 * rows as `generation.synthesis` says and clipped to `material.range` (a no-op for decoded rows
 * in the default [-1, 1], the decoder's tanh range). Pairs are drawn from `rng` exactly as `smoteRows`
 * draws them, so the publication's generation gives `smoteRows`'s codes.
 */
export async function synthesizeClass(
  material: ClassMaterial,
  n: number,
  generation: Generation,
  rng: Rng,
  signal: AbortSignal | undefined,
): Promise<Float32Array> {
  const { autoencoder, codes, latentDim, rowSize } = material;
  const [lo, hi] = material.range;
  const rows = material.rows ?? new Float32Array(0);
  if (!material.rows && needsRows(generation)) {
    throw new OptionError(
      `DeepSMOTE: synthesis 'residual', neighborSpace 'input' and realShare > 0 need the training rows, which this model (saved by an older version) does not hold; fit it again`,
    );
  }
  const copies = Math.round(n * generation.realShare);
  const made = n - copies;
  const out = new Float32Array(n * rowSize);
  const inference = { batchNorm: generation.batchNorm, ...(signal ? { signal } : {}) };
  if (made > 0) {
    const space = generation.neighborSpace === 'input' ? { x: rows, d: rowSize } : { x: codes, d: latentDim };
    const pairs = smotePairs(space.x, space.d, made, { kNeighbors: generation.kNeighbors, rng });
    if (generation.gap !== 1) for (let i = 0; i < made; i++) pairs.gap[i] = pairs.gap[i]! * generation.gap;
    const latent = new Float32Array(made * latentDim);
    interpolateInto(codes, codes, latentDim, pairs, latent);
    const decoded = await autoencoder.decode(latent, inference);
    if (generation.synthesis === 'decode') {
      out.set(decoded);
    } else {
      // Each distinct base is decoded once; the decoder's rendering of the base is subtracted.
      const bases = [...new Set(pairs.base)];
      const slot = new Map(bases.map((b, i) => [b, i]));
      const baseDecoded = await autoencoder.decode(gatherRows(codes, latentDim, bases), inference);
      for (let s = 0; s < made; s++) {
        const b = pairs.base[s]!;
        const real = b * rowSize;
        const rendered = slot.get(b)! * rowSize;
        const o = s * rowSize;
        for (let j = 0; j < rowSize; j++) {
          out[o + j] = rows[real + j]! + decoded[o + j]! - baseDecoded[rendered + j]!;
        }
      }
    }
    for (let i = 0; i < made * rowSize; i++) {
      const v = out[i]!;
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  if (copies > 0) {
    const copyRng = rng.child('real');
    const classRows = rows.length / rowSize;
    for (let s = 0; s < copies; s++) {
      const r = copyRng.int(classRows);
      out.set(rows.subarray(r * rowSize, (r + 1) * rowSize), (made + s) * rowSize);
    }
  }
  return out;
}
