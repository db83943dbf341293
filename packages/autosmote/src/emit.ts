import { gatherRows, OptionError, type Rng, unscaleRows } from '@oversample/core';
import { kNearestNeighbors } from '@oversample/neighbors';
import { aggregateRow, type AggregationName } from './aggregation';
import type { UnitChoices } from './decisions';
import type { Fitted } from './fitted';
import { buildNeighborhood, withCrossNeighbors, type ClassNeighborhood } from './neighborhood';
import type { NeighborPool } from './options';
import type { PolicyUnits } from './units';

/** What emitting rows needs from a fitted AutoSMOTE. */
export type EmitState = Pick<Fitted, 'neighborhoods' | 'units' | 'unitSeeds' | 'unitK' | 'unitAgg' | 'unitPool' | 'scaling' | 'd'>;

/**
 * Widens the decisions learned on the training split to every row of each oversampled class (ours):
 * a held-out row follows the unit of its nearest training row, and neighbours are searched among
 * all of the class's rows (and, with the `'all'` pool, among all rows), so no real row is lost to generation.
 */
export function emissionState(
  z: Float32Array,
  d: number,
  y: Int32Array,
  valRows: readonly number[],
  classTrainRows: readonly number[][],
  trainNeighborhoods: readonly ClassNeighborhood[],
  units: PolicyUnits,
  choices: UnitChoices,
  maxNeighbors: number,
  crossPool: boolean,
): { readonly neighborhoods: ClassNeighborhood[]; readonly units: PolicyUnits } & UnitChoices {
  const neighborhoods: ClassNeighborhood[] = [];
  const unitOfRow: Int32Array[] = [];
  const unitSize = new Int32Array(units.nUnits);
  trainNeighborhoods.forEach((nb, c) => {
    const trainRows = classTrainRows[c]!;
    const held = valRows.filter((i) => y[i] === nb.label);
    const ofRow = new Int32Array(trainRows.length + held.length);
    ofRow.set(units.unitOfRow[c]!, 0);
    if (held.length > 0) {
      const { indices } = kNearestNeighbors(nb.x, d, 1, { queries: gatherRows(z, d, held) });
      held.forEach((_, j) => (ofRow[trainRows.length + j] = units.unitOfRow[c]![indices[j]!]!));
    }
    for (const u of ofRow) unitSize[u]!++;
    unitOfRow.push(ofRow);
    const rows = [...trainRows, ...held];
    const own = buildNeighborhood(nb.label, gatherRows(z, d, rows), d, maxNeighbors);
    neighborhoods.push(crossPool ? withCrossNeighbors(own, z, y, rows) : own);
  });
  return { neighborhoods, units: { ...units, unitOfRow, unitSize }, ...choices };
}

/**
 * `plan` rows per class from the decisions, in the data's own units: a seed drawn uniformly among
 * the rows whose unit seeds (all rows of the class if none does), combined with its unit's k and
 * aggregation. Throws `OptionError` for a class AutoSMOTE was not fitted to oversample.
 */
export function emit(
  f: EmitState,
  plan: ReadonlyMap<number, number>,
  rng: Rng,
  name: string,
  aggregations: readonly AggregationName[],
  pools: readonly NeighborPool[],
): { x: Float32Array; y: Int32Array } {
  const total = [...plan.values()].reduce((a, b) => a + b, 0);
  const z = new Float32Array(total * f.d);
  const y = new Int32Array(total);
  let row = 0;
  for (const [label, n] of plan) {
    if (n === 0) continue;
    const c = f.neighborhoods.findIndex((nb) => nb.label === label);
    if (c < 0) {
      throw new OptionError(`${name} was not fitted to oversample class ${label}; it can sample classes ${f.neighborhoods.map((nb) => nb.label).join(', ')}`);
    }
    const nb = f.neighborhoods[c]!;
    const ofRow = f.units.unitOfRow[c]!;
    let seeds: number[] = [];
    for (let i = 0; i < nb.m; i++) if (f.unitSeeds[ofRow[i]!] === 1) seeds.push(i);
    // A class whose every unit declined to seed still gets its rows: all rows seed then.
    if (seeds.length === 0) seeds = Array.from({ length: nb.m }, (_, i) => i);
    for (let s = 0; s < n; s++, row++) {
      const i = seeds[rng.int(seeds.length)]!;
      const u = ofRow[i]!;
      aggregateRow(nb, i, aggregations[f.unitAgg[u]!]!, f.unitK[u]!, rng.uniform(), rng, z, row * f.d, pools[f.unitPool[u]!]!);
      y[row] = label;
    }
  }
  return { x: unscaleRows(f.scaling, z), y };
}
