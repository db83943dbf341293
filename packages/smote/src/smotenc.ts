import {
  checkpoint,
  columnMoments,
  type Dataset,
  describeValue,
  gatherRows,
  OptionError,
  prepareResample,
  type RunOptions,
  type Sampler,
  SamplerInputError,
  type SamplerOptions,
  samplerSettings,
  type SamplerSettings,
  toRng,
} from '@oversample/core';
import { kNearestNeighborsAsync } from '@oversample/neighbors';
import { neighborsOption } from './options';
import { drawPairs, interpolateInto } from './smote-rows';

/** Options of {@link SMOTENC}. */
export interface SMOTENCOptions extends SamplerOptions {
  /** Nearest neighbours of the same class; default 5. */
  readonly kNeighbors?: number;
  /**
   * Column indices holding category codes (integers >= 0). Default: the columns whose
   * `dataset.features[j].kind` is `'categorical'`.
   */
  readonly categoricalFeatures?: readonly number[];
}

/** numpy's median: the mean of the two middle values for an even count. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * SMOTE-NC (Chawla et al., 2002) for rows mixing continuous and categorical columns, after
 * imbalanced-learn 0.10. Neighbours are searched on the continuous columns plus a one-hot code of
 * each categorical column, scaled so that a categorical mismatch adds the median standard deviation
 * of the continuous columns (over the smallest class) squared to the squared distance, as the
 * publication states. Continuous columns are interpolated as in SMOTE; each categorical column takes
 * the most frequent value among the base row's `kNeighbors` neighbours (ties broken at random).
 *
 * @example
 * const out = await new SMOTENC({ categoricalFeatures: [0, 3], seed: 1 }).fitResample(table);
 */
export class SMOTENC implements Sampler {
  readonly name = 'SMOTENC';
  readonly kNeighbors: number;
  readonly categoricalFeatures: readonly number[] | undefined;
  private readonly settings: SamplerSettings;

  constructor(options: SMOTENCOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['kNeighbors', 'categoricalFeatures']);
    this.kNeighbors = neighborsOption(this.name, 'kNeighbors', options.kNeighbors, 5);
    const cf = options.categoricalFeatures;
    if (cf !== undefined) {
      if (!Array.isArray(cf) || cf.some((j) => !Number.isInteger(j) || j < 0)) {
        throw new OptionError(`${this.name}: categoricalFeatures must be an array of column indices >= 0, got ${describeValue(cf)}`);
      }
      if (new Set(cf).size !== cf.length) {
        throw new OptionError(`${this.name}: categoricalFeatures lists a column twice: ${describeValue(cf)}`);
      }
    }
    this.categoricalFeatures = cf === undefined ? undefined : [...cf].sort((a, b) => a - b);
  }

  private categoricalColumns(data: Dataset, d: number): number[] {
    let cat: number[];
    if (this.categoricalFeatures !== undefined) {
      cat = [...this.categoricalFeatures];
      const bad = cat.find((j) => j >= d);
      if (bad !== undefined) {
        throw new OptionError(`${this.name}: categoricalFeatures names column ${bad}, but rows have ${d} columns (0..${d - 1})`);
      }
    } else {
      cat = [];
      data.features?.forEach((f, j) => {
        if (f.kind === 'categorical') cat.push(j);
      });
    }
    if (cat.length === 0) {
      throw new SamplerInputError(
        `${this.name}: no categorical column: mark them in dataset.features (kind 'categorical') or pass categoricalFeatures; ` +
          'for continuous data use SMOTE',
      );
    }
    if (cat.length === d) {
      throw new SamplerInputError(`${this.name}: every column is categorical; SMOTE-NC needs at least one continuous column`);
    }
    return cat;
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const k = this.kNeighbors;
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, neighbors: { kNeighbors: k } });
    const { d, n } = plan;
    const cat = this.categoricalColumns(data, d);
    const isCat = new Uint8Array(d);
    for (const j of cat) isCat[j] = 1;
    const cont: number[] = [];
    for (let j = 0; j < d; j++) if (!isCat[j]) cont.push(j);

    // Category codes per categorical column (sorted), as a one-hot encoder fitted on the data sees them.
    const codes: number[][] = cat.map((j) => {
      const seen = new Set<number>();
      for (let i = 0; i < n; i++) {
        const v = data.x[i * d + j]!;
        if (!Number.isInteger(v) || v < 0) {
          throw new SamplerInputError(
            `${this.name}: row ${i}, categorical column ${j} holds ${v}; categorical columns must hold integer codes >= 0`,
          );
        }
        seen.add(v);
      }
      return [...seen].sort((a, b) => a - b);
    });

    // Median of the continuous columns' standard deviations over the smallest class (imbalanced-learn
    // takes the first smallest class in order of appearance).
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) counts.set(data.y[i]!, (counts.get(data.y[i]!) ?? 0) + 1);
    let minority = data.y[0]!;
    for (const [c, m] of counts) if (m < counts.get(minority)!) minority = c;
    const minorityRows: number[] = [];
    for (let i = 0; i < n; i++) if (data.y[i] === minority) minorityRows.push(i);
    const { variance } = columnMoments(gatherRows(data.x, d, minorityRows), d);
    const stds = cont.map((j) => Math.sqrt(variance[j]!));
    // Two one-hot entries differ on a mismatch: each at med / sqrt(2) adds med^2 in all.
    const hot = median(stds) / Math.SQRT2;
    const de = cont.length + codes.reduce((a, c) => a + c.length, 0);

    const rng = toRng(this.settings.seed);
    let done = 0;
    for (const c of plan.classes) {
      await checkpoint(options.signal);
      const rows = plan.classRows(c);
      const nc = c.indices.length;
      const encoded = new Float32Array(nc * de);
      for (let r = 0; r < nc; r++) {
        const e = r * de;
        cont.forEach((j, t) => (encoded[e + t] = rows[r * d + j]!));
        let off = cont.length;
        cat.forEach((j, t) => {
          const list = codes[t]!;
          encoded[e + off + list.indexOf(rows[r * d + j]!)] = hot;
          off += list.length;
        });
      }
      const { indices: nns } = await kNearestNeighborsAsync(encoded, de, k, { signal: options.signal });
      const pairs = drawPairs(nns, k, c.nNew, rng);
      const offset = plan.offsetOf(c.label) * d;
      const out = plan.x;
      interpolateInto(rows, rows, d, pairs, out, offset);
      // Categorical columns: the most frequent code among the base row's k neighbours.
      const tally = new Map<number, number>();
      const tied: number[] = [];
      for (let s = 0; s < c.nNew; s++) {
        const b = pairs.base[s]!;
        for (const j of cat) {
          tally.clear();
          let best = 0;
          for (let t = 0; t < k; t++) {
            const v = rows[nns[b * k + t]! * d + j]!;
            const cnt = (tally.get(v) ?? 0) + 1;
            tally.set(v, cnt);
            if (cnt > best) best = cnt;
          }
          tied.length = 0;
          for (const [v, cnt] of tally) if (cnt === best) tied.push(v);
          tied.sort((a, b2) => a - b2);
          out[offset + s * d + j] = tied.length === 1 ? tied[0]! : tied[rng.int(tied.length)]!;
        }
      }
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }
}
