import { CATALOG } from './catalog';
import { UnknownDatasetError } from './unknown-dataset-error';

/** One bundled table as the generator recorded it (`scripts/generate.mjs`, from `loadKeel`). */
export interface CatalogEntry {
  /** The KEEL file name without `.dat`, e.g. `'glass1'`. */
  readonly name: string;
  /** Rows that `loadDataset` returns by default (`missing: 'drop'`). */
  readonly rows: number;
  /** Rows with a missing value: dropped by default, kept with `missing: 'impute'`. */
  readonly droppedRows: number;
  /** Input attributes: continuous (`real`/`integer`) and nominal (`{a, b, ...}`). */
  readonly features: { readonly continuous: number; readonly nominal: number };
  /** Columns of `x` under each `encoding` (one-hot widens each nominal attribute to its values). */
  readonly columns: { readonly onehot: number; readonly categorical: number };
  /** Each class in class-index order with its rows (default load): `negative` = 0, `positive` = 1. */
  readonly classes: readonly { readonly name: string; readonly rows: number }[];
  /** Size of the original `.dat` text and of its gzip stream inside the package, in bytes. */
  readonly bytes: { readonly text: number; readonly compressed: number };
}

/** What `listDatasets` reports for one table. */
export interface DatasetInfo extends CatalogEntry {
  /** Rows of the largest class per row of the smallest (>= 1), as loaded by default. */
  readonly imbalanceRatio: number;
  /** Name of the smallest class: `'positive'`, except in ecoli-0_vs_1 where it is `'negative'`. */
  readonly minorityClass: string;
  /** Where the table comes from. */
  readonly source: string;
  /** The reference to cite when using it. */
  readonly citation: string;
}

/** Where every bundled table comes from. */
export const KEEL_SOURCE = 'KEEL-dataset repository, imbalanced data sets for classification (https://sci2s.ugr.es/keel/imbalanced.php)';

/** The reference the KEEL repository asks users of its data sets to cite. */
export const KEEL_CITATION =
  'J. Alcalá-Fdez, A. Fernández, J. Luengo, J. Derrac, S. García, L. Sánchez, F. Herrera. KEEL Data-Mining Software Tool: ' +
  'Data Set Repository, Integration of Algorithms and Experimental Analysis Framework. ' +
  'Journal of Multiple-Valued Logic and Soft Computing 17:2-3 (2011) 255-287.';

let infos: readonly DatasetInfo[] | undefined;

function describe(entry: CatalogEntry): DatasetInfo {
  let smallest = entry.classes[0]!;
  let largest = entry.classes[0]!;
  for (const c of entry.classes) {
    if (c.rows < smallest.rows) smallest = c;
    if (c.rows > largest.rows) largest = c;
  }
  return Object.freeze({
    ...entry,
    imbalanceRatio: largest.rows / smallest.rows,
    minorityClass: smallest.name,
    source: KEEL_SOURCE,
    citation: KEEL_CITATION,
  });
}

/**
 * Every bundled table, sorted by name, with its size, features, classes and imbalance ratio.
 * Synchronous and cheap: it reads a catalog generated with the tables and decompresses nothing.
 *
 * @example
 * const hardest = listDatasets().filter((d) => d.imbalanceRatio > 40).map((d) => d.name);
 */
export function listDatasets(): readonly DatasetInfo[] {
  infos ??= Object.freeze(CATALOG.map(describe));
  return infos;
}

/**
 * The `listDatasets` entry of one table; an unknown name throws `UnknownDatasetError`, which
 * lists the nearest names.
 *
 * @example
 * datasetInfo('glass1').rows; // 214
 */
export function datasetInfo(name: string): DatasetInfo {
  const all = listDatasets();
  const found = typeof name === 'string' ? all.find((d) => d.name === name) : undefined;
  if (!found) throw new UnknownDatasetError(name, all.map((d) => d.name));
  return found;
}
