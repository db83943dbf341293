import {
  checkpoint,
  prepareResample,
  samplerSettings,
  toRng,
  type ClassPlan,
  type Dataset,
  type RunOptions,
  type Sampler,
  type SamplerOptions,
  type SamplerSettings,
} from '@oversample/core';
import { neighborsOption } from './options';

/** Options of {@link SMOTEN}. */
export interface SMOTENOptions extends SamplerOptions {
  /** Neighbours of the same class (besides the row itself) whose categories vote; default 5. */
  readonly kNeighbors?: number;
}

/**
 * Every column's values as category codes: the sorted distinct values of the column (as
 * scikit-learn's `OrdinalEncoder`), and each row's code per column.
 */
interface Encoded {
  readonly categories: Float32Array[];
  /** `n x d` codes, row-major. */
  readonly codes: Int32Array;
}

function encode(x: Float32Array, n: number, d: number): Encoded {
  const categories: Float32Array[] = [];
  const codes = new Int32Array(n * d);
  for (let j = 0; j < d; j++) {
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = x[i * d + j]!;
    const sorted = Float32Array.from(new Set(values)).sort();
    const index = new Map<number, number>();
    sorted.forEach((v, c) => index.set(v, c));
    for (let i = 0; i < n; i++) codes[i * d + j] = index.get(x[i * d + j]!)!;
    categories.push(sorted);
  }
  return { categories, codes };
}

/**
 * The value difference metric (Stanfill & Waltz, 1986) as imbalanced-learn's
 * `ValueDifferenceMetric(k=1, r=2)`: per column, each category's class distribution over the
 * whole data; the distance between two categories is the squared L1 distance of their
 * distributions, and between two rows the sum over columns. Returned as one table per column,
 * `categories x categories`.
 */
function vdmTables(enc: Encoded, y: Int32Array, n: number, d: number): Float64Array[] {
  const labels = [...new Set(y)].sort((a, b) => a - b);
  const classIndex = new Map(labels.map((c, i) => [c, i]));
  const k = labels.length;
  return enc.categories.map((cats, j) => {
    const m = cats.length;
    const proba = new Float64Array(m * k);
    for (let i = 0; i < n; i++) proba[enc.codes[i * d + j]! * k + classIndex.get(y[i]!)!]!++;
    for (let v = 0; v < m; v++) {
      let total = 0;
      for (let c = 0; c < k; c++) total += proba[v * k + c]!;
      for (let c = 0; c < k; c++) proba[v * k + c] = total > 0 ? proba[v * k + c]! / total : 0;
    }
    const table = new Float64Array(m * m);
    for (let v = 0; v < m; v++) {
      for (let w = 0; w < m; w++) {
        let l1 = 0;
        for (let c = 0; c < k; c++) l1 += Math.abs(proba[v * k + c]! - proba[w * k + c]!);
        table[v * m + w] = l1 * l1;
      }
    }
    return table;
  });
}

/**
 * SMOTEN (Chawla et al., 2002), SMOTE for data whose every column is categorical, as
 * imbalanced-learn 0.10's `SMOTEN`: rows of a class are compared by the value difference metric
 * (categories that occur with similar class distributions are close); each synthetic row takes,
 * column by column, the most common category among a base row drawn uniformly from the class and
 * its `kNeighbors` nearest rows of the class (ties: the smallest value). Values are categories as
 * given (any numbers; each column's distinct values are its categories), and come out as given.
 *
 * (ours) Rows at equal distance on the neighbourhood's edge are taken by lower row index;
 * scikit-learn's search leaves their order unspecified. Rows with the same categories share one
 * neighbourhood, so the work grows with the distinct rows of a class, not its size.
 *
 * @example
 * const out = await new SMOTEN({ kNeighbors: 5, seed: 0 }).fitResample(categoricalTable);
 */
export class SMOTEN implements Sampler {
  readonly name = 'SMOTEN';
  readonly kNeighbors: number;
  private readonly settings: SamplerSettings;

  constructor(options: SMOTENOptions = {}) {
    this.settings = samplerSettings(this.name, options, ['kNeighbors']);
    this.kNeighbors = neighborsOption(this.name, 'kNeighbors', options.kNeighbors, 5);
  }

  /**
   * The row SMOTEN makes from each row of every class it oversamples (`rows x d` per class, in
   * the class's row order): a synthetic row is the one of a uniformly drawn base row. For
   * inspection and tests.
   */
  modeRows(data: Dataset): Map<number, Float32Array> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { allocate: false, neighbors: { kNeighbors: this.kNeighbors } });
    const { d, n } = plan;
    const enc = encode(data.x, n, d);
    const tables = vdmTables(enc, data.y, n, d);
    const out = new Map<number, Float32Array>();
    for (const c of plan.classes) out.set(c.label, this.classModes(c, enc, tables, d));
    return out;
  }

  /** Mode row (original values) of each row of class `c`, `rows x d`. */
  private classModes(c: ClassPlan, enc: Encoded, tables: Float64Array[], d: number): Float32Array {
    const k1 = this.kNeighbors + 1; // the row itself and its k neighbours, as imbalanced-learn
    const rows = c.indices;
    const nc = rows.length;
    // Distinct category rows ("patterns") of the class, with their members in row order.
    const patternOf = new Int32Array(nc);
    const patterns: { codes: Int32Array; members: number[] }[] = [];
    const byKey = new Map<string, number>();
    for (let r = 0; r < nc; r++) {
      const codes = enc.codes.subarray(rows[r]! * d, rows[r]! * d + d);
      const key = codes.join(',');
      let p = byKey.get(key);
      if (p === undefined) {
        p = patterns.length;
        byKey.set(key, p);
        patterns.push({ codes, members: [] });
      }
      patterns[p]!.members.push(r);
      patternOf[r] = p;
    }
    const u = patterns.length;
    const modes = new Float32Array(u * d);
    const dist = new Float64Array(u);
    const order = Int32Array.from({ length: u }, (_, i) => i);
    const weight = new Float64Array(u);
    for (let p = 0; p < u; p++) {
      const a = patterns[p]!.codes;
      for (let q = 0; q < u; q++) {
        const b = patterns[q]!.codes;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const t = tables[j]!;
          const m = enc.categories[j]!.length;
          s += t[a[j]! * m + b[j]!]!;
        }
        dist[q] = s;
      }
      // Rows by (distance, row index): whole patterns while they fit, then, among the patterns
      // tied at the edge, the rows of lowest index.
      order.sort((q1, q2) => dist[q1]! - dist[q2]! || patterns[q1]!.members[0]! - patterns[q2]!.members[0]!);
      weight.fill(0);
      let left = k1;
      for (let t = 0; t < u && left > 0; ) {
        let end = t;
        let size = 0;
        while (end < u && dist[order[end]!] === dist[order[t]!]) size += patterns[order[end++]!]!.members.length;
        if (size <= left) {
          for (let s = t; s < end; s++) weight[order[s]!] = patterns[order[s]!]!.members.length;
          left -= size;
        } else {
          const tied: [number, number][] = [];
          for (let s = t; s < end; s++) for (const r of patterns[order[s]!]!.members) tied.push([r, order[s]!]);
          tied.sort((e1, e2) => e1[0] - e2[0]);
          for (let s = 0; s < left; s++) weight[tied[s]![1]]!++;
          left = 0;
        }
        t = end;
      }
      // Per column, the most common category over the neighbourhood (ties: the smallest).
      for (let j = 0; j < d; j++) {
        const m = enc.categories[j]!.length;
        const votes = new Float64Array(m);
        for (let q = 0; q < u; q++) if (weight[q]! > 0) votes[patterns[q]!.codes[j]!]! += weight[q]!;
        let best = 0;
        for (let v = 1; v < m; v++) if (votes[v]! > votes[best]!) best = v;
        modes[p * d + j] = enc.categories[j]![best]!;
      }
    }
    const out = new Float32Array(nc * d);
    for (let r = 0; r < nc; r++) out.set(modes.subarray(patternOf[r]! * d, patternOf[r]! * d + d), r * d);
    return out;
  }

  async fitResample(data: Dataset, options: RunOptions = {}): Promise<Dataset> {
    const plan = prepareResample(this.name, data, this.settings.samplingStrategy, { ...options, neighbors: { kNeighbors: this.kNeighbors } });
    const { d, n } = plan;
    const enc = encode(data.x, n, d);
    const tables = vdmTables(enc, data.y, n, d);
    const rng = toRng(this.settings.seed);
    let done = 0;
    for (const c of plan.classes) {
      await checkpoint(options.signal);
      const modes = this.classModes(c, enc, tables, d);
      const out = plan.x;
      const offset = plan.offsetOf(c.label) * d;
      for (let s = 0; s < c.nNew; s++) {
        const base = rng.int(c.indices.length);
        out.set(modes.subarray(base * d, base * d + d), offset + s * d);
      }
      options.onProgress?.({ stage: 'generate', done: ++done, total: plan.classes.length, unit: 'class' });
    }
    return plan.result();
  }
}
